"""Extraction throughput and the cost of each pipeline component (run by hand).

    .venv/bin/python bench/bench_extract.py [--articles N] [--corpus PATH]

Reads Wikinews articles from ../shared/corpus/wikinews (or a JSON Lines corpus), runs the
geokg pipeline once to warm up, then times every component over the same documents and
prints words per second overall and milliseconds per 1,000 words for each component, plus
the share of the geokg components (actor ruler + linker, relations) in the total.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections import defaultdict
from pathlib import Path

from kg.extract.pipeline import Extractor
from kg.ingest import read_articles

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikinews"))
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    extractor = Extractor()
    nlp = extractor.nlp
    articles = []
    for article in read_articles([args.corpus]):
        articles.append(article)
        if len(articles) >= args.articles:
            break
    words = sum(len(a.text.split()) for a in articles)
    for article in articles[:5]:  # warm up
        extractor.extract(article)

    per_component: dict[str, float] = defaultdict(float)
    total = 0.0
    for _ in range(args.repeat):
        for article in articles:
            doc = extractor.make_doc(article)
            t0 = time.perf_counter()
            for name, proc in nlp.pipeline:
                t = time.perf_counter()
                doc = proc(doc)
                per_component[name] += time.perf_counter() - t
            extractor.statements(article, doc)
            total += time.perf_counter() - t0
    total /= args.repeat
    for name in per_component:
        per_component[name] /= args.repeat

    t = time.perf_counter()
    n_statements = sum(len(st) for _, st in extractor.pipe(iter(articles)))
    piped = time.perf_counter() - t

    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}")
    print(f"{len(articles)} articles, {words} words, {n_statements} statements")
    print(f"one doc at a time: {words / total:,.0f} words/s; nlp.pipe: {words / piped:,.0f} words/s")
    print(f"{'component':18} {'ms per 1,000 words':>20} {'share':>7}")
    for name, seconds in per_component.items():
        print(f"{name:18} {1000 * seconds / words * 1000:20.1f} {seconds / total:7.1%}")
    actors = per_component["kg_actor_ruler"] + per_component["kg_actor_linker"]
    spacy_only = sum(v for k, v in per_component.items() if not k.startswith("kg_"))
    print(f"actor components add {actors / spacy_only:.1%} to the spaCy components' time")
    print(
        f"relation component adds {per_component['kg_relations'] / spacy_only:.1%} "
        f"({1000 * per_component['kg_relations'] / words * 1000:.1f} ms per 1,000 words)"
    )


if __name__ == "__main__":
    main()
