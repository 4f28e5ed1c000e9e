"""A build that runs until it is killed: the writer of the crash test in test_store_disk.py.

Writes document 0, 1, 2, … and, after each, a second version of the previous document (same
doc_id, edited text), so that both plain inserts and drop-and-replace updates are in flight
when the process dies.
"""

from __future__ import annotations

from kg.store import GraphStore
from kg.types import Article, Statement
from tests.store.records import CHINA, RUN, TAIWAN, evidence

N_VERSIONS = 2


def version(index: int, edition: int) -> tuple[Article, list[Statement]]:
    """Edition ``edition`` of document ``index`` and its 20 statements."""
    lines = [f"Report {index} edition {edition}, line {j}: China pressures Taiwan." for j in range(20)]
    art = Article(doc_id=f"doc-{index:06d}", text="\n".join(lines), title=f"Report {index}")
    return art, [Statement(CHINA, "pressures", TAIWAN, evidence(art, line)) for line in lines]


def main(path: str) -> None:
    store = GraphStore.open(path)
    print("started", flush=True)
    index = 0
    while True:
        art, stmts = version(index, 0)
        store.add_article(art, stmts, run=RUN)
        if index:
            art, stmts = version(index - 1, 1)
            store.add_article(art, stmts, run=RUN)
        index += 1
