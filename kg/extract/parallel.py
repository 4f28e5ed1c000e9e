"""Extraction on several cores: worker processes, each with its own pipeline.

spaCy's own ``n_process`` pickles whole ``Doc`` objects between processes; geokg sends
articles out and statements back instead (plain frozen dataclasses), so any number of workers
can share the extraction while one process writes the store. Articles go out in bounded
batches, so memory does not grow with the size of the input, and come back in input order,
so a build with several workers writes the same store as one without.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator

from kg.extract.pipeline import ExtractConfig, Extractor
from kg.types import Article, Statement

__all__ = ["parallel_pipe"]

_worker: Extractor | None = None


def _start(config: ExtractConfig) -> None:
    global _worker
    _worker = Extractor(config)  # the model is loaded once per worker process


def _extract(article: Article) -> tuple[Article, list[Statement]]:
    assert _worker is not None
    return article, _worker.extract(article)


def parallel_pipe(
    config: ExtractConfig, articles: Iterable[Article], *, jobs: int, batch: int = 64
) -> Iterator[tuple[Article, list[Statement]]]:
    """``(article, statements)`` pairs in input order, extracted by ``jobs`` worker processes.

    Workers are started with the ``spawn`` method (safe with threads and on every platform)
    and stop when the iteration ends or is abandoned.
    """
    stream = iter(articles)
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_start, initargs=(config,)) as pool:
        while chunk := list(itertools.islice(stream, batch * jobs)):
            yield from pool.imap(_extract, chunk, chunksize=max(1, min(8, len(chunk) // (4 * jobs))))
