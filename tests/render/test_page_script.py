"""The page script run for real: vis-network and app.js under node, or the page in Chromium.

``js/run_page.js`` runs the page's inline scripts with the real vis-network against a small
fake DOM (``js/fake_dom.js``) in which setting ``innerHTML`` to anything throws, then reports
what was drawn, the tooltips, the console errors and what the predicate filter does. It needs
``node``; the Chromium test needs ``/usr/bin/chromium``. Each skips with a reason otherwise.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.render import render_html
from tests.render.chromium import FLAGS

HERE = Path(__file__).resolve().parent
NODE = shutil.which("node") or shutil.which("nodejs")
CHROMIUM = Path("/usr/bin/chromium")


def run_page(page: Path, wait_ms: int = 1500) -> dict[str, Any]:
    if NODE is None:
        pytest.skip("node is not installed: cannot run the page script outside a browser")
    done = subprocess.run(
        [NODE, str(HERE / "js" / "run_page.js"), str(page), str(wait_ms)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_page_draws_with_text_only_tooltips(
    tmp_path: Path, hostile_graph: nx.MultiDiGraph, hostile: tuple[str, ...]
) -> None:
    page = render_html(hostile_graph, tmp_path / "map.html", show_negated=True)
    result = run_page(page)
    assert result["problems"] == []
    assert result["state"] == "drawn" and not result["errorShown"]
    # five relations; the two between the same pair of actors are drawn as one bundled line,
    # labelled with their count, whose tooltip holds both relations with their evidence
    assert result["nodes"] == 4 and result["edges"] == 4
    [bundle] = result["bundles"]
    assert bundle["label"] == "×2" and bundle["title"].startswith("2 relations between these two actors")
    assert result["physicsRunning"] is False  # switched off once stable
    # tooltips are elements (not strings) whose text holds the hostile strings verbatim
    titles = result["edgeTitles"] + result["nodeTitles"]
    assert titles and not any(t is None or t.startswith("STRING:") for t in titles)
    joined = "\n".join(titles)
    for text in hostile:
        assert text in joined
    assert any(title.startswith("Xi " + hostile[0]) for title in result["nodeTitles"])
    # the filter: one predicate off, then none, then all
    assert result["afterFirstOff"]["edges"] in (3, 4)  # one relation fewer: a line, or a bundle opened
    assert result["afterNone"] == {"nodes": 0, "edges": 0}
    assert result["afterAll"] == {"nodes": 4, "edges": 4}
    # zoomed out to a quarter, labels are drawn three times as large (the cap) to stay readable
    assert result["labelSizeZoomedOut"] == pytest.approx(3 * result["labelSizeAtScale1"])
    assert "negated" in result["legend"] and result["filters"] == 6  # 5 predicates + negated


def test_large_page_is_drawn_still(tmp_path: Path, make_big_graph: Any) -> None:
    # node by node (large=False); the large map, with its communities, is in test_large_map.py
    page = render_html(make_big_graph(350), tmp_path / "big.html", large=False)
    result = run_page(page, wait_ms=500)
    assert result["problems"] == []
    assert result["state"] == "drawn"
    assert result["nodes"] == 350 and result["physicsRunning"] is False
    assert result["positioned"] is True


def test_empty_page_shows_its_message(tmp_path: Path) -> None:
    result = run_page(render_html(nx.MultiDiGraph(), tmp_path / "empty.html"), wait_ms=50)
    assert result["problems"] == []
    assert result["state"] == "empty" and result["emptyShown"] and not result["errorShown"]
    assert result["summary"].startswith("0 actors")


def test_chromium_renders_offline(tmp_path: Path, mixed_graph: nx.MultiDiGraph) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed: the page was not opened in a browser")
    page = render_html(mixed_graph, tmp_path / "map.html", show_negated=True)
    # headless Chromium sometimes dumps the DOM before the layout has finished; the page is
    # then still "loading" (not an error): open it again, at most five times (a loaded machine)
    for attempt in range(5):
        done = subprocess.run(
            [
                str(CHROMIUM),
                *FLAGS,
                f"--user-data-dir={tmp_path / f'profile{attempt}'}",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=30000",
                "--run-all-compositor-stages-before-draw",
                "--window-size=1200,800",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if 'data-state="loading"' not in done.stdout:
            break
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert 'data-state="drawn"' in dom, re.findall(r"<body[^>]*>", dom)
    assert "<canvas" in dom
    assert '<div id="error" hidden=""' in dom
    # the page and vis-network log nothing when all is well: any console line is an error,
    # a Content-Security-Policy refusal or a failed request
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], "\n".join(console)[-2000:]


def test_the_search_box_focuses_an_actor_and_the_dates_filter_the_relations(
    tmp_path: Path, hostile_graph: nx.MultiDiGraph
) -> None:
    page = render_html(hostile_graph, tmp_path / "map.html", show_negated=True)
    result = run_page(page)
    assert result["problems"] == []
    searched = result["searched"]
    assert searched["label"] and len(searched["selected"]) == 1 and searched["status"] == ""
    assert "no actor on the map" in result["searchMiss"]
    dated = any(d.get("first_date") or d.get("last_date") for *_, d in hostile_graph.edges(keys=True, data=True))
    assert result["datesShown"] is dated
    if dated:
        assert result["afterLateSince"]["edges"] < result["afterAll"]["edges"]
    assert result["afterDatesCleared"] == result["afterAll"]
