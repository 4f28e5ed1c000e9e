"""Random and hostile text through the readers and the extractor: no crash, no hang, and every
statement's evidence is the text between its offsets (property-based, with hypothesis)."""

from __future__ import annotations

import io
import json
import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import read_items
from kg.types import Article

NEWS = [
    "Russia",
    "attacked",
    "Ukraine",
    "China",
    "pressured",
    "Taiwan",
    "Xi Jinping",
    "met",
    "Donald Trump",
    "in",
    "Beijing",
    "said",
    "he",
    "they",
    "the",
    "not",
    "would",
    "sanctions",
    "on",
    "Iran",
    ".",
    ",",
    '"',
    "'s",
    "\n",
    "\n\n",
    "President",
    "Kenyan police",
    "and",
]
HOSTILE = [
    "\x00",
    "\x1b[31m",
    "\r",
    "\u200b",
    "\ufeff",
    "\u202e",
    "<script>alert(1)</script>",
    "[bold]",
    "{",
    "}",
    "$",
    "\\",
    "🏳️‍🌈",
    "e\u0301",
    "A" * 300,
    "-" * 80,
    "\t",
    "&amp;",
]
words = st.lists(st.one_of(st.sampled_from(NEWS), st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words)
def test_extraction_of_any_text_ends_quickly_with_true_offsets(extractor, parts: list[str]) -> None:
    text = " ".join(parts)
    try:
        article = Article(doc_id="fuzz", text=text, date=date(2025, 1, 1))
    except InputError:
        return  # text that an article may not hold is refused with its own error
    started = time.monotonic()
    statements = extractor.extract(article)
    assert time.monotonic() - started < 20
    for s in statements:
        assert article.text[s.evidence.char_start : s.evidence.char_end] == s.evidence.sentence
        assert s.subject.key != s.object.key


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
            st.dictionaries(
                st.sampled_from(["id", "text", "date", "title", "url", "x"]),
                st.one_of(st.text(max_size=20), st.integers(), st.none()),
                max_size=5,
            ).map(json.dumps),
        ),
        max_size=8,
    )
)
def test_a_jsonl_stream_of_anything_gives_articles_or_input_errors(lines: list[str]) -> None:
    stream = io.StringIO("\n".join(line.replace("\n", " ") for line in lines) + "\n")
    for item in read_items(["-"], stdin=stream):
        assert isinstance(item, (Article, InputError))
