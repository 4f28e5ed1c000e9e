"""Custom attributes the geokg components read and write (``Doc._.kg_*``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.types import Actor

__all__ = ["Mention", "Relation", "register_extensions"]


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mentioned at tokens ``start:end`` of a doc.

    kind: how it was found: name, capital, demonym, short (surname of a prominent person),
    minted (not in the knowledge base), agent ("Hungarian officials"), role ("the Chinese
    leader"), pronoun ("him", "his administration").
    place: the mention is a place here ("talks in Istanbul"), not an actor acting.
    """

    start: int
    end: int
    actor: Actor
    kind: str
    place: bool = False


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation read from one sentence, before it becomes a :class:`kg.types.Statement`."""

    subject: Mention
    predicate: str
    object: Mention
    sent_start: int  # token index of the sentence start
    sent_end: int
    negated: bool = False
    modality: str = "actual"
    attributed_to: Mention | None = None
    rule: str = ""
    trigger: tuple[int, ...] = ()
    confidence: float = 0.5
    notes: tuple[str, ...] = field(default=())


def register_extensions() -> None:
    """Register the ``Doc._`` attributes once per process (idempotent)."""
    for name, default in (("kg_mentions", None), ("kg_relations", None), ("kg_date", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
