"""A build skips, before extraction, the articles the store already holds as this extractor
would write them; a different extractor run, a changed text or --replace reads them again."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from kg.builder import build_store, extractor_run
from kg.extract.pipeline import Extractor
from kg.ingest import read_articles
from kg.rdf.convert import ExtractorRun
from kg.store import GraphStore
from kg.types import Article
from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.slow


class Counting:
    """The extractor, counting the articles it is given."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor, self.seen = extractor, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.extractor, name)

    def _counted(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            self.seen += 1
            yield article

    def pipe(self, articles: Iterable[Article], **kwargs: Any) -> Iterator[Any]:
        return self.extractor.pipe(self._counted(articles), **kwargs)

    def pipe_with_actors(self, articles: Iterable[Article], **kwargs: Any) -> Iterator[Any]:
        return self.extractor.pipe_with_actors(self._counted(articles), **kwargs)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def articles() -> list[Article]:
    seed = next(iter(read_articles([str(SEED_ARTICLE)])))
    return [
        seed,
        Article(doc_id="short", text="Russia attacked Ukraine on Monday."),
        Article(doc_id="empty", text="The weather was mild."),
    ]


def test_a_second_build_reads_nothing_again(extractor: Extractor) -> None:
    with GraphStore.open(None) as store:
        first = build_store(articles(), store, extractor=extractor)
        counting = Counting(extractor)
        again = build_store(articles(), store, extractor=counting)  # type: ignore[arg-type]
        assert counting.seen == 0
        assert (again.articles, again.written, again.unchanged) == (3, 0, 3)
        assert again.store == first.store
        edited = [*articles()[:2], Article(doc_id="empty", text="Russia threatened Ukraine.")]
        counting = Counting(extractor)
        changed = build_store(edited, store, extractor=counting)  # type: ignore[arg-type]
        assert counting.seen == 1 and (changed.written, changed.unchanged) == (1, 2)
        counting = Counting(extractor)
        build_store(edited, store, extractor=counting, replace=True)  # type: ignore[arg-type]
        assert counting.seen == 3


def test_statements_of_another_extractor_run_are_read_again(extractor: Extractor) -> None:
    with GraphStore.open(None) as store:
        old = ExtractorRun("0.0.1", "older-config", "en_core_web_sm")
        for article in articles():
            store.add_article(article, extractor.extract(article), run=old)
        assert extractor_run(extractor).iri != old.iri
        counting = Counting(extractor)
        summary = build_store(articles(), store, extractor=counting)  # type: ignore[arg-type]
        assert counting.seen == 3 and summary.unchanged == 0
