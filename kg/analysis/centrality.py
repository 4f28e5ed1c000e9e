"""Centrality of actors: weighted in/out degree, PageRank and betweenness.

The actor graph is a :class:`networkx.MultiDiGraph` with one edge per relation; these measures
first fold it into a simple weighted graph in which the weight of ``a → b`` is the number of
statements of all relations from ``a`` to ``b``. A symmetric relation (``meets``,
``fights``…) is stored once but holds both ways, so it counts in both directions.
"""

from __future__ import annotations

from typing import Any, Literal

import networkx as nx

from kg.errors import Errors

__all__ = ["betweenness", "degree", "pagerank", "weighted_digraph", "weighted_graph"]


def weighted_digraph(G: nx.Graph, *, weight: str | None = "statements") -> nx.DiGraph:
    """Fold the relations of ``G`` into a directed graph with one weighted edge per pair.

    Parameters
    ----------
    G : networkx graph
        An actor graph (multi or not, directed or not).
    weight : str or None, default "statements"
        Edge attribute to add up (1 where missing); None counts each relation once.

    Returns
    -------
    networkx.DiGraph
        Every node of ``G`` (in sorted order, so results do not depend on the order of the
        input) and an edge ``u → v`` whose ``weight`` is the sum over relations from ``u`` to
        ``v``; symmetric relations and the edges of an undirected ``G`` count both ways.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", "pressures", statements=2)
    'pressures'
    >>> G.add_edge("a", "b", "demands", statements=1)
    'demands'
    >>> G.add_edge("a", "c", "meets", statements=1, symmetric=True)
    'meets'
    >>> sorted(weighted_digraph(G).edges(data="weight"))
    [('a', 'b', 3), ('a', 'c', 1), ('c', 'a', 1)]
    """
    H = nx.DiGraph()
    H.add_nodes_from(sorted(G, key=str))
    both_ways = not G.is_directed()
    for u, v, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        amount = 1 if weight is None else data.get(weight, 1)
        pairs = [(u, v), (v, u)] if (both_ways or data.get("symmetric")) and u != v else [(u, v)]
        for a, b in pairs:
            if H.has_edge(a, b):
                H[a][b]["weight"] += amount
            else:
                H.add_edge(a, b, weight=amount)
    return H


def weighted_graph(G: nx.Graph, *, weight: str | None = "statements") -> nx.Graph:
    """Fold the relations of ``G`` into an undirected graph with one weighted edge per pair.

    The weight of ``{a, b}`` is the sum over all relations between ``a`` and ``b``, whichever
    way they go; each relation counts once, symmetric or not. Nodes are added in sorted
    order, so algorithms that depend on node order give the same result for the same graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", "pressures", statements=2)
    'pressures'
    >>> G.add_edge("b", "a", "opposes", statements=1)
    'opposes'
    >>> G.add_edge("a", "c", "meets", statements=1, symmetric=True)
    'meets'
    >>> sorted(weighted_graph(G).edges(data="weight"))
    [('a', 'b', 3), ('a', 'c', 1)]
    """
    H = nx.Graph()
    H.add_nodes_from(sorted(G, key=str))
    for u, v, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        amount = 1 if weight is None else data.get(weight, 1)
        if H.has_edge(u, v):
            H[u][v]["weight"] += amount
        else:
            H.add_edge(u, v, weight=amount)
    return H


def degree(
    G: nx.Graph,
    *,
    direction: Literal["in", "out", "both"] = "both",
    weight: str | None = "statements",
) -> dict[Any, float]:
    """Weighted degree of each actor: how many statements it is the source or target of.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements`.
    direction : {"both", "in", "out"}
        ``"out"`` counts statements the actor made or did, ``"in"`` those about what was
        done to it, ``"both"`` the two together. A symmetric relation counts as made by and
        done to both of its actors.
    weight : str or None, default "statements"
        Edge attribute to add up; None counts relations instead of statements.

    Returns
    -------
    dict
        Node → degree, for every node of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("china", "taiwan", "pressures", statements=3)
    'pressures'
    >>> G.add_edge("china", "usa", "meets", statements=1, symmetric=True)
    'meets'
    >>> degree(G, direction="out")
    {'china': 4, 'taiwan': 0, 'usa': 1}
    >>> degree(G, direction="in", weight=None)
    {'china': 1, 'taiwan': 1, 'usa': 1}
    """
    H = weighted_digraph(G, weight=weight)
    if direction == "out":
        view = H.out_degree(weight="weight")
    elif direction == "in":
        view = H.in_degree(weight="weight")
    elif direction == "both":
        view = H.degree(weight="weight")
    else:
        raise Errors.E635.error(direction=direction)
    return dict(view)


