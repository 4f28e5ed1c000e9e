"""``export``: write a whole store in one format, to a stream or (atomically) to a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, get_args

from kg.errors import Errors
from kg.export.atomic import atomic_output
from kg.export.jsonl import write_jsonl
from kg.export.streams import as_binary, as_text
from kg.export.tabular import write_csv

if TYPE_CHECKING:
    from kg.store import DumpFormat, GraphStore, RemoteStore

__all__ = ["EXPORT_FORMATS", "ExportFormat", "export"]

ExportFormat = Literal["ttl", "nt", "nq", "trig", "jsonld", "jsonl", "csv"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)

# export name -> the store's dump format (the same names; the mapping types them)
_RDF_FORMATS: dict[str, DumpFormat] = {"ttl": "ttl", "nt": "nt", "nq": "nq", "trig": "trig", "jsonld": "jsonld"}


def _write(store: GraphStore | RemoteStore, fmt: str, stream: IO[Any], doc_id: str | None) -> None:
    rdf_format = _RDF_FORMATS.get(fmt)
    if rdf_format is not None:
        with as_binary(stream) as binary:
            store.dump(rdf_format, binary)
    elif fmt == "jsonl":
        with as_text(stream) as text:
            write_jsonl(store, text, doc_id=doc_id)
    else:
        with as_text(stream, newline="") as text:
            write_csv(store, text, doc_id=doc_id)


def export(
    store: GraphStore | RemoteStore,
    fmt: ExportFormat | str,
    out: IO[Any] | str | os.PathLike[str],
    *,
    doc_id: str | None = None,
) -> None:
    """Write ``store`` as ``fmt`` to ``out`` (a text or binary stream, or a file path).

    Formats: ``ttl`` and ``nt`` (all graphs merged into one, geokg prefixes bound), ``nq``,
    ``trig`` and ``jsonld`` (named graphs kept: one per article), ``jsonl`` (statements in the
    JSON Lines format of docs/statements.md) and ``csv`` (one flattened row per statement).
    ``doc_id`` limits ``jsonl`` and ``csv`` to one article. A path is written to a temporary
    file that replaces it only once complete.
    """
    name = fmt.lower().lstrip(".")
    name = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "json-ld": "jsonld"}.get(name, name)
    if name not in EXPORT_FORMATS:
        raise Errors.E350.error(fmt=fmt, export_formats=", ".join(EXPORT_FORMATS))
    if doc_id is not None and name in _RDF_FORMATS:
        raise Errors.E352.error(name=name)
    if isinstance(out, (str, os.PathLike)):
        with atomic_output(Path(out)) as stream:
            _write(store, name, stream, doc_id)
    else:
        _write(store, name, out, doc_id)
