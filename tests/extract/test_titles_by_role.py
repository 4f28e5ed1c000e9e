"""A title with no organisation ("Prime Minister Boris Johnson") is resolved through the
person's roles in the actor base on the article date, to an organisation the article names."""

from __future__ import annotations

from datetime import date

import pytest

TEXT = "Prime Minister Boris Johnson met Emmanuel Macron on Monday. Britain and France discussed trade."

ROWS = [
    (TEXT, date(2019, 10, 10), {("Boris Johnson", "leaderOf", "United Kingdom", False, "actual")}),
    # out of office on the article date: no role
    (TEXT, date(2023, 1, 10), set()),
    # the organisation is not named in the article: nothing is guessed
    ("Prime Minister Boris Johnson met Emmanuel Macron on Monday.", date(2019, 10, 10), set()),
    (
        "Foreign Secretary Dominic Raab urged the embassy to reconsider. Britain wants answers.",
        date(2019, 10, 10),
        {("Dominic Raab", "officialOf", "United Kingdom", False, "actual")},
    ),
    (
        "President William Ruto spoke in Nairobi. Kenya will host the summit.",
        date(2025, 2, 3),
        {("William Ruto", "leaderOf", "Kenya", False, "actual")},
    ),
]


@pytest.mark.parametrize(("text", "day", "expected"), ROWS)
def test_titles_resolve_through_dated_roles(triples, text: str, day: date, expected: set) -> None:
    got = {t for t in triples(text, day) if t[1] in ("leaderOf", "officialOf")}
    assert got == expected


HYPHENS_AND_PAST = [
    (
        "OAS Secretary-General Luis Almagro condemned the vote.",
        {("Luis Almagro", "leaderOf", "Organization of American States", False, "actual")},
    ),
    (
        "Vice-President of the European Commission Kaja Kallas vows support for Ukraine.",
        {("Kaja Kallas", "officialOf", "European Commission", False, "actual")},
    ),
    # a former office holds no office now
    ("A grand jury indicted former first secretary of the Communist Party of Cuba Raúl Castro.", set()),
    ("Former foreign minister Jean Asselborn criticised Hungary.", set()),
]


@pytest.mark.parametrize(("text", "expected"), HYPHENS_AND_PAST)
def test_hyphenated_titles_and_past_offices(triples, text: str, expected: set) -> None:
    got = {t for t in triples(text, date(2025, 3, 17)) if t[1] in ("leaderOf", "officialOf")}
    assert got == expected
