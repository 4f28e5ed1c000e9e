"""read_articles: files, folders, globs, JSON Lines and stdin in; articles or coded errors out."""

from __future__ import annotations

import io
import json
import logging
import os
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kg.errors import InputError
from kg.ingest import read_articles, read_jsonl, read_text_file
from kg.types import Article

SEED_TEXT = (
    "Today : Sep 29, 2025\nWorld News\n29 September 2025\n\n"
    "Xi Pressures Trump To Oppose Taiwan Independence\n\nChina seeks to leverage trade talks.\n"
)


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def _jsonl(*records: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def _summary(article: Article) -> tuple[Any, ...]:
    return (article.doc_id, article.title, article.date, article.url, article.source)


# Each case: files to create, inputs (relative to tmp_path), expected
# (doc_id, title, date, url, source) tuples; a source is the file name relative to the input
# folder (or to the folder part of a pattern), never the path the files were read through.
OK_CASES: dict[str, tuple[dict[str, str | bytes], list[str], list[tuple[Any, ...]]]] = {
    "txt with seed-style header": (
        {"000_f816.txt": SEED_TEXT},
        ["000_f816.txt"],
        [("000_f816", "Xi Pressures Trump To Oppose Taiwan Independence", date(2025, 9, 29), None, "000_f816.txt")],
    ),
    "txt without header; dots in the name": (
        {"a.b.txt": "Xi met Trump.\n"},
        ["a.b.txt"],
        [("a.b", None, None, None, "a.b.txt")],
    ),
    "txt with upper-case extension, BOM and CRLF": (
        {"X.TXT": "\ufeffEU agrees sanctions\r\n\r\n2024-02-23\r\n\r\nBody.\r\n"},
        ["X.TXT"],
        [("X", "EU agrees sanctions", date(2024, 2, 23), None, "X.TXT")],
    ),
    "folder: recursive, files before subfolders, name order, hidden and other files skipped": (
        {
            "corpus/b.txt": "B.",
            "corpus/a.txt": "A.",
            "corpus/INDEX.tsv": "id\ttitle\n",
            "corpus/.hidden.txt": "H.",
            "corpus/.git/c.txt": "G.",
            "corpus/2019/d.txt": "D.",
            "corpus/2019/e.jsonl": _jsonl({"id": "e1", "text": "E1."}),
            "corpus/2018/f.txt": "F.",
        },
        ["corpus"],
        [
            ("a", None, None, None, "a.txt"),
            ("b", None, None, None, "b.txt"),
            ("f", None, None, None, "2018/f.txt"),
            ("d", None, None, None, "2019/d.txt"),
            ("e1", None, None, None, "2019/e.jsonl"),
        ],
    ),
    "glob: sorted, only article files": (
        {"s/2.txt": "Two.", "s/1.txt": "One.", "s/notes.md": "x", "s/sub/3.txt": "Three."},
        ["s/*"],
        [("1", None, None, None, "1.txt"), ("2", None, None, None, "2.txt")],
    ),
    "glob with ** crosses folders": (
        {"c/1.txt": "One.", "c/x/y/2.txt": "Two.", "c/x/3.jsonl": _jsonl({"id": "3", "text": "T."})},
        ["c/**/*.txt"],
        [("1", None, None, None, "1.txt"), ("2", None, None, None, "x/y/2.txt")],
    ),
    "an existing path with glob characters is a file, not a pattern": (
        {"report[1].txt": "Report.", "report1.txt": "Other."},
        ["report[1].txt"],
        [("report[1]", None, None, None, "report[1].txt")],
    ),
    "jsonl: all fields, defaults, blank lines, int ids, extra keys": (
        {
            "a.jsonl": _jsonl(
                {
                    "id": "wn-1",
                    "text": "Xi met Trump.",
                    "title": "  Xi  meets\nTrump ",
                    "date": "2025-09-28T23:30:00-05:00",
                    "url": "https://example.org/1",
                    "source": "Example News",
                    "lang": "en",
                },
                "",
                "   ",
                {"id": 2, "text": "Second.", "title": "", "date": None, "url": None},
                {"id": "3", "text": "Third.", "date": ""},
            )
        },
        ["a.jsonl"],
        [
            ("wn-1", "Xi meets Trump", date(2025, 9, 28), "https://example.org/1", "Example News"),
            ("2", None, None, None, "a.jsonl"),
            ("3", None, None, None, "a.jsonl"),
        ],
    ),
    "jsonl: BOM, CRLF, no final newline, no header guessing": (
        {
            "b.jsonl": b'\xef\xbb\xbf{"id": "x", "text": "Headline\\n\\n2025-09-28\\nBody."}\r\n'
            b'{"id": "y", "text": "Y."}'
        },
        ["b.jsonl"],
        [("x", None, None, None, "b.jsonl"), ("y", None, None, None, "b.jsonl")],
    ),
    "empty jsonl file gives no articles": ({"empty.jsonl": ""}, ["empty.jsonl"], []),
    "several inputs in the order given": (
        {"z.txt": "Z.", "a.jsonl": _jsonl({"id": "a1", "text": "A."})},
        ["z.txt", "a.jsonl"],
        [("z", None, None, None, "z.txt"), ("a1", None, None, None, "a.jsonl")],
    ),
}


@pytest.mark.parametrize("case", list(OK_CASES), ids=list(OK_CASES))
def test_read_articles(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, inputs, expected = OK_CASES[case]
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    got = [_summary(a) for a in read_articles(inputs)]
    expected = [(*e[:4], os.path.join(*e[4].split("/")) if e[4] else None) for e in expected]
    assert got == expected


LONG = "x" * 101

# Each case: files to create, inputs, error code, a piece of the message.
ERROR_CASES: dict[str, tuple[dict[str, str | bytes], list[str], str, str]] = {
    "missing file": ({}, ["nope.txt"], "E100", "'nope.txt': no such file or folder"),
    "folder without articles": (
        {"d/INDEX.tsv": "x", "d/sub/.h.txt": "x"},
        ["d"],
        "E101",
        "'d': the folder",
    ),
    "glob matching nothing": ({"a.md": "x"}, ["*.txt"], "E102", "'*.txt': the pattern"),
    "glob matching only other files": ({"a.md": "x"}, ["*"], "E102", "matches no .txt"),
    "unsupported file type": ({"a.csv": "x"}, ["a.csv"], "E103", "'a.csv': cannot read"),
    "txt not UTF-8": ({"l.txt": "Head\n\nCaf\xe9.".encode("latin-1")}, ["l.txt"], "E104", "'l.txt', line 3: byte 0xe9"),
    "txt in UTF-16": ({"u.txt": "Xi met Trump.".encode("utf-16")}, ["u.txt"], "E104", "looks like UTF-16"),
    "txt with NUL": ({"n.txt": "Xi\nmet\x00Trump."}, ["n.txt"], "E105", "text line 2"),
    "empty txt": ({"e.txt": " \n\n\t\n"}, ["e.txt"], "E106", "'e.txt': the article is empty"),
    "txt too long": ({"big.txt": LONG}, ["big.txt"], "E107", "longer than 100 characters"),
    "txt too long in bytes": ({"big.txt": "\u4e2d" * 101}, ["big.txt"], "E107", "longer"),
    "duplicate doc_id in one stream": (
        {"a/x.txt": "One.", "b/x.txt": "Two."},
        ["a", "b"],
        "E108",
        "doc_id 'x' was already",
    ),
    "duplicate doc_id inside a jsonl": (
        {"d.jsonl": _jsonl({"id": "1", "text": "A."}, {"id": 1, "text": "B."})},
        ["d.jsonl"],
        "E108",
        "'d.jsonl', line 2: doc_id '1'",
    ),
    "the same file twice": ({"a.txt": "A."}, ["a.txt", "a.txt"], "E108", "'a.txt'"),
    "jsonl lone surrogate in text": (
        {"s.jsonl": '{"id": "1", "text": "bad \\ud800 text"}\n'},
        ["s.jsonl"],
        "E109",
        "unpaired surrogate",
    ),
    "jsonl lone surrogate in title": (
        {"s.jsonl": '{"id": "1", "text": "ok", "title": "\\udc00"}\n'},
        ["s.jsonl"],
        "E123",
        '"title"',
    ),
    "jsonl not JSON": (
        {"j.jsonl": _jsonl({"id": "1", "text": "A."}, "{id: 2}")},
        ["j.jsonl"],
        "E110",
        "'j.jsonl', line 2: not JSON",
    ),
    "jsonl pretty-printed": (
        {"p.jsonl": json.dumps({"id": "1", "text": "A."}, indent=2)},
        ["p.jsonl"],
        "E110",
        "line 1",
    ),
    "jsonl array": ({"a.jsonl": "[1, 2]\n"}, ["a.jsonl"], "E111", "an array, not a JSON object"),
    "jsonl string": ({"a.jsonl": '"text"\n'}, ["a.jsonl"], "E111", "a str, not"),
    "jsonl missing id": ({"a.jsonl": _jsonl({"text": "A."})}, ["a.jsonl"], "E112", 'no "id"'),
    "jsonl null id": ({"a.jsonl": _jsonl({"id": None, "text": "A."})}, ["a.jsonl"], "E112", 'no "id"'),
    "jsonl empty id": ({"a.jsonl": _jsonl({"id": "  ", "text": "A."})}, ["a.jsonl"], "E126", '"id" is empty'),
    "jsonl float id": ({"a.jsonl": _jsonl({"id": 1.5, "text": "A."})}, ["a.jsonl"], "E125", "is a float"),
    "jsonl bool id": ({"a.jsonl": _jsonl({"id": True, "text": "A."})}, ["a.jsonl"], "E125", "is a bool"),
    "jsonl id with line break": (
        {"a.jsonl": _jsonl({"id": "a\nb", "text": "A."})},
        ["a.jsonl"],
        "E127",
        "line break",
    ),
    "jsonl missing text": ({"a.jsonl": _jsonl({"id": "1"})}, ["a.jsonl"], "E113", 'no "text"'),
    "jsonl non-string text": (
        {"a.jsonl": _jsonl({"id": "1", "text": ["A."]})},
        ["a.jsonl"],
        "E128",
        "is a list",
    ),
    "jsonl empty text": (
        {"a.jsonl": _jsonl({"id": "1", "text": "\n "})},
        ["a.jsonl"],
        "E106",
        "empty",
    ),
    "jsonl NUL escape in text": (
        {"a.jsonl": '{"id": "1", "text": "A\\u0000B"}\n'},
        ["a.jsonl"],
        "E105",
        "NUL",
    ),
    "jsonl raw NUL byte": ({"a.jsonl": b'{"id": "1", "text": "A\x00"}\n'}, ["a.jsonl"], "E122", "line 1: NUL byte"),
    "jsonl not UTF-8": (
        {"a.jsonl": _jsonl({"id": "1", "text": "A."}).encode() + b'{"id": "2", "text": "\xff"}\n'},
        ["a.jsonl"],
        "E120",
        "'a.jsonl', line 2: byte 0xff",
    ),
    "jsonl text too long": (
        {"a.jsonl": _jsonl({"id": "1", "text": LONG})},
        ["a.jsonl"],
        "E107",
        "longer than 100",
    ),
    "jsonl bad date": (
        {"a.jsonl": _jsonl({"id": "1", "text": "A.", "date": "31-MAR-198"})},
        ["a.jsonl"],
        "E114",
        "\"date\" '31-MAR-198' is not an ISO 8601 date",
    ),
    "jsonl partial date": (
        {"a.jsonl": _jsonl({"id": "1", "text": "A.", "date": "2025-09"})},
        ["a.jsonl"],
        "E114",
        "YYYY-MM-DD",
    ),
    "jsonl numeric date": (
        {"a.jsonl": _jsonl({"id": "1", "text": "A.", "date": 20250928})},
        ["a.jsonl"],
        "E114",
        "20250928",
    ),
    "jsonl non-string url": (
        {"a.jsonl": _jsonl({"id": "1", "text": "A.", "url": {"href": "x"}})},
        ["a.jsonl"],
        "E115",
        '"url" is a dict',
    ),
    "jsonl control character in title": (
        {"a.jsonl": _jsonl({"id": "1", "text": "A.", "title": "a\x07b"})},
        ["a.jsonl"],
        "E129",
        "control character",
    ),
    "jsonl line too long": (
        {"a.jsonl": _jsonl({"id": "1", "text": "A."}, {"id": "2", "text": "B" * 300})},
        ["a.jsonl"],
        "E116",
        "'a.jsonl', line 2: the line is longer than 200 bytes",
    ),
}


@pytest.mark.parametrize("case", list(ERROR_CASES), ids=list(ERROR_CASES))
def test_read_articles_errors(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, inputs, code, fragment = ERROR_CASES[case]
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as info:
        list(read_articles(inputs, max_chars=100, max_line_bytes=200))
    error = info.value
    assert error.code == code
    assert fragment in error.message
    assert "\n" not in str(error)
    assert 50 < len(error.message) < 300
    assert ";" in error.message  # every message says what to do after the semicolon


def test_errors_are_raised_when_the_bad_item_is_reached(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "a.jsonl": _jsonl({"id": "1", "text": "One."}, {"id": "2", "text": "Two."}, "oops"),
            "b.txt": "Three.",
        },
    )
    stream = read_articles([str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt"), str(tmp_path / "missing.txt")])
    assert next(stream).doc_id == "1"
    assert next(stream).doc_id == "2"
    with pytest.raises(InputError, match="line 3: not JSON"):
        next(stream)


def test_missing_input_after_good_ones_is_raised_in_turn(tmp_path: Path) -> None:
    _write(tmp_path, {"b.txt": "Three."})
    stream = read_articles([str(tmp_path / "b.txt"), str(tmp_path / "missing.txt")])
    assert next(stream).doc_id == "b"
    with pytest.raises(InputError) as info:
        next(stream)
    assert info.value.code == "E100"


def test_nothing_is_read_before_the_first_article_is_asked_for(tmp_path: Path) -> None:
    stream = read_articles([str(tmp_path / "missing.txt")])  # no error yet
    with pytest.raises(InputError):
        next(stream)


def test_stdin_text_stream() -> None:
    (article,) = read_articles(["-"], stdin=io.StringIO(SEED_TEXT))
    assert article.doc_id == "stdin"
    assert article.title == "Xi Pressures Trump To Oppose Taiwan Independence"
    assert article.date == date(2025, 9, 29)
    assert article.source == "<stdin>"
    assert article.text == SEED_TEXT.rstrip()


def test_stdin_bytes_are_decoded_as_utf8_whatever_the_stream_encoding() -> None:
    raw = io.BytesIO("Café talks\n\nXi met Trump in Genève.\n".encode())
    stream = io.TextIOWrapper(raw, encoding="latin-1")
    (article,) = read_articles(["-"], stdin=stream)
    assert article.title == "Café talks"
    assert "Genève" in article.text


def test_stdin_errors() -> None:
    bad = io.TextIOWrapper(io.BytesIO(b"caf\xe9"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_articles(["-"], stdin=bad))
    assert info.value.code == "E104"
    assert "standard input, line 1" in info.value.message

    with pytest.raises(InputError) as info:
        list(read_articles(["-"], stdin=io.StringIO("")))
    assert info.value.code == "E106"

    with pytest.raises(InputError) as info:
        list(read_articles(["-"], stdin=io.StringIO("x" * 11), max_chars=10))
    assert info.value.code == "E107"

    class Broken(io.StringIO):
        def read(self, size: int | None = -1) -> str:
            raise OSError(5, "Input/output error")

    with pytest.raises(InputError) as info:
        list(read_articles(["-"], stdin=Broken()))
    assert info.value.code == "E133"

    with pytest.raises(InputError) as info:  # stdin twice: both are "stdin"
        list(read_articles(["-", "-"], stdin=io.StringIO("Xi met Trump.")))
    assert info.value.code in {"E106", "E108"}


def test_path_objects_are_accepted(tmp_path: Path) -> None:
    _write(tmp_path, {"a.txt": "A."})
    (article,) = read_articles([tmp_path / "a.txt"])
    assert article.source == "a.txt"  # the file name, not the local path


def test_bad_arguments_fail_at_once(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="list of inputs"):
        read_articles(str(tmp_path / "a.txt"))
    with pytest.raises(TypeError):
        read_articles(tmp_path)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        read_articles([], max_chars=0)
    with pytest.raises(ValueError):
        read_articles([], bad_dates="ignore")  # type: ignore[arg-type]


def test_bad_dates_can_be_dropped_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _write(
        tmp_path,
        {
            "a.jsonl": _jsonl(
                {"id": "1", "text": "A.", "date": "31-MAR-198"},
                {"id": "2", "text": "B.", "date": "1987-03-31"},
            )
        },
    )
    with caplog.at_level(logging.WARNING, logger="kg.ingest.jsonl"):
        got = [(a.doc_id, a.date) for a in read_articles([tmp_path / "a.jsonl"], bad_dates="drop")]
    assert got == [("1", None), ("2", date(1987, 3, 31))]
    assert "line 1: dropped the date '31-MAR-198'" in caplog.text


def test_text_is_normalised_and_limit_counts_characters(tmp_path: Path) -> None:
    # "e" + combining acute (2 code points) becomes "é" (NFC); 4-byte characters count once
    _write(tmp_path, {"a.txt": "Caf\u0065\u0301 talks\r\n\r\n\U0001f600" * 1 + "\n\n"})
    article = read_text_file(tmp_path / "a.txt", max_chars=20)
    assert article.text == "Caf\u00e9 talks\n\n\U0001f600"
    assert article.title == "Caf\u00e9 talks"
    _write(tmp_path, {"b.txt": "\U0001f600" * 20})
    assert len(read_text_file(tmp_path / "b.txt", max_chars=20).text) == 20


def test_read_jsonl_alone(tmp_path: Path) -> None:
    _write(tmp_path, {"a.jsonl": _jsonl({"id": "1", "text": "A."}, {"id": "1", "text": "B."})})
    # duplicates are a property of one read_articles stream, not of read_jsonl
    assert [a.text for a in read_jsonl(tmp_path / "a.jsonl")] == ["A.", "B."]


def test_large_jsonl_streams_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    body = "Xi Jinping met Donald Trump in Busan to discuss trade and Taiwan. " * 150  # ~10 kB
    with path.open("w", encoding="utf-8") as handle:
        for i in range(3000):  # ~30 MB in all
            handle.write(json.dumps({"id": f"a{i}", "text": body}) + "\n")
    assert path.stat().st_size > 25_000_000
    tracemalloc.start()
    try:
        count = 0
        for article in read_articles([path]):
            count += len(article.text) > 0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    assert peak < 3_000_000, f"peak {peak:,} bytes: the reader is not streaming"


# ---------------------------------------------------------------- per-item errors


def _items(inputs: list[str]) -> list[Any]:
    from kg.ingest import read_items

    return [item.doc_id if isinstance(item, Article) else item.code for item in read_items(inputs)]


# files, inputs, what read_items yields: doc_ids of the good articles, codes of the bad items
ITEM_CASES: dict[str, tuple[dict[str, str | bytes], list[str], list[str]]] = {
    "good file then empty file": (
        {"good.txt": "Xi met Trump.", "empty.txt": ""},
        ["good.txt", "empty.txt"],
        ["good", "E106"],
    ),
    "empty file then good file": (
        {"good.txt": "Xi met Trump.", "empty.txt": "  \n"},
        ["empty.txt", "good.txt"],
        ["E106", "good"],
    ),
    "a bad jsonl line between good ones": (
        {"a.jsonl": _jsonl({"id": "1", "text": "One."}, "not json", {"id": "3", "text": "T."})},
        ["a.jsonl"],
        ["1", "E110", "3"],
    ),
    "bad lines of several kinds, then a good one": (
        {
            "a.jsonl": _jsonl(
                {"id": "", "text": "x"},
                [1],
                {"id": "n", "text": 3},
                {"id": "d", "text": "D.", "date": "soon"},
                {"id": "ok", "text": "K."},
            )
        },
        ["a.jsonl"],
        ["E126", "E111", "E128", "E114", "ok"],
    ),
    "an over-long line is skipped whole": (
        {"a.jsonl": _jsonl({"id": "1", "text": "x" * 200}, {"id": "2", "text": "Two."})},
        ["a.jsonl"],
        ["E116", "2"],
    ),
    "a missing input between good ones": (
        {"a.txt": "A.", "b.txt": "B."},
        ["a.txt", "nope.txt", "b.txt"],
        ["a", "E100", "b"],
    ),
    "a duplicate doc_id is reported, the first kept": (
        {"x/a.txt": "A.", "y/a.txt": "Other."},
        ["x", "y"],
        ["a", "E108"],
    ),
    "nothing bad: the plain stream": ({"a.txt": "A."}, ["a.txt"], ["a"]),
}


@pytest.mark.parametrize("case", list(ITEM_CASES), ids=list(ITEM_CASES))
def test_read_items_keeps_good_and_reports_bad(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, inputs, expected = ITEM_CASES[case]
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    if case == "an over-long line is skipped whole":
        from kg.ingest import read_items

        got = [i.doc_id if isinstance(i, Article) else i.code for i in read_items(inputs, max_line_bytes=100)]
    else:
        got = _items(inputs)
    assert got == expected


def test_bad_jsonl_line_names_file_and_line(tmp_path: Path) -> None:
    from kg.ingest import read_items

    _write(tmp_path, {"a.jsonl": _jsonl({"id": "1", "text": "One."}, "{", {"id": "3", "text": "T."})})
    errors = [i for i in read_items([tmp_path / "a.jsonl"]) if isinstance(i, InputError)]
    assert [e.code for e in errors] == ["E110"]
    assert "a.jsonl', line 2:" in errors[0].message


def test_check_inputs_before_reading(tmp_path: Path) -> None:
    from kg.ingest import check_inputs

    _write(tmp_path, {"a.txt": "", "b.md": "x", "dir/c.txt": "C."})
    check_inputs([tmp_path / "a.txt", tmp_path / "dir"])  # an empty file is found when read
    for bad, code in [("nope.txt", "E100"), ("b.md", "E103"), ("nothing*.txt", "E102")]:
        with pytest.raises(InputError) as info:
            check_inputs([tmp_path / "a.txt", str(tmp_path / bad)])
        assert info.value.code == code
