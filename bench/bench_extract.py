"""Extraction throughput and the cost of each pipeline component (run by hand).

    .venv/bin/python bench/bench_extract.py [--articles N] [--corpus PATH ...] [--repeat R]
        [--batch-size B] [--baseline sourced|CONFIG] [--fresh]

Reads articles (default: Wikinews articles from ../shared/corpus/wikinews), runs the geokg
pipeline once to warm up, then runs every component over the same documents in batches of
``B``, as ``nlp.pipe`` does, and prints for each component the milliseconds of CPU time
(``time.process_time``: the figure that does not depend on what else runs on the machine)
per 1,000 words, min/median/max over the repetitions, and the words per CPU second of the
whole pipeline and of ``Extractor.pipe`` end to end.

``--baseline`` adds a second pipeline, run alternately with the first in the same process
(before, after, after, before, ...): ``sourced`` is ``pipelines/geokg.cfg`` with spaCy's own
``attribute_ruler`` and ``lemmatizer`` sourced from the model instead of geokg's
``kg_attribute_ruler`` and ``kg_lemmatizer``; anything else is the path of a spaCy config.
Components that remember what they computed (the lemmatizer, the attribute ruler) look
cheaper on articles they have seen; ``--fresh`` gives each repetition other articles, as a
real run over a corpus does.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import spacy

from kg.extract.pipeline import ExtractConfig, Extractor
from kg.ingest import read_articles
from kg.resources import pipelines_path
from kg.types import Article

ROOT = Path(__file__).resolve().parents[1]
Timings = dict[str, list[float]]


def sourced_config() -> str:
    """pipelines/geokg.cfg with spaCy's attribute_ruler and lemmatizer sourced from the model."""
    text = pipelines_path("geokg.cfg").read_text()
    for name in ("attribute_ruler", "lemmatizer"):
        text = re.sub(
            rf"\[components\.{name}\]\n(?:[^\[\n][^\n]*\n)*", f"[components.{name}]\nsource = ${{paths.model}}\n", text
        )
    path = Path(tempfile.mkdtemp()) / "sourced.cfg"
    path.write_text(text)
    return str(path)


def run_components(extractor: Extractor, articles: list[Article], batch_size: int, out: Timings) -> None:
    """One pass: CPU ms per 1,000 words of each component (and of making statements)."""
    nlp = extractor.nlp
    seconds: dict[str, float] = defaultdict(float)
    for start in range(0, len(articles), batch_size):
        chunk = articles[start : start + batch_size]
        t = time.process_time()
        pairs = [(doc, a, offset) for a in chunk for doc, offset, _ in extractor.make_docs(a)]
        seconds["tokenizer"] += time.process_time() - t
        docs = [doc for doc, _, _ in pairs]
        for name, proc in nlp.pipeline:
            t = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(doc) for doc in docs]
            seconds[name] += time.process_time() - t
        t = time.process_time()
        for doc, (_, article, offset) in zip(docs, pairs, strict=True):
            extractor.statements(article, doc, offset=offset)
        seconds["statements"] += time.process_time() - t
    words = _words(articles)
    for name, value in seconds.items():
        out[name].append(1e6 * value / words)
    out["total"].append(1e6 * sum(seconds.values()) / words)


def run_pipe(extractor: Extractor, articles: list[Article], batch_size: int, out: Timings) -> int:
    """One pass of ``Extractor.pipe`` end to end; returns the number of statements."""
    t = time.process_time()
    n = sum(len(st) for _, st in extractor.pipe(iter(articles), batch_size=batch_size))
    out["Extractor.pipe"].append(1e6 * (time.process_time() - t) / _words(articles))
    return n


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def describe(ms: list[float]) -> str:
    """min/median/max of ms per 1,000 words."""
    ms = sorted(ms)
    return f"{ms[0]:7.1f} {statistics.median(ms):7.1f} {ms[-1]:7.1f}"


def report(names: list[str], timings: dict[str, Timings]) -> None:
    head = "".join(f" | {n[:23]:>23}" for n in names)
    print(f"{'component':18}{head}")
    print(f"{'':18}" + " | min / median / max ms" * len(names))
    rows = list(dict.fromkeys(k for n in names for k in timings[n]))
    for row in rows:
        cells = "".join(f" | {describe(timings[n][row]) if row in timings[n] else '':>23}" for n in names)
        print(f"{row:18}{cells}")
    for n in names:
        for key in ("total", "Extractor.pipe"):
            rate = sorted(1e6 / ms for ms in timings[n][key])
            print(f"{n}: {key}: {rate[0]:,.0f} / {statistics.median(rate):,.0f} / {rate[-1]:,.0f} words per CPU second")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="+", default=[str(ROOT.parent / "shared" / "corpus" / "wikinews")])
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--baseline", default=None, help="'sourced' or a spaCy config to compare with")
    ap.add_argument(
        "--fresh",
        action="store_true",
        help="each repetition reads other articles (N each), so the memos of the components see new "
        "words as in a real run, instead of the same N articles again",
    )
    args = ap.parse_args()

    pipelines = {"geokg.cfg": Extractor()}
    if args.baseline:
        config = sourced_config() if args.baseline == "sourced" else args.baseline
        pipelines = {f"baseline ({args.baseline})": Extractor(ExtractConfig(config=config)), **pipelines}
    wanted = args.articles * (args.repeat if args.fresh else 1) + 5
    articles: list[Article] = []
    for article in read_articles(args.corpus):
        articles.append(article)
        if len(articles) >= wanted:
            break
    warm, articles = articles[:5], articles[5:]
    for extractor in pipelines.values():
        for article in warm:
            extractor.extract(article)

    timings: dict[str, Timings] = {name: defaultdict(list) for name in pipelines}
    counts: dict[str, int] = defaultdict(int)
    for rep in range(args.repeat):
        part = articles[rep * args.articles : (rep + 1) * args.articles] if args.fresh else articles
        order = list(pipelines) if rep % 2 == 0 else list(reversed(pipelines))
        for name in order:
            run_components(pipelines[name], part, args.batch_size, timings[name])
            counts[name] += run_pipe(pipelines[name], part, args.batch_size, timings[name])

    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, python {platform.python_version()}, spaCy {spacy.__version__}")
    same = "other articles in each repetition" if args.fresh else "the same articles in each repetition"
    print(f"{len(articles)} articles, {_words(articles)} words ({same}), batches of {args.batch_size}")
    print("statements (all repetitions): " + ", ".join(f"{n}: {c}" for n, c in counts.items()))
    report(list(pipelines), timings)


if __name__ == "__main__":
    main()
