"""Statements as JSON Lines (docs/statements.md): one object per line, from a store."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from kg.store import BaseStore

__all__ = ["write_jsonl"]


def write_jsonl(store: BaseStore, out: TextIO, *, doc_id: str | None = None) -> int:
    """Write every statement of ``store`` (or of one ``doc_id``) to ``out``; return how many."""
    count = 0
    for record in store.iter_statements(doc_id=doc_id):
        out.write(json.dumps(record.to_json(), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
