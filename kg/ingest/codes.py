"""Error codes of the input readers (range E100–E149) and how their messages name a place.

Every error raised while reading input is a :class:`kg.errors.InputError` carrying one of
these codes and a one-line message that names the file (and line, for JSON Lines) and says
what to do.

====  ==========================================================================
code  meaning
====  ==========================================================================
E100  input path does not exist
E101  folder holds no ``.txt`` or ``.jsonl`` file
E102  glob pattern matches no ``.txt`` or ``.jsonl`` file
E103  file type that is not read (not ``.txt``/``.jsonl``)
E104  bytes that are not UTF-8
E105  NUL character in the text
E106  empty article (no text besides white space)
E107  article longer than the character limit
E108  the same doc_id twice in one input stream
E109  text that is not valid Unicode (an unpaired surrogate from a ``\\ud800`` escape)
E110  JSON Lines line that is not JSON
E111  JSON Lines line that is not a JSON object
E112  missing, empty or malformed ``"id"``
E113  missing or non-string ``"text"``
E114  ``"date"`` that is not an ISO 8601 date or date-time
E115  ``"title"``, ``"url"`` or ``"source"`` that is not a string
E116  JSON Lines line longer than the line limit
E117  file or stream that cannot be read (permissions, I/O error)
E118  the same text as an earlier article of a build (under another doc_id; kg.builder)
====  ==========================================================================
"""
from __future__ import annotations

from os import PathLike

__all__ = [
    "BAD_DATE",
    "BAD_FIELD",
    "BAD_ID",
    "BAD_TEXT",
    "BAD_UNICODE",
    "DUPLICATE_ID",
    "EMPTY_ARTICLE",
    "EMPTY_FOLDER",
    "EMPTY_GLOB",
    "LINE_TOO_LONG",
    "NOT_FOUND",
    "NOT_JSON",
    "NOT_OBJECT",
    "NOT_UTF8",
    "NUL_BYTE",
    "SAME_TEXT",
    "TOO_LONG",
    "UNREADABLE",
    "UNSUPPORTED",
    "where",
]

NOT_FOUND = "E100"
EMPTY_FOLDER = "E101"
EMPTY_GLOB = "E102"
UNSUPPORTED = "E103"
NOT_UTF8 = "E104"
NUL_BYTE = "E105"
EMPTY_ARTICLE = "E106"
TOO_LONG = "E107"
DUPLICATE_ID = "E108"
BAD_UNICODE = "E109"
NOT_JSON = "E110"
NOT_OBJECT = "E111"
BAD_ID = "E112"
BAD_TEXT = "E113"
BAD_DATE = "E114"
BAD_FIELD = "E115"
LINE_TOO_LONG = "E116"
UNREADABLE = "E117"
SAME_TEXT = "E118"


def where(path: str | PathLike[str], line: int | None = None) -> str:
    """The place an error message starts with: ``'a.jsonl', line 3`` or ``'a.txt'``.

    The path is quoted with :func:`repr` so that odd file names stay on one line.

    >>> where("corpus/a.jsonl", 3)
    "'corpus/a.jsonl', line 3"
    """
    place = repr(str(path))
    return place if line is None else f"{place}, line {line}"
