"""Centrality (degree, PageRank, betweenness) and Louvain communities on actor graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.analysis import (
    betweenness,
    community_index,
    degree,
    louvain,
    modularity,
    pagerank,
    weighted_digraph,
    weighted_graph,
)
from kg.errors import InputError
from tests.conftest import printed_under_hash_seeds


def relations(*edges: tuple[str, str, str, int], symmetric: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for u, v, predicate, n in edges:
        G.add_edge(u, v, predicate, predicate=predicate, statements=n, symmetric=predicate in symmetric)
    return G


# ------------------------------------------------------------------ projections


def test_digraph_adds_up_parallel_relations_and_symmetric_ones_both_ways() -> None:
    G = relations(
        ("a", "b", "pressures", 2),
        ("a", "b", "demands", 3),
        ("b", "a", "opposes", 1),
        ("a", "c", "meets", 4),
        symmetric=("meets",),
    )
    H = weighted_digraph(G)
    assert {(u, v): w for u, v, w in H.edges(data="weight")} == {
        ("a", "b"): 5,
        ("b", "a"): 1,
        ("a", "c"): 4,
        ("c", "a"): 4,
    }
    assert {(u, v): w for u, v, w in weighted_digraph(G, weight=None).edges(data="weight")}[("a", "b")] == 2


def test_undirected_projection_counts_each_relation_once() -> None:
    G = relations(("a", "b", "pressures", 2), ("b", "a", "opposes", 1), ("a", "c", "meets", 4), symmetric=("meets",))
    H = weighted_graph(G)
    assert H["a"]["b"]["weight"] == 3
    assert H["a"]["c"]["weight"] == 4


def test_projections_keep_isolated_actors() -> None:
    G = relations(("a", "b", "pressures", 1))
    G.add_node("lonely")
    assert "lonely" in weighted_digraph(G) and "lonely" in weighted_graph(G)


# ------------------------------------------------------------------ degree


def test_degree_counts_statements_in_and_out() -> None:
    G = relations(
        ("china", "taiwan", "pressures", 3), ("usa", "taiwan", "supports", 1), ("taiwan", "china", "opposes", 2)
    )
    assert degree(G, direction="in") == {"china": 2, "taiwan": 4, "usa": 0}
    assert degree(G, direction="out") == {"china": 3, "taiwan": 2, "usa": 1}
    assert degree(G) == {"china": 5, "taiwan": 6, "usa": 1}
    assert degree(G, direction="in", weight=None) == {"china": 1, "taiwan": 2, "usa": 0}


def test_symmetric_relation_is_made_and_received_by_both() -> None:
    G = relations(("a", "b", "meets", 2), symmetric=("meets",))
    assert degree(G, direction="out") == {"a": 2, "b": 2}
    assert degree(G, direction="in") == {"a": 2, "b": 2}


def test_unknown_direction_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        degree(relations(("a", "b", "x", 1)), direction="sideways")  # type: ignore[arg-type]
    assert caught.value.code == "E635"


# ------------------------------------------------------------------ PageRank


def test_pagerank_of_two_actors_matches_the_closed_form() -> None:
    # a → b, b has no outgoing relation: its rank is spread over both actors.
    # x_a = (1 - α)/2 + α x_b / 2 and x_a + x_b = 1 give x_a = 0.5 / 1.425 for α = 0.85.
    ranks = pagerank(relations(("a", "b", "pressures", 1)))
    assert ranks["a"] == pytest.approx(0.5 / 1.425, abs=1e-8)
    assert ranks["b"] == pytest.approx(1 - 0.5 / 1.425, abs=1e-8)


def test_pagerank_on_a_cycle_is_uniform_and_sums_to_one() -> None:
    ranks = pagerank(relations(("a", "b", "x", 1), ("b", "c", "x", 1), ("c", "a", "x", 1)))
    assert ranks == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})


def test_pagerank_follows_statement_weights() -> None:
    G = relations(("a", "b", "pressures", 9), ("a", "c", "pressures", 1))
    ranks = pagerank(G)
    assert ranks["b"] > ranks["c"]
    unweighted = pagerank(G, weight=None)
    assert unweighted["b"] == pytest.approx(unweighted["c"])
    assert sum(ranks.values()) == pytest.approx(1.0)


def test_pagerank_of_empty_graph_and_bad_alpha() -> None:
    assert pagerank(nx.MultiDiGraph()) == {}
    with pytest.raises(InputError):
        pagerank(relations(("a", "b", "x", 1)), alpha=1.5)


# ------------------------------------------------------------------ betweenness


def test_betweenness_finds_the_broker() -> None:
    G = relations(("usa", "taiwan", "supports", 1), ("china", "taiwan", "pressures", 1))
    assert betweenness(G) == {"china": 0.0, "taiwan": 1.0, "usa": 0.0}
    # along the directions of relations nobody passes through Taiwan
    assert betweenness(G, directed=True)["taiwan"] == 0.0


def test_betweenness_prefers_strong_relations() -> None:
    # a–d directly with 1 statement, or via b with 4 statements on each leg (1/4 + 1/4 < 1)
    G = relations(("a", "d", "x", 1), ("a", "b", "x", 4), ("b", "d", "x", 4))
    assert betweenness(G)["b"] > 0.0
    assert betweenness(G, weight=None)["b"] == 0.0


# ------------------------------------------------------------------ communities


def two_blocs(order_seed: int | None = None) -> nx.MultiDiGraph:
    edges = [
        ("usa", "japan", "meets", 3),
        ("usa", "taiwan", "supports", 2),
        ("japan", "taiwan", "supports", 2),
        ("russia", "china", "supplies", 3),
        ("china", "iran", "cooperatesWith", 2),
        ("russia", "iran", "trains", 2),
        ("china", "taiwan", "pressures", 1),
    ]
    if order_seed is not None:
        random.Random(order_seed).shuffle(edges)
    return relations(*edges, symmetric=("meets", "cooperatesWith"))


def test_louvain_separates_two_blocs() -> None:
    found = louvain(two_blocs(), seed=1)
    assert sorted(map(sorted, found)) == [["china", "iran", "russia"], ["japan", "taiwan", "usa"]]


def test_louvain_is_reproducible_whatever_the_input_order() -> None:
    G = nx.gnm_random_graph(60, 150, seed=0, directed=True)  # order-sensitive without sorting
    M = nx.MultiDiGraph()
    for u, v in G.edges():
        M.add_edge(f"n{u}", f"n{v}", "x", statements=(u * v) % 4 + 1)
    first = louvain(M, seed=42)
    shuffled = nx.MultiDiGraph()
    edges = list(M.edges(keys=True, data=True))
    random.Random(3).shuffle(edges)
    nodes = list(M)
    random.Random(4).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(edges)
    assert louvain(shuffled, seed=42) == first
    assert louvain(M, seed=42) == first
    for order_seed in range(3):
        assert louvain(two_blocs(order_seed), seed=7) == louvain(two_blocs(), seed=7)


def test_communities_partition_every_actor_largest_first() -> None:
    G = two_blocs()
    G.add_node("lonely")
    found = louvain(G)
    members = [n for c in found for n in c]
    assert sorted(members) == sorted(G)
    assert len(members) == len(set(members))
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert frozenset({"lonely"}) in found
    index = community_index(found)
    assert index["lonely"] == len(found) - 1
    assert index["usa"] == index["japan"] != index["china"]


def test_modularity_of_the_blocs_is_high_and_of_one_bloc_zero() -> None:
    G = two_blocs()
    assert modularity(G, louvain(G, seed=1)) > 0.3
    assert modularity(G, [set(G)]) == pytest.approx(0.0)
    assert modularity(nx.MultiDiGraph(), []) == 0.0


def test_louvain_resolution_and_empty_graph() -> None:
    assert louvain(nx.MultiDiGraph()) == []
    G = two_blocs()
    assert len(louvain(G, resolution=0.01)) <= len(louvain(G, resolution=5.0))
    with pytest.raises(InputError):
        louvain(G, resolution=0)


def test_louvain_is_the_same_in_every_process() -> None:
    # actor keys are strings, and a set of strings has another order in each process
    code = (
        "from kg.analysis import louvain; from tests.render.conftest import news_like_graph\n"
        "print([sorted(c) for c in louvain(news_like_graph(500), seed=3)])"
    )
    runs = printed_under_hash_seeds(code, ("1", "2", "3"))
    assert runs[0] == runs[1] == runs[2] and runs[0].count("[") > 3
