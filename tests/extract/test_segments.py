"""Long articles are read in bounded segments, with offsets into the whole article."""

from __future__ import annotations

from datetime import date

import pytest

import kg.extract.pipeline as pipeline
from kg.extract.segments import SEGMENT_CHARS, segments
from kg.ingest.text import MAX_ARTICLE_CHARS
from kg.types import Article
from tests.conftest import SEED_ARTICLE

FILLER = "The weather was mild and the markets were calm. " * 40 + "\n\n"


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("", 10, [""]),
        ("one two three", 100, ["one two three"]),
        ("para one.\n\npara two.\n\npara three.", 24, ["para one.\n\npara two.\n\n", "para three."]),
        ("Sentence one. Sentence two. Sentence three.", 30, ["Sentence one. Sentence two. ", "Sentence three."]),
        ("nopunctuation at all in this long run", 16, ["nopunctuation ", "at all in this ", "long run"]),
        ("x" * 23, 10, ["x" * 10, "x" * 10, "xxx"]),
    ],
)
def test_segments_cover_the_text_within_the_limit(text: str, limit: int, pieces: list[str]) -> None:
    spans = segments(text, limit)
    assert [text[s:e] for s, e in spans] == pieces
    assert "".join(pieces) == text and all(e - s <= limit for s, e in spans)


def test_a_segment_stays_far_below_spacys_limit(extractor) -> None:
    assert SEGMENT_CHARS * 10 < extractor.nlp.max_length < MAX_ARTICLE_CHARS


def test_a_long_article_gives_the_statements_of_its_parts_with_true_offsets(extractor, monkeypatch) -> None:
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    alone = extractor.extract(Article(doc_id="a", text=seed, date=date(2025, 9, 29)))
    monkeypatch.setattr(pipeline, "segments", lambda text: segments(text, limit=9000))
    text = seed + "\n\n" + FILLER * 6 + "Russia attacked Ukraine on Monday.\n\n" + FILLER * 2
    article = Article(doc_id="long", text=text, date=date(2025, 9, 29))
    assert len(segments(article.text, 9000)) >= 3
    found = extractor.extract(article)
    piped = next(iter(extractor.pipe([article])))[1]
    assert [s.identity for s in found] == [s.identity for s in piped]
    for st in found:
        assert article.text[st.evidence.char_start : st.evidence.char_end] == st.evidence.sentence

    def key(st):
        return st.subject.key, st.predicate, st.object.key, st.negated

    assert {key(s) for s in alone} | {("russia", "attacks", "ukraine", False)} == {key(s) for s in found}
