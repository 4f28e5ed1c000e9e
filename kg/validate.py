"""``kg validate``: check a store against the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl).

The shapes state what the RDF model (docs/rdf-model.md) promises: one label and one class per actor, statements with
exactly one subject, predicate and object, typed evidence, offsets and confidence, the direct
triple of every actual, not negated statement, well-formed article and actor IRIs, and so on.
Validation runs on the union of all graphs of the store (actors, ontology and articles), so
references across graphs resolve.

>>> from kg.store import GraphStore
>>> with GraphStore.open(None) as store:
...     validate_store(store).conforms
True
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import SH

from kg.errors import Errors
from kg.resources import ontology_path
from kg.terms import PREFIXES

if TYPE_CHECKING:
    from kg.store.embedded import GraphStore
    from kg.store.remote import RemoteStore

__all__ = [
    "ValidationReport",
    "Violation",
    "load_shapes",
    "store_graph",
    "validate_graph",
    "validate_store",
]


def _short(node: rdflib.term.Node | None, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``actor:xi-jinping`` for an IRI under a geokg prefix; a literal's text in quotes."""
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        text = str(node)
        best, best_ns = text, ""
        for prefix, namespace in prefixes.items():
            if text.startswith(namespace) and len(namespace) > len(best_ns):
                local = text[len(namespace) :]
                if local and all(c.isalnum() or c in "-_." for c in local):
                    best, best_ns = f"{prefix}:{local}", namespace
        return best
    if isinstance(node, rdflib.Literal):
        value = str(node)
        if len(value) > 80:
            value = value[:77] + "…"
        return f'"{value}"'
    if isinstance(node, rdflib.BNode):
        return f"_:{node}"
    return str(node)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, in words.

    ``focus`` is the node that breaks a rule, ``path`` the property concerned (empty for a rule
    on the node itself), ``message`` what the rule expects and ``value`` the offending value
    where there is one; all in short prefixed form (``actor:xi-jinping``, ``rdfs:label``).
    """

    severity: str
    focus: str
    path: str
    message: str
    value: str
    constraint: str

    def text(self) -> str:
        """``actor:x rdfs:label: an actor has exactly one rdfs:label … (value "X")``."""
        where = f"{self.focus} {self.path}".strip()
        extra = f" (value {self.value})" if self.value and self.value != self.focus else ""
        level = "" if self.severity == "Violation" else f"[{self.severity.lower()}] "
        return f"{level}{where}: {self.message}{extra}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of a validation: whether the data conforms and what breaks the rules."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int
    report: rdflib.Graph

    def __bool__(self) -> bool:
        return self.conforms

    def text(self, *, limit: int | None = None) -> str:
        """One line per violation (sorted by node), at most ``limit`` of them, and a summary."""
        shown = self.violations if limit is None else self.violations[:limit]
        lines = [v.text() for v in shown]
        hidden = len(self.violations) - len(shown)
        if hidden > 0:
            lines.append(f"… and {hidden} more")
        if self.conforms:
            lines.append(f"conforms: {self.triples} triples checked against the geokg shapes")
        else:
            n = len(self.violations)
            lines.append(f"does not conform: {n} violation{'s' if n != 1 else ''} in {self.triples} triples")
        return "\n".join(lines)


def load_shapes(path: str | os.PathLike[str] | None = None) -> rdflib.Graph:
    """The shapes graph: ``ontology/shapes.ttl``, or the Turtle file ``path``."""
    source = Path(path) if path is not None else ontology_path("shapes.ttl")
    graph = rdflib.Graph()
    try:
        graph.parse(source, format="turtle")
    except FileNotFoundError:
        raise Errors.E395.error(source=source) from None
    except Exception as error:  # rdflib raises many parser error types
        raise Errors.E396.error(source=source, detail=str(error).strip().splitlines()[0][:160]) from None
    return graph


def _violations(report: rdflib.Graph) -> tuple[Violation, ...]:
    found = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        path = report.value(result, SH.resultPath)
        component = report.value(result, SH.sourceConstraintComponent)
        message = report.value(result, SH.resultMessage)
        found.append(
            Violation(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus=_short(report.value(result, SH.focusNode)),
                path="a property path" if isinstance(path, rdflib.BNode) else _short(path),
                message=str(message) if message is not None else "breaks a shape",
                value=_short(report.value(result, SH.value)),
                constraint=str(component).rsplit("#", 1)[-1] if component else "",
            )
        )
    found.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return tuple(found)


def validate_graph(
    data: rdflib.Graph, *, shapes: rdflib.Graph | str | os.PathLike[str] | None = None
) -> ValidationReport:
    """Validate an rdflib graph (all of a store's triples in one graph) against the shapes.

    ``shapes`` is a shapes graph or a Turtle file; the default is ``ontology/shapes.ttl``.
    """
    from pyshacl import validate

    shapes_graph = shapes if isinstance(shapes, rdflib.Graph) else load_shapes(shapes)
    conforms, report, _ = validate(
        data,
        shacl_graph=shapes_graph,
        inference="none",
        allow_warnings=True,
        advanced=False,
    )
    assert isinstance(report, rdflib.Graph)
    return ValidationReport(bool(conforms), _violations(report), len(data), report)


def store_graph(store: GraphStore | RemoteStore) -> rdflib.Graph:
    """All triples of ``store`` (the union of its graphs) in one rdflib graph."""
    buffer = io.BytesIO()
    store.dump("nt", buffer)
    graph = rdflib.Graph()
    graph.parse(data=buffer.getvalue(), format="nt")
    return graph


def validate_store(
    store: GraphStore | RemoteStore,
    *,
    shapes: rdflib.Graph | str | os.PathLike[str] | None = None,
) -> ValidationReport:
    """Validate everything ``store`` holds (union of all graphs) against the shapes.

    Returns a :class:`ValidationReport`; ``report.text()`` lists the violations, one per line.
    """
    return validate_graph(store_graph(store), shapes=shapes)
