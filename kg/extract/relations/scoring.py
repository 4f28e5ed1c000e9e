"""Confidence of a relation and the actor types a predicate allows: pure functions."""

from __future__ import annotations

from kg.extract.extensions import Mention
from kg.vocab import PREDICATES

__all__ = ["BASE", "linked", "score", "types_fit"]

#: the confidence a rule starts from, before the mentions adjust it
BASE = {"verb": 0.75, "noun": 0.7, "title": 0.85, "surface": 0.55, "nested": 0.55, "pattern": 0.7}


def score(base: float, *mentions: Mention) -> float:
    """``base`` lowered for unknown actors, pronouns, roles and agents, raised for known names."""
    value = base
    for m in mentions:
        if not m.actor.known:
            value -= 0.1
        if m.kind in ("pronoun", "role"):
            value -= 0.1
        elif m.kind == "agent":
            value -= 0.05
        if m.actor.known and m.kind == "name":
            value += 0.05
    return max(0.05, min(0.99, value))


def types_fit(predicate: str, subject_type: str, object_type: str) -> bool:
    """The subject and object types are ones the predicate allows (``schema:domainIncludes``
    and ``schema:rangeIncludes`` in ``ontology/geokg.ttl``): "Biden leads Trump in the polls" is no
    leadership, "Sweden joined France in …" no membership."""
    p = PREDICATES[predicate]
    return (p.subject_types is None or subject_type in p.subject_types) and (
        p.object_types is None or object_type in p.object_types
    )


def linked(m: Mention) -> bool:
    """The mention is of an actor of the actor base, named or standing for it ("Hungarian
    officials"), not a pronoun or a minted name: what a CAMEO trigger's arguments must be."""
    return m.actor.known and m.kind not in ("pronoun", "minted")
