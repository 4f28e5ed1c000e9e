"""CAMEO verbs as triggers: sentence → expected statements with their trigger source, noise
sentences that must yield nothing, and the lexicon data behind them (pipelines/cameo_*.tsv)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import date

import pytest

from kg.errors import KGError
from kg.extract.lexicon import HAND_WRITTEN, LEXICON_FILES, load_lexicon
from kg.extract.pipeline import ExtractConfig
from kg.resources import pipelines_path
from kg.types import Article
from kg.vocab import PREDICATES

# (sentence, {(subject, predicate, object, rule)}): the rule names the trigger's source
FOUND = [
    # the examples
    (
        "Washington slapped sanctions on Tehran on Monday.",  # "slap sanctions" carries the noun
        {("United States", "sanctions", "Iran", "noun (hand-written)")},
    ),
    (
        "Nigeria lambasted the United States over the report.",
        {("Nigeria", "criticizes", "United States", "verb (CAMEO 111)")},
    ),
    ("Russian forces bombarded Ukraine.", {("Russian Armed Forces", "fights", "Ukraine", "verb (CAMEO 190)")}),
    ("Ankara airlifted aid to Tripoli.", {("Turkey", "providesAidTo", "Libya", "verb (CAMEO 073)")}),
    # verb + object patterns; the target after a preposition of pattern_target_preps
    ("Ecuador recalled its ambassador from Venezuela.", {("Ecuador", "sanctions", "Venezuela", "pattern (CAMEO 161)")}),
    ("Spain recalls its ambassador to Israel.", {("Spain", "sanctions", "Israel", "pattern (CAMEO 161)")}),
    (
        "South Korea formally establishes diplomatic relations with Syria.",
        {("South Korea", "supports", "Syria", "pattern (CAMEO 054)")},
    ),
    ("Poland closes its border with Belarus.", {("Poland", "coerces", "Belarus", "pattern (CAMEO 172)")}),
    ("Pakistan exchanged gunfire with India.", {("Pakistan", "fights", "India", "verb (CAMEO 193)")}),
    ("Canada castigated China over the detentions.", {("Canada", "criticizes", "China", "verb (CAMEO 111)")}),
    # a hand-written trigger keeps its source
    ("Kenya praised Ethiopia.", {("Kenya", "supports", "Ethiopia", "verb (hand-written)")}),
]

NOTHING = [
    # sports and economics: ambiguous verbs (cameo_ambiguous.tsv), no actors
    "Spain beat Italy 2-0.",
    "Spain beat Italy 2-0 in Madrid.",
    "Brazil defeated Argentina in the final.",
    "Oil prices hit Asian markets.",
    "Japan increased imports from China.",
    "The Times hit the government over the scandal.",
    # the target is no actor
    "Lagos lambasted the report.",
    "The army bombarded rebel positions.",
    "Washington slapped sanctions on the refinery's owners.",
    # the dictionary has "recall ambassador" and "recall diplomat", not "recall envoy"
    "Quito recalled its envoy from Caracas.",
]


@pytest.fixture(scope="module")
def statements(extractor):
    def run(text: str) -> set[tuple[str, str, str, str]]:
        found = extractor.extract(Article(doc_id="t", text=text, date=date(2025, 9, 29)))
        return {(s.subject.label, s.predicate, s.object.label, s.evidence.rule) for s in found}

    return run


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_cameo_triggers_find(statements, text, expected):
    assert statements(text) == expected


@pytest.mark.parametrize("text", NOTHING)
def test_noise_yields_nothing(statements, text):
    assert statements(text) == set()


def test_a_cameo_trigger_needs_linked_actors_where_a_hand_written_one_takes_a_pronoun(statements):
    before = "Turkish President Recep Tayyip Erdogan spoke on Monday. "
    hand = ("Recep Tayyip Erdoğan", "criticizes", "Israel", "verb (hand-written)")
    assert hand in statements(before + "He later criticized Israel.")
    assert not {s for s in statements(before + "He later castigated Israel.") if s[1] == "criticizes"}
    # an agent noun stands for its state: a linked actor
    assert statements("Japanese officials castigated China.") == {("Japan", "criticizes", "China", "verb (CAMEO 111)")}


def test_hand_written_triggers_win_and_name_their_source():
    lex = load_lexicon()
    assert lex.words[("sign", "VERB")] == "agreesWith" and lex.source("sign", "VERB") == HAND_WRITTEN
    assert lex.source("lambaste", "VERB") == "CAMEO 111"
    assert lex.source("crack down", "VERB") == "CAMEO 170"  # a particle verb
    hand = {row[0] for row in csv.reader(_lines("triggers.tsv"), delimiter="\t") if row[1:2] == ["VERB"]}
    assert all(lex.source(t, "VERB") == HAND_WRITTEN for t in hand)


def test_ambiguous_verbs_are_left_out_but_their_patterns_stay():
    lex = load_lexicon()
    assert ("beat", "VERB") not in lex.words and ("hit", "VERB") not in lex.words
    assert lex.object_triggers[("hit", "positions")] == ("fights", "CAMEO 193")
    assert not any(verb == "announce" for verb, _ in lex.object_triggers)  # "announce *"
    assert ("issue", "warrant") not in lex.object_triggers


def test_verb_object_patterns_carry_a_noun_trigger_of_their_predicate_only():
    lex = load_lexicon()
    assert lex.carriers[("slap", "sanction")] == "CAMEO 163"
    # a verb of saying or feeling does not carry the event: who applauds a withdrawal does not withdraw
    assert ("applaud", "withdrawal") not in lex.carriers and ("condemn", "attack") not in lex.carriers
    assert lex.object_triggers[("recall", "ambassador")] == ("sanctions", "CAMEO 161")
    assert lex.target_preps[("fire", "rocket")] == {"at", "into"}


def test_every_ambiguous_row_names_a_cameo_verb_and_a_reason():
    verbs = {" ".join(filter(None, row[:2])) for row in csv.reader(_lines("cameo_verbs.tsv"), delimiter="\t")}
    objects = {(row[0], row[3]) for row in csv.reader(_lines("cameo_verbs.tsv"), delimiter="\t")}
    rows = list(csv.reader(_lines("cameo_ambiguous.tsv"), delimiter="\t"))[1:]
    assert len(rows) > 100
    for verb, obj, reason in rows:
        assert reason.strip(), verb
        assert verb in verbs if obj in ("", "*") else (verb, obj) in objects, (verb, obj)


def test_material_events_take_no_news_outlet_as_subject():
    assert "Media" not in PREDICATES["attacks"].subject_types
    assert "State" in PREDICATES["attacks"].subject_types and PREDICATES["attacks"].object_types is None
    assert PREDICATES["criticizes"].subject_types is None


def test_a_lexicon_folder_without_cameo_files_has_hand_written_triggers_only(tmp_path):
    for name in ("triggers.tsv", "frames.tsv", "cues.toml"):
        shutil.copy(pipelines_path(name), tmp_path / name)
    own = load_lexicon(str(tmp_path))
    assert own.sources == {} and own.object_triggers == {} and own.carriers == {}
    assert ("lambaste", "VERB") not in own.words and ("sign", "VERB") in own.words


def test_an_unknown_predicate_in_cameo_verbs_is_an_input_error(tmp_path):
    for name in ("triggers.tsv", "frames.tsv", "cues.toml"):
        shutil.copy(pipelines_path(name), tmp_path / name)
    header = "lemma\tparticle\ttarget_prep\tobject\tcode\tpredicate\tentry\tsource\tsimplified\n"
    (tmp_path / "cameo_verbs.tsv").write_text(header + "smite\t\t\t\t190\tsmites\tverb\tX:1\t\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"E212.*row 1: unknown predicate 'smites'"):
        load_lexicon(str(tmp_path))


def test_the_cameo_files_are_part_of_the_configuration_digest():
    files = ExtractConfig()._data_files()
    assert {"cameo_verbs.tsv", "cameo_ambiguous.tsv"} <= set(LEXICON_FILES)
    assert pipelines_path("cameo_verbs.tsv") in files and pipelines_path("cameo_ambiguous.tsv") in files


def test_explain_names_the_trigger_source(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Turkey airlifted aid to Libya. Russia attacked Ukraine.", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "kg", "extract", "--explain", str(text)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "(rule verb (CAMEO 073), trigger 'airlifted'" in run.stderr
    assert "(rule verb (hand-written), trigger 'attacked'" in run.stderr
    assert '"rule": "verb (CAMEO 073)"' in run.stdout


def _lines(name: str) -> list[str]:
    text = pipelines_path(name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
