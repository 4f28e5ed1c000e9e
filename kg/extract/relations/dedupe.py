"""One relation per (subject, predicate, object, negation) of a sentence: the most confident."""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.extensions import Relation
from kg.vocab import PREDICATES

__all__ = ["dedupe"]


def dedupe(relations: Iterable[Relation]) -> list[Relation]:
    """The most confident relation of each key, in the order keys first appear (the first of
    equally confident ones); symmetric predicates ignore the direction."""
    best: dict[tuple[object, ...], Relation] = {}
    for r in relations:
        key: tuple[object, ...] = (r.subject.actor.key, r.predicate, r.object.actor.key, r.negated)
        if PREDICATES[r.predicate].symmetric:
            key = (*sorted((r.subject.actor.key, r.object.actor.key)), r.predicate, r.negated)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return list(best.values())
