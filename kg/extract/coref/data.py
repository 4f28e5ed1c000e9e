"""The word lists of the coreference step: ``pipelines/coref.toml`` and the lexicon's cues."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg.actors.kb import KnowledgeBase
from kg.errors import Errors
from kg.extract.actor_linker.data import LinkerData
from kg.extract.lexicon import Lexicon
from kg.resources import pipelines_path

__all__ = ["CorefData", "read_coref_lists"]


@dataclass(frozen=True, slots=True)
class CorefData:
    """Pronoun classes, description heads, event nouns, windows, reporting verbs and the
    linker's data."""

    person: frozenset[str]
    thing: frozenset[str]
    plural: frozenset[str]
    speaker: frozenset[str]
    speaker_side: frozenset[str]
    heads: frozenset[str]
    events: frozenset[str]
    collective_types: frozenset[str]
    windows: dict[str, int]
    reporting: frozenset[str]
    linker: LinkerData

    @property
    def kb(self) -> KnowledgeBase:
        return self.linker.kb

    @classmethod
    def build(cls, kb: KnowledgeBase, lexicon: Lexicon, folder: str | None = None) -> CorefData:
        lists = read_coref_lists(folder)
        pron, desc = lists.get("pronouns", {}), lists.get("descriptions", {})

        def words(table: dict, name: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in table.get(name, []))

        return cls(
            person=words(pron, "person"),
            thing=words(pron, "thing"),
            plural=words(pron, "plural"),
            speaker=words(pron, "speaker"),
            speaker_side=words(pron, "speaker_side"),
            heads=words(desc, "heads"),
            events=words(desc, "events"),
            collective_types=frozenset(desc.get("collective_types", [])),
            windows={k: int(v) for k, v in lists.get("window", {}).items()},
            reporting=lexicon.cue("attribution", "reporting_verbs"),
            linker=LinkerData.build(kb, lexicon),
        )


def read_coref_lists(folder: str | None = None) -> dict:
    """``coref.toml`` of the lexicon folder ``folder``, else the bundled one."""
    path = Path(folder) / "coref.toml" if folder else pipelines_path("coref.toml")
    if not path.is_file():
        path = pipelines_path("coref.toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise Errors.E220.error(path=path, detail=exc) from None
