"""The relation lexicon: triggers, argument frames and cue words, read from ``pipelines/``.

Everything a linguist would want to tune is data: ``triggers.tsv`` (word → predicate),
``frames.tsv`` (which prepositions introduce the object of each predicate), ``cues.toml``
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

__all__ = ["NAME_TITLE_LISTS", "Frame", "Lexicon", "load_lexicon"]


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
            raise Errors.E211.error(file=base / "triggers.tsv", n=n, count=len(row))
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
    return Lexicon(words=words, particle_verbs=particle_verbs, compounds=compounds, frames=frames, cues=cues,
                   descriptors=descriptors, lists=lists)
