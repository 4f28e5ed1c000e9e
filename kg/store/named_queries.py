"""Named SPARQL queries shipped with geokg (``kg query --named NAME --param k=v``).

Each query is a ``.rq`` file in ``kg/store/rq/``. Its first comment lines describe it; lines
``# param NAME: kind  description`` declare parameters. Parameters are bound as RDF terms
through the store's substitutions, never pasted into the query text.

The files are written for the embedded Oxigraph store. One construct in them is not SPARQL 1.1:
``LATERAL { OPTIONAL { … } }`` (SEP-0006, which Oxigraph and Jena implement) makes Oxigraph
look an optional value up once per row instead of reading every value of that property in
the store (for an actor with one statement, 1 ms instead of 30). When each variable that the
OPTIONAL block shares with the rest of the query is bound before it, as in every shipped
query, it gives the same rows as the plain ``OPTIONAL { … }``, which is what
:meth:`NamedQuery.text_for` sends to a SPARQL server. A query that uses ``LATERAL`` otherwise
keeps its SPARQL 1.1 form in ``rq/standard/`` under the same name (the tests check that both
forms give the same rows).

>>> print(standard_sparql("SELECT * WHERE { ?s ?p ?o LATERAL { OPTIONAL { ?o ?q ?v } } }"))
SELECT * WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?v } }
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf.iris import ACTOR_NS, GKG_NS

__all__ = ["NamedQuery", "named_queries", "parse_params", "standard_sparql"]

_HERE = Path(__file__).resolve().parent / "rq"
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(\w+)\s*(.*)$")
_LATERAL_OPTIONAL = re.compile(r"LATERAL(?:\s|#[^\n]*)*\{(?:\s|#[^\n]*)*(?=OPTIONAL\s*\{)")


_SKIPPED = re.compile(r"""#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^\s<>"{}]*>""")


def _closing_brace(text: str, start: int) -> int:
    """Index of the ``}`` that closes the ``{`` at ``start``; comments, strings and IRIs skipped."""
    depth, i = 0, start
    while i < len(text):
        skipped = _SKIPPED.match(text, i)
        if skipped is not None:
            i = skipped.end()
            continue
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced braces after position {start}")


def standard_sparql(text: str) -> str:
    """``text`` with each ``LATERAL { OPTIONAL { … } }`` written as plain ``OPTIONAL { … }``."""
    while (found := _LATERAL_OPTIONAL.search(text)) is not None:
        optional_end = _closing_brace(text, text.index("{", found.end()))
        lateral_end = _closing_brace(text, text.index("{", found.start()))
        if text[optional_end + 1:lateral_end].strip():
            raise ValueError("LATERAL may hold only one OPTIONAL block in a named query")
        text = (text[:found.start()] + text[found.end():optional_end + 1]
                + text[lateral_end + 1:])
    return text


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: tuple[tuple[str, str, str], ...]  # (name, kind, description)
    standard: str | None = None  # rq/standard/NAME.rq, where the text cannot be unwrapped

    @property
    def standard_text(self) -> str:
        """The query in standard SPARQL 1.1, for any SPARQL server (see the module notes)."""
        return self.standard if self.standard is not None else standard_sparql(self.text)

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
                if not re.fullmatch(r"[A-Za-z]+", value):
                    raise InputError("E165", f"predicate {value!r} must be a local name such as pressures")
                out[name] = ox.NamedNode(GKG_NS + value)
            elif kind == "date":
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    raise InputError("E166", f"{name}={value!r} must be an ISO date such as 2025-09-28")
                out[name] = ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
            elif kind == "number":
                try:
                    float(value)
                except ValueError:
                    raise InputError("E167", f"{name}={value!r} must be a number") from None
                out[name] = ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
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
