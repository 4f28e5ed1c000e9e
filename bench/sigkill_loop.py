"""SIGKILL loop: does ``kg build`` leave a store consistent and complete after a crash?

Three kinds of run, each killed with SIGKILL at a random moment (seeded) and then re-run to
completion (geokg issue 15, "Done when"):

- ``fresh``: ``kg build seeds/`` into a new folder;
- ``continued``: ``kg build seeds/`` into a store that already holds half of the seeds;
- ``replace``: ``kg build --replace seeds/`` into a store that holds the other half and an
  article that is not in the seeds (which the completed run must remove).

After the re-run, the store must be **consistent** (``kg validate`` passes, so it opens and
conforms) and **complete** (its sorted N-Quads equal those of an uninterrupted build). The kill
moment is drawn uniformly between 0 and 1.1 times the time of an uninterrupted build, so some
kills land while the model loads, most while articles are written, and a few after the end.

Run by hand (not a test); it takes about 12-15 minutes on 2 cores with the default 20 kills
of each kind::

    PYTHONPATH=. .venv/bin/python bench/sigkill_loop.py            # 20 of each kind
    PYTHONPATH=. .venv/bin/python bench/sigkill_loop.py --kills 3  # a quick look

Prints one line per run and a table for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
EXTRA = "Xi Jinping pressured Donald Trump over tariffs on Monday, the ministry said.\n"
_BLANK = re.compile(r"_:[A-Za-z0-9]+")


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``kg ARGS`` to completion."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"kg {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def killed_run(args: list[str], delay: float) -> bool:
    """Start ``kg ARGS``, SIGKILL it after ``delay`` seconds; True when it was still running."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    try:
        process.wait(delay)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def nquads(store: Path) -> list[str]:
    """The store's N-Quads, sorted, blank node labels made equal."""
    text = kg("export", "--format", "nq", "--store", str(store)).stdout
    return sorted(_BLANK.sub("_:b", line) for line in text.splitlines() if line.strip())


def seed_halves(work: Path) -> tuple[Path, Path]:
    """Two input folders, each with half of the seed articles."""
    files = sorted(p for p in SEEDS.rglob("*.txt"))
    halves = (work / "half-a", work / "half-b")
    for index, path in enumerate(files):
        target = halves[index % 2] / path.relative_to(SEEDS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return halves


def prepare(work: Path) -> dict[str, object]:
    """Reference store and N-Quads, the base stores of each kind, and the build time."""
    half_a, half_b = seed_halves(work)
    extra = work / "extra"
    extra.mkdir()
    (extra / "not-in-seeds.txt").write_text(EXTRA, encoding="utf-8")
    start = time.monotonic()
    kg("build", str(SEEDS), "--store", str(work / "reference"), "-q")
    duration = time.monotonic() - start
    kg("build", str(half_a), "--store", str(work / "base-continued"), "-q")
    kg("build", str(half_b), str(extra), "--store", str(work / "base-replace"), "-q")
    return {"reference": nquads(work / "reference"), "duration": duration}


def trial(kind: str, work: Path, delay: float, reference: list[str]) -> tuple[bool, bool, bool, str]:
    """One killed run and its completion: (killed while running, consistent, complete, note)."""
    store = work / f"trial-{kind}"
    shutil.rmtree(store, ignore_errors=True)
    if kind != "fresh":
        shutil.copytree(work / f"base-{kind}", store)
    args = ["build", str(SEEDS), "--store", str(store), "-q"]
    if kind == "replace":
        args.append("--replace")
    killed = killed_run(args, delay)
    rerun = kg(*args, check=False)
    if rerun.returncode != 0:
        return killed, False, False, f"re-run failed: {rerun.stderr.strip()[:200]}"
    checked = kg("validate", "--store", str(store), check=False)
    consistent = checked.returncode == 0
    complete = consistent and nquads(store) == reference
    note = "" if consistent else checked.stderr.strip()[:200] or checked.stdout.strip()[-200:]
    return killed, consistent, complete, note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="killed runs of each kind (20)")
    parser.add_argument("--seed", type=int, default=15, help="random seed of the kill moments")
    parser.add_argument("--kinds", default="fresh,continued,replace")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    began = time.monotonic()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-sigkill-") as tmp:
        work = Path(tmp)
        prepared = prepare(work)
        duration = float(prepared["duration"])  # type: ignore[arg-type]
        reference = prepared["reference"]
        print(f"uninterrupted build: {duration:.1f} s, {len(reference)} quads", flush=True)  # type: ignore[arg-type]
        for kind in options.kinds.split(","):
            counts = {"runs": 0, "killed": 0, "consistent": 0, "complete": 0}
            for number in range(options.kills):
                delay = rng.uniform(0.0, 1.1 * duration)
                killed, consistent, complete, note = trial(kind, work, delay, reference)  # type: ignore[arg-type]
                counts["runs"] += 1
                counts["killed"] += killed
                counts["consistent"] += consistent
                counts["complete"] += complete
                print(
                    f"{kind:9} {number + 1:2} kill at {delay:5.2f} s "
                    f"{'killed' if killed else 'finished first'}: "
                    f"{'consistent' if consistent else 'INCONSISTENT'}, "
                    f"{'complete' if complete else 'INCOMPLETE'} {note}",
                    flush=True,
                )
            rows.append((kind, counts))
    minutes = (time.monotonic() - began) / 60
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    print(
        f"\nRun {when}, {minutes:.1f} min, seed {options.seed}; {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}\n"
    )
    print("| kind | runs | killed while running | consistent after re-run | complete after re-run |")
    print("|---|---:|---:|---:|---:|")
    for kind, counts in rows:
        print(f"| {kind} | {counts['runs']} | {counts['killed']} | {counts['consistent']} | {counts['complete']} |")


if __name__ == "__main__":
    main()
