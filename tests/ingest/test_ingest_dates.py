"""Dates written in article headers and ISO dates from JSON."""

from __future__ import annotations

from datetime import date

import pytest

from kg.ingest.dates import find_dates_in_line, parse_iso_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025-09-28", [date(2025, 9, 28)]),
        ("Updated 2025-09-28T10:32:00Z", [date(2025, 9, 28)]),
        ("29 September 2025", [date(2025, 9, 29)]),
        ("29th Sept. 2025", [date(2025, 9, 29)]),
        ("Sep 29, 2025", [date(2025, 9, 29)]),
        ("SEP 29 2025", [date(2025, 9, 29)]),
        ("September 29th, 2025", [date(2025, 9, 29)]),
        ("Friday, January 4, 2019", [date(2019, 1, 4)]),
        ("Friday 4 January 2019", [date(2019, 1, 4)]),
        ("January 4, 2019", [date(2019, 1, 4)]),
        ("Today : Sep 29, 2025 and 2025-09-30", [date(2025, 9, 29), date(2025, 9, 30)]),
        # not real calendar days, or not dates at all
        ("Feb 30, 2025", []),
        ("2025-13-01", []),
        ("2025-02-29", []),
        ("31 April 2025", []),
        ("Sep 29", []),
        ("12025-09-28", []),
        ("May 5, 20255", []),
        ("Meeting in room 29 September2025", []),
        ("", []),
    ],
)
def test_find_dates_in_line(line: str, expected: list[date]) -> None:
    assert [m.date for m in find_dates_in_line(line)] == expected


def test_find_dates_in_line_spans_point_at_the_date() -> None:
    line = "Posted: Friday, January 4, 2019 at 10:00"
    (match,) = find_dates_in_line(line)
    assert line[match.start : match.end] == "Friday, January 4, 2019"


def test_find_dates_in_line_can_look_for_one_kind_only() -> None:
    line = "Sep 29, 2025 / 2025-09-30"
    assert [m.date for m in find_dates_in_line(line, written=False)] == [date(2025, 9, 30)]
    assert [m.date for m in find_dates_in_line(line, iso=False)] == [date(2025, 9, 29)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-28", date(2025, 9, 28)),
        (" 2025-09-28 ", date(2025, 9, 28)),
        ("20250928", date(2025, 9, 28)),
        ("2025-09-28T10:00:00", date(2025, 9, 28)),
        ("2025-09-28T10:00:00Z", date(2025, 9, 28)),
        ("2025-09-28 10:00", date(2025, 9, 28)),
        ("2025-09-28T23:30:00-05:00", date(2025, 9, 28)),  # the date as written, not UTC
        ("2025-09-28T00:30:00.123+09:00", date(2025, 9, 28)),
    ],
)
def test_parse_iso_date(value: str, expected: date) -> None:
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "2025-09", "2025", "28/09/2025", "Sep 29, 2025", "2025-02-30", "2025-09-28Tnoon", "31-MAR-198", "2025-W39-1"],
)
def test_parse_iso_date_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        parse_iso_date(value)
