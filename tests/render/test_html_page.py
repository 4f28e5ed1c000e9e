"""The HTML map: self-contained, offline, escaped, styled, and usable when large or empty."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.errors import KGError
from kg.render import html_page, page_data, render_html
from kg.render.html import LAYOUT_LIMIT, NEGATED_COLOUR, QUAD_CLASSES, TYPE_COLOURS, script_json

URL = re.compile(r"https?://[^\s\"'<>)\\]*")
TEMPLATE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "span",
    "div",
    "main",
    "aside",
    "button",
    "script",
    "input",
    "label",
    "datalist",
}


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.titles: list[str] = []
        self._open: str | None = None
        self._attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "title", "h1"):
            self._open, self._attrs = tag, dict(attrs)
            if tag == "script":
                self.scripts.append((self._attrs, ""))
            else:
                self.titles.append("")

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._open in ("title", "h1"):
            self.titles[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def data_of(page: str) -> dict[str, Any]:
    scripts = [t for attrs, t in parse(page).scripts if attrs.get("type") == "application/json"]
    assert len(scripts) == 1
    return json.loads(scripts[0])


def vis_source() -> str:
    return resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js").read_text("utf-8")


# ------------------------------------------------------------------ offline and self-contained


def test_render_writes_one_file_and_returns_its_path(tmp_path: Path, mixed_graph: nx.MultiDiGraph) -> None:
    target = tmp_path / "deep" / "folder" / "map.html"
    result = render_html(mixed_graph, str(target), title="Taiwan")
    assert result == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert list(target.parent.iterdir()) == [target]


def test_unwritable_path_raises(tmp_path: Path, mixed_graph: nx.MultiDiGraph) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(KGError) as error:
        render_html(mixed_graph, blocker / "map.html")
    assert error.value.code == "E351"


def test_page_loads_nothing_from_anywhere(mixed_graph: nx.MultiDiGraph) -> None:
    page = html_page(mixed_graph, show_negated=True)
    tags = parse(page)
    lowered = page.lower()
    assert "<script src" not in lowered and "<link" not in lowered
    assert "sourcemappingurl" not in lowered
    style = page[page.index("<style>") : page.index("</style>")]
    assert "@import" not in style and "url(" not in style
    assert {tag for tag, _ in tags.tags} <= TEMPLATE_TAGS
    for tag, attrs in tags.tags:
        assert not {"src", "href", "action", "srcset", "background"} & set(attrs), tag
        assert not any(name.startswith("on") for name in attrs), tag
    # the only URLs are the ones inside vis-network's own licence header and constants
    # (the SVG namespace and an error message); the graph data adds none, not even IRIs
    assert Counter(URL.findall(page)) == Counter(URL.findall(vis_source()))
    assert "w3id.org" not in page and "news.example.org" not in page


def test_vis_network_is_inlined_without_its_source_map(mixed_graph: nx.MultiDiGraph) -> None:
    tags = parse(html_page(mixed_graph))
    code = [text for attrs, text in tags.scripts if not attrs]
    assert len(code) == 2
    vis, app = code
    assert "@version 9.1.2" in vis and "vis-network" in vis and len(vis) > 400_000
    assert "sourceMappingURL" not in vis
    assert "\r" not in vis and "\x00" not in vis
    assert "geokg-data" in app


def test_content_security_policy_allows_exactly_the_inline_scripts(
    mixed_graph: nx.MultiDiGraph,
) -> None:
    page = html_page(mixed_graph)
    tags = parse(page)
    metas = [a for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1
    policy = {part.split()[0]: part.split()[1:] for part in (metas[0]["content"] or "").split(";") if part.strip()}
    assert policy["default-src"] == ["'none'"]
    assert "connect-src" not in policy  # falls back to default-src 'none'
    assert "'unsafe-inline'" not in policy["script-src"]
    expected = sorted(
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
        for attrs, text in tags.scripts
        if not attrs
    )
    assert sorted(policy["script-src"]) == expected
    # the CSP meta comes before any script
    assert page.index("Content-Security-Policy") < page.index("<script")


# ------------------------------------------------------------------ escaping


def test_hostile_strings_never_appear_raw(hostile_graph: nx.MultiDiGraph, hostile: tuple[str, ...]) -> None:
    title = "Map " + " ".join(hostile)
    page = html_page(hostile_graph, title=title, show_negated=True)
    for text in hostile:
        assert text not in page
    lowered = page.lower()
    assert "<img" not in lowered and "<svg" not in lowered
    tags = parse(page)
    assert len(tags.scripts) == 3  # data, vis-network, page script
    assert {tag for tag, _ in tags.tags} <= TEMPLATE_TAGS
    assert tags.titles == [title, title]  # <title> and <h1> hold the title as text


def test_hostile_strings_survive_as_data(hostile_graph: nx.MultiDiGraph, hostile: tuple[str, ...]) -> None:
    page = html_page(hostile_graph, show_negated=True)
    data = data_of(page)
    text = json.dumps(data, ensure_ascii=False)
    for raw in hostile:
        assert raw in text  # escaped in the page, intact once parsed
    labels = {info["label"] for info in data["nodeInfo"]}
    assert "Xi " + hostile[0] in labels and hostile[3] in labels
    evidence = [e for info in data["edgeInfo"] for e in info["evidence"]]
    assert {e["attributedTo"] for e in evidence} >= {"WSJ " + hostile[3]}
    assert any(e["headline"] == hostile[3] for e in evidence)
    assert any(e["docId"] == "doc " + hostile[1] for e in evidence)


def test_script_json_escapes_everything_that_could_end_a_script() -> None:
    value = {"s": "</script><!-- a & b > c \u2028 \u2029 / ok"}
    text = script_json(value)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert re.search(r"(?<!\\)/", text) is None  # every slash escaped: no "</", no "//"
    assert json.loads(text) == value
    assert script_json({"t": "@@DATA@@"}) == '{"t":"@@DATA@@"}'


def test_placeholders_in_data_are_not_expanded() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", "meets", predicate="meets", quad_class=1)
    G.nodes["a"]["label"] = "@@SCRIPTS@@"
    page = html_page(G, title="@@DATA@@ @@CSP@@")
    assert page.count("@@SCRIPTS@@") == 2  # the node label and the tooltip label
    assert page.count("@@DATA@@") == 2  # <title> and <h1>
    assert page.count("Content-Security-Policy") == 1
    assert len(parse(page).scripts) == 3


# ------------------------------------------------------------------ styling


def edges_by_predicate(data: dict[str, Any]) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    return {
        info["predicate"] + ("|not" if info["negated"] else ""): (edge, info)
        for edge, info in zip(data["edges"], data["edgeInfo"], strict=True)
    }


def test_edge_styles_follow_quad_class_modality_and_direction(mixed_graph: nx.MultiDiGraph) -> None:
    data = page_data(mixed_graph)
    edges = edges_by_predicate(data)
    colour = {name: e["color"]["color"] for name, (e, _) in edges.items()}
    assert colour["supports"] == QUAD_CLASSES[1][1]
    assert colour["providesAidTo"] == QUAD_CLASSES[2][1]
    assert colour["pressures"] == QUAD_CLASSES[3][1]
    assert colour["attacks"] == QUAD_CLASSES[4][1]
    assert colour["leaderOf"] == colour["partOf"] == QUAD_CLASSES[None][1]
    dashes = {name: e["dashes"] for name, (e, _) in edges.items()}
    assert dashes["pressures"] is False
    assert dashes["attacks"] and dashes["mobilizesAgainst"]
    assert dashes["attacks"] != dashes["mobilizesAgainst"]
    assert edges["pressures"][0]["arrows"]["to"]["enabled"] is True
    assert edges["meets"][0]["arrows"]["to"]["enabled"] is False  # mutual: no direction
    aid, aid_info = edges["providesAidTo"]
    assert (aid_info["statements"], aid_info["sources"]) == (2, 2)
    assert aid["width"] > edges["supports"][0]["width"]
    assert edges["attacks"][0]["label"] == "attacks (possible)"


def test_negated_edges_hidden_unless_asked_for(mixed_graph: nx.MultiDiGraph) -> None:
    hidden = page_data(mixed_graph)
    assert not any(info["negated"] for info in hidden["edgeInfo"])
    assert "1 negated relations not shown" in hidden["summary"]
    assert hidden["negatedShown"] is False
    shown = page_data(mixed_graph, show_negated=True)
    edge, info = edges_by_predicate(shown)["sanctions|not"]
    assert info["negated"] and edge["label"] == "not sanctions"
    assert edge["color"]["color"] == NEGATED_COLOUR
    assert edge["dashes"] not in (False, edges_by_predicate(shown)["attacks"][0]["dashes"])
    assert shown["negatedShown"] is True
    assert len(shown["edges"]) == len(hidden["edges"]) + 1


def test_nodes_sized_by_degree_and_coloured_by_type(mixed_graph: nx.MultiDiGraph) -> None:
    data = page_data(mixed_graph)
    by_label = {info["label"]: node for node, info in zip(data["nodes"], data["nodeInfo"], strict=True)}
    # China meets or is met by USA, Taiwan, Xi, PLA; Xi only touches China
    assert by_label["China"]["size"] > by_label["Taiwan"]["size"] > by_label["Xi Jinping"]["size"]
    assert by_label["Xi Jinping"]["color"]["background"] == TYPE_COLOURS["Person"]
    assert by_label["PLA"]["color"]["background"] == TYPE_COLOURS["ArmedForce"]
    legend_types = {t["label"] for t in data["legend"]["types"]}
    assert legend_types == {"State", "Person", "Armed force"}
    assert {q["label"] for q in data["legend"]["quads"]} == {
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
        "structural",
    }
    assert data["legend"]["modalities"] == ["intended", "possible"]


def test_predicate_filter_lists_each_predicate_once(mixed_graph: nx.MultiDiGraph) -> None:
    data = page_data(mixed_graph, show_negated=True)
    names = [p["name"] for p in data["predicates"]]
    assert len(names) == len(set(names))
    assert set(names) == {info["predicate"] for info in data["edgeInfo"]}
    counts = {p["name"]: p["relations"] for p in data["predicates"]}
    assert counts["sanctions"] == 1
    assert names[-2:] == ["leaderOf", "partOf"]  # structural relations last


def test_parallel_edges_are_curved_apart(mixed_graph: nx.MultiDiGraph) -> None:
    data = page_data(mixed_graph)
    usa_taiwan = [
        e
        for e, info in zip(data["edges"], data["edgeInfo"], strict=True)
        if info["predicate"] in ("supports", "providesAidTo")
    ]
    roundness = sorted(e["smooth"]["roundness"] for e in usa_taiwan)
    assert len(roundness) == 2 and roundness[0] != roundness[1]
    lone = edges_by_predicate(data)["leaderOf"][0]
    assert "smooth" not in lone


def test_page_data_keeps_iris_out(hostile_graph: nx.MultiDiGraph) -> None:
    text = json.dumps(page_data(hostile_graph, show_negated=True))
    assert "w3id.org" not in text and "sha" not in text.lower().replace("shape", "")


# ------------------------------------------------------------------ size, physics, layout


def test_small_graphs_settle_in_the_browser(mixed_graph: nx.MultiDiGraph) -> None:
    data = page_data(mixed_graph)
    assert data["physics"] is True
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    assert all("x" not in node for node in data["nodes"])


def test_large_graphs_are_laid_out_in_python(make_big_graph: Any) -> None:
    data = page_data(make_big_graph(LAYOUT_LIMIT + 1))
    assert data["physics"] is False and data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(node["x"], node["y"]) for node in data["nodes"]}) == LAYOUT_LIMIT + 1
    assert page_data(make_big_graph(LAYOUT_LIMIT))["physics"] is True


def test_physics_can_be_forced_either_way(mixed_graph: nx.MultiDiGraph, make_big_graph: Any) -> None:
    still = page_data(mixed_graph, physics=False)
    assert still["physics"] is False and all("x" in node for node in still["nodes"])
    moving = page_data(make_big_graph(LAYOUT_LIMIT + 20), physics=True)
    assert moving["physics"] is True and all("x" not in node for node in moving["nodes"])


def test_large_graph_uses_the_mesh_layout(make_big_graph: Any) -> None:
    page = html_page(make_big_graph(800))
    data = data_of(page)
    assert len(data["nodes"]) == 800 and data["physics"] is False
    xs = [node["x"] for node in data["nodes"]]
    assert max(xs) - min(xs) > 1000  # spread out, not piled up


def test_edge_labels_are_dropped_on_crowded_graphs(make_big_graph: Any) -> None:
    data = page_data(make_big_graph(400))
    assert len(data["edges"]) > 200
    assert all("label" not in edge for edge in data["edges"])
    assert all(info["text"] == "pressures" for info in data["edgeInfo"])


# ------------------------------------------------------------------ nothing to show


def test_empty_graph_says_so(tmp_path: Path) -> None:
    page = render_html(nx.MultiDiGraph(), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "Nothing to show" in page
    assert '<div id="empty">' in page and '<main id="map" hidden>' in page
    assert "@version 9.1.2" not in page  # no need for the library
    assert len(parse(page).scripts) == 2  # the data and the page script
    assert data_of(page)["nodes"] == []


def test_all_negated_graph_points_to_show_negated() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", "sanctions|not", predicate="sanctions", negated=True)
    data = page_data(G)
    assert data["nodes"] == [] and "show_negated" in data["empty"]
    assert len(page_data(G, show_negated=True)["nodes"]) == 2


def test_isolated_nodes_and_plain_graphs_render() -> None:
    G = nx.Graph()
    G.add_node("alone", label="Alone")
    G.add_edge("x", "y")
    data = page_data(G)
    assert sorted(info["label"] for info in data["nodeInfo"]) == ["Alone", "x", "y"]
    alone = next(info for info in data["nodeInfo"] if info["label"] == "Alone")
    assert alone["isolated"] is True
    assert data["edges"][0]["arrows"]["to"]["enabled"] is False  # undirected graph
