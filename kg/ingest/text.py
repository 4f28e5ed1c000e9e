"""Plain-text articles: one ``.txt`` file (or standard input) is one article.

The doc_id of a file is its name without the extension, the source is its file name (or the
name relative to the input folder, given by the caller; never the local path), and
the title and date come from the header (:mod:`kg.ingest.header`). Files must be UTF-8 (a
byte-order mark is dropped) without NUL characters, and not longer than the character limit;
reading stops at the limit, so a huge file is never loaded whole.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import BinaryIO, TextIO

from kg.errors import Errors
from kg.ingest import codes
from kg.ingest.header import read_header
from kg.types import Article, normalise_text

__all__ = [
    "MAX_ARTICLE_CHARS",
    "STDIN_DOC_ID",
    "STDIN_SOURCE",
    "article_from_text",
    "check_text",
    "decode_utf8",
    "read_stdin",
    "read_text_file",
]

MAX_ARTICLE_CHARS = 2_000_000
"""Default limit on the characters of one article (about 300,000 words)."""

STDIN_DOC_ID = "stdin"
STDIN_SOURCE = "<stdin>"

_MAX_UTF8_BYTES_PER_CHAR = 4


def decode_utf8(data: bytes, *, place: str) -> str:
    """Decode UTF-8 bytes (dropping a byte-order mark) or raise E104 naming the bad line.

    >>> decode_utf8(b"\\xef\\xbb\\xbfXi met Trump.", place="'a.txt'")
    'Xi met Trump.'
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            hint = "it looks like UTF-16; save it as UTF-8"
        else:
            hint = "save it as UTF-8 (for example: iconv -f latin1 -t utf-8)"
        line = data.count(b"\n", 0, exc.start) + 1
        raise Errors.E104.error(place=place, line=line, byte=data[exc.start], hint=hint) from None


def check_text(text: str, *, place: str, max_chars: int) -> None:
    """Raise the input error for a text that cannot be an article, naming ``place``.

    Checks, in order: not longer than ``max_chars`` (E107), no NUL character (E105), valid
    Unicode (E109), not empty (E106).
    """
    if len(text) > max_chars:
        raise Errors.E107.error(place=place, max_chars=max_chars)
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise Errors.E105.error(place=place, line=line)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Errors.E109.error(place=place, char=text[exc.start]) from None
    if not text.strip():
        raise Errors.E106.error(place=place)


def article_from_text(
    text: str,
    *,
    doc_id: str,
    source: str | None = None,
    place: str | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> Article:
    """An :class:`~kg.types.Article` from plain text, with title and date read from its header.

    Parameters
    ----------
    text
        The article text; the first lines may hold a headline and a date.
    doc_id
        The id that statements refer back to.
    source
        Where the text came from (a path); stored as the article source.
    place
        How error messages name the text (defaults to the quoted ``source`` or ``doc_id``).
    max_chars
        Longest text accepted.

    Raises
    ------
    kg.errors.InputError
        E105, E106, E107 or E109 (see :class:`kg.errors.Errors`).

    Examples
    --------
    >>> a = article_from_text("Talks in Beijing\\n2025-09-28\\n\\nXi met Trump.", doc_id="x")
    >>> a.title, a.date
    ('Talks in Beijing', datetime.date(2025, 9, 28))
    """
    place = place or codes.where(source if source is not None else doc_id)
    check_text(text, place=place, max_chars=max_chars)
    text = normalise_text(text)  # the title must be cut from the text as the Article holds it
    title, day = read_header(text)
    return Article(doc_id=doc_id, text=text, title=title, date=day, source=source)


def _read_capped(stream: BinaryIO, *, max_chars: int, place: str) -> bytes:
    # 4 bytes per character is the most UTF-8 needs; +3 for a byte-order mark
    cap = max_chars * _MAX_UTF8_BYTES_PER_CHAR + len(codecs.BOM_UTF8)
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise Errors.E107.error(place=place, max_chars=max_chars)
    return data


def read_text_file(
    path: str | os.PathLike[str],
    *,
    max_chars: int = MAX_ARTICLE_CHARS,
    source: str | None = None,
) -> Article:
    """Read one ``.txt`` file as one article.

    The doc_id is the file name without its extension (``seeds/000_f816.txt`` →
    ``000_f816``); the article source is ``source``, by default the file name
    (``000_f816.txt``): where the file lies on this machine is no part of the article.
    Error messages name ``path``.

    Raises
    ------
    kg.errors.InputError
        E119 (missing), E117 (unreadable), E104 (not UTF-8) and the text checks of
        :func:`check_text`.
    """
    file = os.fspath(path)
    place = codes.where(file)
    try:
        with open(file, "rb") as handle:
            data = _read_capped(handle, max_chars=max_chars, place=place)
    except FileNotFoundError:
        raise Errors.E119.error(place=place) from None
    except OSError as exc:
        raise Errors.E117.error(place=place, reason=exc.strerror or exc) from None
    text = decode_utf8(data, place=place)
    name = Path(file).name
    return article_from_text(text, doc_id=Path(file).stem, source=source or name, place=place, max_chars=max_chars)


def read_stdin(stream: TextIO, *, max_chars: int = MAX_ARTICLE_CHARS) -> Article:
    """Read all of ``stream`` as one plain-text article with doc_id ``"stdin"``.

    When the stream has a binary ``buffer`` (as ``sys.stdin`` has), its bytes are decoded as
    UTF-8 whatever the locale says; otherwise the text is taken as it comes.
    """
    place = "standard input"
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            text = decode_utf8(_read_capped(buffer, max_chars=max_chars, place=place), place=place)
        else:
            text = stream.read(max_chars + 1)
    except UnicodeDecodeError:
        raise Errors.E121.error(place=place) from None
    except OSError as exc:
        raise Errors.E133.error(place=place, reason=exc.strerror or exc) from None
    return article_from_text(text, doc_id=STDIN_DOC_ID, source=STDIN_SOURCE, place=place, max_chars=max_chars)
