"""JSON Lines articles: one JSON object per line, read one line at a time.

Each non-blank line is an object with ``"id"`` and ``"text"`` (required) and ``"title"``,
``"date"``, ``"url"``, ``"source"`` (optional; ``null`` or ``""`` mean absent; their white
space is collapsed and they are put in Unicode NFC, as the article text is). Other keys are
ignored. ``"id"`` may be a string or an integer (``42`` becomes ``"42"``) and is kept exactly
as given, so results join back to the input. ``"date"`` is an ISO 8601 date or date-time, of
which the date is kept. ``"source"`` defaults to the file name (relative to the input folder
when read through one), never the local path. No title or date is guessed
from the text: a JSON Lines file says what it knows.

The file is read line by line with a cap on the line length, so a file of any size streams in
constant memory, and an error is raised only when its line is reached
(:func:`read_jsonl_items` instead gives each bad line's error and reads on).
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterator
from datetime import date as Date
from typing import Any, Literal

from kg.errors import Errors, InputError
from kg.ingest import codes
from kg.ingest.dates import parse_iso_date
from kg.ingest.text import MAX_ARTICLE_CHARS, check_text
from kg.types import Article

__all__ = [
    "MAX_LINE_BYTES",
    "BadDates",
    "article_from_record",
    "read_jsonl",
    "read_jsonl_items",
    "read_jsonl_numbered",
]

log = logging.getLogger(__name__)

BadDates = Literal["error", "drop"]
"""What to do with a ``"date"`` that is not ISO 8601: raise E114, or drop it with a warning."""

MAX_LINE_BYTES = 64 * 1024 * 1024
"""Default limit on the bytes of one JSON Lines line (64 MiB: room for the largest article)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_OPTIONAL_STRINGS = ("title", "url", "source")


def _doc_id(record: dict[str, Any], place: str) -> str:
    if "id" not in record or record["id"] is None:
        raise Errors.E112.error(place=place)
    value = record["id"]
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Errors.E125.error(place=place, type_name=type(value).__name__)
    if not value.strip():
        raise Errors.E126.error(place=place)
    if _CONTROL.search(value):
        raise Errors.E127.error(place=place, value=value[:60])
    _check_unicode(value, "id", place)
    return value


def _text(record: dict[str, Any], place: str) -> str:
    if "text" not in record or record["text"] is None:
        raise Errors.E113.error(place=place)
    value = record["text"]
    if not isinstance(value, str):
        raise Errors.E128.error(place=place, type_name=type(value).__name__)
    return value


