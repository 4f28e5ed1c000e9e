"""The embedded Oxigraph store: the one module that opens, writes and reads a geokg store.

A store is a pyoxigraph :class:`~pyoxigraph.Store`, on disk (a RocksDB folder) or in memory.
Its layout follows docs/rdf-model.md: one named graph per article (its name is the article IRI)
holding the article node, its statement nodes and their direct triples; actor descriptions
and extractor runs in the graph ``https://w3id.org/geokg/graph/actors``; the ontology in
``https://w3id.org/geokg/graph/ontology``. Queries see the union of all graphs as their
default graph.

Writes are atomic per article: :meth:`~kg.store.base.BaseStore.add_article` (the algorithm
both stores share) sends one SPARQL Update request (drop the old graph, retract replaced actor
values, insert the new data), and Oxigraph runs a whole request in one transaction. A process
killed in the middle of a build therefore leaves every article either fully written (old or new
version) or absent, never half of one; the ontology is loaded in its own transaction and reloaded
by the next write if it is missing.

One process at a time may open a store for writing (RocksDB holds a lock on it); opening a store
that another process holds raises :class:`~kg.errors.StoreError`. Read-only opening is refused
while a writer holds the store, because Oxigraph calls reading under a writer undefined.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import Errors, InputError, StoreError
from kg.rdf.convert import (
    ACTORS_GRAPH_NODE,
    DCTERMS_IDENTIFIER,
    ONTOLOGY_GRAPH_NODE,
    RDF_TYPE,
    SCHEMA_NEWS_ARTICLE,
    ontology_quads,
)
from kg.rdf.iris import ARTICLE_NS
from kg.store.base import (
    BaseStore,
    Binding,
    DumpFormat,
    binding_term,
    dump_format,
)
from kg.store.federation import remote_call
from kg.store.results import QueryResult, Term
from kg.store.sparql_text import mentions_variable, project_variables
from kg.terms import PREFIXES

__all__ = ["GraphStore", "open_for_writing"]

_SHA256 = re.compile(r"[0-9a-f]{64}")
# paths this process holds open for writing (RocksDB allows one writer; see _hold_shared_lock)
_OPEN_FOR_WRITING: set[Path] = set()


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def _hold_shared_lock(path: Path) -> BinaryIO | None:
    """A shared POSIX lock on the store's ``LOCK`` file, held while the returned file is open.

    Readers hold it for as long as they read, so a writer (RocksDB takes an exclusive lock on
    the same file) cannot start under them, and readers never block each other. None when a
    writer holds the store. Never called for a path this process holds for writing.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: cannot lock, let RocksDB decide
        return open(os.devnull, "rb")
    lock_file = path / "LOCK"
    handle = open(lock_file if lock_file.exists() else os.devnull, "rb")
    try:
        fcntl.lockf(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _in_use(path: Path) -> StoreError:
    return Errors.E300.error(path=path)


def open_for_writing(folder: Path) -> bool:
    """True when this process holds the store in ``folder`` (resolved) open for writing."""
    return folder in _OPEN_FOR_WRITING


@contextmanager
def _query_errors() -> Iterator[None]:
    """Turn pyoxigraph's query errors into one-line geokg errors."""
    try:
        yield
    except SyntaxError as error:
        raise Errors.E321.error(detail=_one_line(error)) from error
    except RuntimeError as error:
        message = _one_line(error)
        if "does not contains variable" in message or "does not contain variable" in message:
            raise Errors.E326.error(message=message) from error
        raise Errors.E322.error(message=message) from error
    except OSError as error:
        raise Errors.E323.error(detail=_one_line(error)) from error


FLUSH_QUADS = 20_000  # quads an on-disk store writes between two flushes of its write buffers


class GraphStore(BaseStore):
    """A geokg knowledge graph in an embedded Oxigraph store.

    Open it with :meth:`open` (a folder, or ``None`` for a store in memory) and use it as a
    context manager so that the on-disk lock is released::

        with GraphStore.open("kg.store") as store:
            store.add_article(article, statements, run=run)
            store.query("SELECT ?s ?o WHERE { ?s gkg:pressures ?o }")

    One object per store and process; not meant to be written from several threads at once.
    """

    def __init__(self, store: ox.Store, *, path: Path | None, read_only: bool, copy_of: Path | None = None) -> None:
        self._store: ox.Store | None = store
        self._path = path
        self._read_only = read_only
        self._copy_of = copy_of
        self._ontology_checked = False
        self._unflushed = 0  # quads written since the write buffers were last flushed
        self._release: weakref.finalize | None = None
        self._lock: weakref.finalize | None = None  # a reader's shared lock on the store
        if path is not None and not read_only:
            _OPEN_FOR_WRITING.add(path)
            # forget the path when the object goes away, even if nobody called close()
            self._release = weakref.finalize(self, _OPEN_FOR_WRITING.discard, path)

    # ------------------------------------------------------------ opening and closing

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        in_memory: bool = False,
    ) -> GraphStore:
        """Open the store in folder ``path`` (created if missing), or a new in-memory store.

        ``in_memory=True`` reads the store in ``path`` into memory and closes the folder: a
        read-only copy for sessions that run many queries (a notebook, an analysis script).
        Queries that look statements up one by one run about three times faster on it than on
        disk, where every index lookup is a RocksDB seek; copying takes about 1 s and 35 MB of
        memory per 70,000 quads (bench/RESULTS.md). Later changes to the folder are not seen.

        Raises :class:`~kg.errors.StoreError` when another process holds the store, when
        ``path`` is a file or a non-empty folder that is not a store, or (read-only or in
        memory) when there is no store at ``path``.
        """
        if in_memory:
            return cls._copy_into_memory(path)
        if path is None:
            if read_only:
                raise Errors.E328.error()
            return cls(ox.Store(), path=None, read_only=False)
        folder = Path(path).expanduser().resolve()
        if folder.exists() and not folder.is_dir():
            raise Errors.E301.error(folder=folder)
        is_store = (folder / "CURRENT").is_file()
        if read_only:
            return cls._open_read_only(folder, is_store=is_store)
        if folder.is_dir() and not is_store and any(folder.iterdir()):
            raise Errors.E306.error(folder=folder)
        if folder in _OPEN_FOR_WRITING:
            raise Errors.E303.error(folder=folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            store = ox.Store(str(folder))
        except OSError as error:
            message = str(error)
            if "While lock file" in message or "lock hold by" in message:
                raise _in_use(folder) from error
            raise Errors.E304.error(folder=folder, detail=_one_line(error)) from error
        return cls(store, path=folder, read_only=False)

    @classmethod
    def _open_read_only(cls, folder: Path, *, is_store: bool) -> GraphStore:
        if not is_store:
            raise Errors.E302.error(folder=folder)
        if folder in _OPEN_FOR_WRITING:
            raise Errors.E319.error(folder=folder)
        lock = _hold_shared_lock(folder)
        if lock is None:
            raise _in_use(folder)
        try:
            store = ox.Store.read_only(str(folder))
        except OSError as error:
            lock.close()
            raise Errors.E304.error(folder=folder, detail=_one_line(error)) from error
        opened = cls(store, path=folder, read_only=True)
        opened._lock = weakref.finalize(opened, lock.close)  # released on close() or when dropped
        return opened

    @classmethod
    def _copy_into_memory(cls, path: str | os.PathLike[str] | None) -> GraphStore:
        if path is None:
            raise Errors.E305.error()
        with cls.open(path, read_only=True) as disk:
            source = disk._live()
            copy = ox.Store()
            try:
                copy.bulk_extend(source.quads_for_pattern(None, None, None, None))
            except OSError as error:
                raise Errors.E323.error(detail=_one_line(error)) from error
            return cls(copy, path=None, read_only=True, copy_of=disk.path)

    @property
    def path(self) -> Path | None:
        """The store folder, or None for a store in memory (a copy too: see :attr:`copy_of`)."""
        return self._path

    @property
    def copy_of(self) -> Path | None:
        """The folder an in-memory copy was read from (``open(..., in_memory=True)``), else None."""
        return self._copy_of

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def closed(self) -> bool:
        return self._store is None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for what this class does not cover."""
        return self._live()

    def close(self) -> None:
        """Flush and release the store (and its on-disk lock). Closing twice is harmless."""
        store, self._store = self._store, None
        if store is None:
            return
        try:
            if self._path is not None and not self._read_only:
                store.flush()
        finally:
            if self._release is not None:
                self._release()
            del store  # the RocksDB lock goes with the last reference
            if self._lock is not None:
                self._lock()

    def __repr__(self) -> str:
        where = "memory" if self._path is None else str(self._path)
        if self._copy_of is not None:
            where = f"memory, a copy of {self._copy_of}"
        state = "closed" if self.closed else ("read-only" if self._read_only else "read-write")
        return f"<GraphStore {where} ({state})>"

    def _live(self) -> ox.Store:
        if self._store is None:
            raise Errors.E307.error()
        return self._store

    def _writable(self) -> ox.Store:
        store = self._live()
        if self._copy_of is not None:
            raise Errors.E330.error(copy_of=self._copy_of)
        if self._read_only:
            raise Errors.E308.error(store=self._path)
        return store

    def _update(self, request: str, *, what: str) -> None:
        try:
            self._writable().update(request)
        except (OSError, SyntaxError, RuntimeError, ValueError) as error:
            raise Errors.E309.error(what=what, detail=_one_line(error)) from error

    def _wrote(self, quads: int) -> None:
        """Flush RocksDB's write buffers (memtables) to disk every :data:`FLUSH_QUADS` quads.

        Oxigraph leaves RocksDB's own flushing to memtables of 128 MiB for each of its twelve
        column families, so without this a long build keeps everything it wrote in memory
        (about 1 KB per quad: 170 MB after the 19,043 Reuters articles); with it the writer's
        memory stays flat. Each flush writes one file per column family, which RocksDB
        compacts in the background.
        """
        if self._path is None:
            return  # a store in memory has no write buffers
        self._unflushed += quads
        if self._unflushed >= FLUSH_QUADS:
            self._unflushed = 0
            try:
                self._writable().flush()
            except OSError as error:
                raise Errors.E309.error(what="the flush of its write buffers", detail=_one_line(error)) from error

    def _insert(self, quads: list[ox.Quad], *, what: str) -> None:
        # extend() is one transaction too, and 3-4x faster than an INSERT DATA request
        try:
            self._writable().extend(quads)
        except (OSError, ValueError) as error:
            raise Errors.E309.error(what=what, detail=_one_line(error)) from error

    def _select(self, sparql: str, **substitutions: Term) -> list[ox.QuerySolution]:
        subs = {ox.Variable(name): term for name, term in substitutions.items()}
        with _query_errors():
            result = self._start_query(sparql, subs)
            assert isinstance(result, ox.QuerySolutions)
            return list(result)

    # ------------------------------------------------------------ writing

    def _ensure_ontology(self) -> None:
        """Load ontology/geokg.ttl into its graph unless the store holds that exact version."""
        if self._ontology_checked:
            return
        store = self._writable()
        wanted = ontology_quads()
        have = set(store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH_NODE))
        if have != set(wanted):
            # own transaction: blank nodes keep their stable labels only through extend()
            if have:
                store.remove_graph(ONTOLOGY_GRAPH_NODE)
            store.extend(wanted)
        self._ontology_checked = True

    def _graph_quads(self, graph: ox.NamedNode) -> Iterator[ox.Quad]:
        return self._live().quads_for_pattern(None, None, None, graph)

    def _described(self, subjects: list[ox.NamedNode]) -> dict[ox.NamedNode, set[ox.Quad]]:
        """What the actors graph says about ``subjects`` (an index lookup each)."""
        store = self._live()
        return {s: set(store.quads_for_pattern(s, None, None, ACTORS_GRAPH_NODE)) for s in subjects}

    def _doc_graphs(self, doc_id: str) -> set[str]:
        """IRIs of the article graphs whose doc_id is ``doc_id`` (an index lookup)."""
        found = set()
        for quad in self._live().quads_for_pattern(None, DCTERMS_IDENTIFIER, ox.Literal(doc_id)):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and quad.subject == graph:
                if ox.Quad(graph, RDF_TYPE, SCHEMA_NEWS_ARTICLE, graph) in self._live():
                    found.add(graph.value)
        return found

    def remove_article(self, ref: str) -> int:
        """Drop the graphs of the articles ``ref`` names; return how many were removed.

        ``ref`` is an article IRI, the SHA-256 of an article text, or a doc_id (which may name
        several versions). Actor descriptions stay.
        """
        self._writable()
        iris = self._resolve(ref)
        if iris:
            request = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(iri)}" for iri in sorted(iris))
            self._update(request, what=f"the removal of {ref!r}")
        return len(iris)

    def clear(self) -> None:
        """Remove everything: articles, actors, runs and the ontology."""
        self._writable().clear()
        self._ontology_checked = False

    # ------------------------------------------------------------ reading

    def _resolve(self, ref: str) -> set[str]:
        store = self._live()
        if ref.startswith(ARTICLE_NS) or _SHA256.fullmatch(ref):
            iri = ref if ref.startswith(ARTICLE_NS) else ARTICLE_NS + ref
            try:
                node = ox.NamedNode(iri)
            except ValueError:
                return set()
            return {iri} if store.contains_named_graph(node) else set()
        return self._doc_graphs(ref)

    def query(
        self, sparql: str, *, bindings: Mapping[str, Binding] | None = None, federation: bool = False
    ) -> QueryResult:
        """Run a SPARQL query over the union of all graphs and return its whole result.

        The geokg prefixes (``gkg:``, ``actor:``, ``schema:``, ``xsd:``, …) are predeclared.
        ``bindings`` maps variable names to values that pyoxigraph substitutes into the parsed
        query; values are never pasted into its text. Python strings bind as string literals
        (pass a :class:`pyoxigraph.NamedNode` for an IRI). A bound variable that a SELECT does
        not list is added to its SELECT clause for the substitution and left out of the result
        (:mod:`kg.store.sparql_text`). ``GRAPH ?g { … }`` still addresses one article graph.
        A query that calls other servers (``SERVICE``) is refused (E335) unless ``federation``
        is True (:mod:`kg.store.federation`).
        """
        if not federation and (keyword := remote_call(sparql)):
            raise Errors.E335.error(keyword=keyword)
        substitutions = dict(binding_term(k, v) for k, v in (bindings or {}).items())
        text = sparql
        added: list[str] = []
        if substitutions:
            names = [variable.value for variable in substitutions]
            for name in names:
                if not mentions_variable(sparql, name):
                    raise Errors.E327.error(name=name)
            try:
                text, added = project_variables(sparql, names)
            except ValueError:  # a non-ASCII variable name: leave the query as it is
                text, added = sparql, []
        try:
            result = self._run_query(text, substitutions, leave_out=added)
        except InputError as error:
            if not added or error.code != Errors.E321.code:
                raise
            with _query_errors():  # a syntax error of the query itself is reported as such
                self._start_query(sparql, {})  # parsed, not read: no evaluation
            raise Errors.E331.error(variables=", ?".join(added)) from error
        return result

    def _run_query(
        self,
        sparql: str,
        substitutions: Mapping[ox.Variable, Term],
        *,
        leave_out: Sequence[str] = (),
    ) -> QueryResult:
        with _query_errors():  # pyoxigraph evaluates lazily: read the whole result in here
            return QueryResult.from_pyoxigraph(self._start_query(sparql, substitutions), leave_out=leave_out)

    def _start_query(
        self, sparql: str, substitutions: Mapping[ox.Variable, Term]
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Parse ``sparql`` and start evaluating it (solutions come as they are read)."""
        return self._live().query(
            sparql,
            prefixes=dict(PREFIXES),
            use_default_graph_as_union=True,
            substitutions=dict(substitutions) or None,
        )

    def _triple_count(self) -> int:
        return len(self._live())

    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        """All quads, or those of the named graph ``graph``."""
        node = ox.NamedNode(graph) if graph is not None else None
        return list(self._live().quads_for_pattern(None, None, None, node))

    def dump(self, fmt: DumpFormat, out: BinaryIO) -> None:
        """Write the store to the binary stream ``out`` as ``fmt``.

        ``nq``, ``trig`` and ``jsonld`` keep the named graphs; ``ttl`` and ``nt`` merge all
        graphs into one (duplicates removed). Turtle, TriG and JSON-LD bind the geokg prefixes.
        """
        rdf_format = dump_format(fmt)
        store = self._live()
        prefixes = dict(PREFIXES) if fmt in ("ttl", "trig", "jsonld") else None
        if fmt in ("ttl", "nt"):
            triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            assert isinstance(triples, ox.QueryTriples)  # a CONSTRUCT query gives triples
            ox.serialize(triples, out, rdf_format, prefixes=prefixes)
        else:
            store.dump(out, rdf_format, prefixes=prefixes)
