"""The analysis report of kg analyze, from a store's records and from JSON Lines dicts."""

from __future__ import annotations

import json

import pytest

from kg.analysis import analysis_report, graph_from_statements, graph_measures
from kg.errors import InputError
from kg.records import StatementRecord
from kg.store import GraphStore
from tests.store.records import RUN, many


@pytest.fixture(scope="module")
def records() -> list[StatementRecord]:
    with GraphStore.open(None) as store:
        for art, stmts in many(6, per_article=8):
            store.add_article(art, stmts, run=RUN)
        return list(store.iter_statements())


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"top": 0, "dyad": ("China", "Taiwan")},
        {"top": 3, "filters": {"negated": None, "quad_classes": [1, 2, 3, 4]}},
    ],
)
def test_records_and_their_json_lines_give_the_same_report(records: list[StatementRecord], options: dict) -> None:
    from_records = analysis_report(records, **options)
    from_lines = analysis_report([json.loads(json.dumps(r.to_json())) for r in records], **options)
    assert from_records == from_lines
    assert from_records["graph"]["statements"] > 0


def test_report_centrality_is_graph_measures_rounded(records: list[StatementRecord]) -> None:
    G = graph_from_statements(records)
    measures = graph_measures(G)
    report = analysis_report(records, top=0)
    assert len(report["centrality"]) == G.number_of_nodes()
    for row in report["centrality"]:
        node = row["id"]
        assert (row["in_degree"], row["out_degree"], row["community"]) == (
            measures["in_degree"][node],
            measures["out_degree"][node],
            measures["community"][node],
        )
        assert row["pagerank"] == round(measures["pagerank"][node], 6)
    ranks = [row["pagerank"] for row in report["centrality"]]
    assert ranks == sorted(ranks, reverse=True)


def test_a_negative_top_is_refused(records: list[StatementRecord]) -> None:
    with pytest.raises(InputError, match="E628"):
        analysis_report(records, top=-1)
