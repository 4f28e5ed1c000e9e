"""A geokg store on a SPARQL server: the :class:`~kg.store.GraphStore` interface over HTTP.

``kg build|query|export|render|remove|validate --store http(s)://…`` go through
:class:`RemoteStore`, which speaks only W3C protocols, through :mod:`urllib`:

- reads: the SPARQL 1.1 Protocol (query results as SPARQL JSON, graphs as N-Triples) and the
  Graph Store Protocol (``GET ?graph=`` to read one named graph);
- writes: SPARQL 1.1 Update, one request per article (drop the old version, retract replaced
  actor values, insert the new data), and the Graph Store Protocol (``PUT ?graph=`` for the
  ontology graph).

The store layout is the one of docs/rdf-model.md (one named graph per article, actors and ontology
in their own graphs); queries need the union of all graphs as the default graph.

Where the endpoints are depends on the server. The URL is the server's base URL and its
fragment (never sent to the server) names the layout; the default is Oxigraph server's:

=====================  ====================  =====================  ===========================
layout (``#name``)     queries               updates                graph store
=====================  ====================  =====================  ===========================
``oxigraph`` (default) ``BASE/query``        ``BASE/update``        ``BASE/store``
``fuseki``             ``BASE/query``        ``BASE/update``        ``BASE/data``
``graphdb``            ``BASE``              ``BASE/statements``    ``BASE/rdf-graphs/service``
``virtuoso``           ``BASE/sparql``       ``BASE/sparql``        ``BASE/sparql-graph-crud``
=====================  ====================  =====================  ===========================

For example ``http://127.0.0.1:7878``, ``http://localhost:3030/geokg#fuseki`` (a Fuseki dataset
with ``unionDefaultGraph`` set) or ``http://localhost:7200/repositories/geokg#graphdb``.
Oxigraph server is asked for the union default graph with its ``union-default-graph`` request
parameter; GraphDB and Virtuoso query all graphs by default. User name and password may be
given in the URL (``https://user:secret@host/…``); they are sent as HTTP Basic authentication
and never printed.

Parameter bindings cannot travel through the SPARQL protocol. :meth:`RemoteStore.query` binds
them with a ``VALUES`` block placed at the start of the query's top-level group; the values are
RDF terms serialised by pyoxigraph (IRIs validated, literals escaped), so no value can change the
query's structure.
"""

from __future__ import annotations

import base64
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import Errors, StoreError
from kg.rdf.convert import ACTORS_GRAPH_NODE, ONTOLOGY_GRAPH_NODE, ontology_quads
from kg.rdf.iris import ARTICLE_NS
from kg.store import is_remote

# the same conversion of Python values, and the same add_article algorithm, as GraphStore
from kg.store.base import BaseStore, Binding, DumpFormat, binding_term, dump_format
from kg.store.federation import remote_call
from kg.store.results import QueryResult, Term
from kg.store.sparql_text import mentions_variable, where_group
from kg.terms import PREFIXES

__all__ = ["LAYOUTS", "Endpoints", "RemoteStore", "bind_with_values", "is_remote"]

