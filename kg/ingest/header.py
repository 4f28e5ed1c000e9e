"""The header of a plain-text article: its headline and its date.

News text saved from web pages often starts with a few lines of page furniture before the
headline. The seed article begins::

    Today : Sep 29, 2025
    World News
    29 September 2025

    Xi Pressures Trump To Oppose Taiwan Independence

and a Wikinews article begins with its headline, a blank line and ``Friday, January 4, 2019``.

Rules (applied to the first :data:`HEADER_LINES` non-empty lines of the normalised text):

* **Date**: an ISO date anywhere in those lines wins; else the first written date in a
  *date line* or in a line before the first *body line* (``Born on December 11, 1935, ...``
  in the first paragraph is not the article date).
* **Title**: header lines that are *date lines* or *section labels* are skipped; the first
  other line is the title when it *looks like a headline*; otherwise the article has no title.
  Only lines before it are skipped, so a body that starts right away gives no title.

  - a *date line* holds a date and, besides it, at most six words of which at most two are
    not stamp words such as ``Today``, ``Published``, ``Updated``, ``by``, ``AM``, ``GMT``
    (``Today : Sep 29, 2025``, ``Friday, January 4, 2019``, ``Updated 10:32 GMT 2025-09-28``,
    ``By Jane Roe, Sep 29, 2025``);
  - a *section label* is a line whose words all come from a small vocabulary of section names
    (``World News``, ``Politics``, ``Asia Pacific``, ``Breaking News``), or a breadcrumb
    (``Home > World > Asia``, ``News | Europe``);
  - a *body line* is one that is not a date line and either ends with a full stop or is
    :data:`MAX_TITLE_CHARS` characters or longer;
  - a line *looks like a headline* when it is shorter than :data:`MAX_TITLE_CHARS`
    characters, contains a letter, and does not end with a full stop (``?``, ``!``, quotes
    and ``...`` are allowed: "Will Xi meet Trump?" is a headline, "Xi met Trump." is not).
"""

from __future__ import annotations

import re
from datetime import date as Date
from itertools import takewhile

from kg.ingest.dates import find_dates_in_line

__all__ = [
    "HEADER_LINES",
    "MAX_TITLE_CHARS",
    "header_lines",
    "is_body_line",
    "is_date_line",
    "is_section_label",
    "looks_like_headline",
    "read_header",
]

HEADER_LINES = 5
"""How many non-empty lines at the top of a text article are searched for a date and title."""

MAX_TITLE_CHARS = 200
"""A line this long or longer is body text, not a headline."""

_DATE_LINE_WORDS = frozenset(
    w.rstrip(".")
    for w in """today published publication posted updated update last modified date dated on at
    by am pm a.m. p.m. gmt utc bst cet cest est edt pst pdt ist jst hkt sgt local time""".split()
)

_SECTION_WORDS = frozenset(
    w.rstrip(".")
    for w in """news world international national local breaking latest top stories story home
    front page live updates update headlines politics political business economy economics
    finance markets market money opinion opinions analysis comment commentary editorial
    editorials features feature sport sports tech technology science health culture
    entertainment lifestyle travel environment climate weather video videos photos
    africa asia pacific asia-pacific europe european americas america latin north south
    middle east west central us u.s. usa uk u.k. china india russia australia canada
    defence defense security diplomacy military conflict war and & the of in""".split()
)

_BREADCRUMB = re.compile(r"\s(?:>|›|»|\||/|::)\s")
_WORD = re.compile(r"[^\W\d_][\w.&'’-]*|&")
_ENDS_SENTENCE = re.compile(r"(?<!\.)\.[\"'”’)\]]*$")


def header_lines(text: str, *, limit: int = HEADER_LINES) -> list[str]:
    """The first ``limit`` non-empty lines of ``text``, stripped.

    >>> header_lines("Title\\n\\n  Friday, January 4, 2019\\n\\nBody.", limit=2)
    ['Title', 'Friday, January 4, 2019']
    """
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            lines.append(line)
            if len(lines) >= limit:
                break
    return lines


