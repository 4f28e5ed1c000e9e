"""GraphML, GEXF and CSV exports of the actor graph, read back with networkx and csv."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.analysis import graph_from_statements, pagerank
from kg.errors import InputError, KGError
from kg.export.graphs import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    export_graph,
    flat_graph,
    graph_format,
    write_csv_tables,
    write_gexf,
    write_graphml,
)

NS = "https://w3id.org/geokg/actor/"


def actor(key: str, label: str, **extra: Any) -> dict[str, Any]:
    return {"id": NS + key, "label": label, "type": "State", "wikidata": None, "country": None, **extra}


CHINA = actor("china", "China", wikidata="Q148", country="CHN")
TAIWAN = actor("taiwan", "Taiwan")
USA = actor("united-states", "United States")
IVORY = actor("cote-divoire", "Côte d’Ivoire")

RECORDS = [
    {
        "id": "s1",
        "doc_id": "d1",
        "article": "a1",
        "subject": CHINA,
        "predicate": "pressures",
        "object": TAIWAN,
        "date": "2025-09-01",
        "confidence": 0.9,
        "sentence": "China \x0cpressures Taiwan\x00 — «again».",
        "attributed_to": {"label": "WSJ"},
    },
    {
        "id": "s2",
        "doc_id": "d2",
        "article": "a2",
        "subject": CHINA,
        "predicate": "pressures",
        "object": TAIWAN,
        "date": "2025-09-20",
        "confidence": 0.6,
        "sentence": "Beijing presses Taipei.",
    },
    {
        "id": "s3",
        "doc_id": "d2",
        "article": "a2",
        "subject": CHINA,
        "predicate": "opposes",
        "object": TAIWAN,
        "date": None,
        "sentence": "China opposes Taiwan.",
    },
    {
        "id": "s4",
        "doc_id": "d3",
        "subject": USA,
        "predicate": "meets",
        "object": CHINA,
        "date": "2025-10",
        "sentence": "The US and China met.",
    },
    {
        "id": "s5",
        "doc_id": "d3",
        "subject": IVORY,
        "predicate": "supports",
        "object": USA,
        "date": "2025-10-02",
        "sentence": "Côte d’Ivoire backs the US.",
        "modality": "possible",
    },
]


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    graph = graph_from_statements(RECORDS)
    graph.graph["actor"] = ["x", "y"]  # a list in the graph attributes must not break exports
    return graph


def edge_sets(H: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, v, data["relation"]) for u, v, data in H.edges(data=True)}


def test_flat_graph_has_only_scalar_values(G: nx.MultiDiGraph) -> None:
    F = flat_graph(G, node_attributes={"rank": pagerank(G)})
    for _, data in F.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
        assert "key" not in data and "actor_key" in data and isinstance(data["rank"], float)
    for _, _, data in F.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    edge = F.edges[NS + "china", NS + "taiwan", "pressures"]
    assert edge["weight"] == 2.0 and edge["statements"] == 2
    evidence = json.loads(edge["evidence"])
    assert [e["doc_id"] for e in evidence] == ["d1", "d2"]
    assert edge["sentence"] == "China pressures Taiwan — «again»."  # XML-forbidden characters gone
    assert F.graph["actor"] == '["x", "y"]'
    assert "first_date" not in F.edges[NS + "china", NS + "taiwan", "opposes"]  # None left out
    # the original graph is untouched
    assert isinstance(G.edges[NS + "china", NS + "taiwan", "pressures"]["evidence"], list)


def test_graphml_reads_back_with_networkx(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_graphml(G, tmp_path / "actors.graphml", node_attributes={"rank": pagerank(G)})
    H = nx.read_graphml(path, force_multigraph=True)
    assert set(H) == set(G)
    assert H.number_of_edges() == G.number_of_edges()
    assert edge_sets(H) == {(u, v, k) for u, v, k in G.edges(keys=True)}
    assert H.nodes[NS + "cote-divoire"]["label"] == "Côte d’Ivoire"
    assert H.nodes[NS + "china"]["wikidata"] == "Q148"
    assert H.nodes[NS + "china"]["rank"] == pytest.approx(pagerank(G)[NS + "china"])
    pressures = next(d for _, _, d in H.edges(data=True) if d["relation"] == "pressures")
    assert (pressures["statements"], pressures["first_date"], pressures["negated"]) == (2, "2025-09-01", False)
    assert json.loads(pressures["evidence"])[0]["attributed_to"] == "WSJ"
    # edge ids are unique in the document (edge keys repeat across pairs)
    ids = [e.get("id") for e in ET.parse(path).getroot().iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids)) == G.number_of_edges()


def test_gexf_reads_back_with_networkx(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_gexf(G, tmp_path / "actors.gexf", node_attributes={"rank": pagerank(G)})
    H = nx.read_gexf(path)
    assert set(H) == set(G)
    assert H.number_of_edges() == G.number_of_edges()
    assert {(u, v, k) for u, v, k in H.edges(keys=True)} == {(u, v, k) for u, v, k in G.edges(keys=True)}
    assert H.nodes[NS + "china"]["label"] == "China"
    assert H.nodes[NS + "china"]["actor_key"] == "china"
    assert H.edges[NS + "china", NS + "taiwan", "pressures"]["weight"] == 2.0
    assert H.edges[NS + "cote-divoire", NS + "united-states", "supports|possible"]["modality"] == "possible"
    ET.parse(path)  # well-formed XML


def test_csv_tables(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_path, edges_path = write_csv_tables(G, tmp_path / "tables", node_attributes={"rank": pagerank(G)})
    with nodes_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == [*NODE_COLUMNS, "rank"]
        nodes = {row["id"]: row for row in reader}
    assert set(nodes) == set(G)
    assert nodes[NS + "china"]["label"] == "China" and nodes[NS + "taiwan"]["wikidata"] == ""
    assert float(nodes[NS + "china"]["rank"]) == pytest.approx(pagerank(G)[NS + "china"])
    with edges_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == list(EDGE_COLUMNS)
        edges = list(reader)
    assert len(edges) == G.number_of_edges()
    assert len({row["id"] for row in edges}) == len(edges)
    meets = next(row for row in edges if row["predicate"] == "meets")
    assert (meets["symmetric"], meets["negated"], meets["quad_class"]) == ("true", "false", "1")
    assert {meets["source_label"], meets["target_label"]} == {"China", "United States"}
    opposes = next(row for row in edges if row["predicate"] == "opposes")
    assert opposes["first_date"] == "" and opposes["sentence"] == "China opposes Taiwan."


def test_export_graph_picks_format_from_suffix_or_option(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    assert export_graph(G, tmp_path / "a.GraphML") == [tmp_path / "a.GraphML"]
    nx.read_graphml(tmp_path / "a.GraphML")
    assert export_graph(G, tmp_path / "b.xml", fmt="gexf") == [tmp_path / "b.xml"]
    nx.read_gexf(tmp_path / "b.xml")
    assert [p.name for p in export_graph(G, tmp_path / "c", fmt="CSV")] == ["nodes.csv", "edges.csv"]


@pytest.mark.parametrize(
    ("path", "fmt", "code"),
    [("graph.xml", None, "E626"), ("graph.graphml", "pdf", "E625"), ("folder", None, "E626")],
)
def test_format_errors(path: str, fmt: str | None, code: str) -> None:
    with pytest.raises(InputError) as caught:
        graph_format(path, fmt)
    assert caught.value.code == code


def test_folder_for_a_file_and_file_for_a_folder(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        export_graph(G, tmp_path, fmt="graphml")
    assert caught.value.code == "E627"
    existing = tmp_path / "nodes.txt"
    existing.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError):
        export_graph(G, existing, fmt="csv")
    assert existing.read_text(encoding="utf-8") == "keep me"


def test_unwritable_path_is_a_kg_error(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(KGError):
        write_gexf(G, blocker / "inside" / "g.gexf")


def test_empty_graph_exports(tmp_path: Path) -> None:
    empty = nx.MultiDiGraph()
    assert nx.read_graphml(write_graphml(empty, tmp_path / "e.graphml")).number_of_nodes() == 0
    assert nx.read_gexf(write_gexf(empty, tmp_path / "e.gexf")).number_of_nodes() == 0
    nodes, edges = write_csv_tables(empty, tmp_path / "e")
    assert nodes.read_text(encoding="utf-8").strip() == ",".join(NODE_COLUMNS)
    assert edges.read_text(encoding="utf-8").strip() == ",".join(EDGE_COLUMNS)
