"""Analysis of the knowledge graph: statement records folded into networkx graphs, and measures.

:func:`graph_from_statements` builds the actor graph; the other functions take that graph:
centrality (:func:`degree`, :func:`pagerank`, :func:`betweenness`), communities
(:func:`louvain`), conflict–cooperation balance (:func:`actor_balance`, :func:`dyad_balance`),
dyads (:func:`most_active_dyads`, :func:`dyad_timeline`) and the difference between two
periods (:func:`compare_periods`); :func:`analysis_report` gathers them all, as ``kg analyze``
shows them.
"""

from __future__ import annotations

from kg.analysis.balance import (
    QUAD_NAMES,
    Balance,
    actor_balance,
    coded_edges,
    dyad_balance,
)
from kg.analysis.centrality import (
    betweenness,
    degree,
    pagerank,
    weighted_digraph,
    weighted_graph,
)
from kg.analysis.communities import community_index, louvain, modularity
from kg.analysis.dyads import (
    DyadActivity,
    DyadTimeline,
    TimelineEvent,
    dyad_timeline,
    find_actor,
    most_active_dyads,
)
from kg.analysis.graph import MAX_EVIDENCE, edge_key, graph_from_statements
from kg.analysis.periods import (
    BalanceTurn,
    PeriodDiff,
    RelationChange,
    compare_periods,
    parse_period,
)
from kg.analysis.report import analysis_report, graph_measures

__all__ = [
    "MAX_EVIDENCE",
    "QUAD_NAMES",
    "Balance",
    "BalanceTurn",
    "DyadActivity",
    "DyadTimeline",
    "PeriodDiff",
    "RelationChange",
    "TimelineEvent",
    "actor_balance",
    "analysis_report",
    "betweenness",
    "coded_edges",
    "community_index",
    "compare_periods",
    "degree",
    "dyad_balance",
    "dyad_timeline",
    "edge_key",
    "find_actor",
    "graph_from_statements",
    "graph_measures",
    "louvain",
    "modularity",
    "most_active_dyads",
    "pagerank",
    "parse_period",
    "weighted_digraph",
    "weighted_graph",
]
