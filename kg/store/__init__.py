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

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any

from kg.errors import Errors

if TYPE_CHECKING:
    from kg.store.base import DUMP_FORMATS, BaseStore, Binding, DumpFormat
    from kg.store.embedded import GraphStore
    from kg.store.rdflib_view import rdflib_dataset
    from kg.store.remote import LAYOUTS, Endpoints, RemoteStore
    from kg.store.results import RESULT_FORMATS, QueryResult, format_result, result_table
    from kg.store.serve import OxigraphServer, free_port, oxigraph_executable

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
        from kg.store.remote import RemoteStore

        return RemoteStore.open(location, read_only=read_only)
    from kg.store.embedded import GraphStore

    return GraphStore.open(location, read_only=read_only, in_memory=in_memory)


def is_remote(location: str | None) -> bool:
    """True when ``location`` is an ``http://`` or ``https://`` URL (a SPARQL server).

    >>> is_remote("https://example.org/sparql"), is_remote("kg-store"), is_remote(None)
    (True, False, False)
    """
    return location is not None and re.match(r"(?i)https?://", str(location)) is not None


#: where each public name lives: loaded on first use (PEP 562), so that ``kg query`` on a store
#: folder loads neither the SPARQL client nor the server nor rdflib
_HOMES = {
    "DUMP_FORMATS": "base",
    "BaseStore": "base",
    "Binding": "base",
    "DumpFormat": "base",
    "GraphStore": "embedded",
    "LAYOUTS": "remote",
    "Endpoints": "remote",
    "RemoteStore": "remote",
    "RESULT_FORMATS": "results",
    "QueryResult": "results",
    "format_result": "results",
    "result_table": "results",
    "OxigraphServer": "serve",
    "free_port": "serve",
    "oxigraph_executable": "serve",
    # the rdflib view loads rdflib's SPARQL engine and oxrdflib: only when a notebook asks
    "rdflib_dataset": "rdflib_view",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
