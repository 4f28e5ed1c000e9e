"""Large maps: the largest connected part, communities as cluster nodes, small groups on a toggle.

The page data is checked in Python; the page script runs under node with the real
vis-network (``js/run_page.js``: a click on a community, a double-click on one of its actors,
the toggle, the search, the filters) and in headless Chromium driven over the DevTools
protocol (``chromium.py``), with real mouse clicks. No test here is timed: the time a large
map takes to open is measured by ``bench/bench_render.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest

from kg.render import page_data, render_html
from kg.render.large import (
    CENTRAL_LABELS,
    COMMUNITY_LABELS,
    LARGE_LIMIT,
    MIN_COMMUNITY,
    cluster_radius,
    large_view,
)
from tests.conftest import printed_under_hash_seeds
from tests.render.chromium import CHROMIUM, Chromium
from tests.render.conftest import news_like_graph
from tests.render.test_page_script import run_page

# ------------------------------------------------------------------ the page data


def test_small_maps_are_not_large(mixed_graph: nx.MultiDiGraph, make_big_graph: Any) -> None:
    assert page_data(mixed_graph)["large"] is None
    assert page_data(make_big_graph(LARGE_LIMIT))["large"] is None
    assert page_data(make_big_graph(LARGE_LIMIT + 1))["large"] is not None
    assert page_data(make_big_graph(LARGE_LIMIT + 1), physics=True)["large"] is None  # the browser lays it out
    assert page_data(mixed_graph, large=True)["large"] is not None


def test_large_map_data_names_the_largest_part_its_communities_and_the_rest() -> None:
    G = news_like_graph(600)
    data = page_data(G)
    large = data["large"]
    simple = nx.Graph(nx.to_undirected(G))
    parts = sorted(nx.connected_components(simple), key=len, reverse=True)
    labels = [info["label"] for info in data["nodeInfo"]]
    main = {G.nodes[n]["label"] for n in parts[0]}
    assert {labels[i] for i, info in enumerate(data["nodeInfo"]) if info["main"]} == main
    assert (large["mainActors"], large["minorActors"], large["minorGroups"]) == (
        len(parts[0]),
        600 - len(parts[0]),
        len(parts) - 1,
    )
    members = [i for community in large["communities"] for i in community]
    assert len(members) == len(set(members))  # no actor in two communities
    assert all(data["nodeInfo"][i]["main"] for i in members)
    assert all(len(c) >= MIN_COMMUNITY for c in large["communities"])
    assert len(large["communities"]) >= 5
    sizes = [len(c) for c in large["communities"]]
    assert sizes == sorted(sizes, reverse=True)
    # each community is listed most central first: the first names it
    relations = [info["relations"] for info in data["nodeInfo"]]
    assert all(relations[c[0]] == max(relations[i] for i in c) for c in large["communities"])
    assert len(large["central"]) == CENTRAL_LABELS
    assert relations[large["central"][0]] == max(relations)
    assert data["physics"] is False and all("x" in node and "y" in node for node in data["nodes"])


def test_large_map_data_is_deterministic() -> None:
    G = news_like_graph(500)
    assert json.dumps(page_data(G)) == json.dumps(page_data(G))


def test_large_map_data_is_the_same_in_every_process() -> None:
    # actors are strings, and Python orders a set of strings differently in each process
    code = (
        "import json; from tests.render.conftest import news_like_graph; from kg.render import page_data; "
        "print(json.dumps(page_data(news_like_graph(500))))"
    )
    pages = printed_under_hash_seeds(code)
    assert pages[0] == pages[1] and json.loads(pages[0])["large"]["communities"]


def test_collapsed_communities_do_not_overlap() -> None:
    data = page_data(news_like_graph(1500))
    xy = np.array([(node["x"], node["y"]) for node in data["nodes"]])
    communities = data["large"]["communities"]
    centres = np.array([xy[members].mean(axis=0) for members in communities])  # where app.js puts them
    radii = np.array([cluster_radius(len(members)) for members in communities])
    gaps = np.hypot(*(centres[:, None, :] - centres[None, :, :]).transpose(2, 0, 1)) - np.add.outer(radii, radii)
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() > 0
    assert data["large"]["communityLabels"] == COMMUNITY_LABELS


def test_small_groups_are_packed_below_the_largest_part() -> None:
    data = page_data(news_like_graph(600))
    main = [n for n, info in zip(data["nodes"], data["nodeInfo"], strict=True) if info["main"]]
    minor = [n for n, info in zip(data["nodes"], data["nodeInfo"], strict=True) if not info["main"]]
    assert min(n["y"] for n in minor) > max(n["y"] for n in main)
    left, right = min(n["x"] for n in main), max(n["x"] for n in main)
    assert all(left - 1 <= n["x"] <= right + 200 for n in minor)  # rows no wider than the largest part
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])


def test_large_view_of_a_graph_without_edges() -> None:
    G = nx.empty_graph(5)
    view = large_view(G, dict.fromkeys(G, 0.0))
    assert len(view.main) == 1 and view.minor_groups == 4 and view.communities == []
    assert len(view.positions) == 5


# ------------------------------------------------------------------ the page script under node


def test_large_page_under_node(tmp_path: Path) -> None:
    page = render_html(news_like_graph(400), tmp_path / "large.html")
    result = run_page(page, wait_ms=300)
    assert result["problems"] == []
    assert result["state"] == "drawn" and result["physicsRunning"] is False
    large = result["large"]
    data = page_data(news_like_graph(400))["large"]
    assert large["panelShown"] and "communities" in large["note"]
    assert large["toggle"].startswith(f"show the {data['minorActors']} actors outside the largest connected part")
    start = large["start"]
    assert start["clusters"] == len(data["communities"])
    in_communities = sum(len(c) for c in data["communities"])
    assert start["nodes"] == data["mainActors"] - in_communities + len(data["communities"])
    # a community is named by its most central actor and its size
    assert large["clusterLabel"].endswith(f" +{len(data['communities'][0]) - 1}")
    assert large["clusterTitle"].startswith(f"{len(data['communities'][0])} actors around ")
    # its label keeps its size on screen however far the view is zoomed out
    near, far = large["clusterLabelOnScreen"]
    assert far >= 0.7 * near
    # a click opens it, its actors back at their own places; a double-click closes it again
    opened = large["afterClick"]
    assert opened["clusters"] == start["clusters"] - 1
    assert opened["nodes"] == start["nodes"] - 1 + len(data["communities"][0])
    assert large["opened"] and large["membersAtHome"]
    near, far = large["centralLabelOnScreen"]
    assert far >= 0.7 * near
    assert large["afterDoubleClick"] == start
    # the toggle adds the small groups, and takes them away again
    assert large["afterMinorOn"]["nodes"] == start["nodes"] + data["minorActors"]
    assert large["afterMinorOn"]["clusters"] == start["clusters"]
    assert large["afterMinorOff"] == start
    assert large["afterOpenAll"] == {
        "nodes": data["mainActors"],
        "edges": large["afterOpenAll"]["edges"],
        "clusters": 0,
    }
    assert large["afterCloseAll"] == start
    # a search finds an actor inside a closed community, or among the small groups
    searched = large["searchedInCluster"]
    assert searched["visible"] and searched["selected"] == [searched["id"]]
    assert large["searchedMinor"]["selected"] == [large["searchedMinor"]["id"]]
    assert large["searchedMinor"]["toggle"] is True
    # the relation filters leave the communities closed as they were
    assert result["afterAll"]["nodes"] == large["end"]["nodes"]


# ------------------------------------------------------------------ in Chromium


@pytest.fixture(scope="module")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed: the page was not opened in a browser")
    return render_html(news_like_graph(2000), tmp_path_factory.mktemp("large") / "map.html")


_CLUSTERS = "geokgNetwork.body.nodeIndices.filter(function (id) { return String(id).indexOf('community:') === 0; })"


def click(browser: Chromium, node: str | int, *, count: int = 1) -> None:
    """A real mouse click (or double-click) on a node, where the page draws it."""
    x, y = browser.evaluate(
        f"(function () {{ var p = geokgNetwork.getPositions([{json.dumps(node)}])[{json.dumps(str(node))}];"
        " var d = geokgNetwork.canvasToDOM(p); var r = document.getElementById('network').getBoundingClientRect();"
        " return [d.x + r.left, d.y + r.top]; })()"
    )
    for press in range(1, count + 1):
        for kind in ("mousePressed", "mouseReleased"):
            browser.command("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=press)


def test_large_map_in_chromium(large_page: Path) -> None:
    data = page_data(news_like_graph(2000))["large"]
    with Chromium() as browser:
        browser.open(large_page.as_uri())
        state = browser.wait_for(
            "document.body && ['drawn', 'error'].indexOf(document.body.getAttribute('data-state')) >= 0"
            " && document.body.getAttribute('data-state')"
        )
        assert state == "drawn"
        assert browser.evaluate("document.getElementById('error').hidden") is True
        clusters = browser.evaluate(_CLUSTERS)
        assert len(clusters) == len(data["communities"]) > 10
        assert browser.evaluate("document.getElementById('large').hidden") is False
        shown = browser.evaluate("geokgNetwork.body.nodeIndices.length")
        # a click on the largest community opens it
        biggest = "community:0"
        browser.evaluate(f"geokgNetwork.focus({json.dumps(biggest)}, {{scale: 0.3, animation: false}})")
        click(browser, biggest)
        browser.wait_for(f"{_CLUSTERS}.indexOf('community:0') < 0", timeout=20)
        assert browser.evaluate("geokgNetwork.body.nodeIndices.length") == shown - 1 + len(data["communities"][0])
        # a double-click on one of its actors closes it again
        member = data["communities"][0][1]
        browser.evaluate(f"geokgNetwork.focus({member}, {{scale: 1.5, animation: false}})")
        click(browser, member, count=2)
        browser.wait_for(f"{_CLUSTERS}.indexOf('community:0') >= 0", timeout=20)
        # a view moved by the page (fit, focus) keeps the labels' size on screen too: at scale 1
        # the community's label is back to its own size, not the size it had when fitted
        label = "geokgNetwork.body.nodes['community:0'].options.font.size"
        browser.evaluate("geokgNetwork.fit({animation: false}); 1")
        assert browser.wait_for(f"{label} > 18 && geokgNetwork.getScale() < 0.5", timeout=20)
        browser.evaluate("geokgNetwork.moveTo({scale: 1, animation: false}); 1")
        assert browser.wait_for(f"{label} === 18", timeout=20)
        # the toggle shows the small groups
        browser.evaluate("document.getElementById('minor').click()")
        assert browser.evaluate("geokgNetwork.body.nodeIndices.length") == shown + data["minorActors"]
        assert browser.evaluate("document.getElementById('minor').checked") is True
        assert browser.problems() == []
