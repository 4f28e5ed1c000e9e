"""The knowledge graph store: embedded Oxigraph, SPARQL servers, and query results.

- :class:`GraphStore`: an embedded Oxigraph store, on disk or in memory;
- :class:`RemoteStore`: the same interface on a SPARQL 1.1 server (``--store http(s)://…``);
- :class:`OxigraphServer`: ``kg serve``, a SPARQL endpoint over a store folder;
- :func:`rdflib_dataset`: an rdflib view of an embedded store, for notebooks.

>>> from kg.store import GraphStore
>>> with GraphStore.open(None) as store:
...     store.stats()["articles"]
0
"""

from typing import TYPE_CHECKING, Any

from kg.errors import Errors
from kg.store.base import DUMP_FORMATS, BaseStore, Binding, DumpFormat
from kg.store.embedded import GraphStore
from kg.store.remote import LAYOUTS, Endpoints, RemoteStore, is_remote
from kg.store.results import RESULT_FORMATS, QueryResult, format_result, result_table
from kg.store.serve import OxigraphServer, free_port, oxigraph_executable

if TYPE_CHECKING:
    from kg.store.rdflib_view import rdflib_dataset

__all__ = [
    "DUMP_FORMATS",
    "LAYOUTS",
    "RESULT_FORMATS",
    "BaseStore",
    "Binding",
    "DumpFormat",
    "Endpoints",
    "GraphStore",
    "OxigraphServer",
    "QueryResult",
    "RemoteStore",
    "format_result",
    "free_port",
    "is_remote",
    "open_store",
    "oxigraph_executable",
    "rdflib_dataset",
    "result_table",
]


def open_store(
    location: str | None = None, *, read_only: bool = False, in_memory: bool = False
) -> GraphStore | RemoteStore:
    """Open a store: a folder (or None, in memory) as :class:`GraphStore`, an http(s) URL as
    :class:`RemoteStore`. ``in_memory=True`` reads a store folder into a read-only copy in
    memory (see :meth:`GraphStore.open`).

    >>> open_store(None).stats()["triples"]
    0
    """
    if is_remote(location):
        assert location is not None
        if in_memory:
            raise Errors.E329.error(location=location)
        return RemoteStore.open(location, read_only=read_only)
    return GraphStore.open(location, read_only=read_only, in_memory=in_memory)


def __getattr__(name: str) -> Any:
    # the rdflib view loads rdflib's SPARQL engine and oxrdflib: only when a notebook asks
    if name == "rdflib_dataset":
        from kg.store.rdflib_view import rdflib_dataset

        return rdflib_dataset
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
