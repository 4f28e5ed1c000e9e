"""The build loop: articles → extraction → one store transaction per article.

``kg build``, ``kg demo`` and the notebook helpers (:mod:`kg.notebook`) all build a store the
same way: stream the articles through :meth:`kg.extract.pipeline.Extractor.pipe`, and write
each article with its statements and the actor descriptions they need
(:func:`kg.actors.context.actors_for`) in one :meth:`~kg.store.GraphStore.add_article` call,
recorded as one extractor run. Memory stays bounded by the extractor's batch, and an
interrupted build leaves every article written before the interruption complete.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from kg.types import Actor, Article, Statement

if TYPE_CHECKING:
    from kg.extract.pipeline import Extractor
    from kg.rdf.convert import ExtractorRun

__all__ = ["BuildSummary", "WritableStore", "build_store", "extractor_run"]


class WritableStore(Protocol):
    """What :func:`build_store` needs of a store (:class:`~kg.store.GraphStore` and
    :class:`~kg.store.RemoteStore` both qualify)."""

    def add_article(
        self,
        article: Article,
        statements: Sequence[Statement],
        actors: Iterable[Actor] = (),
        *,
        run: ExtractorRun,
        replace_doc_id: bool = True,
    ) -> bool: ...

    def clear(self) -> None: ...

    def stats(self) -> dict[str, int]: ...


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What one build did.

    ``articles`` read, ``written`` (new or changed; an unchanged article is not rewritten),
    ``statements`` extracted, ``seconds`` taken, and ``store``: the counts of
    :meth:`~kg.store.GraphStore.stats` after the build (``articles``, ``actors``,
    ``statements``, ``triples``).
    """

    articles: int
    written: int
    statements: int
    seconds: float
    store: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the summary (the shape ``kg build`` prints from)."""
        return {
            "articles": self.articles,
            "written": self.written,
            "statements": self.statements,
            "seconds": self.seconds,
            "store": dict(self.store),
        }


def extractor_run(extractor: Extractor) -> ExtractorRun:
    """The extractor run that statements of ``extractor`` are recorded as."""
    from kg.rdf.convert import ExtractorRun

    return ExtractorRun(extractor.software_version, extractor.config.digest(), extractor.config.model)


def build_store(
    articles: Iterable[Article],
    store: WritableStore,
    *,
    extractor: Extractor,
    replace: bool = False,
    on_article: Callable[[Article, list[Statement], bool], None] | None = None,
) -> BuildSummary:
    """Extract statements from ``articles`` and write them into ``store``, article by article.

    Parameters
    ----------
    articles : iterable of Article
        Read lazily, e.g. :func:`kg.ingest.read_articles`; an input error raised by the
        iterator stops the build after the articles before it were written.
    store : GraphStore or RemoteStore
        An open, writable store.
    extractor : Extractor
        The loaded pipeline (:class:`kg.extract.pipeline.Extractor`); its knowledge base
        supplies the actor descriptions written with each article.
    replace : bool, default False
        Empty the store first, so that it holds exactly these articles afterwards.
    on_article : callable, optional
        Called after each article with ``(article, statements, written)``, for progress.

    Returns
    -------
    BuildSummary
        Counts and the store's statistics after the build.
    """
    from kg.actors.context import actors_for

    started = time.perf_counter()
    run = extractor_run(extractor)
    n_articles = n_written = n_statements = 0
    if replace:
        store.clear()
    pairs: Iterator[tuple[Article, list[Statement]]] = extractor.pipe(articles)
    for article, statements in pairs:
        n_articles += 1
        n_statements += len(statements)
        written = store.add_article(article, statements, actors_for(statements, extractor.kb), run=run)
        if written:
            n_written += 1
        if on_article is not None:
            on_article(article, statements, written)
    return BuildSummary(
        articles=n_articles,
        written=n_written,
        statements=n_statements,
        seconds=time.perf_counter() - started,
        store=store.stats(),
    )
