"""kg.extract.actor_linker.qualified: a known body that another state qualifies is that state's
namesake; the known body stays when its own state, or no state, qualifies it."""

from __future__ import annotations

from datetime import date

import pytest

from kg.types import Article

# sentence -> (the key, the country) of the organisation a person leads there
ROWS = [
    ("Jung Chung-rae is elected leader of the Democratic Party in South Korea.", ("democratic-party-kor", "KOR")),
    ("Avi Lewis is elected leader of Canada's New Democratic Party.", ("democratic-party-can", "CAN")),
    ("Virginie Ruffenach is elected president of the Congress of New Caledonia.", ("congress-ncl", "NCL")),
    # its own state, or none: the known body
    ("Nancy Pelosi leads the Democratic Party.", ("democratic-party-united-states", "USA")),
    ("Nancy Pelosi leads the Democratic Party in the United States.", ("democratic-party-united-states", "USA")),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_a_body_another_state_qualifies_is_its_namesake(extractor, text: str, expected: tuple[str, str]) -> None:
    statements = extractor.extract(Article(doc_id="t", text=text, date=date(2025, 9, 29)))
    led = {(s.object.key, s.object.country) for s in statements if s.predicate == "leaderOf"}
    assert led == {expected}
