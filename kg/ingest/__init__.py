"""Reading articles: text files, folders, globs, JSON Lines and standard input.

The entry points are :func:`read_articles`, a lazy stream of :class:`kg.types.Article` that
raises at the first bad item, and :func:`read_items`, the same stream with each bad item's
error in its place (what ``kg extract`` and ``kg build`` read, with :func:`check_inputs` first).

Modules: ``readers`` (the streams), ``sources`` (inputs → files), ``text`` (``.txt`` and
stdin), ``jsonl`` (JSON Lines), ``header`` (title and date of a text article), ``dates``
(date parsing), ``problems`` (bad inputs kept aside and reported: ``--on-error``), ``seen``
(the texts a build has read, for its duplicate check, in bounded memory), ``codes`` (how an
error message names a place; the codes E100–E149 are in :class:`kg.errors.Errors`).
"""

from __future__ import annotations

from kg.ingest.dates import find_dates_in_line, parse_iso_date
from kg.ingest.header import read_header
from kg.ingest.jsonl import MAX_LINE_BYTES, BadDates, article_from_record, read_jsonl
from kg.ingest.readers import InputItem, check_inputs, read_articles, read_items
from kg.ingest.sources import Source, expand_input
from kg.ingest.text import MAX_ARTICLE_CHARS, article_from_text, read_stdin, read_text_file

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_LINE_BYTES",
    "BadDates",
    "InputItem",
    "Source",
    "article_from_record",
    "article_from_text",
    "check_inputs",
    "expand_input",
    "find_dates_in_line",
    "parse_iso_date",
    "read_articles",
    "read_header",
    "read_items",
    "read_jsonl",
    "read_stdin",
    "read_text_file",
]
