"""The entry points for input: lazy streams of articles from files, folders, globs, stdin.

:func:`read_items` is what ``kg extract`` and ``kg build`` call: it reads one article at a
time, so memory does not grow with the input (a JSON Lines file of any size streams), and
gives each bad item (a file, or a line of a JSON Lines file) as its
:class:`kg.errors.InputError` in the stream, then reads on. :func:`read_articles` is the same
stream that raises at the first bad item instead: a caller can process (and commit) everything
before it. :func:`check_inputs` checks, before anything is read, that every input names
readable article files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from kg.errors import Errors, InputError
from kg.ingest import codes
from kg.ingest.jsonl import MAX_LINE_BYTES, BadDates, read_jsonl_items
from kg.ingest.sources import Source, expand_input
from kg.ingest.text import MAX_ARTICLE_CHARS, read_stdin, read_text_file
from kg.types import Article

__all__ = ["InputItem", "check_inputs", "read_articles", "read_items"]

InputItem = Article | InputError
"""What :func:`read_items` yields: an article, or the error of an input that is not one."""


def read_articles(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    stdin: TextIO | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
    max_line_bytes: int = MAX_LINE_BYTES,
    bad_dates: BadDates = "error",
) -> Iterator[Article]:
    """Stream the articles named by ``inputs``, in input order.

    Parameters
    ----------
    inputs
        Files (``.txt``: one article; ``.jsonl``: one article per line), folders (their
        ``.txt`` and ``.jsonl`` files, recursively), glob patterns, or ``"-"`` for standard
        input. See :mod:`kg.ingest.sources` for the order and :mod:`kg.ingest.header` for how
        a text file's title and date are found.
    stdin
        The stream read for ``"-"`` (default: :data:`sys.stdin`).
    max_chars
        Longest article accepted, in characters.
    max_line_bytes
        Longest JSON Lines line accepted, in bytes.
    bad_dates
        ``"error"`` (default): a JSON Lines ``"date"`` that is not ISO 8601 raises E114;
        ``"drop"``: that article is read without a date and a warning is logged.

    Returns
    -------
    Iterator[Article]
        A lazy iterator; nothing is read before the first article is asked for.

    Raises
    ------
    kg.errors.InputError
        When the stream reaches a bad item (codes E100–E149, see :class:`kg.errors.Errors`),
        including a doc_id that was already used in this stream (E108).
    TypeError, ValueError
        At once, for a single string instead of a sequence, or a limit below 1.

    Examples
    --------
    >>> import io
    >>> [a.doc_id for a in read_articles(["-"], stdin=io.StringIO("Xi met Trump."))]
    ['stdin']
    """
    items = read_items(inputs, stdin=stdin, max_chars=max_chars, max_line_bytes=max_line_bytes, bad_dates=bad_dates)
    return _raising(items)


def _raising(items: Iterator[InputItem]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            raise item
        yield item


def read_items(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    stdin: TextIO | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
    max_line_bytes: int = MAX_LINE_BYTES,
    bad_dates: BadDates = "error",
) -> Iterator[InputItem]:
    """The stream of :func:`read_articles`, with each bad item's error in its place.

    Parameters and order are those of :func:`read_articles`. A bad file, a bad line of a JSON
    Lines file (its error names ``file, line N``), an input that names nothing readable and
    a doc_id already used (E108) are yielded as :class:`~kg.errors.InputError` and reading
    goes on with the next item.

    Raises
    ------
    TypeError, ValueError
        At once, for a single string instead of a sequence, or a limit below 1.
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError("read_articles takes a list of inputs: read_articles([path])")
    if max_chars < 1 or max_line_bytes < 1:
        raise ValueError("max_chars and max_line_bytes must be at least 1")
    if bad_dates not in ("error", "drop"):
        raise ValueError(f'bad_dates must be "error" or "drop", not {bad_dates!r}')
    options = _Options(stdin, max_chars, max_line_bytes, bad_dates)
    return _stream([os.fspath(spec) for spec in inputs], options)


def check_inputs(inputs: Sequence[str | os.PathLike[str]]) -> None:
    """Raise the first problem of ``inputs`` that no reading can get past.

    That is an input that does not exist, names no article file, or has a file type that is
    not read (E100-E103), and a file that cannot be opened for reading (E131). Folders are
    listed, files are not read: what is wrong inside a file is found when it is read.
    """
    for spec in (os.fspath(item) for item in inputs):
        for source in expand_input(spec):
            if source.kind != "stdin" and not os.access(source.path, os.R_OK):
                raise Errors.E131.error(place=codes.where(source.path))


@dataclass(frozen=True, slots=True)
class _Options:
    stdin: TextIO | None
    max_chars: int
    max_line_bytes: int
    bad_dates: BadDates


def _stream(inputs: list[str], options: _Options) -> Iterator[InputItem]:
    seen: dict[str, str] = {}  # doc_id -> place
    for spec in inputs:
        try:
            for source in expand_input(spec):
                for place, item in _read_source(source, options):
                    if isinstance(item, Article):
                        item = _unique(item, place, seen)
                    yield item
        except InputError as error:  # the input itself (missing, empty folder, ...)
            yield error


def _unique(article: Article, place: str, seen: dict[str, str]) -> InputItem:
    """``article``, or the error that its doc_id came before in this stream."""
    if article.doc_id in seen:
        return Errors.E108.error(place=place, doc_id=article.doc_id[:80])
    seen[article.doc_id] = place
    return article


def _read_source(source: Source, options: _Options) -> Iterator[tuple[str, InputItem]]:
    """The articles (or errors) of one source, each with the place that messages name."""
    try:
        if source.kind == "stdin":
            stream = options.stdin if options.stdin is not None else sys.stdin
            yield "standard input", read_stdin(stream, max_chars=options.max_chars)
        elif source.kind == "jsonl":
            numbered = read_jsonl_items(
                source.path,
                max_chars=options.max_chars,
                max_line_bytes=options.max_line_bytes,
                bad_dates=options.bad_dates,
                source=source.name or None,
            )
            for line, item in numbered:
                yield codes.where(source.path, line or None), item
        else:
            article = read_text_file(source.path, max_chars=options.max_chars, source=source.name or None)
            yield codes.where(source.path), article
    except InputError as error:
        yield codes.where(source.path), error
