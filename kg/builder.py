"""The build loop: articles → extraction → one store transaction per article.

``kg build``, ``kg demo`` and the notebook helpers (:mod:`kg.notebook`) all build a store the
same way: stream the articles through :meth:`kg.extract.pipeline.Extractor.pipe`, and write
each article with its statements and the actor descriptions they need
(:func:`kg.actors.context.actors_for`) in one :meth:`~kg.store.GraphStore.add_article` call,
recorded as one extractor run. Memory stays bounded by the extractor's batch, and an
interrupted build leaves every article written before the interruption complete.

Bad inputs never cost good articles: the input stream (:func:`kg.ingest.read_items`) carries
each bad item as its error, which :class:`~kg.ingest.problems.InputProblems` keeps aside, so
the extractor's batches only ever hold good articles. An article whose text was already built
under another doc_id in the same build is skipped as a bad input too (E118): the article IRI is
the hash of its text (docs/rdf-model.md), so both would be one graph.

``replace=True`` makes the store hold exactly the articles of the input, without ever removing
what it has not replaced: each article replaces its earlier version (same text, or same
doc_id) in the transaction that writes it, and only after every input was read, and none was
skipped, the articles that are not in the input are removed (one transaction each). A build
killed on the way leaves every article in its old or its new version; a build with skipped
inputs keeps the articles it did not see (they may be the skipped ones' earlier versions).
Actor descriptions are upserted as each article is written; at the end of a replacing build
that removed the articles it did not see, the descriptions of actors that no article of the
input named are dropped too. Extractor runs are kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import Errors, InputError
from kg.extract.config import ExtractConfig
from kg.ingest.problems import InputProblems, OnError
from kg.ingest.seen import TextsSeen
from kg.rdf.iris import article_iri
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

    def remove_article(self, ref: str) -> int: ...

    def articles(self) -> list[dict[str, Any]]: ...

    def remove_actors_except(self, keys: Iterable[str]) -> int: ...

    def stats(self) -> dict[str, int]: ...

    def current_articles(self, run_iri: str) -> set[tuple[str, str]]: ...


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What one build did.

    ``articles`` read and built, ``written`` (new or changed; an unchanged article is not
    rewritten), ``statements`` extracted, ``seconds`` taken, ``store``: the counts of
    :meth:`~kg.store.GraphStore.stats` after the build (``articles``, ``actors``,
    ``statements``, ``triples``), ``skipped``: the one-line errors of the bad inputs,
    ``removed``: articles a replacing build removed because the input did not hold them,
    ``kept``: those it left in place because inputs were skipped, and ``unchanged``: articles
    the store already held as this extractor would write them, not read again.
    """

    articles: int
    written: int
    statements: int
    seconds: float
    store: Mapping[str, int] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    removed: int = 0
    kept: int = 0
    unchanged: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the summary (the shape ``kg build`` prints from)."""
        return {
            "articles": self.articles,
            "written": self.written,
            "statements": self.statements,
            "seconds": self.seconds,
            "store": dict(self.store),
            "skipped": list(self.skipped),
            "removed": self.removed,
            "kept": self.kept,
            "unchanged": self.unchanged,
        }


def _not_current(
    articles: Iterable[Article],
    current: set[tuple[str, str]],
    unchanged: list[str],
    on_article: Callable[[Article, list[Statement], bool], None] | None,
) -> Iterator[Article]:
    """The articles not already current in the store; the others go to ``unchanged``."""
    for article in articles:
        if (article.sha256, article.doc_id) in current:
            unchanged.append(article.doc_id)
            if on_article is not None:
                on_article(article, [], False)
            continue
        yield article


def _extraction(
    extractor: Extractor | ExtractConfig, articles: Iterable[Article], jobs: int, dask: str | None = None
) -> Iterator[tuple[Article, list[Statement], list[Actor]]]:
    """``(article, statements, actor descriptions)`` in input order, in this process, in
    ``jobs`` worker processes or on the workers of a Dask cluster (which load their own
    pipelines: ``extractor``'s is not used)."""
    config = _config_of(extractor)
    if dask is not None:
        from kg.extract.cluster import cluster_pipe

        return cluster_pipe(config, articles, address=dask, workers=jobs)
    if jobs > 1:
        from kg.extract.parallel import parallel_pipe

        return parallel_pipe(config, articles, jobs=jobs)
    if isinstance(extractor, ExtractConfig):
        from kg.extract.pipeline import Extractor

        extractor = Extractor(extractor)
    return extractor.pipe_with_actors(articles)


def _config_of(extractor: Extractor | ExtractConfig) -> ExtractConfig:
    return extractor if isinstance(extractor, ExtractConfig) else extractor.config


def extractor_run(extractor: Extractor | ExtractConfig) -> ExtractorRun:
    """The extractor run that statements of ``extractor`` (or of a pipeline of this
    configuration) are recorded as."""
    from kg.extract.config import software_version
    from kg.rdf.convert import ExtractorRun

    config = _config_of(extractor)
    return ExtractorRun(software_version(config), config.digest(), config.model)


def build_store(
    articles: Iterable[Article | InputError],
    store: WritableStore,
    *,
    extractor: Extractor | ExtractConfig,
    replace: bool = False,
    on_error: OnError | InputProblems = "skip",
    on_article: Callable[[Article, list[Statement], bool], None] | None = None,
    incremental: bool = True,
    jobs: int = 1,
    dask: str | None = None,
) -> BuildSummary:
    """Extract statements from ``articles`` and write them into ``store``, article by article.

    Parameters
    ----------
    articles : iterable of Article or InputError
        Read lazily, e.g. :func:`kg.ingest.read_items` (bad items as their errors) or
        :func:`kg.ingest.read_articles` (which raises at the first bad item: the build stops
        there, after writing every article before it).
    store : GraphStore or RemoteStore
        An open, writable store.
    extractor : Extractor or ExtractConfig
        The loaded pipeline (:class:`kg.extract.pipeline.Extractor`), whose knowledge base
        supplies the actor descriptions written with each article, or its configuration
        (loaded here with ``jobs=1``; with more, only the worker processes load it).
    replace : bool, default False
        Make the store hold exactly these articles: each replaces its earlier version as it is
        written, and the articles not in the input are removed at the end, only when every
        input was read and none skipped (see the module docstring).
    on_error : "skip", "fail" or InputProblems, default "skip"
        ``"skip"``: build every good article and list the bad ones in ``skipped``;
        ``"fail"``: stop at the first bad input and raise its error, after writing every
        article before it. An :class:`~kg.ingest.problems.InputProblems` collects the errors
        for the caller to report.
    on_article : callable, optional
        Called after each article with ``(article, statements, written)``, for progress.
    incremental : bool, default True
        Skip, before extraction, every article the store already holds as this extractor
        would write it (same text, doc_id and extractor run: :meth:`current_articles`), so a
        daily build over a growing folder costs only the new articles. A replacing build
        always reads every article.
    jobs : int, default 1
        Worker processes that extract (:func:`kg.extract.parallel.parallel_pipe`); this
        process writes the store. The store is the same whatever the number. With ``dask``:
        the worker processes of a local cluster, ignored for a scheduler's.
    dask : str, optional
        Extract on a Dask cluster (:func:`kg.extract.cluster.cluster_pipe`): the address of
        its scheduler (``tcp://host:8786``), or ``"local"`` for ``jobs`` worker processes on
        this machine. This process still writes the store, and the store is the same.

    Returns
    -------
    BuildSummary
        Counts and the store's statistics after the build.

    Raises
    ------
    kg.errors.InputError
        With ``"fail"``, the error of the first bad input.
    """
    from kg.store.base import named_actors

    started = time.perf_counter()
    problems = on_error if isinstance(on_error, InputProblems) else InputProblems(on_error)
    run = extractor_run(extractor)
    n_articles = n_written = n_statements = 0
    built: set[str] = set()  # IRIs of the articles of this input (replace only)
    described: set[str] = set()  # keys of the actors written with them (replace only)
    good = problems.articles(_distinct_texts(articles))
    current = store.current_articles(run.iri) if incremental and not replace else set()
    unchanged: list[str] = []  # doc_ids of the articles skipped as current
    if current:
        good = _not_current(good, current, unchanged, on_article)
    for article, statements, actors in _extraction(extractor, good, jobs, dask):
        n_articles += 1
        n_statements += len(statements)
        written = store.add_article(article, statements, actors, run=run)
        if replace:  # what the end of a replacing build keeps
            built.add(article_iri(article.sha256))
            described.update(actor.key for actor in named_actors(statements, actors))
        if written:
            n_written += 1
        if on_article is not None:
            on_article(article, statements, written)
    problems.finish()
    removed, kept = _remove_the_rest(store, built, described, problems) if replace else (0, 0)
    return BuildSummary(
        articles=n_articles + len(unchanged),
        written=n_written,
        statements=n_statements,
        seconds=time.perf_counter() - started,
        store=store.stats(),
        skipped=tuple(str(error) for error in problems.errors),
        removed=removed,
        kept=kept,
        unchanged=len(unchanged),
    )


def _remove_the_rest(
    store: WritableStore, built: set[str], described: set[str], problems: InputProblems
) -> tuple[int, int]:
    """End of a replacing build: remove the articles not built (and the actors only they
    named), unless inputs were skipped; return (articles removed, articles kept)."""
    others = [info["iri"] for info in store.articles() if info["iri"] not in built]
    if problems.errors:
        return 0, len(others)
    removed = sum(store.remove_article(iri) for iri in others)
    store.remove_actors_except(described)
    return removed, 0


def _distinct_texts(items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
    """``items``, with an article whose text came before under another doc_id as error E118
    (the texts read are kept in bounded memory: :class:`kg.ingest.seen.TextsSeen`)."""
    with TextsSeen() as seen:
        for item in items:
            if isinstance(item, Article):
                earlier = seen.first(item.sha256, item.doc_id)
                if earlier != item.doc_id:
                    item = Errors.E118.error(doc_id=item.doc_id[:80], earlier=earlier[:80])
            yield item
