"""The knowledge graph store: an embedded Oxigraph store and its query results.

>>> from kg.store import GraphStore
>>> with GraphStore.open(None) as store:
...     store.stats()["articles"]
0
"""
from kg.store.embedded import DUMP_FORMATS, Binding, DumpFormat, GraphStore
from kg.store.results import RESULT_FORMATS, QueryResult, format_result, result_table

__all__ = [
    "DUMP_FORMATS",
    "RESULT_FORMATS",
    "Binding",
    "DumpFormat",
    "GraphStore",
    "QueryResult",
    "format_result",
    "result_table",
]