_USER_AGENT = "geokg (SPARQL 1.1 Protocol client)"
_ACCEPT_QUERY = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8"
)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PROLOGUE = " ".join(f"PREFIX {prefix}: <{ns}>" for prefix, ns in PREFIXES.items()) + "\n"
_ERROR_AT = re.compile(r"\b(?:at |line )(\d+)(:\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where a server takes queries, updates and Graph Store Protocol requests."""

    query: str
    update: str
    data: str
    union_parameter: bool = False  # send Oxigraph's union-default-graph request parameter


#: endpoint paths (relative to the base URL) and union parameter of each server layout
LAYOUTS: dict[str, tuple[str, str, str, bool]] = {
    "oxigraph": ("query", "update", "store", True),
    "fuseki": ("query", "update", "data", False),
    "graphdb": ("", "statements", "rdf-graphs/service", False),
    "virtuoso": ("sparql", "sparql", "sparql-graph-crud", False),
}


def _endpoints(url: str) -> tuple[Endpoints, str | None, str]:
    """Endpoints, Basic credentials and the base URL (without credentials) of ``url``."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or port == -1:
        raise Errors.E370.error(url=_printable(url))
    layout = (parts.fragment or "oxigraph").lower()
    if layout not in LAYOUTS:
        raise Errors.E384.error(fragment=parts.fragment, layouts=", ".join("#" + name for name in LAYOUTS))
    credentials = None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if port is not None:
        netloc += f":{port}"
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        credentials = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    query, update, data, union = LAYOUTS[layout]

    def at(path: str) -> str:
        return base + ("/" + path if path else "")

    return Endpoints(at(query), at(update), at(data), union), credentials, base


def _printable(url: str) -> str:
    """``url`` without its password."""
    return re.sub(r"(//[^/:@]*):[^/@]*@", r"\1:***@", url)


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


# ---------------------------------------------------------------- binding through VALUES


def bind_with_values(query: str, terms: Mapping[str, Term]) -> str:
    """``query`` with ``terms`` joined to its top-level WHERE group as a ``VALUES`` block.

    Values are serialised by pyoxigraph as RDF terms (quotes and new lines escaped, IRIs
    validated), so they cannot change the structure of the query.

    >>> bind_with_values("SELECT ?o WHERE { ?s ?p ?o }", {"s": ox.NamedNode("http://x/a")})
    'SELECT ?o WHERE { VALUES (?s) { (<http://x/a>) } ?s ?p ?o }'
    """
    if not terms:
        return query
    for name in terms:
        if not _NAME.fullmatch(name):
            raise Errors.E324.error(name=name)
        if not mentions_variable(query, name):
            raise Errors.E327.error(name=name)
    names = " ".join("?" + name for name in terms)
    row = " ".join(str(term) for term in terms.values())
    block = f"VALUES ({names}) {{ ({row}) }}"
    group = where_group(query)
    if group is None:
        raise Errors.E380.error()
    start, end, is_subselect = group
    if is_subselect:  # a group that is only a subquery: keep it whole as an inner group
        return f"{query[: start + 1]} {block} {{{query[start + 1 : end]}}}{query[end:]}"
    return f"{query[: start + 1]} {block}{query[start + 1 :]}"


# ---------------------------------------------------------------- the store


class RemoteStore(BaseStore):
    """A geokg knowledge graph on a SPARQL 1.1 server, with the interface of GraphStore.

    Open it with :meth:`open` and use it as a context manager::

        with RemoteStore.open("http://127.0.0.1:7878") as store:
            store.add_article(article, statements, run=run)
            store.query("SELECT ?s ?o WHERE { ?s gkg:pressures ?o }")

    Each article is written with one SPARQL Update request; servers that run a request in one
    transaction (Oxigraph, Fuseki, GraphDB) thus never hold half an article.
    """

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        timeout: float = 60.0,
    ) -> None:
        self._endpoints, self._credentials, self._base = _endpoints(url)
        self._read_only = read_only
        self._timeout = timeout
        self._closed = False
        self._ontology_checked = False

    @classmethod
    def open(cls, url: str, *, read_only: bool = False, timeout: float = 60.0) -> RemoteStore:
        """Connect to the SPARQL server at ``url`` and check that it answers queries.

        Raises :class:`~kg.errors.StoreError` when the server cannot be reached, refuses
        access, or has no SPARQL query endpoint where the layout says.
        """
        store = cls(url, read_only=read_only, timeout=timeout)
        store._ask("ASK { }")
        return store

    # ------------------------------------------------------------ properties

    @property
    def url(self) -> str:
        """The base URL of the server (without password)."""
        return _printable(self._base)

    @property
    def endpoints(self) -> Endpoints:
        return self._endpoints

    @property
    def path(self) -> None:
        """Always None: a remote store has no folder (for code written for GraphStore)."""
        return None

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Forget the connection; nothing is held open between requests."""
        self._closed = True

    def __repr__(self) -> str:
        state = "closed" if self._closed else ("read-only" if self._read_only else "read-write")
        return f"<RemoteStore {self.url} ({state})>"

    # ------------------------------------------------------------ HTTP

    def _http(
        self,
        method: str,
        url: str,
        *,
        params: Sequence[tuple[str, str]] = (),
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
    ) -> tuple[int, str, bytes]:
        """One request; returns (status, content type, body), error statuses included.

        Raises StoreError when the server cannot be reached at all.
        """
        if self._closed:
            raise Errors.E379.error()
        full = url + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(full, data=body, method=method)
        request.add_header("User-Agent", _USER_AGENT)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        if self._credentials:
            request.add_header("Authorization", "Basic " + self._credentials)
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise Errors.E371.error(url=_printable(url), reason=reason) from None

    def _failure(self, status: int, body: bytes, url: str, *, what: str) -> StoreError:
        """The error to raise for an HTTP error status."""
        where = _printable(url)
        detail = _one_line(body.decode("utf-8", "replace")) or "no reason given"
        if status in (401, 403):
            return Errors.E372.error(where=where, what=what, status=status, detail=detail)
        if status in (404, 405):
            return Errors.E373.error(
                where=where,
                status=status,
                layouts=", ".join("#" + name for name in LAYOUTS),
            )
        return Errors.E375.error(what=what, where=where, status=status, detail=detail)

    def _post_query(self, sparql: str) -> tuple[str, bytes]:
        params = [("query", _PROLOGUE + sparql)]
        if self._endpoints.union_parameter:
            params.append(("union-default-graph", "true"))
        url = self._endpoints.query
        status, content_type, body = self._http(
            "POST",
            url,
            body=urllib.parse.urlencode(params).encode("utf-8"),
            content_type="application/x-www-form-urlencoded",
            accept=_ACCEPT_QUERY,
        )
        if status == 400:
            detail = _shift(_one_line(body.decode("utf-8", "replace"))) or "no reason given"
            raise Errors.E374.error(detail=detail)
        if status >= 300:
            raise self._failure(status, body, url, what="the query")
        return content_type, body

    def _ask(self, sparql: str) -> bool:
        result = self._parse_result(*self._post_query(sparql))
        return bool(result.boolean)

    def _parse_result(self, content_type: str, body: bytes) -> QueryResult:
        media = content_type.split(";")[0].strip().lower()
        try:
            results_format = ox.QueryResultsFormat.from_media_type(media)
            if results_format is not None:
                parsed = ox.parse_query_results(body, format=results_format)
                return QueryResult.from_pyoxigraph(parsed)
            rdf_format = ox.RdfFormat.from_media_type(media)
            if rdf_format is not None:
                triples = tuple(ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=rdf_format))
                return QueryResult("graph", triples=triples)
        except (SyntaxError, ValueError) as error:
            raise Errors.E332.error(detail=_one_line(str(error))) from None
        raise Errors.E377.error(media=media or "no content type")

    def _select(self, sparql: str, **substitutions: Term) -> list[ox.QuerySolution]:
        """Rows of a SELECT query (GraphStore's private reading interface)."""
        text = bind_with_values(sparql, substitutions) if substitutions else sparql
        content_type, body = self._post_query(text)
        media = content_type.split(";")[0].strip().lower()
        results_format = ox.QueryResultsFormat.from_media_type(media)
        if results_format is None:
            raise Errors.E399.error(media=media)
        parsed = ox.parse_query_results(body, format=results_format)
        assert isinstance(parsed, ox.QuerySolutions)
        return list(parsed)

    def _update(self, request: str, *, what: str) -> None:
        self._writable()
        url = self._endpoints.update
        status, _, body = self._http(
            "POST",
            url,
            body=(_PROLOGUE + request).encode("utf-8"),
            content_type="application/sparql-update",
        )
        if status >= 300:
            error = self._failure(status, body, url, what=what)
            if error.code == Errors.E375.code:
                detail = _one_line(body.decode("utf-8", "replace")) or f"HTTP {status}"
                raise Errors.E376.error(what=what, detail=detail)
            raise error

    def _writable(self) -> None:
        if self._read_only:
            raise Errors.E308.error(store=self.url)

    def _graph_quads(self, graph: ox.NamedNode) -> list[ox.Quad]:
        """The quads of one named graph (Graph Store Protocol GET; [] when it does not exist)."""
        url = self._endpoints.data
        status, content_type, body = self._http(
            "GET",
            url,
            params=[("graph", graph.value)],
            accept="application/n-triples, text/turtle;q=0.8",
        )
        if status == 404:
            return []
        if status >= 300:
            raise self._failure(status, body, url, what=f"reading graph {graph}")
        if not body:
            return []
        media = content_type.split(";")[0].strip().lower() or "application/n-triples"
        rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in ox.parse(body, format=rdf_format)]

    # ------------------------------------------------------------ writing

    def _ensure_ontology(self) -> None:
        """PUT ontology/geokg.ttl into its graph unless the server holds that version."""
        if self._ontology_checked:
            return
        wanted = ontology_quads()
        have = self._graph_quads(ONTOLOGY_GRAPH_NODE)

        def ground(quads: Iterable[ox.Quad]) -> set[ox.Triple]:
            return {
                ox.Triple(q.subject, q.predicate, q.object)
                for q in quads
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
            }

        if len(have) != len(wanted) or ground(have) != ground(wanted):
            data = ox.serialize(
                [ox.Triple(q.subject, q.predicate, q.object) for q in wanted],
                format=ox.RdfFormat.N_TRIPLES,
            )
            url = self._endpoints.data
            status, _, body = self._http(
                "PUT",
                url,
                params=[("graph", ONTOLOGY_GRAPH_NODE.value)],
                body=data,
                content_type="application/n-triples",
            )
            if status >= 300:
                raise self._failure(status, body, url, what="loading the ontology graph")
        self._ontology_checked = True

    def _described(self, subjects: Iterable[ox.NamedNode]) -> dict[ox.NamedNode, set[ox.Quad]]:
        """What the actors graph says about ``subjects`` (one query)."""
        nodes = sorted(set(subjects), key=lambda node: node.value)
        found: dict[ox.NamedNode, set[ox.Quad]] = {node: set() for node in nodes}
        if not nodes:
            return found
        values = " ".join(str(node) for node in nodes)
        rows = self._select(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} GRAPH {ACTORS_GRAPH_NODE} {{ ?s ?p ?o }} }}"
        )
        for row in rows:
            subject = row[0]
            found.setdefault(subject, set()).add(ox.Quad(subject, row[1], row[2], ACTORS_GRAPH_NODE))
        return found

    def _doc_graphs(self, doc_id: str) -> set[str]:
        rows = self._select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a schema:NewsArticle ; dcterms:identifier ?doc } }",
            doc=ox.Literal(doc_id),
        )
        return {row[0].value for row in rows}

    def remove_article(self, ref: str) -> int:
        """Drop the graphs of the articles ``ref`` names (IRI, text SHA-256 or doc_id)."""
        self._writable()
        iris = self._resolve(ref)
        if iris:
            request = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(iri)}" for iri in sorted(iris))
            self._update(request, what=f"the removal of {ref!r}")
        return len(iris)

    def clear(self) -> None:
        """Remove every geokg graph: articles, actors and ontology.

        Unlike :meth:`GraphStore.clear` this leaves graphs that are not geokg's alone, so that
        a shared server keeps its other data.
        """
        self._writable()
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a schema:NewsArticle } }")
        graphs = sorted({row[0].value for row in rows if row[0].value.startswith(ARTICLE_NS)})
        graphs += [ACTORS_GRAPH_NODE.value, ONTOLOGY_GRAPH_NODE.value]
        self._update(
            " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(iri)}" for iri in graphs),
            what="clearing the store",
        )
        self._ontology_checked = False

    # ------------------------------------------------------------ reading

    def _resolve(self, ref: str) -> set[str]:
        if ref.startswith(ARTICLE_NS) or _SHA256.fullmatch(ref):
            iri = ref if ref.startswith(ARTICLE_NS) else ARTICLE_NS + ref
            try:
                node = ox.NamedNode(iri)
            except ValueError:
                return set()
            held = self._ask(f"ASK {{ GRAPH {node} {{ {node} a schema:NewsArticle }} }}")
            return {iri} if held else set()
        return self._doc_graphs(ref)

    def query(
        self, sparql: str, *, bindings: Mapping[str, Binding] | None = None, federation: bool = False
    ) -> QueryResult:
        """Run a SPARQL query on the server (union default graph) and return its whole result.

        The geokg prefixes are predeclared, as for :meth:`GraphStore.query`. ``bindings`` are
        joined to the query's top-level group as a ``VALUES`` block of RDF terms
        (:func:`bind_with_values`); Python values convert as in GraphStore.
        A query that calls other servers (``SERVICE``) is refused (E335) unless ``federation``
        is True (:mod:`kg.store.federation`).
        """
        if not federation and (keyword := remote_call(sparql)):
            raise Errors.E335.error(keyword=keyword)
        terms = {variable.value: term for variable, term in (binding_term(k, v) for k, v in (bindings or {}).items())}
        text = bind_with_values(sparql, terms) if terms else sparql
        return self._parse_result(*self._post_query(text))

    def _triple_count(self) -> int:
        return int(self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0][0].value)

    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        """All quads of the named graphs, or those of the named graph ``graph``."""
        if graph is not None:
            return self._graph_quads(ox.NamedNode(graph))
        return self._all_quads()

    def _all_quads(self) -> list[ox.Quad]:
        # Oxigraph and Fuseki answer a GET on the graph store with the whole dataset; servers
        # that do not are read graph by graph (Graph Store Protocol GET ?graph=)
        status, content_type, body = self._http("GET", self._endpoints.data, accept="application/n-quads")
        media = content_type.split(";")[0].strip().lower()
        if status == 200 and media in ("application/n-quads", "application/trig"):
            rdf_format = ox.RdfFormat.from_media_type(media)
            return [q for q in ox.parse(body, format=rdf_format) if not isinstance(q.graph_name, ox.DefaultGraph)]
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        out: list[ox.Quad] = []
        for row in sorted(rows, key=lambda r: r[0].value):
            if isinstance(row[0], ox.NamedNode):
                out.extend(self._graph_quads(row[0]))
        return out

    def dump(self, fmt: DumpFormat, out: BinaryIO) -> None:
        """Write the store's named graphs to ``out`` as ``fmt`` (as :meth:`GraphStore.dump`)."""
        rdf_format = dump_format(fmt)
        quads = self._all_quads()
        prefixes = dict(PREFIXES) if fmt in ("ttl", "trig", "jsonld") else None
        if fmt in ("ttl", "nt"):
            triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
            ox.serialize(triples, out, rdf_format, prefixes=prefixes)
        else:
            ox.serialize(quads, out, rdf_format, prefixes=prefixes)


def _shift(message: str) -> str:
    """A server error message with line numbers of the user's query (the prologue is line 1)."""

    def back(match: re.Match[str]) -> str:
        line = max(1, int(match.group(1)) - 1)
        return match.group(0).replace(match.group(1), str(line), 1)

    return _ERROR_AT.sub(back, message, count=1)
