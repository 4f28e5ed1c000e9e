"""kg analyze ranks "most central" by what a reader expects (statements), shows the other
measures beside it, and says which it used."""

from __future__ import annotations

import pytest

from kg.analysis.report import RANKINGS, analysis_report
from kg.errors import InputError


def actor(key: str) -> dict[str, str]:
    return {"id": "https://w3id.org/geokg/actor/" + key, "label": key}


# "busy" takes part in 12 statements with six partners; "sink" is only ever acted on, by two
# actors that nobody else points to, which gives it the highest PageRank with 3 statements
RECORDS = [
    {"id": f"b{i}", "subject": actor("busy"), "predicate": "supports", "object": actor(f"p{i % 6}")} for i in range(12)
] + [
    {"id": "s1", "subject": actor("q1"), "predicate": "attacks", "object": actor("sink")},
    {"id": "s2", "subject": actor("q2"), "predicate": "attacks", "object": actor("sink")},
    {"id": "s3", "subject": actor("q1"), "predicate": "threatens", "object": actor("sink")},
]


def test_the_default_rank_is_statements_with_the_other_measures_beside_it() -> None:
    report = analysis_report(RECORDS, top=0)
    assert report["ranked_by"] == RANKINGS[0] == "statements"
    rows = report["centrality"]
    assert rows[0]["label"] == "busy" and rows[0]["statements"] == 12 and rows[0]["partners"] == 6
    assert [r["statements"] for r in rows] == sorted((r["statements"] for r in rows), reverse=True)
    assert {"partners", "pagerank", "betweenness", "in_degree", "out_degree"} <= set(rows[0])
    by_pagerank = analysis_report(RECORDS, top=0, rank="pagerank")["centrality"]
    assert by_pagerank[0]["label"] == "sink" and by_pagerank[0]["statements"] == 3


def test_an_unknown_ranking_is_refused() -> None:
    with pytest.raises(InputError) as error:
        analysis_report(RECORDS, rank="fame")
    assert error.value.code == "E640" and "statements" in error.value.message
