"""Statements as the JSON objects of the statement JSON Lines format (STATEMENTS.md).

The records of :mod:`kg.types` know nothing of IRIs; this module joins them with the IRIs
minted in :mod:`kg.rdf.iris` and the event coding of :mod:`kg.vocab`.
"""
from __future__ import annotations

from typing import Any

from kg.rdf.iris import actor_iri, statement_iri
from kg.types import Actor, Statement
from kg.vocab import PREDICATES

__all__ = ["actor_to_json", "statement_to_json"]


def actor_to_json(actor: Actor) -> dict[str, Any]:
    """The actor object of the statement JSON Lines format (STATEMENTS.md)."""
    return {
        "id": actor_iri(actor.key),
        "label": actor.label,
        "type": actor.type,
        "wikidata": actor.wikidata,
        "country": actor.country,
    }


def statement_to_json(st: Statement) -> dict[str, Any]:
    """The statement as one object of the JSON Lines format (STATEMENTS.md)."""
    pred = PREDICATES[st.predicate]
    attributed = None
    if st.attributed_to is not None:
        attributed = {
            "id": actor_iri(st.attributed_to.key),
            "label": st.attributed_to.label,
            "type": st.attributed_to.type,
        }
    return {
        "id": statement_iri(st),
        "doc_id": st.evidence.doc_id,
        "subject": actor_to_json(st.subject),
        "predicate": st.predicate,
        "object": actor_to_json(st.object),
        "plover": pred.plover,
        "quad_class": pred.quad_class,
        "negated": st.negated,
        "modality": st.modality,
        "attributed_to": attributed,
        "date": st.date,
        "sentence": st.evidence.sentence,
        "char_start": st.evidence.char_start,
        "char_end": st.evidence.char_end,
        "confidence": round(st.confidence, 3),
        "article": f"{st.evidence.article_sha256}",
    }
