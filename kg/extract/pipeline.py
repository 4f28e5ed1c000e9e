"""Extraction as a pure function of (article text, article date, configuration).

:class:`Extractor` loads the spaCy pipeline of ``pipelines/geokg.cfg`` once and turns
:class:`~kg.types.Article` records into :class:`~kg.types.Statement` records. It holds no
state between articles, so articles can be processed in any order, in several processes, or
on a cluster, with the same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import kg.extract.actor_linker
import kg.extract.actor_ruler
import kg.extract.attribute_ruler
import kg.extract.coref
import kg.extract.lemmatizer
import kg.extract.line_breaks
import kg.extract.matmul
import kg.extract.relations
import kg.extract.tokenizer  # noqa: F401  (registers kg.HeadlineTokenizer.v1)
from kg.errors import Errors
from kg.extract.config import DEFAULT_MODEL, ExtractConfig, software_version
from kg.extract.extensions import Mention, Relation
from kg.extract.resources import get_kb
from kg.extract.segments import SEGMENT_CHARS, segments
from kg.ingest.dates import find_dates_in_line, find_months_in_line
from kg.resources import pipelines_path
from kg.types import Actor, Article, Evidence, Statement

__all__ = ["DEFAULT_MODEL", "ExtractConfig", "Extractor", "extract"]


@cache
def _load_pipeline(config: ExtractConfig) -> Language:
    path = Path(config.config) if config.config else pipelines_path("geokg.cfg")
    try:
        cfg = spacy.util.load_config(
            path,
            overrides={
                "paths.model": config.model,
                "paths.actors": list(config.actors),
                "paths.lexicon": config.lexicon,
            },
            interpolate=True,
        )
        if "tokenizer" not in cfg["nlp"]:
            # a config written before the tokenizer step: headlines are still recased
            cfg["nlp"]["tokenizer"] = {
                "@tokenizers": "kg.HeadlineTokenizer.v1",
                "actors": list(config.actors),
                "bundled": True,
                "lexicon": config.lexicon,
            }
        if not config.bundled_actors:
            cfg["components"]["kg_actor_ruler"]["bundled"] = False
            cfg["components"]["kg_actor_linker"]["bundled"] = False
            if "kg_coref" in cfg["components"]:
                cfg["components"]["kg_coref"]["bundled"] = False
            if "bundled" in cfg["nlp"].get("tokenizer", {}):
                cfg["nlp"]["tokenizer"]["bundled"] = False
        return spacy.util.load_model_from_config(cfg, auto_fill=True)
    except OSError as exc:
        if config.model in str(exc) or "E050" in str(exc):
            raise Errors.E401.error(model=config.model) from None
        raise Errors.E402.error(path=path, exc=exc) from None


class Extractor:
    """Loads the pipeline once; :meth:`extract` and :meth:`pipe` turn articles into statements.

    >>> ex = Extractor()  # doctest: +SKIP
    >>> ex.extract(Article(doc_id="t", text="Xi Jinping met Vladimir Putin."))  # doctest: +SKIP
    """

    def __init__(self, config: ExtractConfig | None = None) -> None:
        self.config = config or ExtractConfig()
        self.nlp = _load_pipeline(self.config)
        self.kb = get_kb(self.config.actors, self.config.bundled_actors)

    @property
    def software_version(self) -> str:
        return software_version(self.config)

    def make_doc(self, article: Article) -> Doc:
        """The tokenised article (headlines recased by the pipeline's tokenizer) with the
        article's own date, which replaces any date the tokenizer read from the text."""
        doc = self.nlp.make_doc(article.text)
        doc._.kg_date = article.date
        return doc

    def make_docs(self, article: Article) -> Iterator[tuple[Doc, int, bool]]:
        """``(doc, offset, last)`` for each segment of the article (:mod:`kg.extract.segments`).

        An article of at most :data:`~kg.extract.segments.SEGMENT_CHARS` characters is one
        segment, made by :meth:`make_doc`. Of a longer one, only the first segment goes through
        headline recasing; every segment gets the date of the article (or the one the first
        segment's header gives). Docs are made as they are asked for, so memory stays bounded.
        """
        spans = segments(article.text)
        if len(spans) == 1:
            yield self.make_doc(article), 0, True
            return
        day = article.date
        for number, (start, end) in enumerate(spans):
            piece = article.text[start:end]
            if number == 0:
                doc = self.nlp.make_doc(piece)
                day = day or doc._.kg_date
            else:
                tokenizer = getattr(self.nlp.tokenizer, "inner", self.nlp.tokenizer)
                doc = tokenizer(piece)
            doc._.kg_date = day
            yield doc, start, number == len(spans) - 1

    def extract(self, article: Article) -> list[Statement]:
        """All statements of one article."""
        out: list[Statement] = []
        seen: set[tuple[str, ...]] = set()
        for doc, offset, _last in self.make_docs(article):
            out += self.statements(article, self.nlp(doc), offset=offset, seen=seen)
        return out

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[tuple[Article, list[Statement]]]:
        """Stream (article, statements) pairs, in the order of the input.

        Articles of one segment go through ``nlp.pipe`` in batches of ``batch_size``; a long
        article is read on its own, segment by segment, so memory stays bounded by one batch
        of ordinary articles or one segment.
        """
        pending: list[Article] = []
        for article in articles:
            if len(article.text) > SEGMENT_CHARS:
                yield from self._pipe_batch(pending, batch_size)
                pending = []
                yield article, self.extract(article)
                continue
            pending.append(article)
            if len(pending) >= batch_size:
                yield from self._pipe_batch(pending, batch_size)
                pending = []
        yield from self._pipe_batch(pending, batch_size)

    def pipe_with_actors(
        self, articles: Iterable[Article], *, batch_size: int = 16
    ) -> Iterator[tuple[Article, list[Statement], list[Actor]]]:
        """:meth:`pipe`, with the actor descriptions each article writes into a store
        (:func:`kg.actors.context.actors_for`): what a build, in this process or in worker
        processes, writes."""
        from kg.actors.context import actors_for

        for article, statements in self.pipe(articles, batch_size=batch_size):
            yield article, statements, actors_for(statements, self.kb)

    def _pipe_batch(self, articles: list[Article], batch_size: int) -> Iterator[tuple[Article, list[Statement]]]:
        docs = ((self.make_doc(article), article) for article in articles)
        for doc, article in self.nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
            yield article, self.statements(article, doc)

    def statements(
        self, article: Article, doc: Doc, *, offset: int = 0, seen: set[tuple[str, ...]] | None = None
    ) -> list[Statement]:
        """Relations of a processed doc → statements with evidence.

        ``offset`` is where the doc's text starts in the article (segments of a long one);
        statements whose identity is in ``seen`` (those of earlier segments) are left out.
        """
        out: list[Statement] = []
        seen = set() if seen is None else seen
        for rel in doc._.kg_relations or []:
            stmt = self._statement(article, doc, rel, offset)
            if stmt is not None and stmt.identity not in seen:
                seen.add(stmt.identity)
                out.append(stmt)
        return out

    def _statement(self, article: Article, doc: Doc, rel: Relation, offset: int = 0) -> Statement | None:
        subject = self._actor(rel.subject)
        obj = self._actor(rel.object)
        if rel.predicate == "visits":
            obj = (
                self.kb.state_of(obj.key) or obj
                if obj.type in ("GovernmentBody",) or rel.object.kind == "capital"
                else obj
            )
        if subject.key == obj.key:
            return None
        sent = doc[rel.sent_start : rel.sent_end]
        start, end = sent.start_char + offset, sent.end_char + offset
        text = article.text
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        evidence = Evidence(
            doc_id=article.doc_id,
            article_sha256=article.sha256,
            sentence=text[start:end],
            char_start=start,
            char_end=end,
            rule=rel.rule,
            trigger=" ".join(doc[i].text for i in rel.trigger),
            tokens=tuple(doc[i].text for i in rel.trigger),
        )
        return Statement(
            subject=subject,
            predicate=rel.predicate,
            object=obj,
            evidence=evidence,
            negated=rel.negated,
            modality=rel.modality,  # type: ignore[arg-type]
            attributed_to=self._actor(rel.attributed_to) if rel.attributed_to else None,
            date=_sentence_date(text[start:end]) or (article.date.isoformat() if article.date else None),
            confidence=rel.confidence,
        )

    def _actor(self, mention: Mention) -> Actor:
        return mention.actor


def _sentence_date(sentence: str) -> str | None:
    """An explicit date in the sentence ("On September 28, 2025" → 2025-09-28, "In August 2025"
    → 2025-08); None when there is none or more than one."""
    days = {m.date.isoformat() for m in find_dates_in_line(sentence)}
    if days:
        return days.pop() if len(days) == 1 else None
    months = set(find_months_in_line(sentence))
    return months.pop() if len(months) == 1 else None


@cache
def _default_extractor(config: ExtractConfig) -> Extractor:
    return Extractor(config)


def extract(article: Article, config: ExtractConfig | None = None) -> list[Statement]:
    """Statements of one article: a pure function of its text, date and the configuration."""
    return _default_extractor(config or ExtractConfig()).extract(article)
