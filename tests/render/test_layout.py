"""Node positions computed in Python for large graphs: bounded, reproducible and readable."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from kg.render.layout import SPRING_LIMIT, layout_positions, mesh_layout


def edge_to_random_ratio(G: nx.Graph, pos: dict[object, tuple[float, float]]) -> float:
    """Mean edge length over the mean distance of random pairs: low means neighbours sit close."""
    xy = np.array([pos[v] for v in G])
    index = {v: i for i, v in enumerate(G)}
    ends = np.array([(index[u], index[v]) for u, v in G.edges()])
    edge = np.hypot(*(xy[ends[:, 0]] - xy[ends[:, 1]]).T).mean()
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, len(G), 4000), rng.integers(0, len(G), 4000)
    return float(edge / np.hypot(*(xy[a] - xy[b]).T).mean())


def test_trivial_graphs() -> None:
    assert layout_positions(nx.Graph()) == {}
    assert layout_positions(nx.path_graph(1)) == {0: (0.0, 0.0)}


@pytest.mark.parametrize("n", [40, SPRING_LIMIT + 100])
def test_positions_are_bounded_distinct_and_reproducible(n: int) -> None:
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(n, 2, seed=3).to_directed())
    G.add_edge(0, 0)  # self-loops and parallel edges are ignored
    G.add_edge(0, 1)
    first = layout_positions(G, seed=11)
    assert set(first) == set(G)
    xy = np.array(list(first.values()))
    assert np.isfinite(xy).all()
    assert np.abs(xy).max() == pytest.approx(1.0)
    assert np.allclose(xy.mean(axis=0), 0.0, atol=1e-9)
    assert len({(round(x, 9), round(y, 9)) for x, y in xy}) == n
    assert layout_positions(G, seed=11) == first
    assert layout_positions(G, seed=12) != first


def test_mesh_layout_keeps_neighbours_close() -> None:
    G = nx.barabasi_albert_graph(1200, 2, seed=5)
    pos = layout_positions(G)
    assert edge_to_random_ratio(G, pos) < 0.5  # a random placement scores about 1
    tree = nx.barabasi_albert_graph(1200, 1, seed=5)
    assert edge_to_random_ratio(tree, layout_positions(tree)) < 0.15
    # a grid keeps its shape: each node's nearest neighbour is nearly always a grid neighbour
    grid = nx.convert_node_labels_to_integers(nx.grid_2d_graph(25, 25))
    coords = mesh_layout(grid)
    distances = np.hypot(*(coords[:, None, :] - coords[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(distances, np.inf)
    nearest = distances.argmin(axis=1)
    hits = np.mean([grid.has_edge(i, int(j)) for i, j in enumerate(nearest)])
    assert hits > 0.2  # a random placement scores about 0.01


def test_mesh_layout_separates_components_without_flinging_them_away() -> None:
    parts = [nx.barabasi_albert_graph(200, 2, seed=s) for s in range(3)]
    G = nx.disjoint_union_all(parts + [nx.path_graph(3)] * 40)
    assert len(G) >= SPRING_LIMIT
    pos = layout_positions(G)
    xy = np.array([pos[v] for v in G])
    centres = [xy[200 * k : 200 * (k + 1)].mean(axis=0) for k in range(3)]
    spreads = [np.linalg.norm(xy[200 * k : 200 * (k + 1)] - c, axis=1).mean() for k, c in enumerate(centres)]
    gaps = [np.linalg.norm(centres[i] - centres[j]) for i in range(3) for j in range(i + 1, 3)]
    assert min(gaps) > 1.5 * max(spreads)  # the three big components do not overlap
    assert np.abs(xy).max() <= 1.0
    assert edge_to_random_ratio(G, pos) < 0.2
    # the little three-node paths keep their nodes apart instead of collapsing to a point
    distances = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(distances, np.inf)
    typical = np.median(distances.min(axis=1))
    steps = [distances[i, i + 1] for i in range(600, len(G), 3)]
    assert min(steps) > 0.3 * typical
    assert distances.min() > 0.05 * typical
