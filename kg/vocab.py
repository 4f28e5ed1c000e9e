"""The predicate vocabulary, read from ``ontology/geokg.ttl`` (the one source of it).

>>> PREDICATES["pressures"].plover, PREDICATES["pressures"].quad_class
('DEMAND', 3)
>>> PREDICATES["meets"].symmetric
True
>>> PREDICATES["leaderOf"].structural
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from kg.resources import ontology_path
from kg.terms import GKG, GKG_NS, OWL, RDF, RDFS, SCHEMA, named_node

__all__ = ["PREDICATES", "STRUCTURAL", "Predicate", "predicates"]

STRUCTURAL = ("leaderOf", "officialOf", "memberOf", "partOf", "spokespersonFor")

_RDF_TYPE = named_node(RDF.type)
_SYMMETRIC = named_node(OWL.SymmetricProperty)
_LABEL = named_node(RDFS.label)
_PLOVER_TYPE = named_node(GKG.ploverType)
_CAMEO_ROOT = named_node(GKG.cameoRoot)
_QUAD_CLASS = named_node(GKG.quadClass)
# the actor classes the extractor accepts (schema.org's non-inferential domain and range)
_CLASSES = {named_node(SCHEMA.domainIncludes): "subject_types", named_node(SCHEMA.rangeIncludes): "object_types"}


@dataclass(frozen=True, slots=True)
class Predicate:
    """A relation of the ontology (docs/rdf-model.md) with its event coding (None for structural relations)."""

    name: str
    label: str
    plover: str | None
    cameo: str | None
    quad_class: int | None
    symmetric: bool
    #: actor types the extractor accepts as subject / object (``schema:domainIncludes`` /
    #: ``schema:rangeIncludes`` in geokg.ttl); None: any actor
    subject_types: frozenset[str] | None = None
    object_types: frozenset[str] | None = None

    @property
    def structural(self) -> bool:
        return self.plover is None

    @property
    def iri(self) -> str:
        return str(GKG[self.name])


@cache
def predicates() -> dict[str, Predicate]:
    """All predicates of the ontology, event ones with their PLOVER/CAMEO/quad annotations."""
    annotations: dict[str, _Annotations] = {}
    for triple in ox.parse(path=str(ontology_path("geokg.ttl"))):
        subject = triple.subject
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(GKG_NS):
            continue
        name = subject.value[len(GKG_NS) :]
        slot = annotations.setdefault(name, _Annotations())
        prop = triple.predicate
        if prop == _PLOVER_TYPE:
            slot.plover = triple.object.value
        elif prop == _CAMEO_ROOT:
            slot.cameo = triple.object.value
        elif prop == _QUAD_CLASS:
            slot.quad_class = int(triple.object.value)
        elif prop == _RDF_TYPE and triple.object == _SYMMETRIC:
            slot.symmetric = True
        elif prop == _LABEL:
            slot.label = triple.object.value
        elif prop in _CLASSES:
            slot.types[_CLASSES[prop]].add(triple.object.value[len(GKG_NS) :])
    out: dict[str, Predicate] = {}
    for name, slot in annotations.items():
        if slot.plover is not None or name in STRUCTURAL:
            out[name] = Predicate(
                name=name,
                label=slot.label if slot.label is not None else name,
                plover=slot.plover,
                cameo=slot.cameo,
                quad_class=slot.quad_class,
                symmetric=slot.symmetric,
                subject_types=frozenset(slot.types["subject_types"]) or None,
                object_types=frozenset(slot.types["object_types"]) or None,
            )
    return out


@dataclass
class _Annotations:
    """What the ontology says of one term, collected triple by triple."""

    label: str | None = None
    plover: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    symmetric: bool = False
    #: "subject_types" / "object_types" -> the actor classes named (empty: any actor)
    types: dict[str, set[str]] = field(default_factory=lambda: {"subject_types": set(), "object_types": set()})


PREDICATES = predicates()
