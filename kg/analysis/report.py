"""The analysis report: every figure ``kg analyze`` shows, as one JSON-ready dict.

:func:`analysis_report` folds statement records into the actor graph
(:func:`~kg.analysis.graph.graph_from_statements`) and gathers centrality, communities,
conflict–cooperation balance, the most active dyads and, on request, a dyad's timeline and the
difference between two periods. :func:`graph_measures` gives the per-actor measures that
``kg export-graph`` and :func:`kg.notebook.centrality_frame` attach to actors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.analysis.balance import actor_balance, dyad_balance
from kg.analysis.centrality import betweenness, degree, pagerank
from kg.analysis.communities import community_index, louvain, modularity
from kg.analysis.dyads import dyad_timeline, most_active_dyads
from kg.analysis.graph import graph_from_statements
from kg.analysis.periods import compare_periods
from kg.errors import Errors, KGError

if TYPE_CHECKING:
    from kg.analysis.dyads import DyadTimeline
    from kg.analysis.periods import BalanceTurn, PeriodDiff, RelationChange
    from kg.records import StatementRecord

__all__ = ["RANKINGS", "analysis_report", "graph_measures"]

#: what "most central" can be ranked by (``kg analyze --rank``); the first is the default:
#: the statements an actor is part of (its weighted degree), what a reader of the news
#: expects to see first; ties go to the actor with more partners, then the higher PageRank
RANKINGS = ("statements", "partners", "pagerank", "betweenness")


def graph_measures(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> dict[str, dict[Any, Any]]:
    """Per-actor measures, name → {node → value}: the node attributes of ``kg export-graph``.

    ``in_degree`` and ``out_degree`` (statements), ``statements`` (both: the weighted degree),
    ``partners`` (distinct actors it has a relation with: the degree), ``pagerank``,
    ``betweenness`` and ``community`` (Louvain with ``seed``, 0 for the largest community).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", "pressures", statements=2)
    >>> graph_measures(G)["out_degree"]
    {'a': 2, 'b': 0}
    """
    return _measures(G, louvain(G, seed=seed, resolution=resolution))


def _measures(G: nx.Graph, communities: list[frozenset[Any]]) -> dict[str, dict[Any, Any]]:
    return {
        "in_degree": degree(G, direction="in"),
        "out_degree": degree(G, direction="out"),
        "statements": degree(G, direction="both"),
        "partners": {
            node: len(set(G.predecessors(node)) | set(G.successors(node)) - {node})
            if G.is_directed()
            else len(set(G.neighbors(node)) - {node})
            for node in G
        },
        "pagerank": pagerank(G),
        "betweenness": betweenness(G),
        "community": community_index(communities),
    }


def _actor(G: nx.Graph, node: Any) -> dict[str, Any]:
    data = G.nodes[node]
    return {"id": node, "label": data.get("label") or str(node)}


def _limit(items: list[Any], top: int) -> list[Any]:
    return items if top == 0 else items[:top]


def analysis_report(
    records: Iterable[StatementRecord | Mapping[str, Any]],
    *,
    filters: Mapping[str, Any] | None = None,
    top: int = 10,
    seed: int = 0,
    resolution: float = 1.0,
    dyad: tuple[str, str] | None = None,
    periods: tuple[tuple[str | None, str | None], tuple[str | None, str | None]] | None = None,
    rank: str = RANKINGS[0],
) -> dict[str, Any]:
    """All the figures ``kg analyze`` shows, as a JSON-ready dict.

    Parameters
    ----------
    records : iterable of StatementRecord or mappings
        Statement records, e.g. ``GraphStore.iter_statements()``, or dicts in the JSON Lines
        shape of docs/statements.md.
    filters : mapping, optional
        Keyword arguments of :func:`kg.analysis.graph_from_statements`.
    top : int, default 10
        Length of each ranked list (0 for all).
    seed, resolution : int, float
        Louvain settings (:func:`kg.analysis.louvain`).
    dyad : (str, str), optional
        Two actors (IRI, key or label) whose timeline to add as ``timeline``.
    periods : ((since, until), (since, until)), optional
        Two date ranges to compare, added as ``periods``; the other filters apply to both.
    rank : {"statements", "partners", "pagerank", "betweenness"}, default "statements"
        What "most central" means (:data:`RANKINGS`): by default the actors that take part in
        the most statements come first (ties: more partners, then higher PageRank).

    Returns
    -------
    dict
        ``graph`` (counts), ``centrality`` (ranked by ``rank``, named in ``ranked_by``),
        ``communities``, ``balance`` (``actors`` and
        ``dyads``), ``dyads`` (most active) and, when asked, ``timeline`` and ``periods``.
        Actors appear as ``{"id", "label"}``.

    Examples
    --------
    >>> def actor(key):
    ...     return {"id": "https://w3id.org/geokg/actor/" + key, "label": key.title()}
    >>> records = [{"id": f"s{i}", "subject": actor(s), "predicate": p, "object": actor(o),
    ...             "date": "2025-09-0%d" % (i + 1)}
    ...            for i, (s, p, o) in enumerate([("china", "pressures", "taiwan"),
    ...                                          ("usa", "supports", "taiwan"),
    ...                                          ("china", "opposes", "usa")])]
    >>> report = analysis_report(records, top=2)
    >>> report["graph"]
    {'actors': 3, 'relations': 3, 'statements': 3}
    >>> [a["label"] for a in report["centrality"]]
    ['Taiwan', 'Usa']
    >>> report["balance"]["actors"][0]["label"], report["balance"]["actors"][0]["score"]
    ('China', -1.0)
    """
    if top < 0:
        raise Errors.E628.error(top=top)
    if rank not in RANKINGS:
        raise Errors.E640.error(rank=rank, rankings=", ".join(RANKINGS))
    options = dict(filters or {})
    records = list(records)
    G = graph_from_statements(records, **options)
    communities = louvain(G, seed=seed, resolution=resolution)
    measures = _measures(G, communities)
    first, then = measures[rank], (measures["statements"], measures["partners"], measures["pagerank"])

    def by_rank(node: Any) -> tuple[Any, ...]:
        return (-first[node], *(-m[node] for m in then), str(G.nodes[node].get("label") or node))

    report: dict[str, Any] = {
        "graph": {
            "actors": G.number_of_nodes(),
            "relations": G.number_of_edges(),
            "statements": int(G.graph.get("statements", 0)),
        },
        "ranked_by": rank,
        "centrality": _limit(_centrality(G, measures, by_rank), top),
        "communities": {
            "seed": seed,
            "resolution": resolution,
            "count": len(communities),
            "modularity": round(modularity(G, communities), 6),
            "list": [
                {"id": number, "size": len(members), "members": [_actor(G, n) for n in sorted(members, key=by_rank)]}
                for number, members in enumerate(_limit(communities, top))
            ],
        },
        "balance": _balance(G, top),
        "dyads": _active_dyads(G, top),
    }
    if dyad is not None:
        report["timeline"] = _timeline(G, dyad_timeline(G, dyad[0], dyad[1]))
    if periods is not None:
        graphs = [_period_graph(records, options, since, until) for since, until in periods]
        diff = compare_periods(graphs[0], graphs[1])
        report["periods"] = _periods(graphs, periods, diff, top)
    return report


def _centrality(
    G: nx.Graph, measures: Mapping[str, Mapping[Any, Any]], by_rank: Callable[[Any], Any]
) -> list[dict[str, Any]]:
    """One row per actor, most central first: its measures, rounded for printing."""
    return [
        {
            **_actor(G, node),
            "type": G.nodes[node].get("type"),
            "statements": measures["statements"][node],
            "partners": measures["partners"][node],
            "in_degree": measures["in_degree"][node],
            "out_degree": measures["out_degree"][node],
            "pagerank": round(measures["pagerank"][node], 6),
            "betweenness": round(measures["betweenness"][node], 6),
            "community": measures["community"][node],
        }
        for node in sorted(G, key=by_rank)
    ]


def _balance(G: nx.Graph, top: int) -> dict[str, list[dict[str, Any]]]:
    """Balance of actors and of dyads, the busiest first."""
    actor_rows = [
        {**_actor(G, node), **balance.to_json()}
        for node, balance in sorted(
            actor_balance(G).items(), key=lambda kv: (-kv[1].total, str(G.nodes[kv[0]].get("label")))
        )
    ]
    dyad_rows = [
        {"a": _actor(G, a), "b": _actor(G, b), **balance.to_json()}
        for (a, b), balance in sorted(
            dyad_balance(G).items(), key=lambda kv: (-kv[1].total, str(kv[0][0]), str(kv[0][1]))
        )
    ]
    return {"actors": _limit(actor_rows, top), "dyads": _limit(dyad_rows, top)}


def _active_dyads(G: nx.Graph, top: int) -> list[dict[str, Any]]:
    active = []
    for activity in most_active_dyads(G, top=None if top == 0 else top):
        row = activity.to_json()
        row["source"], row["target"] = _actor(G, activity.source), _actor(G, activity.target)
        active.append(row)
    return active


def _timeline(G: nx.Graph, timeline: DyadTimeline) -> dict[str, Any]:
    data = timeline.to_json()
    data["a"], data["b"] = _actor(G, timeline.a), _actor(G, timeline.b)
    for event in data["events"]:
        event["source"], event["target"] = _actor(G, event["source"]), _actor(G, event["target"])
    data["by_month"] = [
        {"period": period, "events": count, **balance.to_json()}
        for period, count, balance in timeline.by_period("month")
    ]
    return data


def _period_graph(
    records: list[StatementRecord | Mapping[str, Any]],
    options: Mapping[str, Any],
    since: str | None,
    until: str | None,
) -> nx.MultiDiGraph:
    try:
        return graph_from_statements(records, **{**options, "since": since, "until": until})
    except KGError as error:
        if error.code == Errors.E607.code:  # the --actor has no statements in this period: nothing to see
            return nx.MultiDiGraph(statements=0)
        raise


def _periods(
    graphs: list[nx.MultiDiGraph],
    periods: tuple[tuple[str | None, str | None], ...],
    diff: PeriodDiff,
    top: int,
) -> dict[str, Any]:
    def label(node: Any) -> dict[str, Any]:
        for G in graphs:
            if node in G:
                return _actor(G, node)
        return {"id": node, "label": str(node)}

    def change(item: RelationChange) -> dict[str, Any]:
        row = item.to_json()
        row["source"], row["target"] = label(item.source), label(item.target)
        return row

    def turn(item: BalanceTurn) -> dict[str, Any]:
        row = item.to_json()
        row["a"], row["b"] = label(item.a), label(item.b)
        return row

    return {
        "period1": {
            "since": periods[0][0],
            "until": periods[0][1],
            "relations": graphs[0].number_of_edges(),
            "statements": int(graphs[0].graph.get("statements", 0)),
        },
        "period2": {
            "since": periods[1][0],
            "until": periods[1][1],
            "relations": graphs[1].number_of_edges(),
            "statements": int(graphs[1].graph.get("statements", 0)),
        },
        "appeared_count": len(diff.appeared),
        "vanished_count": len(diff.vanished),
        "kept": diff.kept,
        "appeared": [change(c) for c in _limit(list(diff.appeared), top)],
        "vanished": [change(c) for c in _limit(list(diff.vanished), top)],
        "to_conflict": [turn(t) for t in diff.to_conflict],
        "to_cooperation": [turn(t) for t in diff.to_cooperation],
    }
