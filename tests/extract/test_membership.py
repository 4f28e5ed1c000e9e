"""memberOf from member nouns, verbs of including and "PERSON of the PARTY"; sentences that
must yield no membership."""

from __future__ import annotations

import pytest

M = "memberOf"

ROWS = [
    ("Brazil is not a member of G7.", {("Brazil", M, "Group of Seven", True, "actual")}),
    (
        "Lithuania, a member of NATO, expelled two Russian diplomats.",
        {("Lithuania", M, "North Atlantic Treaty Organization", False, "actual")},
    ),
    ("Turkey became a member of NATO in 1952.", {("Turkey", M, "North Atlantic Treaty Organization", False, "actual")}),
    (
        "Mugabe won a presidential election over Morgan Tsvangirai of the MDC.",
        {("Morgan Tsvangirai", M, "MDC", False, "actual")},
    ),
    # a group described by what it is a group of
    (
        "BRICS is a group of Brazil, Russia, India, China and South Africa.",
        {(state, M, "BRICS", False, "actual") for state in ("Brazil", "Russia", "India", "China", "South Africa")},
    ),
    (
        "The G7, an informal group of seven countries, the United Kingdom, Canada and Japan among them, met.",
        {(state, M, "Group of Seven", False, "actual") for state in ("United Kingdom", "Canada", "Japan")},
    ),
    ("Hamas is a group of militants.", set()),
    # the members of a group that others arrest or deport are not the others
    ("Iran hangs nine members of the Islamic State.", set()),
    ("The Trump administration deports more than 200 alleged members of Tren de Aragua.", set()),
    ("NATO, an alliance of 32 countries, met in Brussels.", set()),
    # a member of something that is no group, and a place after "of": no membership
    ("Smith is a member of the family that founded Toyota.", set()),
    ("Nancy Pelosi of California spoke on Monday.", set()),
    ("The president of France met the members of the delegation.", set()),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_membership(triples, text: str, expected: set) -> None:
    assert {t for t in triples(text) if t[1] == M} == expected
