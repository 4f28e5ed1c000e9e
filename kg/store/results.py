"""SPARQL query results: one typed record, and its output formats.

:class:`QueryResult` is what :meth:`kg.store.GraphStore.query` returns, whatever the query
form. :func:`format_result` writes it as ``table`` (plain text), ``csv`` and ``tsv`` (SPARQL 1.1
CSV/TSV), ``json`` (SPARQL 1.1 Query Results JSON) for SELECT and ASK, or ``ttl``/``nt`` for
CONSTRUCT and DESCRIBE; :func:`result_table` gives the rich table itself for a console.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

import pyoxigraph as ox

from kg.errors import Errors
from kg.terminal import printable
from kg.terms import PREFIXES, RDF, XSD_NS

if TYPE_CHECKING:
    from rich.table import Table

__all__ = [
    "RESULT_FORMATS",
    "QueryKind",
    "QueryResult",
    "Term",
    "format_result",
    "result_table",
    "shorten",
    "to_python",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
QueryKind = Literal["select", "ask", "graph"]

#: formats per query kind; the first one is the default
RESULT_FORMATS: dict[str, tuple[str, ...]] = {
    "select": ("table", "csv", "tsv", "json"),
    "ask": ("table", "csv", "tsv", "json"),
    "graph": ("ttl", "nt", "table"),
}
_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "text": "table"}

_RDF_LANG_STRING = str(RDF.langString)
_INTEGERS = {
    XSD_NS + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOATS = {XSD_NS + "decimal", XSD_NS + "double", XSD_NS + "float"}


def to_python(term: Term | None) -> Any:
    """A Python value for a literal; IRIs, blank nodes and quoted triples stay terms.

    Strings (with or without language) → ``str``, integers → ``int``, decimal/double/float →
    ``float``, boolean → ``bool``, xsd:date → :class:`datetime.date`, xsd:dateTime →
    :class:`datetime.datetime`, gYear and gYearMonth → their ISO text. A literal whose text does
    not fit its datatype, or of another datatype, stays a literal.

    >>> to_python(ox.Literal(3)), to_python(ox.Literal("2017", datatype=ox.NamedNode(XSD_NS + "gYear")))
    (3, '2017')
    """
    if not isinstance(term, ox.Literal):
        return term
    datatype = term.datatype.value
    value = term.value
    try:
        if datatype in (XSD_NS + "string", _RDF_LANG_STRING):
            return value
        if datatype in _INTEGERS:
            return int(value)
        if datatype in _FLOATS:
            return float(value)
        if datatype == XSD_NS + "boolean":
            if value in ("true", "1"):
                return True
            if value in ("false", "0"):
                return False
            return term
        if datatype == XSD_NS + "date":
            return date.fromisoformat(value)
        if datatype == XSD_NS + "dateTime":
            return datetime.fromisoformat(value)
        if datatype in (XSD_NS + "gYear", XSD_NS + "gYearMonth"):
            return value
    except ValueError:
        return term
    return term


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The result of one SPARQL query.

    ``kind`` is ``"select"`` (``variables`` and ``rows``), ``"ask"`` (``boolean``) or ``"graph"``
    for CONSTRUCT and DESCRIBE (``triples``). ``rows`` hold Python values for literals
    (:func:`to_python`) and pyoxigraph terms for IRIs and blank nodes, ``None`` where a variable
    is unbound; ``terms`` holds the same rows as pyoxigraph terms.
    """

    kind: QueryKind
    variables: tuple[str, ...] = ()
    terms: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    _rows: list[tuple[Any, ...]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        """The SELECT rows with Python values (converted on first use, then kept)."""
        if self._rows is None:
            rows = [tuple(to_python(term) for term in row) for row in self.terms]
            object.__setattr__(self, "_rows", rows)
            return rows
        return self._rows

    @classmethod
    def from_pyoxigraph(
        cls,
        result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
        *,
        leave_out: Collection[str] = (),
    ) -> QueryResult:
        """Read a whole pyoxigraph result into a :class:`QueryResult`.

        ``leave_out`` names SELECT variables to drop from the result.
        """
        if isinstance(result, ox.QueryBoolean):
            return cls(kind="ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            return cls(kind="graph", triples=tuple(result))
        keep = [i for i, v in enumerate(result.variables) if v.value not in leave_out]
        variables = tuple(result.variables[i].value for i in keep)
        terms = tuple(tuple(solution[i] for i in keep) for solution in result)
        return cls(kind="select", variables=variables, terms=terms)

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.terms)
        if self.kind == "graph":
            return len(self.triples)
        return 1

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        """Rows of a SELECT, ``(s, p, o)`` terms of a graph result, ``(boolean,)`` for ASK."""
        if self.kind == "select":
            return iter(self.rows)
        if self.kind == "graph":
            return iter((t.subject, t.predicate, t.object) for t in self.triples)
        return iter([(self.boolean,)])

    def dicts(self) -> list[dict[str, Any]]:
        """SELECT rows as ``{variable: value}`` dicts (unbound variables left out)."""
        return [
            {v: value for v, value in zip(self.variables, row, strict=True) if value is not None} for row in self.rows
        ]


# ---------------------------------------------------------------- formatting


def shorten(term: Term | None, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Readable text of a term for a table: ``actor:xi-jinping``, a literal's text, ``_:b0``.

    >>> shorten(ox.NamedNode("https://w3id.org/geokg/actor/china"))
    'actor:china'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best_namespace, best = "", iri
        for prefix, namespace in prefixes.items():
            if iri.startswith(namespace) and len(namespace) > len(best_namespace):
                local = iri[len(namespace) :]
                if local and all(c.isalnum() or c in "-_." for c in local):
                    best_namespace, best = namespace, f"{prefix}:{local}"
        return best
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _csv_text(term: Term | None) -> str:
    # SPARQL 1.1 CSV: IRIs bare, literals as their text, blank nodes as _:label
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_NS + "string":
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _to_json(result: QueryResult) -> str:
    if result.kind == "ask":
        doc: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.terms
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _to_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        writer.writerows([_csv_text(t) for t in row] for row in result.terms)
    return buffer.getvalue()


def _to_tsv(result: QueryResult) -> str:
    # SPARQL 1.1 TSV: ?-prefixed header, terms in Turtle/N-Triples syntax (tabs escaped)
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines.extend("\t".join("" if t is None else str(t) for t in row) for row in result.terms)
    return "\n".join(lines) + "\n"


def result_table(result: QueryResult, *, prefixes: Mapping[str, str] = PREFIXES) -> Table:
    """A rich :class:`~rich.table.Table` of the result, IRIs shortened with ``prefixes``.

    Cell text is never read as rich markup, so ``[bold]`` in an article stays as it is.
    """
    from rich.table import Table
    from rich.text import Text

    if result.kind == "ask":
        table = Table("ask")
        table.add_row(Text("true" if result.boolean else "false"))
        return table
    if result.kind == "graph":
        table = Table("subject", "predicate", "object")
        for triple in result.triples:
            table.add_row(*(Text(printable(shorten(t, prefixes))) for t in triple))
        return table
    table = Table(*result.variables)
    for row in result.terms:
        table.add_row(*(Text(printable(shorten(t, prefixes))) for t in row))
    return table


def _to_table(result: QueryResult) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=160, color_system=None, force_terminal=False)
    console.print(result_table(result))
    if result.kind == "select":
        console.print(f"{len(result)} row{'s' if len(result) != 1 else ''}")
    return buffer.getvalue()


def _to_rdf(result: QueryResult, fmt: str) -> str:
    rdf_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_TRIPLES
    prefixes = dict(PREFIXES) if fmt == "ttl" else None
    data = ox.serialize(result.triples, format=rdf_format, prefixes=prefixes)
    return (data or b"").decode("utf-8")


def format_result(result: QueryResult, fmt: str | None = None) -> str:
    """The result as text in ``fmt`` (default: ``table``, or ``ttl`` for graph results).

    SELECT and ASK: ``table``, ``csv``, ``tsv``, ``json``; CONSTRUCT and DESCRIBE: ``ttl``,
    ``nt``, ``table``.

    >>> print(format_result(QueryResult("ask", boolean=True), "json").strip())
    {
      "head": {},
      "boolean": true
    }
    """
    allowed = RESULT_FORMATS[result.kind]
    name = allowed[0] if fmt is None else _ALIASES.get(fmt.lower(), fmt.lower())
    if name not in allowed:
        kind = {"select": "SELECT", "ask": "ASK", "graph": "CONSTRUCT/DESCRIBE"}[result.kind]
        raise Errors.E340.error(kind=kind, fmt=fmt, allowed=", ".join(allowed))
    if name == "table":
        return _to_table(result)
    if name == "csv":
        return _to_csv(result)
    if name == "tsv":
        return _to_tsv(result)
    if name == "json":
        return _to_json(result)
    return _to_rdf(result, name)
