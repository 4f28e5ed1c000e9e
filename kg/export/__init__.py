"""Exports of a store: RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD), JSON Lines and CSV.

>>> import io
>>> from kg.store import GraphStore
>>> out = io.StringIO()
>>> with GraphStore.open(None) as store:
...     export(store, "jsonl", out)
>>> out.getvalue()
''
"""

from kg.export.atomic import atomic_output
from kg.export.tabular import CSV_COLUMNS, flatten_statement
from kg.export.writer import EXPORT_FORMATS, ExportFormat, export

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "ExportFormat",
    "atomic_output",
    "export",
    "flatten_statement",
]
