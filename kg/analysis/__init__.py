"""Analysis of the knowledge graph: statement records folded into networkx graphs."""
from __future__ import annotations

from kg.analysis.graph import MAX_EVIDENCE, edge_key, graph_from_statements

__all__ = ["MAX_EVIDENCE", "edge_key", "graph_from_statements"]
