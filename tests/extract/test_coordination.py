"""Coordination and collective subjects: text → expected statements.

Every pair of a group that acts together; conjoined objects after a preposition; "respectively"
pairing in order; titles shared across "and" and "counterparts". Rows with ``absent`` list
statements that must not be extracted.
"""

from __future__ import annotations

import pytest

from kg.extract.extensions import Mention, Relation
from kg.extract.relations.groups import expand_groups, groups
from kg.types import Actor

ROWS = [
    # a collective subject of a symmetric verb: every pair
    (
        "Delegations of Chile, Peru and Bolivia met in Lima to sign a water accord.",
        {
            ("Chile", "meets", "Peru", False, "actual"),
            ("Chile", "meets", "Bolivia", False, "actual"),
            ("Peru", "meets", "Bolivia", False, "actual"),
        },
        set(),
    ),
    # "they" = both, after a coordination the parser missed
    (
        (
            "Mexican President Claudia Sheinbaum and U.S. President Donald Trump announce they have agreed to "
            "delay 25% of tariffs on Mexico for a month."
        ),
        {("Claudia Sheinbaum", "agreesWith", "Donald Trump", False, "actual")},
        set(),
    ),
    # objects coordinated after a preposition
    (
        "The United States imposed sanctions on Iran, Syria and North Korea.",
        {
            ("United States", "sanctions", "Iran", False, "actual"),
            ("United States", "sanctions", "Syria", False, "actual"),
            ("United States", "sanctions", "North Korea", False, "actual"),
        },
        set(),
    ),
    # a group subject with an object: each member acts on the object, the members not on each other
    (
        "Chile and Peru urged Bolivia to reopen the border.",
        {("Chile", "urges", "Bolivia", False, "actual"), ("Peru", "urges", "Bolivia", False, "actual")},
        {("Chile", "urges", "Peru", False, "actual")},
    ),
    # "respectively" pairs in order
    (
        "Russia and China criticized Japan and India, respectively.",
        {("Russia", "criticizes", "Japan", False, "actual"), ("China", "criticizes", "India", False, "actual")},
        {("Russia", "criticizes", "India", False, "actual"), ("China", "criticizes", "Japan", False, "actual")},
    ),
    # the nationality is shared
    (
        "Polish Prime Minister Donald Tusk and defence minister Władysław Kosiniak-Kamysz visited Kyiv.",
        {
            ("Donald Tusk", "leaderOf", "Poland", False, "actual"),
            ("Władysław Kosiniak-Kamysz", "officialOf", "Poland", False, "actual"),
        },
        set(),
    ),
    # counterparts: each holds the first person's kind of office in its own state
    (
        (
            "Kenyan President William Ruto and his Ugandan and Tanzanian counterparts, Yoweri Museveni and "
            "Samia Suluhu Hassan, met in Nairobi."
        ),
        {
            ("William Ruto", "leaderOf", "Kenya", False, "actual"),
            ("Yoweri Museveni", "leaderOf", "Uganda", False, "actual"),
            ("William Ruto", "meets", "Yoweri Museveni", False, "actual"),
        },
        {
            ("Yoweri Museveni", "leaderOf", "Tanzania", False, "actual"),
            ("Yoweri Museveni", "leaderOf", "Kenya", False, "actual"),
        },
    ),
    (
        "Chinese President Xi Jinping met his Russian counterpart Vladimir Putin.",
        {
            ("Xi Jinping", "meets", "Vladimir Putin", False, "actual"),
            ("Vladimir Putin", "leaderOf", "Russia", False, "actual"),
        },
        {("Vladimir Putin", "leaderOf", "China", False, "actual")},
    ),
    # the parser hangs the first conjunct off the second as a modifier: both still act
    (
        "France and the new Germany welcomed a resumption of formal diplomatic ties with Italy.",
        {("France", "supports", "Italy", False, "actual"), ("Germany", "supports", "Italy", False, "actual")},
        set(),
    ),
    # no title before the second name: it shares nothing
    (
        "Polish Prime Minister Donald Tusk and Olaf Scholz met in Berlin.",
        {("Donald Tusk", "meets", "Olaf Scholz", False, "actual")},
        {
            ("Olaf Scholz", "officialOf", "Poland", False, "actual"),
            ("Olaf Scholz", "leaderOf", "Poland", False, "actual"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected", "absent"), ROWS)
def test_coordination(triples, text: str, expected: set, absent: set) -> None:  # type: ignore[no-untyped-def]
    got = triples(text)
    assert expected <= got
    assert not absent & got


def _m(start: int, key: str) -> Mention:
    return Mention(start, start + 1, Actor(key=key, label=key, type="State"), "pronoun")


def test_a_group_argument_acts_for_each_member() -> None:
    they_a, they_b, target = _m(5, "chile"), _m(5, "peru"), _m(8, "bolivia")
    rel = Relation(subject=they_a, predicate="urges", object=target, sent_start=0, sent_end=10)
    shared = groups([they_a, they_b, target])
    assert list(shared) == [(5, 6)]
    got = [(r.subject.actor.key, r.object.actor.key) for r in expand_groups([rel], shared)]
    assert got == [("chile", "bolivia"), ("peru", "bolivia")]
    lone = Relation(subject=target, predicate="urges", object=_m(9, "iran"), sent_start=0, sent_end=10)
    assert list(expand_groups([lone], shared)) == [lone]  # no group: unchanged
