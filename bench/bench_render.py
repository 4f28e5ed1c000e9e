"""The HTML map: render time and size, and how long a large map takes to open in Chromium.

    .venv/bin/python bench/bench_render.py                 # render time and size
    .venv/bin/python bench/bench_render.py --browser [--runs 3] [--actors 2000 10000]
        [--store DIR] [--sigma-assets DIR] [--screenshots DIR]

Without ``--browser``: statement records are synthesised (random actors of every type, random
predicates and dates, seed 7) so the sizes are exact; each graph is built with
``graph_from_statements`` and written with ``render_html``. Prints nodes, edges, seconds and
kilobytes.

With ``--browser``: **time to stable** of a page in headless ``/usr/bin/chromium`` (offline, a
fresh profile each time, driven over the DevTools pipe of ``tests/render/chromium.py``), from
the start of the navigation to the frame after the page is drawn and still: for geokg's map,
``<body data-state="drawn">`` (positions come from Python, physics is off, so nothing moves
after it); for ipysigma, the sigma canvas (layouts are not run). Graphs: the news-like
synthetic graphs of ``tests/render/conftest.py`` (``--actors``), and the actor graph of a store
(``--store``). Pages: ``large`` (the map: largest part, communities collapsed), ``flat`` (the
same graph node by node, ``large=False``), with ``--baseline DIR`` ``before`` (the page that
the geokg source tree DIR writes, e.g. the commit before issue 17) and, with
``--sigma-assets``, ``ipysigma`` (``Sigma.write_html`` with the same positions; its three
``<script src>`` from CDNs replaced by inline copies, since it cannot load offline otherwise:
the folder holds the unpacked npm packages ``@jupyter-widgets/html-manager@1.0.14`` and
``requirejs@2.3.7``, from ``npm pack``). The runs are interleaved (each round opens every
page once); min/median/max of ``--runs`` rounds, with the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analysis.graph import graph_from_statements
from kg.render.html import render_html
from kg.vocab import PREDICATES

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TYPES = ["State", "Person", "GovernmentBody", "ArmedForce", "InternationalOrganization", "Organization", "Media"]


def records(n_edges: int, n_actors: int, rng: random.Random) -> list[dict]:
    actors = [
        {
            "id": f"https://w3id.org/geokg/actor/a{i}",
            "label": f"Actor {i}",
            "type": rng.choice(TYPES),
            "wikidata": None,
            "country": None,
        }
        for i in range(n_actors)
    ]
    predicates = sorted(PREDICATES)
    seen: set[tuple] = set()
    out = []
    while len(seen) < n_edges:
        s, o = rng.sample(actors, 2)
        p = rng.choice(predicates)
        modality = rng.choice(["actual", "actual", "intended", "possible"])
        key = (s["id"], o["id"], p, modality)
        if key in seen:
            continue
        seen.add(key)
        pred = PREDICATES[p]
        out.append(
            {
                "id": f"https://w3id.org/geokg/statement/{len(out)}",
                "doc_id": f"doc{len(out) % 500}",
                "subject": s,
                "predicate": p,
                "object": o,
                "plover": pred.plover,
                "quad_class": pred.quad_class,
                "negated": False,
                "modality": modality,
                "attributed_to": None,
                "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "sentence": f"Actor {s['label']} and {o['label']} in a sentence of evidence.",
                "char_start": 0,
                "char_end": 40,
                "confidence": 0.8,
                "article": "x",
            }
        )
    return out


def render_sizes() -> None:
    rng = random.Random(7)
    print(f"{'edges':>7} {'nodes':>6} {'graph s':>8} {'render s':>9} {'KiB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for n_edges, n_actors in ((200, 80), (2000, 500), (10000, 2000)):
            recs = records(n_edges, n_actors, rng)
            t0 = time.perf_counter()
            graph = graph_from_statements(recs)
            t1 = time.perf_counter()
            path = render_html(graph, Path(tmp) / f"g{n_edges}.html")
            t2 = time.perf_counter()
            print(
                f"{graph.number_of_edges():7d} {graph.number_of_nodes():6d} {t1 - t0:8.2f} {t2 - t1:9.2f} "
                f"{path.stat().st_size / 1024:7.0f}"
            )


# ------------------------------------------------------------------ time to stable in Chromium

_STILL = "new Promise(function (done) { requestAnimationFrame(function () { requestAnimationFrame(function () {"
_STILL += " done(performance.now()); }); }); })"
_READY = {
    "geokg": "document.body && ['drawn', 'error'].indexOf(document.body.getAttribute('data-state')) >= 0",
    "ipysigma": "document.querySelector('.ipysigma-widget canvas') !== null",
}


def time_to_stable(page: Path, kind: str, screenshot: Path | None = None) -> tuple[float, list[str]]:
    """Seconds from the start of the navigation to the frame after the page is drawn; problems."""
    from tests.render.chromium import Chromium

    with Chromium() as browser:
        browser.open(page.resolve().as_uri())
        browser.wait_for(_READY[kind], timeout=300, every=0.01)
        stable = browser.evaluate(_STILL) / 1000
        if kind == "geokg" and browser.evaluate("document.body.getAttribute('data-state')") != "drawn":
            raise RuntimeError(f"{page}: the page failed: {browser.evaluate('document.body.textContent')[:300]}")
        if screenshot is not None:
            browser.screenshot(screenshot)
        return stable, browser.problems()


def sigma_page(G: nx.Graph, positions: dict[Any, tuple[float, float]], target: Path, assets: Path | None) -> Path:
    """ipysigma's standalone HTML of ``G`` at ``positions``; inlined scripts with ``assets``."""
    from ipysigma import Sigma

    simple = nx.Graph()
    for v, attrs in G.nodes(data=True):
        simple.add_node(v, label=attrs.get("label", str(v)), type=attrs.get("type") or "other")
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    layout = {v: {"x": x, "y": y} for v, (x, y) in positions.items()}
    Sigma.write_html(simple, target, fullscreen=True, layout=layout, node_color="type", node_size=simple.degree)
    if assets is None:
        return target
    import ipysigma

    page = target.read_text(encoding="utf-8")
    module = Path(ipysigma.__file__).parent / "nbextension" / "index.js"
    scripts = {
        "require.min.js": (assets / "requirejs-2.3.7/package/require.js").read_text(encoding="utf-8"),
        "embed-amd.js": (assets / "jupyter-widgets-html-manager-1.0.14/package/dist/embed-amd.js").read_text(
            encoding="utf-8"
        )
        + "</script><script>"
        + module.read_text(encoding="utf-8").replace("define([", 'define("ipysigma",[', 1),
    }
    for name, code in scripts.items():
        page = re.sub(
            rf'<script src="[^"]*{re.escape(name)}"[^>]*></script>', lambda _m, c=code: f"<script>{c}</script>", page
        )
    offline = target.with_name(target.stem + "-offline.html")
    offline.write_text(page, encoding="utf-8")
    return offline


