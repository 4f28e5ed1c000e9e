"""The typed records that flow through geokg: articles in, actors and statements out.

Every record is a frozen dataclass, so it can be hashed, shared between processes and
compared in tests. Extraction is a pure function from an :class:`Article` (plus a
configuration) to :class:`Statement` records; everything downstream (RDF, stores, exports,
analysis) reads these records and nothing else.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Literal, get_args

__all__ = [
    "ACTOR_TYPES",
    "MODALITIES",
    "Actor",
    "ActorType",
    "Article",
    "Evidence",
    "Modality",
    "Role",
    "Statement",
    "normalise_text",
]

ActorType = Literal[
    "State",
    "Person",
    "GovernmentBody",
    "ArmedForce",
    "InternationalOrganization",
    "Organization",
    "Media",
]
ACTOR_TYPES: tuple[str, ...] = get_args(ActorType)

Modality = Literal["actual", "intended", "possible"]
MODALITIES: tuple[str, ...] = get_args(Modality)

RoleKind = Literal["leader", "official", "spokesperson", "member"]


def normalise_text(text: str) -> str:
    """Return the canonical form of an article text that its hash is computed from.

    Unicode NFC, Windows and old Mac line ends turned into ``\\n``, trailing white space
    removed. Character offsets of statements refer to this form.

    >>> normalise_text("Xi met Trump.\\r\\n")
    'Xi met Trump.'
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip()


@dataclass(frozen=True, slots=True)
class Role:
    """An office held by a person, with the dates it was held (ISO strings, open-ended allowed).

    Dates may be partial (``"2017"``, ``"2017-05"``) where the day is not known.
    """

    office: str
    of: str | None = None  # key of the actor the office belongs to ("china")
    kind: RoleKind = "official"
    start: str | None = None
    end: str | None = None

    def holds_on(self, day: Date | None) -> bool:
        """True when the role was held on ``day`` (or, with no day, when it is open-ended)."""
        if day is None:
            return self.end is None
        iso = day.isoformat()
        # a partial date covers its whole year or month: compare on the shared prefix
        if self.start and iso[: len(self.start)] < self.start:
            return False
        if self.end and iso[: len(self.end)] > self.end:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: a state, person, body, armed force, organisation or outlet.

    ``key`` is the stable local name of the actor IRI (``xi-jinping`` →
    ``https://w3id.org/geokg/actor/xi-jinping``). ``known`` is False for actors minted from
    text that the knowledge base does not hold. ``sector`` is the CAMEO agent code of a
    generic actor ("REB" for Mali: rebels; docs/rdf-model.md, "Generic actors"), None otherwise.
    """

    key: str
    label: str
    type: ActorType
    wikidata: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    roles: tuple[Role, ...] = ()
    known: bool = True
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from the input: its text and what is known about it."""

    doc_id: str
    text: str
    title: str | None = None
    date: Date | None = None
    url: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", normalise_text(self.text))

    @property
    def sha256(self) -> str:
        """Hash of the normalised text: an edited article is a new article."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in which article a statement was read, and which rule read it."""

    doc_id: str
    article_sha256: str
    sentence: str
    char_start: int
    char_end: int
    rule: str = ""
    trigger: str = ""
    tokens: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Statement:
    """One extracted relation between two actors, with its evidence.

    The statement IRI is a hash of (article hash, sentence offsets, subject, predicate,
    object, negated, modality): rebuilding the same article gives the same IRIs.
    """

    subject: Actor
    predicate: str
    object: Actor
    evidence: Evidence
    negated: bool = False
    modality: Modality = "actual"
    attributed_to: Actor | None = None
    date: str | None = None
    confidence: float = 0.5

    @property
    def identity(self) -> tuple[str, ...]:
        """What makes two extractions one statement (its IRI is a hash of this).

        Article hash, sentence offsets, subject, predicate, object, negation and modality.
        """
        ev = self.evidence
        return (
            ev.article_sha256,
            str(ev.char_start),
            str(ev.char_end),
            self.subject.key,
            self.predicate,
            self.object.key,
            "1" if self.negated else "0",
            self.modality,
        )

    @property
    def is_direct(self) -> bool:
        """True when the statement also asserts the plain triple (actual and not negated)."""
        return not self.negated and self.modality == "actual"
