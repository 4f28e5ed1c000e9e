"""kg.ingest.seen: the texts a build has read, in memory up to a limit and then on disk."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

import kg.ingest.seen
from kg.builder import _distinct_texts
from kg.errors import InputError, KGError
from kg.ingest.seen import TextsSeen
from kg.types import Article


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# (text, doc_id) read in order -> the doc_id each text first came with
READS = [
    (("a", "one"), "one"),
    (("b", "two"), "two"),
    (("a", "three"), "one"),  # the same text under another id
    (("c", "four"), "four"),  # past the limit of 2: on disk
    (("c", "five"), "four"),  # found on disk
    (("b", "six"), "two"),  # found in memory after the spill
    (("a", "one"), "one"),  # the same text and id again
]


@pytest.mark.parametrize("in_memory", [0, 2, 1000])
def test_each_text_gives_the_doc_id_it_first_came_with(in_memory: int) -> None:
    with TextsSeen(in_memory) as seen:
        assert [seen.first(sha(text), doc_id) for (text, doc_id), _ in READS] == [first for _, first in READS]
        assert len(seen) == 3
        assert seen.on_disk is (in_memory < 3)


def test_memory_holds_at_most_the_limit_and_close_forgets() -> None:
    seen = TextsSeen(2)
    for number in range(50):
        seen.first(sha(str(number)), str(number))
    assert len(seen._memory) == 2 and len(seen) == 50
    assert seen.first(sha("49"), "again") == "49"
    seen.close()
    seen.close()
    assert len(seen) == 0 and not seen.on_disk


def test_a_database_that_cannot_be_written_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(kg.ingest.seen.sqlite3, "connect", refuse)
    with TextsSeen(0) as seen, pytest.raises(KGError) as caught:
        seen.first(sha("a"), "one")
    assert caught.value.code == "E003" and "TMPDIR" in str(caught.value)


def test_a_build_finds_a_repeated_text_past_the_memory_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.ingest.seen, "IN_MEMORY", 1)
    texts = ["Russia attacked Ukraine.", "Xi met Trump.", "Russia attacked Ukraine.", "Xi met Trump."]
    items = list(_distinct_texts(Article(doc_id=f"d{n}", text=text) for n, text in enumerate(texts)))
    assert [item.doc_id for item in items if isinstance(item, Article)] == ["d0", "d1"]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [error.code for error in errors] == ["E118", "E118"]
    assert "'d3'" in str(errors[1]) and "'d1'" in str(errors[1])  # d1 went to disk
