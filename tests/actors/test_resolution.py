"""Actor resolution, one table per rule: sentence → (surface text → actor key) expected.

A key of None means the words must not be linked to any actor.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.pipeline import Extractor
from kg.types import Article


@pytest.fixture(scope="module")
def mentions():
    ex = Extractor()

    def run(text: str, day: date = date(2025, 9, 29)) -> dict[str, tuple[str, str, bool]]:
        doc = ex.nlp(ex.make_doc(Article(doc_id="t", text=text, date=day)))
        return {doc[m.start : m.end].text: (m.actor.key, m.kind, m.place) for m in doc._.kg_mentions}

    return run


def _check(mentions, text, expected, day=date(2025, 9, 29)):
    got = mentions(text, day)
    for surface, key in expected.items():
        if key is None:
            assert surface not in got or got[surface][2], f"{surface!r} must not be an actor: {got}"
        else:
            assert surface in got, f"{surface!r} not linked: {got}"
            assert got[surface][0] == key, f"{surface!r} → {got[surface][0]}, expected {key}"


NAMES = [
    ("Xi Jinping met Vladimir Putin.", {"Xi Jinping": "xi-jinping", "Vladimir Putin": "vladimir-putin"}),
    ("NATO and the EU responded.", {"NATO": "nato", "EU": "european-union"}),
    ("The PLA held drills.", {"PLA": "peoples-liberation-army"}),
    ("The U.S. and the UK agreed.", {"U.S.": "united-states"}),
]

SURNAMES_AND_TITLES = [
    ("Xi Pressures Trump To Oppose Taiwan Independence", {"Xi": "xi-jinping", "Trump": "donald-trump"}),
    ("President Trump spoke. Later Trump left.", {"Trump": "donald-trump"}),
    ("Liu Pengyu spoke on Monday. Liu said the talks went well.", {"Liu": "liu-pengyu"}),
]

AGENTS_AND_DEMONYMS = [
    ("Hungarian officials agreed.", {"Hungarian officials": "hungary"}),
    ("The Chinese government protested.", {"Chinese government": "china"}),
    ("Russian troops advanced.", {"Russian troops": "russian-armed-forces"}),
]

METONYMY = [
    ("Beijing pressures Washington.", {"Beijing": "china", "Washington": "united-states"}),
    ("The Kremlin rejected the plan.", {"The Kremlin": "russia"}),
    ("Diplomats held talks in Istanbul.", {"Istanbul": None}),
]

DATE_AWARE_ROLES = [
    ("The U.S. president criticized Iran.", date(2019, 6, 1), {"U.S. president": "donald-trump"}),
    ("The U.S. president criticized Iran.", date(2022, 6, 1), {"U.S. president": "joe-biden"}),
    ("The U.S. president criticized Iran.", date(2025, 6, 1), {"U.S. president": "donald-trump"}),
    (
        "Xi Jinping arrived. The Chinese leader is planning a visit.",
        date(2025, 9, 29),
        {"Chinese leader": "xi-jinping"},
    ),
]

COREFERENCE = [
    ("Trump claimed that Xi had personally assured him that China would not invade.", {"him": "donald-trump"}),
    (
        "Trump has argued for talks. Instead, his administration has focused on sanctions.",
        {"his administration": "donald-trump"},
    ),
    ("China held drills near Taiwan. Beijing later threatened the island.", {"the island": "taiwan"}),
    ("China, for its part, has been unequivocal in its opposition.", {"its": "china"}),
]

UNKNOWN_ACTORS = [
    ("Trump Tower was evacuated on Monday.", {"Trump": None}),
    ("Ivanka Trump visited Paris.", {"Trump": None}),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_names_aliases_acronyms(mentions, text, expected):
    _check(mentions, text, expected)


@pytest.mark.parametrize(("text", "expected"), SURNAMES_AND_TITLES)
def test_surnames_after_first_mention_and_titles(mentions, text, expected):
    _check(mentions, text, expected)


@pytest.mark.parametrize(("text", "expected"), AGENTS_AND_DEMONYMS)
def test_demonym_with_agent_noun(mentions, text, expected):
    _check(mentions, text, expected)


@pytest.mark.parametrize(("text", "expected"), METONYMY)
def test_capitals_as_actors_and_as_places(mentions, text, expected):
    _check(mentions, text, expected)


@pytest.mark.parametrize(("text", "day", "expected"), DATE_AWARE_ROLES)
def test_the_article_date_picks_the_office_holder(mentions, text, day, expected):
    _check(mentions, text, expected, day)


@pytest.mark.parametrize(("text", "expected"), COREFERENCE)
def test_conservative_coreference(mentions, text, expected):
    _check(mentions, text, expected)


@pytest.mark.parametrize(("text", "expected"), UNKNOWN_ACTORS)
def test_unknown_names_never_swallow_known_actors(mentions, text, expected):
    got = mentions(text)
    for surface in expected:
        assert surface not in got or got[surface][0] != "donald-trump", got


def test_unknown_person_is_minted_and_stable(mentions):
    a = mentions("Jane Quimby criticized the plan.")
    b = mentions("Officials said Jane Quimby left.")
    assert a["Jane Quimby"][0] == b["Jane Quimby"][0] == "jane-quimby"
    assert a["Jane Quimby"][1] == "minted"


def test_ambiguous_description_is_not_linked(mentions):
    got = mentions("Iran and Iraq signed a deal. The country also criticized Israel.")
    assert "The country" not in got