def _words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without trailing punctuation ("U.S." → "u.s")."""
    return [w.lower().rstrip(".,:;'’-") or w for w in _WORD.findall(text)]


def is_date_line(line: str) -> bool:
    """True when ``line`` is a date stamp rather than text.

    >>> is_date_line("Today : Sep 29, 2025")
    True
    >>> is_date_line("Friday, January 4, 2019")
    True
    >>> is_date_line("Wikipedia Current events, 2025-01-01")
    False
    """
    matches = find_dates_in_line(line)
    if not matches:
        return False
    rest = line
    for match in reversed(matches):
        rest = rest[: match.start] + " " + rest[match.end :]
    words = [w for w in _words(rest) if w not in _DATE_LINE_WORDS]
    return len(words) <= 2 and len(_words(rest)) <= 6


def is_section_label(line: str) -> bool:
    """True when ``line`` names a section of a news site rather than a story.

    >>> is_section_label("World News")
    True
    >>> is_section_label("Home > World > Asia")
    True
    >>> is_section_label("China warns US over Taiwan")
    False
    """
    if _BREADCRUMB.search(line) and len(line) < 80:
        return True
    words = _words(line)
    return bool(words) and len(words) <= 5 and all(w in _SECTION_WORDS for w in words)


def looks_like_headline(line: str) -> bool:
    """True when ``line`` can be a headline: short, has a letter, no final full stop.

    >>> looks_like_headline("Xi Pressures Trump To Oppose Taiwan Independence")
    True
    >>> looks_like_headline("Xi met Trump on Monday.")
    False
    >>> looks_like_headline("Talks stall...")
    True
    """
    line = line.strip()
    if not line or len(line) >= MAX_TITLE_CHARS:
        return False
    if not any(ch.isalpha() for ch in line):
        return False
    return _ENDS_SENTENCE.search(line) is None


def is_body_line(line: str) -> bool:
    """True when ``line`` is prose of the article body rather than part of its header.

    >>> is_body_line("He was born on December 11, 1935.")
    True
    >>> is_body_line("Published: Sep 29, 2025.")
    False
    """
    line = line.strip()
    if is_date_line(line):
        return False
    return len(line) >= MAX_TITLE_CHARS or _ENDS_SENTENCE.search(line) is not None


def _first_date(lines: list[str], *, iso: bool) -> Date | None:
    for line in lines:
        matches = find_dates_in_line(line, iso=iso, written=not iso)
        if matches:
            return matches[0].date
    return None


def read_header(text: str) -> tuple[str | None, Date | None]:
    """The title and date of a plain-text article, by the rules in this module's docstring.

    Examples
    --------
    >>> read_header("Today : Sep 29, 2025\\nWorld News\\n29 September 2025\\n\\n"
    ...             "Xi Pressures Trump To Oppose Taiwan Independence\\n\\nChina seeks ...")
    ('Xi Pressures Trump To Oppose Taiwan Independence', datetime.date(2025, 9, 29))
    >>> read_header("Xi met Trump in Beijing on 2025-09-28.\\nThey talked.")
    (None, datetime.date(2025, 9, 28))
    >>> read_header("Ex-president dies\\n\\nHe was born on December 11, 1935.")
    ('Ex-president dies', None)
    """
    lines = header_lines(text)
    title: str | None = None
    for line in lines:
        if is_date_line(line) or is_section_label(line):
            continue
        if looks_like_headline(line):
            title = re.sub(r"\s+", " ", line)
        break
    n_header = sum(1 for _ in takewhile(lambda line: not is_body_line(line), lines))
    dated = [line for i, line in enumerate(lines) if i < n_header or is_date_line(line)]
    return title, _first_date(lines, iso=True) or _first_date(dated, iso=False)
