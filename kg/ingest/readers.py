"""The one entry point for input: a lazy stream of articles from files, folders, globs, stdin.

:func:`read_articles` is what ``kg extract`` and ``kg build`` call. It reads one article at a
time, so memory does not grow with the input (a JSON Lines file of any size streams), and it
raises a :class:`kg.errors.InputError` only when the stream reaches the bad item: a caller can
process (and commit) everything before it, and write nothing for the bad item itself.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from kg.errors import InputError
from kg.ingest import codes
from kg.ingest.jsonl import MAX_LINE_BYTES, BadDates, read_jsonl_numbered
from kg.ingest.sources import Source, expand_input
from kg.ingest.text import MAX_ARTICLE_CHARS, read_stdin, read_text_file
from kg.types import Article

__all__ = ["read_articles"]


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
        When the stream reaches a bad item (codes E100–E117, see :mod:`kg.ingest.codes`),
        including a doc_id that was already used in this stream (E108).
    TypeError, ValueError
        At once, for a single string instead of a sequence, or a limit below 1.

    Examples
    --------
    >>> import io
    >>> [a.doc_id for a in read_articles(["-"], stdin=io.StringIO("Xi met Trump."))]
    ['stdin']
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError("read_articles takes a list of inputs: read_articles([path])")
    if max_chars < 1 or max_line_bytes < 1:
        raise ValueError("max_chars and max_line_bytes must be at least 1")
    if bad_dates not in ("error", "drop"):
        raise ValueError(f'bad_dates must be "error" or "drop", not {bad_dates!r}')
    options = _Options(stdin, max_chars, max_line_bytes, bad_dates)
    return _stream([os.fspath(spec) for spec in inputs], options)


@dataclass(frozen=True, slots=True)
class _Options:
    stdin: TextIO | None
    max_chars: int
    max_line_bytes: int
    bad_dates: BadDates


def _stream(inputs: list[str], options: _Options) -> Iterator[Article]:
    seen: set[str] = set()
    for spec in inputs:
        for source in expand_input(spec):
            for place, article in _read_source(source, options):
                if article.doc_id in seen:
                    raise InputError(
                        codes.DUPLICATE_ID,
                        f"{place}: doc_id {article.doc_id[:80]!r} was already used by an "
                        "earlier article of this input; give every article a unique id "
                        "(or file name)",
                    )
                seen.add(article.doc_id)
                yield article


def _read_source(source: Source, options: _Options) -> Iterator[tuple[str, Article]]:
    """The articles of one source, each with the place that error messages name."""
    if source.kind == "stdin":
        stream = options.stdin if options.stdin is not None else sys.stdin
        yield "standard input", read_stdin(stream, max_chars=options.max_chars)
    elif source.kind == "jsonl":
        numbered = read_jsonl_numbered(
            source.path,
            max_chars=options.max_chars,
            max_line_bytes=options.max_line_bytes,
            bad_dates=options.bad_dates,
        )
        for line, article in numbered:
            yield codes.where(source.path, line), article
    else:
        article = read_text_file(source.path, max_chars=options.max_chars)
        yield codes.where(source.path), article
