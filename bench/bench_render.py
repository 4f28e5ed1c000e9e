"""Render time and file size of the HTML map for graphs of 200, 2,000 and 10,000 edges.

    .venv/bin/python bench/bench_render.py

Statement records are synthesised (random actors of every type, random predicates and dates,
seed 7) so the sizes are exact; each graph is built with ``graph_from_statements`` and written
with ``render_html``. Prints nodes, edges, seconds and kilobytes.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from kg.analysis.graph import graph_from_statements
from kg.render.html import render_html
from kg.vocab import PREDICATES

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


def main() -> None:
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


if __name__ == "__main__":
    main()
