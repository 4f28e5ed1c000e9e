"""Title and date of a plain-text article, read from its first lines."""

from __future__ import annotations

from datetime import date

import pytest

from kg.ingest.header import (
    MAX_TITLE_CHARS,
    is_body_line,
    is_date_line,
    is_section_label,
    looks_like_headline,
    read_header,
)

SEED_HEAD = (
    "Today : Sep 29, 2025\nWorld News\n29 September 2025\n\n"
    "Xi Pressures Trump To Oppose Taiwan Independence\n\n"
    "China seeks to leverage trade talks for a major US policy shift on Taiwan.\n"
)
WIKINEWS_HEAD = (
    "Magnitogorsk apartment building collapses after explosion, dozens dead\n\n"
    "Friday, January 4, 2019\n\nAn apartment building collapsed on Monday in Magnitogorsk.\n"
)


@pytest.mark.parametrize(
    ("text", "title", "day"),
    [
        (SEED_HEAD, "Xi Pressures Trump To Oppose Taiwan Independence", date(2025, 9, 29)),
        (
            WIKINEWS_HEAD,
            "Magnitogorsk apartment building collapses after explosion, dozens dead",
            date(2019, 1, 4),
        ),
        # no header at all: the body starts on line 1
        ("Xi met Trump in Beijing.\nThey talked about Taiwan.", None, None),
        # an ISO date anywhere in the first five non-empty lines is the date
        ("Xi met Trump on 2025-09-28.\nThey talked.", None, date(2025, 9, 28)),
        # ISO wins over a written date that comes first
        ("Talks\nSep 29, 2025\nUpdated 2025-09-30\n\nBody.", "Talks", date(2025, 9, 30)),
        # a question or exclamation is a headline; a sentence with a full stop is not
        ("Will Xi meet Trump?\n\nBody text.", "Will Xi meet Trump?", None),
        ("Talks collapse...\n\nBody text.", "Talks collapse...", None),
        ("Trade war escalates.\n\nBody text.", None, None),
        # a line of MAX_TITLE_CHARS characters or more is body text
        ("A" * MAX_TITLE_CHARS + "\n\nBody.", None, None),
        ("A" * (MAX_TITLE_CHARS - 1) + "\n\nBody.", "A" * (MAX_TITLE_CHARS - 1), None),
        # breadcrumbs and section labels before the headline are skipped
        ("Home > World > Asia\nChina warns US over Taiwan\n\nBody.", "China warns US over Taiwan", None),
        ("Politics | Europe\nBREAKING NEWS\nEU agrees sanctions\nBody.", "EU agrees sanctions", None),
        # a written date in the first body paragraph is not the article date
        ("Former president dies aged 84\n\nHe was born on December 11, 1935.", ("Former president dies aged 84"), None),
        # ...but a line that is only a date is, even after page furniture
        (
            "Living with HIV: an interview\n\n"
            + "This article requires review. " * 10
            + "\n\nSunday, October 18, 2020\n\nBody.",
            "Living with HIV: an interview",
            date(2020, 10, 18),
        ),
        # only the first five non-empty lines are searched
        ("Headline\n\nOne.\nTwo.\nThree.\nFour.\n2025-09-28\n", "Headline", None),
        # a date line is not the title; the title can come after it
        ("Friday, January 4, 2019\nHeadline here\n\nBody.", "Headline here", date(2019, 1, 4)),
        # inner white space of a title is collapsed
        ("  Xi \t meets  Trump  \n\nBody.", "Xi meets Trump", None),
        # leading blank lines do not matter
        ("\n\n\nXi meets Trump\n\nBody.", "Xi meets Trump", None),
        # a title without letters is not a title
        ("2025 / 09 / 28 ---\n\nBody.", None, None),
        # a headline that holds a date with more words is a headline, and dates the article
        (
            "Wikipedia Current events, 2025-01-01\n\n== Armed conflicts ==",
            "Wikipedia Current events, 2025-01-01",
            date(2025, 1, 1),
        ),
    ],
)
def test_read_header(text: str, title: str | None, day: date | None) -> None:
    assert read_header(text) == (title, day)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Today : Sep 29, 2025", True),
        ("29 September 2025", True),
        ("Friday, January 4, 2019", True),
        ("Published: Sep 29, 2025, 10:32 AM GMT", True),
        ("Last updated on 2025-09-28", True),
        ("By Jane Roe, Sep 29, 2025", True),
        ("Xi and Trump met in Busan on 2025-09-28", False),
        ("World News", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("World News", True),
        ("Asia-Pacific", True),
        ("Middle East", True),
        ("Home › World › Middle East", True),
        ("U.S. Politics", True),
        ("China warns US", False),
        ("Breaking: Russia invades", False),
        ("Xi Pressures Trump To Oppose Taiwan Independence", False),
    ],
)
def test_is_section_label(line: str, expected: bool) -> None:
    assert is_section_label(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Xi Pressures Trump", True),
        ('Xi: "We will not yield"', True),
        ("Xi met Trump.", False),
        ('He said "no."', False),
        ("12:45", False),
        ("", False),
    ],
)
def test_looks_like_headline(line: str, expected: bool) -> None:
    assert looks_like_headline(line) is expected


def test_is_body_line() -> None:
    assert is_body_line("They met on Monday.")
    assert is_body_line("x" * MAX_TITLE_CHARS)
    assert not is_body_line("Published: Sep 29, 2025.")
    assert not is_body_line("World News")