def _optional_string(record: dict[str, Any], key: str, place: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Errors.E115.error(place=place, key=key, type_name=type(value).__name__)
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    if _CONTROL.search(value):
        raise Errors.E129.error(place=place, key=key)
    _check_unicode(value, key, place)
    return value or None


def _check_unicode(value: str, key: str, place: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Errors.E123.error(place=place, key=key, char=value[exc.start]) from None


def _date(record: dict[str, Any], place: str, bad_dates: BadDates) -> Date | None:
    value = record.get("date")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return parse_iso_date(value)
        except ValueError:
            pass
    shown = repr(value)[:60]
    if bad_dates == "drop":
        log.warning("%s: dropped the date %s, which is not an ISO 8601 date", place, shown)
        return None
    raise Errors.E114.error(place=place, shown=shown)


def article_from_record(
    record: Any,
    *,
    place: str,
    default_source: str | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
    bad_dates: BadDates = "error",
) -> Article:
    """An :class:`~kg.types.Article` from one decoded JSON Lines record.

    Parameters
    ----------
    record
        The decoded JSON value of one line.
    place
        How error messages name the line (``'a.jsonl', line 3``).
    default_source
        The source when the record has none (the file path).
    max_chars
        Longest text accepted.
    bad_dates
        ``"error"``: a ``"date"`` that is not ISO 8601 raises E114; ``"drop"``: the article
        is read without a date and a warning is logged.

    Raises
    ------
    kg.errors.InputError
        E111–E115 and E123–E129 for bad fields, and the text checks of
        :func:`kg.ingest.text.check_text`.

    Examples
    --------
    >>> a = article_from_record({"id": 7, "text": "Xi met Trump.", "date": "2025-09-28"},
    ...                         place="'a.jsonl', line 1", default_source="a.jsonl")
    >>> a.doc_id, a.date, a.source, a.title
    ('7', datetime.date(2025, 9, 28), 'a.jsonl', None)
    """
    if not isinstance(record, dict):
        kind = "an array" if isinstance(record, list) else f"a {type(record).__name__}"
        raise Errors.E111.error(place=place, kind=kind)
    doc_id = _doc_id(record, place)
    text = _text(record, place)
    check_text(text, place=place, max_chars=max_chars)
    title, url, source = (_optional_string(record, key, place) for key in _OPTIONAL_STRINGS)
    return Article(
        doc_id=doc_id,
        text=text,
        title=title,
        date=_date(record, place, bad_dates),
        url=url,
        source=source if source is not None else default_source,
    )


def read_jsonl(
    path: str | os.PathLike[str],
    *,
    max_chars: int = MAX_ARTICLE_CHARS,
    max_line_bytes: int = MAX_LINE_BYTES,
    bad_dates: BadDates = "error",
) -> Iterator[Article]:
    """Stream the articles of a JSON Lines file, one line at a time; blank lines are skipped.

    ``max_chars`` and ``bad_dates`` are as in :func:`article_from_record`; a line longer than
    ``max_line_bytes`` bytes is an error.

    Raises
    ------
    kg.errors.InputError
        When the bad line is reached: E119/E117/E130 (file), E116 (line too long), E120
        (not UTF-8), E122 (NUL byte), E110/E124 (not JSON), and the record errors of
        :func:`article_from_record`.
    """
    for _, article in read_jsonl_numbered(
        path, max_chars=max_chars, max_line_bytes=max_line_bytes, bad_dates=bad_dates
    ):
        yield article


def read_jsonl_numbered(
    path: str | os.PathLike[str],
    *,
    max_chars: int = MAX_ARTICLE_CHARS,
    max_line_bytes: int = MAX_LINE_BYTES,
    bad_dates: BadDates = "error",
) -> Iterator[tuple[int, Article]]:
    """Like :func:`read_jsonl`, with the (1-based) line number of each article."""
    items = read_jsonl_items(path, max_chars=max_chars, max_line_bytes=max_line_bytes, bad_dates=bad_dates)
    for lineno, item in items:
        if isinstance(item, InputError):
            raise item
        yield lineno, item


def read_jsonl_items(
    path: str | os.PathLike[str],
    *,
    max_chars: int = MAX_ARTICLE_CHARS,
    max_line_bytes: int = MAX_LINE_BYTES,
    bad_dates: BadDates = "error",
    source: str | None = None,
) -> Iterator[tuple[int, Article | InputError]]:
    """Every non-blank line of a JSON Lines file as ``(line number, article or error)``.

    A bad line gives its :class:`~kg.errors.InputError` and reading goes on with the next
    line; a file that cannot be opened or read gives one error (line 0 when it could not be
    opened) and ends. ``source`` is the article source of records without one (default: the
    file name).
    """
    file = os.fspath(path)
    try:
        handle = open(file, "rb")
    except OSError as exc:
        yield 0, _open_error(file, exc)
        return
    default_source = source or os.path.basename(file)
    try:
        lineno = 0
        while True:
            try:
                raw = handle.readline(max_line_bytes + 1)
            except OSError as exc:
                yield (
                    lineno + 1,
                    Errors.E130.error(
                        place=codes.where(file, lineno + 1),
                        reason=exc.strerror or exc,
                    ),
                )
                return
            if not raw:
                return
            lineno += 1
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                record = _line_record(raw, codes.where(file, lineno), max_line_bytes)
                if record is _BLANK:
                    continue
                yield (
                    lineno,
                    article_from_record(
                        record,
                        place=codes.where(file, lineno),
                        default_source=default_source,
                        max_chars=max_chars,
                        bad_dates=bad_dates,
                    ),
                )
            except InputError as error:
                if error.code == Errors.E116.code:
                    _skip_rest_of_line(handle, raw, max_line_bytes)
                yield lineno, error
    finally:
        handle.close()


_BLANK = object()


def _open_error(file: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return Errors.E119.error(place=codes.where(file))
    return Errors.E117.error(place=codes.where(file), reason=exc.strerror or exc)


def _skip_rest_of_line(handle: Any, raw: bytes, max_line_bytes: int) -> None:
    """Read on to the end of an over-long line, so that the next read starts a new line."""
    while raw and not raw.endswith(b"\n"):
        raw = handle.readline(max_line_bytes + 1)


def _line_record(raw: bytes, place: str, max_line_bytes: int) -> Any:
    """The decoded JSON value of one line, or ``_BLANK`` for a blank line."""
    content = raw.rstrip(b"\r\n")
    if len(content) > max_line_bytes:
        raise Errors.E116.error(place=place, max_line_bytes=max_line_bytes)
    if not content.strip():
        return _BLANK
    if b"\x00" in content:
        raise Errors.E122.error(place=place)
    line = _decode_line(content, place)
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise Errors.E110.error(place=place, msg=exc.msg, colno=exc.colno) from None
    except RecursionError:
        raise Errors.E124.error(place=place) from None


def _decode_line(content: bytes, place: str) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Errors.E120.error(place=place, byte=content[exc.start], offset=exc.start + 1) from None
