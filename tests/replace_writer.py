"""A ``kg build --replace`` that is slow enough to be killed in the middle: the writer of the
crash test in test_build_inputs.py.

It runs what ``kg build INPUT --store STORE --replace`` runs (read_items, the real extractor,
build_store with replace=True) and prints each doc_id once its article is written, then waits
a little, so that the test can SIGKILL it between (or during) writes.
"""

from __future__ import annotations

import sys
import time

from kg.builder import build_store
from kg.extract.pipeline import ExtractConfig, Extractor
from kg.ingest import check_inputs, read_items
from kg.store import GraphStore
from kg.types import Article, Statement


def progress(article: Article, statements: list[Statement], written: bool) -> None:
    print(article.doc_id, flush=True)
    time.sleep(0.05)


def main(inputs: str, store: str) -> None:
    check_inputs([inputs])
    extractor = Extractor(ExtractConfig())
    with GraphStore.open(store) as st:
        build_store(read_items([inputs]), st, extractor=extractor, replace=True, on_article=progress)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
