"""Conflict–cooperation balance: the Balance record, per actor and per dyad."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from kg.analysis import Balance, actor_balance, dyad_balance, graph_from_statements
from kg.errors import InputError
from kg.vocab import PREDICATES

NS = "https://w3id.org/geokg/actor/"


def actor(key: str) -> dict[str, Any]:
    return {"id": NS + key, "label": key.title(), "type": "State"}


def said(n: int, subject: str, predicate: str, obj: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"s{n}",
        "doc_id": f"d{n}",
        "subject": actor(subject),
        "predicate": predicate,
        "object": actor(obj),
        "date": "2025-09-01",
        "sentence": f"sentence {n}",
        **extra,
    }


def test_balance_score_counts_and_leaning() -> None:
    b = Balance(verbal_cooperation=2, material_cooperation=1, verbal_conflict=1)
    assert (b.cooperation, b.conflict, b.total) == (3, 1, 4)
    assert b.score == pytest.approx(0.5)
    assert b.leaning == "cooperation"
    assert Balance(material_conflict=2).score == -1.0
    assert Balance(verbal_cooperation=1, material_conflict=1).leaning == "even"
    assert Balance().leaning == "none" and Balance().score is None
    assert Balance().add(2).add(2, 3) == Balance(material_cooperation=4)
    assert Balance(verbal_conflict=1) + Balance(verbal_conflict=2) == Balance(verbal_conflict=3)


def test_balance_json_has_counts_and_rounded_score() -> None:
    data = Balance(verbal_cooperation=1, verbal_conflict=2).to_json()
    assert data == {
        "verbal_cooperation": 1,
        "material_cooperation": 0,
        "verbal_conflict": 2,
        "material_conflict": 0,
        "cooperation": 1,
        "conflict": 2,
        "score": -0.3333,
        "leaning": "conflict",
    }


@pytest.mark.parametrize("quad", [0, 5, None])
def test_balance_rejects_unknown_quad_class(quad: Any) -> None:
    with pytest.raises(InputError):
        Balance().add(quad)


def test_actor_balance_from_statements_uses_quad_classes_of_the_ontology() -> None:
    records = [
        said(1, "china", "pressures", "taiwan"),
        said(2, "china", "pressures", "taiwan"),
        said(3, "china", "attacks", "taiwan", modality="possible"),
        said(4, "usa", "supports", "taiwan"),
        said(5, "usa", "providesAidTo", "taiwan", negated=True),  # denied: counts for nobody
        said(6, "xi-jinping", "leaderOf", "china"),  # structural: counts for nobody
        said(7, "russia", "cooperatesWith", "china"),  # symmetric
    ]
    G = graph_from_statements(records, negated=None)
    both = actor_balance(G)
    assert PREDICATES["pressures"].quad_class == 3 and PREDICATES["attacks"].quad_class == 4
    assert both[NS + "taiwan"] == Balance(verbal_cooperation=1, verbal_conflict=2, material_conflict=1)
    assert both[NS + "taiwan"].score == pytest.approx(-0.5)
    assert both[NS + "usa"] == Balance(verbal_cooperation=1)
    assert NS + "xi-jinping" not in both
    out = actor_balance(G, direction="out")
    assert NS + "taiwan" not in out
    assert out[NS + "china"] == Balance(verbal_conflict=2, material_conflict=1, material_cooperation=1)
    assert out[NS + "russia"] == Balance(material_cooperation=1)
    incoming = actor_balance(G, direction="in")
    assert incoming[NS + "russia"] == Balance(material_cooperation=1)
    assert incoming[NS + "china"] == Balance(material_cooperation=1)


def test_actor_balance_weight_none_counts_relations() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", "pressures", quad_class=3, statements=5)
    G.add_edge("a", "b", "supports", quad_class=1, statements=1)
    assert actor_balance(G)["a"].score == pytest.approx((1 - 5) / 6)
    assert actor_balance(G, weight=None)["a"].score == 0.0
    with pytest.raises(InputError):
        actor_balance(G, direction="up")  # type: ignore[arg-type]


def test_dyad_balance_merges_directions_unless_directed() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("usa", "china", "sanctions", quad_class=4, statements=2)
    G.add_edge("china", "usa", "negotiatesWith", quad_class=1, statements=1, symmetric=True)
    G.add_edge("china", "usa", "opposes", quad_class=3, statements=1)
    G.add_edge("china", "china", "criticizes", quad_class=3, statements=1)
    pairs = dyad_balance(G)
    assert list(pairs) == [("china", "usa")]
    assert pairs[("china", "usa")] == Balance(verbal_cooperation=1, verbal_conflict=1, material_conflict=2)
    directed = dyad_balance(G, directed=True)
    assert directed[("usa", "china")] == Balance(verbal_cooperation=1, material_conflict=2)
    assert directed[("china", "usa")] == Balance(verbal_cooperation=1, verbal_conflict=1)


def test_empty_graph_has_no_balances() -> None:
    assert actor_balance(nx.MultiDiGraph()) == {}
    assert dyad_balance(nx.MultiDiGraph()) == {}
