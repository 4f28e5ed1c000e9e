"""Dyads: the most active pairs of actors, finding actors by name, a dyad's timeline."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from kg.analysis import (
    MAX_EVIDENCE,
    Balance,
    dyad_timeline,
    find_actor,
    graph_from_statements,
    most_active_dyads,
)
from kg.errors import InputError

NS = "https://w3id.org/geokg/actor/"
LABELS = {"china": "China", "usa": "United States", "taiwan": "Taiwan", "xi-jinping": "Xi Jinping", "russia": "Russia"}


def actor(key: str) -> dict[str, Any]:
    return {"id": NS + key, "label": LABELS[key], "type": "State"}


_count = 0


def said(subject: str, predicate: str, obj: str, day: str | None, **extra: Any) -> dict[str, Any]:
    global _count
    _count += 1
    return {
        "id": f"s{_count}",
        "doc_id": extra.pop("doc", f"d{_count}"),
        "subject": actor(subject),
        "predicate": predicate,
        "object": actor(obj),
        "date": day,
        "sentence": f"{subject} {predicate} {obj} ({_count})",
        "confidence": 0.5,
        **extra,
    }


RECORDS = [
    said("china", "pressures", "taiwan", "2025-09-01"),
    said("china", "pressures", "taiwan", "2025-09-20"),
    said("taiwan", "opposes", "china", "2025-10-02"),
    said("china", "attacks", "taiwan", None),
    said("usa", "supports", "taiwan", "2025-08-15"),
    said("usa", "negotiatesWith", "china", "2025-07-01"),  # symmetric: stored china → usa
    said("china", "opposes", "usa", "2025-09-05"),
    said("xi-jinping", "leaderOf", "china", "2025-09-01"),
    said("xi-jinping", "leaderOf", "china", "2025-09-02"),
    said("xi-jinping", "leaderOf", "china", "2025-09-03"),
    said("xi-jinping", "leaderOf", "china", "2025-09-04"),
    said("xi-jinping", "leaderOf", "china", "2025-09-05"),
]


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    return graph_from_statements(RECORDS)


def test_most_active_dyads_rank_event_statements(G: nx.MultiDiGraph) -> None:
    dyads = most_active_dyads(G)
    assert [(d.source, d.target) for d in dyads] == [
        (NS + "china", NS + "taiwan"),
        (NS + "china", NS + "usa"),
        (NS + "taiwan", NS + "usa"),
    ]
    top = dyads[0]
    assert (top.statements, top.relations) == (4, 3)
    assert dict(top.predicates) == {"pressures": 2, "attacks": 1, "opposes": 1}
    assert (top.first_date, top.last_date) == ("2025-09-01", "2025-10-02")
    assert top.balance == Balance(verbal_conflict=3, material_conflict=1)
    assert dyads[1].balance.score == 0.0
    assert top.to_json()["balance"]["score"] == -1.0


def test_structural_relations_count_only_when_asked(G: nx.MultiDiGraph) -> None:
    with_structure = most_active_dyads(G, structural=True)
    assert (with_structure[0].source, with_structure[0].target) == (NS + "china", NS + "xi-jinping")
    assert with_structure[0].statements == 5
    assert with_structure[0].balance == Balance()


def test_directed_dyads_keep_directions_apart(G: nx.MultiDiGraph) -> None:
    dyads = {(d.source, d.target): d for d in most_active_dyads(G, directed=True, top=None)}
    assert dyads[(NS + "china", NS + "taiwan")].statements == 3
    assert dyads[(NS + "taiwan", NS + "china")].statements == 1
    # the symmetric negotiation counts for both directions
    assert dyads[(NS + "usa", NS + "china")].statements == 1
    assert dyads[(NS + "china", NS + "usa")].statements == 2


def test_top_limits_and_validates(G: nx.MultiDiGraph) -> None:
    assert len(most_active_dyads(G, top=1)) == 1
    assert most_active_dyads(G, top=0) == []
    assert len(most_active_dyads(G, top=None)) == 3
    with pytest.raises(InputError):
        most_active_dyads(G, top=-1)


def test_find_actor_by_iri_key_or_label(G: nx.MultiDiGraph) -> None:
    assert find_actor(G, NS + "usa") == NS + "usa"
    assert find_actor(G, "usa") == NS + "usa"
    assert find_actor(G, "  united STATES ") == NS + "usa"
    with pytest.raises(InputError) as missing:
        find_actor(G, "Mars")
    assert missing.value.code == "E623"
    G.add_node("https://example.org/south-korea", label="Korea")
    G.add_node("https://example.org/north-korea", label="Korea")
    with pytest.raises(InputError) as ambiguous:
        find_actor(G, "korea")
    assert ambiguous.value.code == "E624"
    assert find_actor(G, "north-korea") == "https://example.org/north-korea"
    G.add_node("https://example.org/other", label="China")
    assert find_actor(G, "China") == NS + "china"  # a key wins over another actor's label


def test_timeline_in_date_order_both_directions(G: nx.MultiDiGraph) -> None:
    timeline = dyad_timeline(G, "Taiwan", "china")
    assert (timeline.a, timeline.b) == (NS + "taiwan", NS + "china")
    assert [(e.date, e.predicate) for e in timeline.events] == [
        ("2025-09-01", "pressures"),
        ("2025-09-20", "pressures"),
        ("2025-10-02", "opposes"),
        (None, "attacks"),
    ]
    assert timeline.events[2].source == NS + "taiwan"
    assert timeline.events[0].sentence.startswith("china pressures taiwan")
    assert timeline.omitted == 0
    directed = dyad_timeline(G, "taiwan", "china", directed=True)
    assert [e.predicate for e in directed.events] == ["opposes"]


def test_timeline_by_period(G: nx.MultiDiGraph) -> None:
    months = dyad_timeline(G, "china", "taiwan").by_period("month")
    assert [(p, n, b.conflict) for p, n, b in months] == [
        ("2025-09", 2, 2),
        ("2025-10", 1, 1),
        ("undated", 1, 1),
    ]
    assert [p for p, _, _ in dyad_timeline(G, "china", "taiwan").by_period("year")] == [
        "2025",
        "undated",
    ]
    with pytest.raises(InputError):
        dyad_timeline(G, "china", "taiwan").by_period("week")  # type: ignore[arg-type]


def test_symmetric_relation_in_directed_timeline(G: nx.MultiDiGraph) -> None:
    events = dyad_timeline(G, "usa", "china", directed=True).events
    assert [e.predicate for e in events] == ["negotiatesWith"]


def test_timeline_structural_and_errors(G: nx.MultiDiGraph) -> None:
    assert dyad_timeline(G, "xi-jinping", "china").events == ()
    assert len(dyad_timeline(G, "xi-jinping", "china", structural=True).events) == 5
    assert dyad_timeline(G, "usa", "xi-jinping").events == ()
    with pytest.raises(InputError) as same:
        dyad_timeline(G, "china", "China")
    assert same.value.code == "E629"


def test_timeline_says_how_many_statements_lost_their_evidence() -> None:
    many = [said("russia", "supplies", "china", f"2025-09-{day:02d}") for day in range(1, 29)]
    timeline = dyad_timeline(graph_from_statements(many), "russia", "china")
    assert len(timeline.events) == MAX_EVIDENCE
    assert timeline.omitted == 28 - MAX_EVIDENCE
    assert timeline.to_json()["omitted"] == 28 - MAX_EVIDENCE
