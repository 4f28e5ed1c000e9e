"""Statements as CSV: one row per statement, actor objects flattened into columns."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from kg.records import StatementRecord
    from kg.store import BaseStore

__all__ = ["CSV_COLUMNS", "flatten_statement", "write_csv"]

_ACTOR_FIELDS = ("id", "label", "type", "wikidata", "country")

#: the CSV header: statement fields in JSON Lines order, actor fields as ``subject_label`` …
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "doc_id",
    *(f"subject_{f}" for f in _ACTOR_FIELDS),
    "predicate",
    *(f"object_{f}" for f in _ACTOR_FIELDS),
    "plover",
    "quad_class",
    "negated",
    "modality",
    "attributed_to_id",
    "attributed_to_label",
    "attributed_to_type",
    "date",
    "sentence",
    "char_start",
    "char_end",
    "confidence",
    "article",
    "headline",
    "url",
    "source",
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def flatten_statement(record: StatementRecord) -> dict[str, Any]:
    """One statement (:meth:`GraphStore.iter_statements`) as a flat CSV row.

    >>> from kg.records import ActorRecord, StatementRecord
    >>> record = StatementRecord(ActorRecord("a:china", "China"), "meets", ActorRecord("a:iran"))
    >>> row = flatten_statement(record)
    >>> row["subject_label"], row["negated"], row["date"], row["attributed_to_label"]
    ('China', 'false', '', '')
    """
    data = record.to_json()
    row: dict[str, Any] = {}
    for column in CSV_COLUMNS:
        for side in ("subject", "object", "attributed_to"):
            if column.startswith(side + "_"):
                actor = data.get(side) or {}
                row[column] = _cell(actor.get(column[len(side) + 1 :]))
                break
        else:
            row[column] = _cell(data.get(column))
    return row


def write_csv(store: BaseStore, out: TextIO, *, doc_id: str | None = None) -> int:
    """Write the statements of ``store`` as CSV with a header; return how many rows."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for record in store.iter_statements(doc_id=doc_id):
        writer.writerow(flatten_statement(record))
        count += 1
    return count
