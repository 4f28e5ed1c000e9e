"""``kg analyze`` and ``kg export-graph`` end to end on a store built from the seed article."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.slow


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kg-analysis") / "store"
    result = kg("build", str(SEED_ARTICLE), "--store", str(path))
    assert result.returncode == 0, result.stderr
    return path


def analyze(store: Path, *args: str) -> dict[str, Any]:
    result = kg("analyze", "--store", str(store), "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def report(store: Path) -> dict[str, Any]:
    return analyze(store, "--top", "0")


def labels(rows: list[dict[str, Any]]) -> list[str]:
    return [row["label"] for row in rows]


def test_counts_are_consistent(report: dict[str, Any]) -> None:
    graph = report["graph"]
    assert graph["actors"] >= 5 and graph["relations"] >= 5
    assert graph["statements"] >= graph["relations"]
    assert len(report["centrality"]) == graph["actors"]
    total_in = sum(row["in_degree"] for row in report["centrality"])
    total_out = sum(row["out_degree"] for row in report["centrality"])
    assert total_in == total_out >= graph["statements"]  # symmetric relations count both ways
    assert sum(row["pagerank"] for row in report["centrality"]) == pytest.approx(1.0, abs=1e-4)


def test_china_and_the_united_states_are_among_the_most_central(report: dict[str, Any]) -> None:
    by_pagerank = labels(report["centrality"])[:5]
    assert "China" in by_pagerank and "United States" in by_pagerank
    by_degree = sorted(report["centrality"], key=lambda r: -(r["in_degree"] + r["out_degree"]))
    assert "China" in labels(by_degree)[:5]


def test_communities_partition_the_actors_and_are_reproducible(store: Path, report: dict[str, Any]) -> None:
    communities = report["communities"]
    members = [m["id"] for c in communities["list"] for m in c["members"]]
    assert sorted(members) == sorted(row["id"] for row in report["centrality"])
    assert communities["count"] == len(communities["list"]) >= 2
    again = analyze(store, "--top", "0")
    assert again["communities"] == communities
    assert again["centrality"] == report["centrality"]
    # the community column of the centrality table agrees with the community list
    where = {m["id"]: c["id"] for c in communities["list"] for m in c["members"]}
    assert all(where[row["id"]] == row["community"] for row in report["centrality"])


def test_balance_of_actors_and_dyads(report: dict[str, Any]) -> None:
    actors = {row["label"]: row for row in report["balance"]["actors"]}
    assert actors["China"]["leaning"] == "conflict"  # China opposes Taiwan and the US
    assert actors["Russia"]["leaning"] == "cooperation"  # Russia supplies and trains PLA forces
    for row in report["balance"]["actors"] + report["balance"]["dyads"]:
        total = row["cooperation"] + row["conflict"]
        assert total > 0
        assert row["score"] == pytest.approx((row["cooperation"] - row["conflict"]) / total, abs=1e-4)
    pairs = {frozenset((row["a"]["label"], row["b"]["label"])) for row in report["balance"]["dyads"]}
    assert frozenset(("China", "Taiwan")) in pairs


def test_most_active_dyads(report: dict[str, Any]) -> None:
    dyads = report["dyads"]
    assert dyads == sorted(dyads, key=lambda d: -d["statements"])
    pairs = [frozenset((d["source"]["label"], d["target"]["label"])) for d in dyads[:3]]
    assert frozenset(("Donald Trump", "Xi Jinping")) in pairs
    assert all(d["first_date"] <= d["last_date"] for d in dyads if d["first_date"])


def test_top_limits_the_tables(store: Path) -> None:
    small = analyze(store, "--top", "2")
    assert len(small["centrality"]) == 2 and len(small["dyads"]) <= 2
    assert len(small["balance"]["actors"]) <= 2


def test_dyad_timeline(store: Path) -> None:
    timeline = analyze(store, "--dyad", "China, united-states")["timeline"]
    assert timeline["a"]["label"] == "China" and timeline["b"]["label"] == "United States"
    assert timeline["events"]
    for event in timeline["events"]:
        assert {event["source"]["label"], event["target"]["label"]} == {"China", "United States"}
        assert event["sentence"]
    dates = [e["date"] for e in timeline["events"] if e["date"]]
    assert dates == sorted(dates)
    assert sum(row["events"] for row in timeline["by_month"]) == len(timeline["events"])


def test_two_periods(store: Path) -> None:
    periods = analyze(store, "--period1", "2025-08:2025-08", "--period2", "2025-09:2025-09", "--top", "0")["periods"]
    assert periods["period1"]["since"] == "2025-08" and periods["period2"]["until"] == "2025-09"
    assert periods["period2"]["relations"] > periods["period1"]["relations"] >= 1
    # "In August 2025, Trump claimed that Xi had personally assured him ..."
    vanished = {(r["source"]["label"], r["predicate"], r["target"]["label"]) for r in periods["vanished"]}
    assert ("Xi Jinping", "assures", "Donald Trump") in vanished
    assert periods["appeared_count"] == len(periods["appeared"]) > 0
    for turn in periods["to_conflict"]:
        assert turn["before"]["leaning"] == "cooperation" and turn["after"]["leaning"] == "conflict"


def test_filters_and_an_empty_result(store: Path) -> None:
    nothing = analyze(store, "--since", "2030")
    assert nothing["graph"] == {"actors": 0, "relations": 0, "statements": 0}
    assert nothing["centrality"] == [] and nothing["communities"]["list"] == []
    no_structure = analyze(store, "--no-structural", "--top", "0")
    assert "Liu Pengyu" not in labels(no_structure["centrality"])  # only a spokesperson link
    ego = analyze(store, "--actor", "Russia", "--hops", "1", "--top", "0")
    assert "Russia" in labels(ego["centrality"]) and "Taiwan" not in labels(ego["centrality"])


def test_tables_are_printed(store: Path) -> None:
    result = kg("analyze", "--store", str(store), "--dyad", "China,Taiwan")
    assert result.returncode == 0, result.stderr
    for title in ("Most central actors", "Communities", "Most active dyads", "Timeline of China and Taiwan"):
        assert title in result.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--period1", "2025-08:2025-08"), "E621"),
        (("--period1", "August", "--period2", "2025-09"), "E620"),
        (("--dyad", "China"), "E622"),
        (("--dyad", "China,Atlantis"), "E623"),
        (("--top", "-1"), "E628"),
    ],
)
def test_errors_are_one_line_with_a_code(store: Path, args: tuple[str, ...], code: str) -> None:
    result = kg("analyze", "--store", str(store), *args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error {code}:")
    assert "Traceback" not in result.stderr


def test_export_graph_formats(store: Path, tmp_path: Path) -> None:
    result = kg("export-graph", "--store", str(store), "-o", str(tmp_path / "actors.graphml"))
    assert result.returncode == 0, result.stderr
    H = nx.read_graphml(tmp_path / "actors.graphml", force_multigraph=True)
    china = "https://w3id.org/geokg/actor/china"
    assert H.nodes[china]["label"] == "China"
    assert {"pagerank", "betweenness", "community", "in_degree", "out_degree"} <= set(H.nodes[china])

    result = kg("export-graph", "--store", str(store), "-o", str(tmp_path / "actors.gexf"), "--no-measures")
    assert result.returncode == 0, result.stderr
    G = nx.read_gexf(tmp_path / "actors.gexf")
    assert G.number_of_nodes() == H.number_of_nodes() and G.number_of_edges() == H.number_of_edges()
    assert "pagerank" not in G.nodes[china]

    result = kg("export-graph", "--store", str(store), "--format", "csv", "-o", str(tmp_path / "tables"))
    assert result.returncode == 0, result.stderr
    with (tmp_path / "tables" / "edges.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == H.number_of_edges()

    bad = kg("export-graph", "--store", str(store), "-o", str(tmp_path / "actors.xml"))
    assert bad.returncode == 2 and bad.stderr.startswith("error E626:")
