"""Extraction on several cores: worker processes, each with its own pipeline.

spaCy's own ``n_process`` sends whole ``Doc`` objects between processes; geokg sends chunks of
articles out and their statements back instead (plain frozen dataclasses), so any number of
workers can share the extraction while one process writes the store. A worker runs a chunk
through :meth:`Extractor.pipe <kg.extract.pipeline.Extractor.pipe>` (spaCy's batching) and also
works out the actor descriptions each article writes (:func:`kg.actors.context.actors_for`), so
the writing process needs neither the spaCy model nor the actor base: it never imports spaCy,
and the workers load their models while it reads the input and opens the store.

A bounded number of chunks is in flight at any time, so memory does not grow with the size
of the input, and results come back in input order, so a build with several workers writes the
same store as one without. There is no barrier between chunks: as soon as the oldest chunk is
back, the next one goes out.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from kg.errors import Errors
from kg.extract.config import ExtractConfig
from kg.types import Actor, Article, Statement

if TYPE_CHECKING:
    from kg.extract.pipeline import Extractor

__all__ = ["parallel_pipe"]

Extracted = tuple[list[Statement], list[Actor]]  # an article's statements and actor descriptions

_worker: Extractor | None = None
_failure: Exception | None = None


def _start(config: ExtractConfig) -> None:
    """Load the pipeline once per worker process."""
    global _worker, _failure
    from kg.extract.pipeline import Extractor

    try:
        _worker = Extractor(config)
    except Exception as exc:  # kept for the first task, which raises it as it is
        _failure = exc


def _extract(articles: list[Article]) -> list[Extracted]:
    """The statements and actor descriptions of each article of a chunk, in order."""
    if _failure is not None:
        raise _failure
    assert _worker is not None
    return [(statements, actors) for _article, statements, actors in _worker.pipe_with_actors(articles)]


def parallel_pipe(
    config: ExtractConfig, articles: Iterable[Article], *, jobs: int, chunk: int = 16
) -> Iterator[tuple[Article, list[Statement], list[Actor]]]:
    """``(article, statements, actors)`` in input order, extracted by ``jobs`` worker processes.

    ``actors`` are the descriptions the article writes (:func:`kg.actors.context.actors_for`).
    Articles go out in chunks of ``chunk``, at most ``3 * jobs`` chunks at a time. Workers are
    started with the ``spawn`` method (safe with threads and on every platform) and stop when
    the iteration ends or is abandoned. An error of a worker (e.g. a model that does not load)
    is raised here, as it is; a worker that dies (killed for lack of memory) raises E410.
    """
    context = multiprocessing.get_context("spawn")
    workers = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(config,))
    try:
        yield from _in_order(workers, iter(articles), window=3 * jobs, chunk=chunk)
    except BrokenProcessPool as error:
        raise Errors.E410.error(detail=error) from None
    finally:
        workers.shutdown(wait=True, cancel_futures=True)


def _in_order(
    workers: ProcessPoolExecutor, stream: Iterator[Article], *, window: int, chunk: int
) -> Iterator[tuple[Article, list[Statement], list[Actor]]]:
    """Keep ``window`` chunks in flight; yield the oldest one's articles as soon as it is back."""
    pending: deque[tuple[list[Article], Future[list[Extracted]]]] = deque()
    while True:
        while len(pending) < window and (part := list(itertools.islice(stream, chunk))):
            pending.append((part, workers.submit(_extract, part)))
        if not pending:
            return
        part, future = pending.popleft()
        for article, (statements, actors) in zip(part, future.result(), strict=True):
            yield article, statements, actors
