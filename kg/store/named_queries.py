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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import Errors
from kg.terms import ACTOR_NS, GKG, XSD, named_node

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

    @property
    def required(self) -> tuple[str, ...]:
        """Parameters the query needs (those whose description does not say "(optional)")."""
        return tuple(name for name, _kind, text in self.params if "(optional)" not in text)

    def bind(
        self, given: Mapping[str, str], *, actor: Callable[[str], str] | None = None
    ) -> dict[str, ox.NamedNode | ox.Literal]:
        """Turn ``NAME=VALUE`` strings into RDF terms of the declared kinds.

        Kinds: ``actor``, ``predicate`` (local name), ``date``, ``string``, ``number``. An
        actor is given as IRI, key, label or alias: ``actor`` (such as
        :meth:`kg.store.BaseStore.resolve_actor`) turns it into the actor's IRI, which fails
        with a suggestion when the store has no such actor; without it, an IRI is bound as it
        is and anything else is matched by the query itself against the label (``?actorLabel``).
        A required parameter that is missing is refused (E169).
        """
        declared = {p[0]: p[1] for p in self.params}
        unknown = set(given) - set(declared)
        if unknown:
            raise Errors.E164.error(
                name=self.name,
                declared=", ".join(declared) or "no parameters",
                unknown=", ".join(sorted(unknown)),
            )
        missing = [name for name in self.required if not given.get(name, "").strip()]
        if missing:
            raise Errors.E169.error(name=self.name, missing=", ".join(f"--param {name}=…" for name in missing))
        out: dict[str, ox.NamedNode | ox.Literal] = {}
        for name, value in given.items():
            kind = declared[name]
            if kind == "actor":
                if actor is not None:
                    out[name] = ox.NamedNode(actor(value))
                elif value.startswith(ACTOR_NS):
                    try:
                        out[name] = ox.NamedNode(value)
                    except ValueError:
                        raise Errors.E175.error(name=name, value=value) from None
                else:
                    out[name + "Label"] = ox.Literal(value)
            elif kind == "predicate":
                if value not in GKG:
                    raise Errors.E165.error(value=value)
                out[name] = named_node(GKG[value])
            elif kind == "date":
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    raise Errors.E166.error(name=name, value=value)
                out[name] = ox.Literal(value, datatype=named_node(XSD["date"]))
            elif kind == "number":
                try:
                    float(value)
                except ValueError:
                    raise Errors.E167.error(name=name, value=value) from None
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
            path.stem,
            " ".join(d for d in description if d),
            text,
            tuple(params),
            standard.read_text(encoding="utf-8") if standard.is_file() else None,
        )
    return found


def parse_params(items: Sequence[str]) -> dict[str, str]:
    """``["actor=Xi Jinping"]`` → ``{"actor": "Xi Jinping"}``."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise Errors.E168.error(item=item)
        out[name.strip()] = value
    return out
