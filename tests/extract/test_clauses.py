"""Control, raising, modality, negation scope and denials: text → expected statements.

Each row lists statements that must be extracted and statements that must not be (the
negation of one clause leaking into the next, the bare positive of a denial).
"""

from __future__ import annotations

import pytest

ROWS = [
    # object control: the object of "ask" is the subject of the infinitive
    ("Tokyo asked Beijing to release the crew.", {("Japan", "urges", "China", False, "actual")}, set()),
    # raising: the passive subject of "expected" meets
    (
        "Narendra Modi is expected to meet Anthony Albanese.",
        {("Narendra Modi", "meets", "Anthony Albanese", False, "intended")},
        set(),
    ),
    (
        "Oslo may recognise Palestine.",
        {("Norway", "supports", "Palestine", False, "possible")},
        {("Norway", "supports", "Palestine", False, "actual")},
    ),
    (
        "Rome refused to sanction Russia.",
        {("Italy", "sanctions", "Russia", True, "actual")},
        {("Italy", "sanctions", "Russia", False, "actual")},
    ),
    (
        "Rome declined to condemn Turkey's incursion into Syria.",
        {("Italy", "criticizes", "Turkey", True, "actual")},
        {("Italy", "criticizes", "Syria", True, "actual")},
    ),
    # negation stays in its own clause: a conjunct with its own subject, or after "but"
    (
        "Russia did not attack Ukraine, but it threatened Poland.",
        {("Russia", "attacks", "Ukraine", True, "actual"), ("Russia", "threatens", "Poland", False, "actual")},
        {("Russia", "threatens", "Poland", True, "actual")},
    ),
    (
        "Russia did not attack Ukraine but threatened Poland.",
        {("Russia", "threatens", "Poland", False, "actual")},
        {("Russia", "threatens", "Poland", True, "actual")},
    ),
    # a shared verb phrase keeps the negation
    (
        "Germany did not agree to supply tanks and train soldiers for Ukraine.",
        {("Germany", "supplies", "Ukraine", True, "intended")},
        {("Germany", "supplies", "Ukraine", False, "intended")},
    ),
    # a denial: negated, and the denier's claim even about itself
    (
        "Moscow denied that it had attacked Ukraine's grid.",
        {("Russia", "attacks", "Ukraine", True, "actual")},
        {("Russia", "attacks", "Ukraine", False, "actual")},
    ),
    # nothing: no actor acts in the reported clause
    ("Moscow denied the report.", set(), {("Russia", "attacks", "Ukraine", True, "actual")}),
]


@pytest.mark.parametrize(("text", "expected", "absent"), ROWS)
def test_clauses(triples, text: str, expected: set, absent: set) -> None:  # type: ignore[no-untyped-def]
    got = triples(text)
    assert expected <= got
    assert not absent & got
    if not expected:
        assert not got


def test_a_denial_is_attributed_to_the_denier(extractor) -> None:  # type: ignore[no-untyped-def]
    from kg.types import Article

    statements = extractor.extract(Article(doc_id="t", text="Moscow denied that it had attacked Ukraine."))
    attack = next(s for s in statements if s.predicate == "attacks")
    assert attack.negated and attack.attributed_to is not None and attack.attributed_to.label == "Russia"


NESTED = [
    # the gerund after "accuse X of" is X's act, told by the accuser, never the accuser's
    (
        "Kenya accused Sudan of arming the RSF.",
        {
            ("Kenya", "accuses", "Sudan", False, "actual"),
            ("Sudan", "supplies", "Rapid Support Forces", False, "actual"),
        },
        {("Kenya", "supplies", "Rapid Support Forces", False, "actual")},
    ),
    (
        "China accused the United States of arming Taiwan.",
        {("United States", "supplies", "Taiwan", False, "actual")},
        {("China", "supplies", "Taiwan", False, "actual")},
    ),
    (
        "Russia was accused by Poland of attacking Ukraine.",
        {("Poland", "accuses", "Russia", False, "actual"), ("Russia", "attacks", "Ukraine", False, "actual")},
        {("Poland", "attacks", "Ukraine", False, "actual")},
    ),
    (
        "The EU sanctioned Iran for supplying drones to Russia.",
        {("European Union", "sanctions", "Iran", False, "actual"), ("Iran", "supplies", "Russia", False, "actual")},
        {("European Union", "supplies", "Russia", False, "actual")},
    ),
    # the object inside a noun phrase is the possessor's, not the incursion's target
    (
        "Rome declined to condemn Turkey's incursion into Syria.",
        {("Italy", "criticizes", "Turkey", True, "actual")},
        {("Italy", "criticizes", "Syria", True, "actual")},
    ),
    # a relative clause keeps its own subject
    (
        "India, which has long opposed Pakistan, criticized China.",
        {("India", "opposes", "Pakistan", False, "actual"), ("India", "criticizes", "China", False, "actual")},
        {("Pakistan", "criticizes", "China", False, "actual")},
    ),
]


@pytest.mark.parametrize(("text", "expected", "absent"), NESTED)
def test_nested_clauses(triples, text: str, expected: set, absent: set) -> None:  # type: ignore[no-untyped-def]
    got = triples(text)
    assert expected <= got
    assert not absent & got


def test_the_accuser_tells_the_act(extractor) -> None:  # type: ignore[no-untyped-def]
    from kg.types import Article

    statements = extractor.extract(Article(doc_id="t", text="Russia was accused by Poland of attacking Ukraine."))
    attack = next(s for s in statements if s.predicate == "attacks")
    assert (
        attack.subject.label == "Russia" and attack.attributed_to is not None and attack.attributed_to.label == "Poland"
    )
