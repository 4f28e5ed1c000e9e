"""The parts of the relation component, each on its own: tables of sentence → records.

Every rule family runs alone (``rules=[name]``) so a row shows what that family reads; the
pure helpers (qualifiers, titles, scoring, types, dedupe) are checked on parsed sentences or
hand-made records. Rows that yield nothing are part of each table.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.errors import KGError
from kg.extract.extensions import Mention, Relation
from kg.extract.lexicon import load_lexicon
from kg.extract.relations import RelationExtractor
from kg.extract.relations.context import RuleData
from kg.extract.relations.dedupe import dedupe
from kg.extract.relations.qualifiers import attribution, modality, negated
from kg.extract.relations.rules import get_rule
from kg.extract.relations.rules.titles import title_kind
from kg.extract.relations.scoring import score, types_fit
from kg.types import Actor, Article

DATA = RuleData.from_lexicon(load_lexicon())


@pytest.fixture(scope="module")
def parse(extractor):
    """Text → the doc after the actor linker (no relations yet) and its mentions by token."""
    linker_at = extractor.nlp.pipe_names.index("kg_actor_linker")

    def run(text: str):
        doc = extractor.make_doc(Article(doc_id="t", text=text, date=date(2025, 9, 29)))
        for _, proc in extractor.nlp.pipeline[: linker_at + 1]:
            doc = proc(doc)
        by_token = {}
        for m in doc._.kg_mentions:
            for i in range(m.start, m.end):
                by_token.setdefault(i, m)
        return doc, by_token

    return run


RULE_ROWS = [
    ("verb", "Russia attacked Ukraine.", {("russia", "attacks", "ukraine", "verb (hand-written)")}),
    ("verb", "Trump was pressured by Xi.", {("xi-jinping", "pressures", "donald-trump", "verb (hand-written)")}),
    ("verb", "Chinese President Xi Jinping spoke on Monday.", set()),
    ("noun", "China imposed sanctions on Japan.", {("china", "sanctions", "japan", "noun (hand-written)")}),
    ("noun", "Russia attacked Ukraine.", set()),
    (
        "titles",
        "Chinese President Xi Jinping spoke on Monday.",
        {("xi-jinping", "leaderOf", "china", "title (hand-written)")},
    ),
    ("titles", "Russia attacked Ukraine.", set()),
    ("surface", "Xi Pressures Trump", {("xi-jinping", "pressures", "donald-trump", "surface (hand-written)")}),
    (
        "surface",
        (
            "Xi met Trump in Busan on Thursday after a long day of talks between the two delegations "
            "that had been prepared for months by officials of both governments."
        ),
        set(),
    ),
    (
        "collective",
        "Delegations of Chile, Peru and Bolivia met in Lima.",
        {
            ("chile", "meets", "peru", "verb (hand-written)"),
            ("chile", "meets", "bolivia", "verb (hand-written)"),
            ("peru", "meets", "bolivia", "verb (hand-written)"),
        },
    ),
    ("collective", "Chile and Peru urged Bolivia to reopen the border.", set()),  # not symmetric
    (
        "shared_titles",
        "Polish Prime Minister Donald Tusk and defence minister Jan Kowalski met.",
        {("jan-kowalski", "officialOf", "poland", "title (hand-written)")},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), RULE_ROWS)
def test_each_rule_family_alone(parse, name, text, expected):
    doc, by_token = parse(text)
    component = RelationExtractor(load_lexicon(), rules=[name])
    got = {
        (r.subject.actor.key, r.predicate, r.object.actor.key, r.rule)
        for sent in doc.sents
        for r in component.sentence(sent, by_token)
    }
    assert got == expected


def test_an_unknown_rule_name_says_which_there_are():
    with pytest.raises(
        KGError, match=r"unknown relation rule 'coref'.*collective, membership, noun, .*surface, titles, verb"
    ):
        get_rule("coref")


QUALIFIER_ROWS = [
    # sentence, trigger word, negated, modality, attributed to
    ("Russia attacked Ukraine.", "attacked", False, "actual", None),
    ("Trump declined to approve more aid to Taiwan.", "approve", True, "actual", None),
    ("Iran did not attack Israel.", "attack", True, "actual", None),
    ("China could attack Taiwan.", "attack", False, "possible", None),
    ("Iran plans to attack Israel.", "attack", False, "intended", None),
    ("Israel attacked Hezbollah, Reuters reported.", "attacked", False, "actual", "reuters"),
    ("According to Reuters, Israel attacked Hezbollah.", "attacked", False, "actual", "reuters"),
]


@pytest.mark.parametrize(("text", "word", "is_negated", "mode", "source"), QUALIFIER_ROWS)
def test_negation_modality_attribution(parse, text, word, is_negated, mode, source):
    doc, by_token = parse(text)
    tok = next(t for t in doc if t.text == word)
    sent = tok.sent
    assert negated(tok, DATA) is is_negated
    assert modality(tok, sent, DATA) == mode
    found = attribution(tok, sent, by_token, DATA)
    assert (found.actor.key if found is not None else None) == source


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("president", "leader"),
        ("former foreign minister", "official"),
        ("spokesman", "spokesperson"),
        ("washington bureau chief", None),  # a bureau chief is no title of Washington
        ("", None),
    ],
)
def test_title_kind(words, kind):
    assert title_kind(words, DATA) == kind


@pytest.mark.parametrize(
    ("predicate", "subject", "object", "fits"),
    [
        ("leaderOf", "Person", "State", True),
        ("leaderOf", "Person", "Person", False),  # "Biden leads Trump in the polls"
        ("leaderOf", "State", "State", False),
        ("memberOf", "State", "InternationalOrganization", True),
        ("memberOf", "State", "State", False),  # "Sweden joined France in …"
        ("partOf", "ArmedForce", "State", True),
        ("partOf", "Person", "State", False),
        ("attacks", "Person", "Person", True),  # event relations take any actors
    ],
)
def test_types_fit_reads_the_ontology(predicate, subject, object, fits):
    assert types_fit(predicate, subject, object) is fits


def _mention(key: str, kind: str = "name", known: bool = True, start: int = 0) -> Mention:
    return Mention(start, start + 1, Actor(key=key, label=key, type="State", known=known), kind)


@pytest.mark.parametrize(
    ("base", "mentions", "expected"),
    [
        (0.75, [("name", True), ("name", True)], 0.85),
        (0.75, [("role", True), ("role", True)], 0.55),
        (0.55, [("minted", False), ("minted", False)], 0.35),
        (0.05, [("pronoun", False), ("pronoun", False)], 0.05),  # clamped
    ],
)
def test_score(base, mentions, expected):
    ms = [_mention(f"a{n}", kind, known) for n, (kind, known) in enumerate(mentions)]
    assert score(base, *ms) == pytest.approx(expected)


def test_dedupe_keeps_the_first_most_confident_per_key_and_ignores_direction_of_symmetric():
    a, b = _mention("a"), _mention("b", start=2)

    def rel(s, p, o, confidence, rule, negated=False):
        return Relation(
            subject=s,
            predicate=p,
            object=o,
            sent_start=0,
            sent_end=3,
            rule=rule,
            confidence=confidence,
            negated=negated,
        )

    rows = [
        rel(a, "attacks", b, 0.7, "noun"),
        rel(a, "attacks", b, 0.75, "verb"),
        rel(a, "attacks", b, 0.75, "surface"),
        rel(a, "meets", b, 0.7, "verb"),
        rel(b, "meets", a, 0.7, "noun"),
        rel(a, "attacks", b, 0.5, "verb", negated=True),
        rel(b, "attacks", a, 0.5, "verb"),
    ]
    assert [(r.subject.actor.key, r.predicate, r.rule, r.negated) for r in dedupe(rows)] == [
        ("a", "attacks", "verb", False),
        ("a", "meets", "verb", False),
        ("a", "attacks", "verb", True),
        ("b", "attacks", "verb", False),
    ]
    assert dedupe([]) == []
