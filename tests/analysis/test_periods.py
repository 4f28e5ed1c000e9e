"""The difference between two periods: parsing periods, appeared/vanished relations, turns."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from kg.analysis import compare_periods, graph_from_statements, parse_period
from kg.errors import InputError

NS = "https://w3id.org/geokg/actor/"


def actor(key: str) -> dict[str, Any]:
    return {"id": NS + key, "label": key.title(), "type": "State"}


_count = 0


def said(subject: str, predicate: str, obj: str, day: str, **extra: Any) -> dict[str, Any]:
    global _count
    _count += 1
    return {
        "id": f"s{_count}",
        "doc_id": f"d{_count}",
        "subject": actor(subject),
        "predicate": predicate,
        "object": actor(obj),
        "date": day,
        **extra,
    }


RECORDS = [
    # first half of 2025: China and the US negotiate, Russia supplies Iran, India supports Japan
    said("china", "negotiatesWith", "usa", "2025-02-10"),
    said("usa", "negotiatesWith", "china", "2025-03-01"),
    said("china", "criticizes", "usa", "2025-03-02"),
    said("russia", "supplies", "iran", "2025-04-01"),
    said("india", "criticizes", "japan", "2025-05-01"),
    said("xi", "leaderOf", "china", "2025-05-01"),
    # second half: sanctions and threats between China and the US, India and Japan reconcile
    said("usa", "sanctions", "china", "2025-08-01"),
    said("china", "threatens", "usa", "2025-08-03"),
    said("china", "negotiatesWith", "usa", "2025-09-01"),
    said("russia", "supplies", "iran", "2025-10-01"),
    said("india", "agreesWith", "japan", "2025-11-01"),
    said("india", "supports", "japan", "2025-11-02"),
    said("xi", "leaderOf", "china", "2025-12-01"),
    said("turkey", "attacks", "syria", "2025-12-24", modality="possible"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01:2025-06", ("2025-01", "2025-06")),
        ("2025-01-01..2025-06-30", ("2025-01-01", "2025-06-30")),
        (" 2025-07 : ", ("2025-07", None)),
        (":2024-12-31", (None, "2024-12-31")),
        ("2024", ("2024", "2024")),
    ],
)
def test_parse_period(text: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", [":", "", "2025/01:2025/06", "last year", "2025-01:2025-06:2025-09"])
def test_bad_period_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_period(text)
    assert caught.value.code == "E620"


def halves() -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    first = graph_from_statements(RECORDS, since="2025-01", until="2025-06")
    second = graph_from_statements(RECORDS, since="2025-07", until="2025-12")
    return first, second


def test_relations_that_appeared_vanished_or_stayed() -> None:
    diff = compare_periods(*halves())
    appeared = {(r.source, r.relation, r.target) for r in diff.appeared}
    assert appeared == {
        (NS + "usa", "sanctions", NS + "china"),
        (NS + "china", "threatens", NS + "usa"),
        (NS + "india", "agreesWith", NS + "japan"),
        (NS + "india", "supports", NS + "japan"),
        (NS + "turkey", "attacks|possible", NS + "syria"),
    }
    vanished = {(r.source, r.relation, r.target) for r in diff.vanished}
    assert vanished == {
        (NS + "china", "criticizes", NS + "usa"),
        (NS + "india", "criticizes", NS + "japan"),
    }
    # negotiatesWith and supplies are in both; leaderOf is structural and left out
    assert diff.kept == 2
    possible = next(r for r in diff.appeared if r.predicate == "attacks")
    assert (possible.modality, possible.quad_class, possible.statements) == ("possible", 4, 1)


def test_structural_relations_on_request() -> None:
    first, second = halves()
    second.remove_edge(NS + "xi", NS + "china", "leaderOf")
    diff = compare_periods(first, second, structural=True)
    assert (NS + "xi", "leaderOf", NS + "china") in {(r.source, r.relation, r.target) for r in diff.vanished}
    assert compare_periods(first, second).kept == 2


def test_dyads_that_turned() -> None:
    diff = compare_periods(*halves())
    assert [(t.a, t.b) for t in diff.to_conflict] == [(NS + "china", NS + "usa")]
    turn = diff.to_conflict[0]
    assert turn.before.cooperation == 2 and turn.before.conflict == 1
    assert turn.after.cooperation == 1 and turn.after.conflict == 2
    assert [(t.a, t.b) for t in diff.to_cooperation] == [(NS + "india", NS + "japan")]
    # Russia–Iran stays cooperative, Turkey–Syria exists in one period only: no turn
    assert len(diff.to_conflict) + len(diff.to_cooperation) == 2


def test_directed_turns_look_at_each_direction() -> None:
    # in the second half each direction of China–US is even (one negotiation, one threat or
    # sanction), so neither direction leans to conflict although the pair does
    assert compare_periods(*halves(), directed=True).to_conflict == ()

    def graph(*edges: tuple[str, str, str, int]) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        for u, v, predicate, n in edges:
            G.add_edge(
                u,
                v,
                predicate,
                predicate=predicate,
                quad_class={"supports": 1, "threatens": 3}[predicate],
                statements=n,
            )
        return G

    before = graph(("a", "b", "supports", 1), ("b", "a", "supports", 1))
    after = graph(("a", "b", "threatens", 2), ("b", "a", "supports", 1))
    assert [(t.a, t.b) for t in compare_periods(before, after, directed=True).to_conflict] == [("a", "b")]
    assert [(t.a, t.b) for t in compare_periods(before, after).to_conflict] == [("a", "b")]
    assert compare_periods(after, before).to_cooperation[0].after.score == 1.0


def test_same_period_twice_changes_nothing_and_json_shape() -> None:
    first, _ = halves()
    diff = compare_periods(first, first)
    assert diff.appeared == diff.vanished == diff.to_conflict == diff.to_cooperation == ()
    assert diff.kept == 4
    data = compare_periods(*halves()).to_json()
    assert set(data) == {"appeared", "vanished", "kept", "to_conflict", "to_cooperation"}
    assert data["to_conflict"][0]["before"]["leaning"] == "cooperation"


def test_simple_graphs_are_refused() -> None:
    with pytest.raises(InputError):
        compare_periods(nx.DiGraph(), nx.DiGraph())
