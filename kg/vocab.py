"""The predicate vocabulary, read from ``ontology/geokg.ttl`` (the one source of it).

>>> PREDICATES["pressures"].plover, PREDICATES["pressures"].quad_class
('DEMAND', 3)
>>> PREDICATES["meets"].symmetric
True
>>> PREDICATES["leaderOf"].structural
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from kg.rdf.namespaces import GKG, GKG_NS, OWL, RDF, RDFS, named_node
from kg.resources import ontology_path

__all__ = ["PREDICATES", "STRUCTURAL", "Predicate", "predicates"]

STRUCTURAL = ("leaderOf", "officialOf", "memberOf", "partOf", "spokespersonFor")

_RDF_TYPE = named_node(RDF.type)
_SYMMETRIC = named_node(OWL.SymmetricProperty)
_LABEL = named_node(RDFS.label)
_PLOVER_TYPE = named_node(GKG.ploverType)
_CAMEO_ROOT = named_node(GKG.cameoRoot)
_QUAD_CLASS = named_node(GKG.quadClass)


@dataclass(frozen=True, slots=True)
class Predicate:
    """A relation of ONTOLOGY.md with its event coding (None for structural relations)."""

    name: str
    label: str
    plover: str | None
    cameo: str | None
    quad_class: int | None
    symmetric: bool

    @property
    def structural(self) -> bool:
        return self.plover is None

    @property
    def iri(self) -> str:
        return str(GKG[self.name])


@cache
def predicates() -> dict[str, Predicate]:
    """All predicates of the ontology, event ones with their PLOVER/CAMEO/quad annotations."""
    annotations: dict[str, dict[str, object]] = {}
    for triple in ox.parse(path=str(ontology_path("geokg.ttl"))):
        subject = triple.subject
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(GKG_NS):
            continue
        name = subject.value[len(GKG_NS):]
        slot = annotations.setdefault(name, {})
        prop = triple.predicate
        if prop == _PLOVER_TYPE:
            slot["plover"] = triple.object.value
        elif prop == _CAMEO_ROOT:
            slot["cameo"] = triple.object.value
        elif prop == _QUAD_CLASS:
            slot["quad_class"] = int(triple.object.value)
        elif prop == _RDF_TYPE and triple.object == _SYMMETRIC:
            slot["symmetric"] = True
        elif prop == _LABEL:
            slot["label"] = triple.object.value
    out: dict[str, Predicate] = {}
    for name, slot in annotations.items():
        if "plover" in slot or name in STRUCTURAL:
            out[name] = Predicate(
                name=name,
                label=str(slot.get("label", name)),
                plover=slot.get("plover"),  # type: ignore[arg-type]
                cameo=slot.get("cameo"),  # type: ignore[arg-type]
                quad_class=slot.get("quad_class"),  # type: ignore[arg-type]
                symmetric=bool(slot.get("symmetric")),
            )
    return out


PREDICATES = predicates()
