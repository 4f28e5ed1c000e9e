"""The relation lexicon: triggers, argument frames and cue words, read from ``pipelines/``.

Everything a linguist would want to tune is data: ``triggers.tsv`` (hand-written word →
predicate), ``cameo_verbs.tsv`` (the verbs and verb + object patterns of the CAMEO verb
dictionary, less the lemmas ``cameo_ambiguous.tsv`` leaves out; a hand-written trigger wins
over a CAMEO one of the same lemma), ``frames.tsv`` (which prepositions introduce the object
of each predicate), ``cues.toml``
(negation, modality, attribution, light verbs, agent nouns, titles) and ``words.toml`` (the
other English words the argument and linking rules read). This module only reads.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import Errors
from kg.resources import pipelines_path
from kg.vocab import PREDICATES

__all__ = ["HAND_WRITTEN", "LEXICON_FILES", "NAME_TITLE_LISTS", "Frame", "Lexicon", "load_lexicon"]

#: the source of a trigger of ``triggers.tsv``; a CAMEO trigger's source is "CAMEO <code>"
HAND_WRITTEN = "hand-written"
#: the files of a lexicon folder (what the extractor's configuration digest covers)
LEXICON_FILES = (
    "triggers.tsv",
    "frames.tsv",
    "cues.toml",
    "words.toml",
    "descriptors.tsv",
    "cameo_verbs.tsv",
    "cameo_ambiguous.tsv",
    "agents.tsv",
    "agents_added.tsv",
    "agent_sectors.tsv",
)


@dataclass(frozen=True, slots=True)
class Frame:
    """How a predicate's trigger finds its object."""

    verb_preps: frozenset[str]
    noun_preps: frozenset[str]
    clausal_object: bool
    direct_object: bool = True
    possessive: str = "agent"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Triggers by (lemma, pos), multi-word triggers, frames and cue lists."""

    #: (lemma, "VERB"|"NOUN") → predicate, for one-word triggers
    words: dict[tuple[str, str], str]
    #: (verb lemma, particle) → predicate, for "call on", "clash with"
    particle_verbs: dict[tuple[str, str], str]
    #: (modifier lemma, head lemma) → predicate for two-word nouns ("war game", "trade talk")
    compounds: dict[tuple[str, str], str]
    frames: dict[str, Frame]
    cues: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: descriptor words ("island") → (actor type, allowed keys or None for any)
    descriptors: dict[str, tuple[str, frozenset[str] | None]] = field(default_factory=dict)
    #: other word lists of the rules (``words.toml``): section → name → words
    lists: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: where a trigger of ``words`` / ``particle_verbs`` comes from, by (trigger, pos), when it
    #: is not hand-written: "CAMEO <code>"
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    #: CAMEO verb + object patterns whose object is no trigger of its own ("recall ambassador"):
    #: (verb lemma, object word) → (predicate, "CAMEO <code>")
    object_triggers: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    #: CAMEO verb + object patterns whose object is a noun trigger ("slap sanctions"): the verb
    #: carries the noun as a light verb does, the noun decides the predicate: (verb lemma, noun
    #: lemma) → "CAMEO <code>"
    carriers: dict[tuple[str, str], str] = field(default_factory=dict)
    #: prepositions a CAMEO pattern puts before its target ("fire (AT +)"), by (verb lemma,
    #: object word or ""); the verb rule reads them beside the predicate's frame
    target_preps: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    def source(self, trigger: str, pos: str) -> str:
        """Where the trigger ``trigger`` (a lemma, or "verb particle") comes from."""
        return self.sources.get((trigger, pos), HAND_WRITTEN)

    def cue(self, section: str, name: str) -> frozenset[str]:
        return frozenset(self.cues.get(section, {}).get(name, []))

    def word_list(self, section: str, name: str) -> frozenset[str]:
        """A list of ``words.toml`` as a set (empty when the file or list is missing)."""
        return frozenset(self.lists.get(section, {}).get(name, []))

    @property
    def title_kinds(self) -> dict[str, str]:
        """Title words → "leader", "official" or "spokesperson" (``[titles]`` of cues.toml)."""
        titles = self.cues.get("titles", {})
        return {t: kind for kind in ("official", "leader", "spokesperson") for t in titles.get(kind, [])}


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise Errors.E210.error(path=path, reason=exc.strerror) from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


#: the [titles] lists that only help to find names; a cues.toml of one's own without them
#: gets the bundled ones
NAME_TITLE_LISTS = ("name_prefix_modifiers", "name_prefixes", "before_surname")


def _add_name_titles(cues: dict[str, Any]) -> None:
    titles = cues.setdefault("titles", {})
    if all(name in titles for name in NAME_TITLE_LISTS):
        return
    with pipelines_path("cues.toml").open("rb") as fh:
        bundled = tomllib.load(fh).get("titles", {})
    for name in NAME_TITLE_LISTS:
        titles.setdefault(name, bundled.get(name, []))


@cache
def load_lexicon(folder: str | None = None) -> Lexicon:
    """Read the lexicon from ``folder`` (default: the bundled ``pipelines/``)."""
    base = Path(folder) if folder else pipelines_path()
    words: dict[tuple[str, str], str] = {}
    particle_verbs: dict[tuple[str, str], str] = {}
    compounds: dict[tuple[str, str], str] = {}
    for n, row in enumerate(_rows(base / "triggers.tsv"), 1):
        if len(row) != 3:
            raise Errors.E211.error(file=base / "triggers.tsv", n=n, expected=3, count=len(row))
        trigger, pos, predicate = (c.strip() for c in row)
        if predicate not in PREDICATES:
            raise Errors.E212.error(file=base / "triggers.tsv", n=n, predicate=predicate)
        if pos not in ("VERB", "NOUN"):
            raise Errors.E213.error(file=base / "triggers.tsv", n=n, pos=pos)
        parts = trigger.lower().split()
        if len(parts) == 1:
            words.setdefault((parts[0], pos), predicate)
        elif pos == "VERB" and len(parts) == 2:
            particle_verbs.setdefault((parts[0], parts[1]), predicate)
        else:
            compounds.setdefault((" ".join(parts[:-1]), parts[-1]), predicate)
    cameo = _read_cameo(base, words, particle_verbs)
    frames: dict[str, Frame] = {}
    for row in _rows(base / "frames.tsv")[1:]:
        predicate, verb_preps, noun_preps, clausal, direct, possessive = (c.strip() for c in row)
        frames[predicate] = Frame(
            verb_preps=frozenset(p for p in verb_preps.split(",") if p and p != "-"),
            noun_preps=frozenset(p for p in noun_preps.split(",") if p and p != "-"),
            clausal_object=clausal == "yes",
            direct_object=direct != "no",
            possessive=possessive,
        )
    with (base / "cues.toml").open("rb") as fh:
        cues = tomllib.load(fh)
    if folder:
        _add_name_titles(cues)
    # a lexicon folder of one's own may leave out words.toml: the bundled lists apply
    words_file = base / "words.toml" if (base / "words.toml").exists() else pipelines_path("words.toml")
    with words_file.open("rb") as fh:
        lists = tomllib.load(fh)
    descriptors: dict[str, tuple[str, frozenset[str] | None]] = {}
    if (base / "descriptors.tsv").exists():
        for row in _rows(base / "descriptors.tsv")[1:]:
            phrase, actor_type, keys = (c.strip() for c in row)
            descriptors[phrase] = (actor_type, None if keys == "*" else frozenset(keys.split(",")))
    return Lexicon(
        words=words,
        particle_verbs=particle_verbs,
        compounds=compounds,
        frames=frames,
        cues=cues,
        descriptors=descriptors,
        lists=lists,
        sources=cameo.sources,
        object_triggers=cameo.object_triggers,
        carriers=cameo.carriers,
        target_preps={k: frozenset(v) for k, v in cameo.target_preps.items()},
    )


@dataclass(slots=True)
class _Cameo:
    """The CAMEO triggers read from ``cameo_verbs.tsv``, before they go into the lexicon."""

    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    object_triggers: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    carriers: dict[tuple[str, str], str] = field(default_factory=dict)
    target_preps: dict[tuple[str, str], set[str]] = field(default_factory=dict)


def _cameo_rows(base: Path) -> list[dict[str, str]]:
    """The rows of ``cameo_verbs.tsv`` whose lemma is a word, less the verbs and verb + object
    patterns ``cameo_ambiguous.tsv`` leaves out."""
    path = base / "cameo_verbs.tsv"
    if not path.exists():
        return []  # a lexicon folder of one's own without CAMEO verbs: hand-written triggers only
    ambiguous: set[tuple[str, str]] = set()
    if (base / "cameo_ambiguous.tsv").exists():
        ambiguous = {
            (row[0].strip().lower(), row[1].strip().lower() if len(row) > 1 else "")
            for row in _rows(base / "cameo_ambiguous.tsv")[1:]
            if row
        }
    rows = _rows(path)
    header = [c.strip() for c in rows[0]]
    out = []
    for n, row in enumerate(rows[1:], 1):
        if len(row) != len(header):
            raise Errors.E211.error(file=path, n=n, expected=len(header), count=len(row))
        rec = dict(zip(header, (c.strip() for c in row), strict=True))
        if rec["predicate"] not in PREDICATES:
            raise Errors.E212.error(file=path, n=n, predicate=rec["predicate"])
        verb = " ".join(filter(None, (rec["lemma"], rec["particle"])))
        left_out = (verb, rec["object"]) in ambiguous or (rec["object"] and (verb, "*") in ambiguous)
        if rec["lemma"].isalpha() and not left_out:
            out.append(rec)
    return out


def _read_cameo(base: Path, words: dict[tuple[str, str], str], particle_verbs: dict[tuple[str, str], str]) -> _Cameo:
    """Add the CAMEO verbs to ``words`` and ``particle_verbs`` where no hand-written trigger has
    the lemma, and collect the verb + object patterns and the patterns' target prepositions.

    A verb takes its own code (entry "verb"; the first of several); a pattern's code holds only
    where the pattern matches, so only patterns a frame can hold are read: a one-word object
    after the verb, a preposition before the target. Simplified patterns are left out.
    """
    cameo = _Cameo()
    rows = _cameo_rows(base)
    for rec in (r for r in rows if r["entry"] == "verb" and " " not in r["particle"]):
        lemma, particle, source = rec["lemma"], rec["particle"], f"CAMEO {rec['code']}"
        table, key = (particle_verbs, (lemma, particle)) if particle else (words, (lemma, "VERB"))
        if key not in table:
            table[key] = rec["predicate"]
            cameo.sources[(" ".join(filter(None, (lemma, particle))), "VERB")] = source
    for rec in (r for r in rows if r["entry"] == "pattern" and not r["simplified"] and not r["particle"]):
        lemma, obj, source = rec["lemma"], rec["object"], f"CAMEO {rec['code']}"
        if " " in obj:
            continue
        noun = _noun_trigger(obj, words) if obj else None
        if noun and not _carries(lemma, noun, rec["predicate"], words):
            continue
        if noun:
            cameo.carriers.setdefault((lemma, noun), source)
        elif obj:
            cameo.object_triggers.setdefault((lemma, obj), (rec["predicate"], source))
        elif words.get((lemma, "VERB")) != rec["predicate"]:
            continue  # a target preposition of another code than the verb's own
        if rec["target_prep"]:
            cameo.target_preps.setdefault((lemma, noun or obj), set()).add(rec["target_prep"])
    return cameo


def _carries(verb: str, noun: str, predicate: str, words: dict[tuple[str, str], str]) -> bool:
    """A pattern's verb carries its object noun trigger when the noun's predicate is the pattern's
    and the verb is no verb of saying or feeling (verbal quad classes 1 and 3): who applauds a
    withdrawal does not withdraw ("applaud withdrawal" is CAMEO 0874)."""
    own = words.get((verb, "VERB"))
    verbal = own is not None and PREDICATES[own].quad_class in (1, 3)
    return words[(noun, "NOUN")] == predicate and not verbal


def _noun_trigger(word: str, words: dict[tuple[str, str], str]) -> str | None:
    """The noun trigger a pattern's object word is a form of ("sanctions" → "sanction")."""
    forms = (
        word,
        word[:-1] if word.endswith("s") else "",
        word[:-2] if word.endswith("es") else "",
        word[:-3] + "y" if word.endswith("ies") else "",
    )
    return next((f for f in forms if f and (f, "NOUN") in words), None)
