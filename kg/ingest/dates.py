"""Article dates: ISO 8601 values from JSON, and dates written in the header of a text file.

Two jobs, both without third-party parsers:

* :func:`parse_iso_date` reads the ``"date"`` field of a JSON Lines article (an ISO 8601 date
  or date-time) and returns the calendar date.
* :func:`find_dates_in_line` finds the dates in a line of text: ISO dates (``2025-09-28``)
  and dates written with an English month name (``29 September 2025``, ``Sep 29, 2025``,
  ``Friday, January 4, 2019``). A match counts only when it is a real calendar day
  (``Feb 30, 2025`` is skipped). :mod:`kg.ingest.header` decides which one is the article
  date.
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime

__all__ = ["DateMatch", "find_dates_in_line", "find_months_in_line", "parse_iso_date"]

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# longest names first so that "September" is not read as "Sep" + "tember"
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+"
)
_DAY_RE = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<{name}>\d{{4}})"

_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
# "29 September 2025", "29th Sept. 2025", "Friday 29 September, 2025"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w-])(?:{_WEEKDAY_RE})?{_DAY_RE.format(name='d')}\s+(?:of\s+)?"
    rf"(?P<m>{_MONTH_RE})\.?,?\s+{_YEAR_RE.format(name='y')}(?!\d)",
    re.IGNORECASE,
)
# "Sep 29, 2025", "September 29th 2025", "Friday, January 4, 2019"
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w-])(?:{_WEEKDAY_RE})?(?P<m>{_MONTH_RE})\.?\s+{_DAY_RE.format(name='d')},?\s+"
    rf"{_YEAR_RE.format(name='y')}(?!\d)",
    re.IGNORECASE,
)


class DateMatch:
    """A date found in a line of text, with the span of characters it was read from."""

    __slots__ = ("date", "end", "start")

    def __init__(self, date: Date, start: int, end: int) -> None:
        self.date = date
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"DateMatch({self.date.isoformat()}, {self.start}, {self.end})"


def _valid(year: str, month: int, day: str) -> Date | None:
    try:
        return Date(int(year), month, int(day))
    except ValueError:
        return None


def find_dates_in_line(line: str, *, iso: bool = True, written: bool = True) -> list[DateMatch]:
    """All valid calendar dates in one line, in the order they appear.

    Parameters
    ----------
    line
        One line of text.
    iso
        Look for ISO dates (``2025-09-28``, also inside a date-time ``2025-09-28T10:00Z``).
    written
        Look for dates written with an English month name, with or without a weekday.

    Examples
    --------
    >>> find_dates_in_line("Today : Sep 29, 2025")
    [DateMatch(2025-09-29, 8, 20)]
    >>> find_dates_in_line("Updated 2025-02-30, first seen 2025-02-28")
    [DateMatch(2025-02-28, 31, 41)]
    """
    found: list[DateMatch] = []
    if iso:
        for m in _ISO.finditer(line):
            day = _valid(m["y"], int(m["m"]), m["d"])
            if day is not None:
                found.append(DateMatch(day, m.start(), m.end()))
    if written:
        for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
            for m in pattern.finditer(line):
                day = _valid(m["y"], _MONTHS[m["m"].lower()], m["d"])
                if day is not None:
                    found.append(DateMatch(day, m.start(), m.end()))
    found.sort(key=lambda match: match.start)
    return found


_MONTH_YEAR = re.compile(rf"(?<![\w-])(?P<m>{_MONTH_RE})\.?,?\s+{_YEAR_RE.format(name='y')}(?!\d)", re.IGNORECASE)


def find_months_in_line(line: str) -> list[str]:
    """Months written with their name and year, as ISO year-months, in order of appearance.

    >>> find_months_in_line("In August 2025, Trump claimed …")
    ['2025-08']
    """
    return [f"{int(m.group('y')):04d}-{_MONTHS[m.group('m').lower()]:02d}" for m in _MONTH_YEAR.finditer(line)]


def parse_iso_date(value: str) -> Date:
    """The calendar date of an ISO 8601 date or date-time string.

    A date-time keeps the date as written, in its own time zone (``2025-09-28T23:30:00-05:00``
    is 28 September, not the UTC day). Raises :class:`ValueError` for anything else, including
    dates without a day (``2025-09``), which an article date cannot hold.

    Examples
    --------
    >>> parse_iso_date("2025-09-28")
    datetime.date(2025, 9, 28)
    >>> parse_iso_date("2025-09-28T23:30:00-05:00")
    datetime.date(2025, 9, 28)
    >>> parse_iso_date("2025-09-28T10:00:00Z")
    datetime.date(2025, 9, 28)
    >>> parse_iso_date("28/09/2025")
    Traceback (most recent call last):
    ...
    ValueError: '28/09/2025' is not an ISO 8601 date (YYYY-MM-DD) or date-time
    """
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{8}", text):
        try:
            return Date.fromisoformat(text)
        except ValueError:
            pass
    elif re.match(r"\d{4}-?\d{2}-?\d{2}[T ]\d", text):
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD) or date-time")
