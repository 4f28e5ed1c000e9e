"""Communities of actors: Louvain on the undirected, statement-weighted projection.

Louvain is randomised; with the same ``seed`` and the same graph it gives the same
communities, whatever order the statements came in (the projection sorts the actors first).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

import networkx as nx

from kg.analysis.centrality import weighted_graph
from kg.errors import Errors

__all__ = ["community_index", "louvain", "modularity"]


def louvain(
    G: nx.Graph,
    *,
    weight: str | None = "statements",
    resolution: float = 1.0,
    seed: int = 0,
) -> list[frozenset[Any]]:
    """Communities of actors that are related more among themselves than with others.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements`. Directions are ignored
        and all relations between two actors add up to one weighted link.
    weight : str or None, default "statements"
        Edge attribute used as the strength of a relation; None weighs relations equally.
    resolution : float, default 1.0
        Above 1 gives more, smaller communities; below 1 fewer, larger ones.
    seed : int, default 0
        Seed of the random order Louvain visits the actors in: the same seed gives the same
        communities.

    Returns
    -------
    list of frozenset
        Every node in exactly one community; largest community first, ties broken by the
        smallest node in it. An actor without relations is a community of its own.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")]:
    ...     _ = G.add_edge(u, v, "meets", statements=2)
    >>> _ = G.add_edge("c", "x", "urges", statements=1)
    >>> [sorted(c) for c in louvain(G, seed=111)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if resolution <= 0:
        raise Errors.E636.error(resolution=resolution)
    H = weighted_graph(G, weight=weight)
    if H.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(str(n) for n in c)))


def modularity(G: nx.Graph, communities: Iterable[Set[Any]], *, weight: str | None = "statements") -> float:
    """Modularity of a partition on the same projection :func:`louvain` uses.

    Near 0: no more links within communities than chance would give; up to 1: strongly
    separated groups. 0.0 for a graph without relations.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", "meets", statements=1)
    >>> _ = G.add_edge("c", "d", "meets", statements=1)
    >>> modularity(G, [{"a", "b"}, {"c", "d"}])
    0.5
    """
    H = weighted_graph(G, weight=weight)
    if H.number_of_edges() == 0:
        return 0.0
    return float(nx.community.modularity(H, [set(c) for c in communities], weight="weight"))


def community_index(communities: Iterable[Set[Any]]) -> dict[Any, int]:
    """Node → number of its community (0 for the first, largest one).

    >>> community_index([frozenset({"a", "b"}), frozenset({"c"})])["c"]
    1
    """
    return {node: number for number, members in enumerate(communities) for node in members}