def baseline_page(G: nx.MultiDiGraph, tree: Path, target: Path) -> Path:
    """``G`` rendered by the geokg source tree ``tree`` (another version), in a fresh process."""
    import pickle
    import subprocess

    graph = target.with_suffix(".pickle")
    graph.write_bytes(pickle.dumps(G))
    code = (
        "import pickle, sys; from kg.render import render_html; "
        "render_html(pickle.loads(open(sys.argv[1], 'rb').read()), sys.argv[2])"
    )
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-c", code, str(graph), str(target)], env=env, check=True, cwd=tree)
    return target


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", name)


def graphs(args: argparse.Namespace) -> list[tuple[str, nx.MultiDiGraph]]:
    from tests.render.conftest import news_like_graph

    found = [(f"news-like {n}", news_like_graph(n)) for n in args.actors]
    if args.store:
        from kg.cli.common import read_records

        found.append((f"store {Path(args.store).name}", graph_from_statements(read_records(args.store), negated=False)))
    return found


def browser_times(args: argparse.Namespace) -> None:
    from kg.render.layout import layout_positions

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    folder = Path(tempfile.mkdtemp(prefix="geokg-bench-render-"))
    pages: list[tuple[str, str, str, Path]] = []
    for name, G in graphs(args):
        slug = _slug(name)
        start = time.perf_counter()
        large = render_html(G, folder / f"{slug}-large.html")
        took = time.perf_counter() - start
        flat = render_html(G, folder / f"{slug}-flat.html", large=False)
        print(
            f"{name}: {G.number_of_nodes()} actors, {G.number_of_edges()} relations; large map written in {took:.1f} s"
            f" ({large.stat().st_size / 2**20:.1f} MiB), flat {flat.stat().st_size / 2**20:.1f} MiB"
        )
        pages += [(name, "large", "geokg", large), (name, "flat", "geokg", flat)]
        if args.baseline:
            pages.append((name, "before", "geokg", baseline_page(G, args.baseline, folder / f"{slug}-before.html")))
        if args.sigma_assets:
            sigma = sigma_page(G, layout_positions(G), folder / f"{slug}-ipysigma.html", args.sigma_assets)
            print(f"  ipysigma page {sigma.stat().st_size / 2**20:.1f} MiB")
            pages.append((name, "ipysigma", "ipysigma", sigma))
    times: dict[tuple[str, str], list[float]] = {}
    problems: dict[tuple[str, str], set[str]] = {}
    for run in range(args.runs):
        for name, variant, kind, page in pages:
            shot = None
            if args.screenshots and run == 0:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                shot = args.screenshots / f"{_slug(name)}-{variant}.png"
            seconds, seen = time_to_stable(page, kind, shot)
            times.setdefault((name, variant), []).append(seconds)
            problems.setdefault((name, variant), set()).update(p[:160] for p in seen)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'graph':<24} {'page':<9} {'min s':>6} {'median':>7} {'max s':>6}  console")
    for (name, variant), values in times.items():
        said = problems[(name, variant)]
        print(
            f"{name:<24} {variant:<9} {min(values):6.2f} {statistics.median(values):7.2f} {max(values):6.2f}  "
            f"{len(said)} distinct: {'; '.join(sorted(said))[:300]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--browser", action="store_true", help="time to stable in headless Chromium")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--actors", type=int, nargs="*", default=[2000, 10000])
    parser.add_argument("--store", help="also the actor graph of this store (read only)")
    parser.add_argument("--sigma-assets", type=Path, help="unpacked npm packages to inline into ipysigma's page")
    parser.add_argument("--screenshots", type=Path, help="write a PNG of each page (first round)")
    parser.add_argument("--baseline", type=Path, help="also the pages another geokg source tree writes ('before')")
    args = parser.parse_args()
    if args.browser:
        browser_times(args)
    else:
        render_sizes()


if __name__ == "__main__":
    main()
