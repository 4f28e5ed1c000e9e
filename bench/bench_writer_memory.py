"""The memory of the process that writes a long build's store (run by hand).

    .venv/bin/python bench/bench_writer_memory.py [--corpus PATH] [--articles 4000]
                                                  [--copies 60] [--every 16000] [--heap]

The writer of ``kg build`` (this process with ``--jobs 1``, the parent with more) holds one
:class:`~kg.store.GraphStore` open for the whole build. To see how its memory grows with the
number of articles, without spending hours on extraction, this script extracts the first
``--articles`` articles of a corpus once (default ``../shared/corpus/reuters21578.jsonl``),
then writes them ``--copies`` times into a fresh on-disk store, each copy as new articles
(another doc_id, and a line added to the text, so another article IRI) with the same
statements. Every ``--every`` articles it prints the resident memory above what it was after
the first 2,000 written articles, the size of the store folder and its number of RocksDB table
files, and with ``--heap`` the Python heap (``tracemalloc``, which makes the writing slower).

What it showed (bench/RESULTS.md, "The writer's memory"): the growth is RocksDB's block caches
filling up (Oxigraph gives its string column family a 128 MiB cache for point lookups, and the
other column families share RocksDB's default cache); it stops when they are full, whatever
the number of articles.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


def rss_mib() -> float:
    """This process's resident memory, MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS in /proc/self/status: this benchmark needs Linux")


def extracted(corpus: Path, n: int) -> list[Any]:
    """``(article, statements, actors)`` of the first ``n`` good articles of ``corpus``."""
    from kg.extract.pipeline import Extractor
    from kg.ingest import read_items
    from kg.types import Article

    articles = [item for item in read_items([corpus]) if isinstance(item, Article)][:n]
    return list(Extractor().pipe_with_actors(articles))


def copy_of(article: Any, statements: list[Any], copy: int) -> tuple[Any, list[Any]]:
    """The article as a new one (its own doc_id and text hash) with the same statements."""
    new = dataclasses.replace(article, doc_id=f"{article.doc_id}-copy{copy}", text=f"{article.text}\n(copy {copy})")
    moved = [
        dataclasses.replace(s, evidence=dataclasses.replace(s.evidence, doc_id=new.doc_id, article_sha256=new.sha256))
        for s in statements
    ]
    return new, moved


def grown(base: float) -> str:
    """The resident memory above ``base``, or all of it before ``base`` was taken."""
    return f"+{rss_mib() - base:.0f} MiB" if base else f"{rss_mib():.0f} MiB (no baseline yet)"


def folder_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.iterdir() if f.is_file()) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "reuters21578.jsonl")
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--copies", type=int, default=60)
    ap.add_argument("--every", type=int, default=16000)
    ap.add_argument("--heap", action="store_true", help="also trace the Python heap")
    args = ap.parse_args()
    from kg.builder import extractor_run
    from kg.extract.config import ExtractConfig
    from kg.store import GraphStore

    data = extracted(args.corpus, args.articles)
    run = extractor_run(ExtractConfig())
    gc.collect()
    if args.heap:
        tracemalloc.start()
    written, base, started = 0, 0.0, time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-writer-") as tmp, GraphStore.open(Path(tmp) / "s") as store:
        folder = Path(tmp) / "s"
        for copy in range(args.copies):
            for article, statements, actors in data:
                new, moved = copy_of(article, statements, copy)
                store.add_article(new, moved, actors, run=run)
                written += 1
                if written == 2000:
                    base = rss_mib()
                if written % args.every == 0:
                    heap = f", Python heap {tracemalloc.get_traced_memory()[0] / 2**20:.1f} MiB" if args.heap else ""
                    tables = len(list(folder.glob("*.sst")))
                    print(
                        f"{written:>8} articles: {grown(base)} resident{heap}, "
                        f"store {folder_mib(folder):.0f} MiB in {tables} table files, "
                        f"{time.perf_counter() - started:.0f} s",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
