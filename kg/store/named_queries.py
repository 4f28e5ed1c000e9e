"""Named SPARQL queries shipped with geokg (``kg query --named NAME --param k=v``).

Each query is a ``.rq`` file in ``kg/store/rq/``. Its first comment lines describe it; lines
``# param NAME: kind  description`` declare parameters. Parameters are bound as RDF terms
through the store's substitutions, never pasted into the query text.

The files are written for the embedded Oxigraph store: statements read inside
``GRAPH ?article { … }`` blocks (each article's named graph, whose name is the article IRI),
optional values inside ``LATERAL { OPTIONAL { … } }`` (SEP-0006, not SPARQL 1.1: Oxigraph then
looks them up per row instead of reading the property for every article in the store), and
sub-selects that steer its joins (docs/sparql-cookbook.md, "Writing queries that stay fast").
Such a query keeps a second text under the same name in ``rq/standard/``: plain SPARQL 1.1
over the union graph, which any SPARQL server and rdflib evaluate well. That is what
:meth:`NamedQuery.text_for` sends to a server; the tests check that both give the same rows.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.namespaces import ACTOR_NS, GKG, XSD, named_node

__all__ = ["NamedQuery", "named_queries", "parse_params"]

_HERE = Path(__file__).resolve().parent / "rq"
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(\w+)\s*(.*)$")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: tuple[tuple[str, str, str], ...]  # (name, kind, description)
    standard: str | None = None  # rq/standard/NAME.rq, when the text is tuned for Oxigraph

    @property
    def standard_text(self) -> str:
        """The query in plain SPARQL 1.1, for any SPARQL server (see the module notes)."""
        return self.text if self.standard is None else self.standard

    def text_for(self, store: object) -> str:
        """The text to run on ``store``: as written for the embedded store, else standard."""
        from kg.store.embedded import GraphStore

        return self.text if isinstance(store, GraphStore) else self.standard_text

    def bind(self, given: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Turn ``NAME=VALUE`` strings into RDF terms of the declared kinds.

        Kinds: ``actor`` (IRI, key or label; a label is matched by the query itself through
        ``?actorLabel``), ``predicate`` (local name), ``date``, ``string``, ``number``.
        """
        declared = {p[0]: p[1] for p in self.params}
        unknown = set(given) - set(declared)
        if unknown:
            raise InputError("E164", f"query {self.name!r} takes {', '.join(declared) or 'no parameters'}, "
                                     f"not {', '.join(sorted(unknown))}")
        out: dict[str, ox.NamedNode | ox.Literal] = {}
        for name, value in given.items():
            kind = declared[name]
            if kind == "actor":
                if value.startswith(ACTOR_NS):
                    out[name] = ox.NamedNode(value)
                else:
                    out[name + "Label"] = ox.Literal(value)
            elif kind == "predicate":
                try:
                    term = GKG[value] if re.fullmatch(r"[A-Za-z]+", value) else None
                except AttributeError:
                    term = None
                if term is None:
                    raise InputError(
                        "E165", f"predicate {value!r} must be a term of the geokg ontology such as pressures"
                    )
                out[name] = named_node(term)
            elif kind == "date":
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    raise InputError("E166", f"{name}={value!r} must be an ISO date such as 2025-09-28")
                out[name] = ox.Literal(value, datatype=named_node(XSD["date"]))
            elif kind == "number":
                try:
                    float(value)
                except ValueError:
                    raise InputError("E167", f"{name}={value!r} must be a number") from None
                out[name] = ox.Literal(value, datatype=named_node(XSD["decimal"]))
            else:
                out[name] = ox.Literal(value)
        return out


@cache
def named_queries() -> dict[str, NamedQuery]:
    """All named queries by name."""
    found: dict[str, NamedQuery] = {}
    for path in sorted(_HERE.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        description: list[str] = []
        params: list[tuple[str, str, str]] = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            m = _PARAM.match(line)
            if m:
                params.append((m.group(1), m.group(2), m.group(3).strip()))
            else:
                description.append(line.lstrip("# ").strip())
        standard = _HERE / "standard" / path.name
        found[path.stem] = NamedQuery(
            path.stem, " ".join(d for d in description if d), text, tuple(params),
            standard.read_text(encoding="utf-8") if standard.is_file() else None,
        )
    return found


def parse_params(items: Sequence[str]) -> dict[str, str]:
    """``["actor=Xi Jinping"]`` → ``{"actor": "Xi Jinping"}``."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError("E168", f"--param {item!r} must look like NAME=VALUE")
        out[name.strip()] = value
    return out
