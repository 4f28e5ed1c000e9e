"""Start-up time of ``kg query``, ``kg --help`` and ``kg extract`` (run by hand).

    .venv/bin/python bench/bench_startup.py [--runs 7] [--baseline PATH] [--store DIR] [--no-extract]

``kg query`` and ``kg --help``: a small query (``SELECT (COUNT(*) AS ?n) …``) on a small
store (``--store``, by default the store ``kg build seeds/`` makes, built once into a temporary
folder) in fresh processes, ``--runs`` times each, wall-clock and CPU time (user + system)
with min/median/max. With ``--baseline`` (a source tree of another geokg version, e.g.
``git archive COMMIT | tar -x -C /tmp/base``) the same commands run from that tree in turn
with this one, so both see the same machine load, and the report gives both side by side
with the number of modules each run loads and whether rdflib and pydantic are among them.
Every tree runs once first with byte-code caching on (as an installed package runs), so
neither pays for compiling its sources.

``kg extract`` on a one-line article (median of ``--runs``): with the per-user actor cache
cold (an empty ``GEOKG_CACHE_DIR``), warm, and off, then, in this process, the time to load
the knowledge base and to build the actor ruler.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: what a run loads: imports of these packages are reported
WATCHED = ("rdflib", "pydantic")


def _env(tree: Path, **extra: str) -> dict[str, str]:
    """The environment of a run from ``tree``, with byte-code caching on."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(tree), **extra}


def _timed(tree: Path, args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of ``python -m kg ARGS`` run from ``tree``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", *args],
        env=_env(tree),
        cwd=tree,  # python -m puts the working folder first on the path: the tree's own kg
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


_PROBE = """
import json, runpy, sys
sys.argv = ["kg", *json.loads(sys.argv[1])]
try:
    runpy.run_module("kg", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules(tree: Path, args: list[str]) -> list[str]:
    """The modules ``kg ARGS`` has loaded when it exits."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        env=_env(tree),
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


def _stats(values: list[float]) -> str:
    return f"{min(values):.3f} / {statistics.median(values):.3f} / {max(values):.3f}"


def seeds_store(folder: Path) -> Path:
    """The store ``kg build seeds/`` makes, built into ``folder`` (about 20 s of spaCy)."""
    store = folder / "seeds-store"
    subprocess.run(
        [sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "--store", str(store), "--quiet"],
        env=_env(ROOT),
        check=True,
    )
    return store


def startup(trees: dict[str, Path], store: Path, runs: int) -> None:
    """Time ``kg query`` and ``kg --help`` from each tree in turn; print the table."""
    commands = {
        "kg query (a count on the seeds store)": ["query", "--store", str(store), QUERY],
        "kg --help": ["--help"],
    }
    load = os.getloadavg()[0]
    for tree in trees.values():  # byte-code caches written, nothing compiled in the timed runs
        for args in commands.values():
            _timed(tree, args)
    wall: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):
        for command, args in commands.items():
            for name, tree in trees.items():
                w, c = _timed(tree, args)
                wall.setdefault((command, name), []).append(w)
                cpu.setdefault((command, name), []).append(c)
    print(f"load average before: {load:.2f} (1 min), {os.cpu_count()} CPUs; {runs} runs each, interleaved")
    print()
    print("| command | tree | wall s min / median / max | CPU s min / median / max | modules loaded | of them |")
    print("|---|---|---:|---:|---:|---|")
    for command, args in commands.items():
        for name, tree in trees.items():
            modules = _modules(tree, args)
            watched = [w for w in WATCHED if any(m == w or m.startswith(w + ".") for m in modules)]
            print(
                f"| `{command}` | {name} | {_stats(wall[command, name])} | {_stats(cpu[command, name])} | "
                f"{len(modules)} | {', '.join(watched) or 'neither ' + ' nor '.join(WATCHED)} |"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def _run(tree: Path, article: Path, cache: str) -> float:
    env = _env(tree, GEOKG_CACHE_DIR=cache)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(article)],
        env=env,
        cwd=tree,
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
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--baseline", type=Path, help="source tree of the version to compare with")
    ap.add_argument("--store", type=Path, help="the small store to query (default: build seeds/ into one)")
    ap.add_argument("--no-extract", action="store_true", help="time kg query and kg --help only")
    args = ap.parse_args()
    trees = {"this tree": ROOT, **({"baseline": args.baseline} if args.baseline else {})}
    with tempfile.TemporaryDirectory() as tmp:
        startup(trees, args.store or seeds_store(Path(tmp)), args.runs)
    if args.no_extract:
        return
    print()
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
