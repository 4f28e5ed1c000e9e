"""Start-up time of ``kg extract`` and the cost of the actor knowledge base (run by hand).

    .venv/bin/python bench/bench_startup.py [--runs 3] [--baseline PATH]

Times ``python -m kg extract`` on a one-line article in fresh processes (median of
``--runs``): with the per-user actor cache cold (an empty ``GEOKG_CACHE_DIR``), warm, and off.
With ``--baseline`` (a source tree of another geokg version, e.g. from ``git archive``), the
same command run from that tree is timed in between, so both see the same machine load.
Then, in this process, the time to load the knowledge base and to build the actor ruler.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(tree: Path, article: Path, cache: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree), "GEOKG_CACHE_DIR": cache}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(article)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _in_process() -> None:
    from kg.actors.kb import load_kb
    from kg.extract.actor_ruler import ActorRuler
    from kg.extract.pipeline import Extractor

    t = time.perf_counter()
    kb = load_kb()
    loaded = time.perf_counter() - t
    nlp = Extractor().nlp
    t = time.perf_counter()
    ActorRuler(nlp, kb)
    ruler = time.perf_counter() - t
    print(
        f"in process (cache as configured): knowledge base {len(kb):,} actors loaded in {loaded:.2f} s, "
        f"actor ruler built in {ruler:.2f} s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline", type=Path, help="source tree of the version to compare with")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "one.txt"
        article.write_text("The president met reporters.\n", encoding="utf-8")
        times: dict[str, list[float]] = {"cold cache": [], "warm cache": [], "cache off": [], "baseline": []}
        for n in range(args.runs):
            times["cold cache"].append(_run(ROOT, article, str(Path(tmp) / f"cold{n}")))
            times["warm cache"].append(_run(ROOT, article, str(Path(tmp) / f"cold{n}")))
            times["cache off"].append(_run(ROOT, article, "off"))
            if args.baseline:
                times["baseline"].append(_run(args.baseline, article, "off"))
    for name, values in times.items():
        if values:
            print(
                f"kg extract, one-line article, {name}: median {statistics.median(values):.2f} s "
                f"({', '.join(f'{v:.2f}' for v in values)})"
            )
    _in_process()


if __name__ == "__main__":
    main()
