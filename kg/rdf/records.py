"""Extracted statements as read-side records and as JSON Lines objects (docs/statements.md).

The records of :mod:`kg.types` know nothing of IRIs; this module joins them with the IRIs
minted in :mod:`kg.rdf.iris` and the event coding of :mod:`kg.vocab`, and gives them the one
typed form of a statement that the rest of geokg reads, :class:`kg.records.StatementRecord`.
"""

from __future__ import annotations

from typing import Any

from kg.rdf.iris import actor_iri, statement_iri
from kg.records import ActorRecord, AttributionRecord, StatementRecord
from kg.types import Actor, Statement
from kg.vocab import PREDICATES

__all__ = ["actor_record", "actor_to_json", "statement_record", "statement_to_json"]


def actor_record(actor: Actor) -> ActorRecord:
    """The actor as the subject or object of a statement record."""
    return ActorRecord(
        id=actor_iri(actor.key),
        label=actor.label,
        type=actor.type,
        wikidata=actor.wikidata,
        country=actor.country,
        sector=actor.sector,
    )


def actor_to_json(actor: Actor) -> dict[str, Any]:
    """The actor object of the statement JSON Lines format."""
    return actor_record(actor).to_json()


def statement_record(st: Statement) -> StatementRecord:
    """The extracted statement as the record a store gives back (without article info)."""
    pred = PREDICATES[st.predicate]
    attributed = None
    if st.attributed_to is not None:
        who = st.attributed_to
        attributed = AttributionRecord(id=actor_iri(who.key), label=who.label, type=who.type)
    return StatementRecord(
        id=statement_iri(st),
        doc_id=st.evidence.doc_id,
        subject=actor_record(st.subject),
        predicate=st.predicate,
        object=actor_record(st.object),
        plover=pred.plover,
        quad_class=pred.quad_class,
        negated=st.negated,
        modality=st.modality,
        attributed_to=attributed,
        date=st.date,
        sentence=st.evidence.sentence,
        char_start=st.evidence.char_start,
        char_end=st.evidence.char_end,
        confidence=round(st.confidence, 3),
        article=st.evidence.article_sha256,
    )


def statement_to_json(st: Statement) -> dict[str, Any]:
    """The statement as one object of the JSON Lines format, keys in the documented order."""
    return statement_record(st).to_json()
