"""``kg build --jobs 1`` against ``--jobs N``, side by side (run by hand).

    .venv/bin/python bench/bench_jobs.py [--articles 800] [--corpus PATH] [--jobs 2] [--reps 3] [--marginal]

Takes the first ``--articles`` articles of a JSON Lines corpus (default
``../shared/corpus/reuters21578.jsonl``) or of a folder of ``.txt`` files (e.g.
``../shared/corpus/wikinews``), then builds them into a fresh store with ``kg build --quiet``,
``--jobs 1`` and ``--jobs N`` alternately, ``--reps`` times each. For each run it prints the
load average before it (``/proc/loadavg``), the wall-clock time (start-up included), the CPU
time of the build and all its processes (user + system), and the peak resident memory of the
whole process tree (the sum over the processes, sampled every 0.2 s), of its largest process
and of the writing process. At the end: min/median/max of each, the speed-up (wall of
``--jobs 1`` / wall of ``--jobs N``) per pair of runs, and whether the stores are the same
(sorted N-Quads of ``kg export``).

On a machine other jobs keep busy, the wall-clock ratio says little about what the cores
give. The CPU-time ratio (``--jobs N`` CPU / ``--jobs 1`` CPU: the cost of parallelism, the
extra model loads included) depends much less on the load, and ``N / that ratio`` is the
speed-up the N cores would give if they were free and kept busy (it ignores the idle end of
the last chunk, so it is an upper bound).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


@dataclass
class Run:
    jobs: int
    load: float
    wall: float
    cpu: float
    rss_tree: int  # peak of the summed RSS of the process tree, bytes
    rss_max: int  # peak RSS of any one process of the tree, bytes
    rss_writer: int  # peak RSS of the kg process itself (the one that writes the store), bytes


def prepare(corpus: Path, n: int, into: Path) -> Path:
    """The first ``n`` articles of ``corpus`` as a JSON Lines file or a folder in ``into``."""
    if corpus.is_file():
        target = into / "input.jsonl"
        with corpus.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
            for _, line in zip(range(n), src, strict=False):
                out.write(line)
        return target
    target = into / "input"
    target.mkdir()
    for path in sorted(corpus.glob("*.txt"))[:n]:
        (target / path.name).symlink_to(path.resolve())
    return target


def _sample(proc: psutil.Process, peaks: list[int], done: threading.Event) -> None:
    while not done.wait(0.2):
        try:
            sizes = [proc.memory_info().rss]  # first: the writer
            for p in proc.children(recursive=True):
                try:
                    sizes.append(p.memory_info().rss)
                except psutil.Error:
                    pass
        except psutil.Error:
            continue
        peaks[0] = max(peaks[0], sum(sizes))
        peaks[1] = max(peaks[1], max(sizes, default=0))
        peaks[2] = max(peaks[2], sizes[0] if sizes else 0)


def build(inputs: Path, store: Path, jobs: int, env: dict[str, str]) -> Run:
    """One ``kg build`` into a fresh ``store``, timed and sampled."""
    load = float(Path("/proc/loadavg").read_text().split()[0])
    before = os.times()
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "kg", "build", str(inputs), "--store", str(store), "--jobs", str(jobs), "--quiet"]
    child = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    peaks, done = [0, 0, 0], threading.Event()
    sampler = threading.Thread(target=_sample, args=(psutil.Process(child.pid), peaks, done))
    sampler.start()
    _, stderr = child.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    after = os.times()
    if child.returncode not in (0, 1):
        sys.exit(f"kg build --jobs {jobs} failed ({child.returncode}):\n{stderr}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(jobs, load, wall, cpu, peaks[0], peaks[1], peaks[2])


def nquads(store: Path, env: dict[str, str]) -> list[str]:
    cmd = [sys.executable, "-m", "kg", "export", "--format", "nq", "--store", str(store)]
    dump = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return sorted(dump.stdout.splitlines())


def spread(values: list[float], fmt: str = "{:.1f}") -> str:
    """min / median / max."""
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))


def report_marginal(short: list[Run], long: list[Run], n: int, jobs: int) -> None:
    """Articles per second of the second ``n`` articles, and their ratio, per pair of runs."""
    rate = {j: [n / (b.wall - a.wall) for a, b in zip(short, long, strict=True) if a.jobs == j] for j in (1, jobs)}
    for j in (1, jobs):
        print(f"--jobs {j}: the second {n} articles at {spread(rate[j])} articles/s (marginal)")
    ratios = [b / a for a, b in zip(rate[1], rate[jobs], strict=True)]
    print(f"speed-up (marginal throughput, per pair, start-up excluded): {spread(ratios, '{:.2f}')}x")


def report(runs: list[Run], jobs: int) -> None:
    mib = 1024 * 1024
    for j in (1, jobs):
        mine = [r for r in runs if r.jobs == j]
        print(
            f"--jobs {j}: wall {spread([r.wall for r in mine])} s, CPU {spread([r.cpu for r in mine])} s, "
            f"peak RSS all processes {spread([r.rss_tree / mib for r in mine], '{:.0f}')} MiB, "
            f"largest process {spread([r.rss_max / mib for r in mine], '{:.0f}')} MiB, "
            f"writer {spread([r.rss_writer / mib for r in mine], '{:.0f}')} MiB, "
            f"load before {spread([r.load for r in mine], '{:.2f}')}"
        )
    ones = [r for r in runs if r.jobs == 1]
    many = [r for r in runs if r.jobs == jobs]
    speedups = [a.wall / b.wall for a, b in zip(ones, many, strict=True)]
    cpu_ratio = [b.cpu / a.cpu for a, b in zip(ones, many, strict=True)]
    print(f"speed-up (wall, per pair): {spread(speedups, '{:.2f}')}x")
    print(f"CPU time --jobs {jobs} / --jobs 1 (per pair): {spread(cpu_ratio, '{:.2f}')}")
    print(
        f"speed-up if the {jobs} cores were free (--jobs 1 CPU / (--jobs {jobs} CPU / {jobs})): "
        f"{spread([jobs / r for r in cpu_ratio], '{:.2f}')}x"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "reuters21578.jsonl")
    ap.add_argument("--articles", type=int, default=800)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--marginal", action="store_true", help="also build 2x the articles (see above)")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs: list[Run] = []
    doubled: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-jobs-") as tmp:
        (Path(tmp) / "n").mkdir()
        inputs = prepare(args.corpus, args.articles, Path(tmp) / "n")
        if args.marginal:
            (Path(tmp) / "2n").mkdir()
            inputs2 = prepare(args.corpus, 2 * args.articles, Path(tmp) / "2n")
        print(f"{args.articles} articles of {args.corpus}; {os.cpu_count()} cores; uptime: {os.popen('uptime').read()}")
        for rep in range(args.reps):
            order = (1, args.jobs) if rep % 2 == 0 else (args.jobs, 1)
            for jobs in order:
                runs.append(timed(inputs, Path(tmp) / f"store-{jobs}-{rep}", jobs, env, rep))
                if args.marginal:
                    doubled.append(timed(inputs2, Path(tmp) / f"store2-{jobs}-{rep}", jobs, env, rep))
        same = nquads(Path(tmp) / "store-1-0", env) == nquads(Path(tmp) / f"store-{args.jobs}-0", env)
        print(f"stores the same (sorted N-Quads): {same}")
        report(runs, args.jobs)
        if args.marginal:
            report_marginal(runs, doubled, args.articles, args.jobs)


def timed(inputs: Path, store: Path, jobs: int, env: dict[str, str], rep: int) -> Run:
    """One build, printed as it ends."""
    run = build(inputs, store, jobs, env)
    print(
        f"rep {rep + 1} {inputs.parent.name} --jobs {jobs}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, "
        f"{run.rss_tree / 2**20:.0f} MiB (largest {run.rss_max / 2**20:.0f}, "
        f"writer {run.rss_writer / 2**20:.0f}), load {run.load:.2f}",
        flush=True,
    )
    return run


if __name__ == "__main__":
    main()