def pagerank(G: nx.Graph, *, weight: str | None = "statements", alpha: float = 0.85) -> dict[Any, float]:
    """PageRank of each actor on the weighted relations: who is acted upon by central actors.

    A relation ``a → b`` passes rank from ``a`` to ``b``, so the actors that many (central)
    actors pressure, support or meet rank highest.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements`.
    weight : str or None, default "statements"
        Edge attribute used as the strength of a relation; None weighs relations equally.
    alpha : float, default 0.85
        Damping factor, between 0 and 1.

    Returns
    -------
    dict
        Node → PageRank; the values add up to 1 (an empty dict for an empty graph).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for source in ("usa", "japan", "russia"):
    ...     _ = G.add_edge(source, "china", "pressures", statements=1)
    >>> ranks = pagerank(G)
    >>> max(ranks, key=ranks.get)
    'china'
    >>> round(sum(ranks.values()), 6)
    1.0
    """
    if not 0.0 < alpha < 1.0:
        raise Errors.E634.error(alpha=alpha)
    H = weighted_digraph(G, weight=weight)
    return _power_iteration(H, alpha=alpha)


def _power_iteration(
    H: nx.DiGraph, *, alpha: float, tolerance: float = 1e-10, max_rounds: int = 1000
) -> dict[Any, float]:
    """PageRank by power iteration in plain Python (networkx's own needs SciPy).

    The rank of actors without outgoing relations is spread evenly over all actors.
    """
    nodes = list(H)
    n = len(nodes)
    if n == 0:
        return {}
    out_weight = {u: sum(w for _, _, w in H.out_edges(u, data="weight")) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_rounds):
        dangling = sum(rank[u] for u in nodes if out_weight[u] <= 0)
        base = (1.0 - alpha) / n + alpha * dangling / n
        new = dict.fromkeys(nodes, base)
        for u, v, w in H.edges(data="weight"):
            if out_weight[u] > 0:
                new[v] += alpha * rank[u] * w / out_weight[u]
        change = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if change < tolerance * n:
            break
    total = sum(rank.values())
    return {u: value / total for u, value in rank.items()}


def betweenness(
    G: nx.Graph,
    *,
    weight: str | None = "statements",
    directed: bool = False,
    normalized: bool = True,
) -> dict[Any, float]:
    """Betweenness of each actor: how often it lies on the shortest paths between others.

    Strong relations are short: a pair with ``w`` statements is ``1 / w`` apart (counting
    both directions when ``directed`` is False), so brokers between much-reported pairs score
    highest.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements`.
    weight : str or None, default "statements"
        Edge attribute used as the strength of a relation; None makes every relation length 1.
    directed : bool, default False
        False ignores the direction of relations (an actor linking two others, whoever acts
        on whom, is a broker); True follows only paths along the direction of relations.
    normalized : bool, default True
        Divide by the number of pairs of other actors, so values lie between 0 and 1.

    Returns
    -------
    dict
        Node → betweenness, for every node of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("usa", "taiwan", "supports", statements=1)
    'supports'
    >>> G.add_edge("china", "taiwan", "pressures", statements=1)
    'pressures'
    >>> betweenness(G)
    {'china': 0.0, 'taiwan': 1.0, 'usa': 0.0}
    >>> betweenness(G, directed=True)["taiwan"]
    0.0
    """
    H: nx.Graph = weighted_digraph(G, weight=weight) if directed else weighted_graph(G, weight=weight)
    for _, _, data in H.edges(data=True):
        strength = data["weight"]
        data["distance"] = 1.0 / strength if strength > 0 else float("inf")
    return nx.betweenness_centrality(H, weight="distance", normalized=normalized)
