"""Does confidence mean something? Precision of statements per confidence band (run by hand).

    .venv/bin/python bench/calibration.py

Extracts the development articles of ../shared/eval (seed + dev gold), matches every
predicted statement against the gold at the scorer's strict level (its own matching code),
and prints precision per confidence band. Statements that match only optional gold items are
left out, as the scorer does.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path

from kg.extract.pipeline import Extractor
from kg.ingest import read_articles
from kg.rdf.records import statement_to_json

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_FILES = {
    "wn2019-0016": "corpus/wikinews/wn2019-0016.txt",
    "wn2019-0097": "corpus/wikinews/wn2019-0097.txt",
    "wn2020-0180": "corpus/wikinews/wn2020-0180.txt",
    "ce-2026-05-20": "corpus/current_events/ce-2026-05-20.txt",
    "000_f816f7051cb6ef20": "seeds/000_f816f7051cb6ef20.txt",
}
BANDS = [(0.0, 0.6), (0.6, 0.75), (0.75, 0.9), (0.9, 1.01)]


def main() -> None:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    gold = score.load_jsonl(str(SHARED / "eval" / "dev_gold.jsonl")) + score.load_jsonl(
        str(SHARED / "eval" / "seed_gold.jsonl")
    )
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["doc_id"]].append(g)
    ex = Extractor()
    counts = {band: [0, 0] for band in BANDS}
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for article in read_articles([str(SHARED / p) for p in DEV_FILES.values()]):
        preds = [statement_to_json(s) | {"rule": s.evidence.rule} for s in ex.extract(article)]
        preds = score.dedupe(preds, "strict")
        golds = by_doc[article.doc_id]
        for p in preds:
            hits = [g for g in golds if score.matches(p, g, "strict", False)]
            if hits and all(g.get("optional") for g in hits):
                continue
            ok = bool(hits)
            band = next(b for b in BANDS if b[0] <= p["confidence"] < b[1])
            counts[band][0] += ok
            counts[band][1] += 1
            by_rule[p["rule"]][0] += ok
            by_rule[p["rule"]][1] += 1
    print(f"{'confidence':12} {'correct':>8} {'predicted':>10} {'precision':>10}")
    for (lo, hi), (ok, n) in counts.items():
        print(f"{lo:.2f}-{min(hi, 1):.2f}   {ok:8d} {n:10d} {ok / n if n else float('nan'):10.2f}")
    print(f"\n{'rule':12} {'correct':>8} {'predicted':>10} {'precision':>10}")
    for rule, (ok, n) in sorted(by_rule.items()):
        print(f"{rule:12} {ok:8d} {n:10d} {ok / n:10.2f}")


if __name__ == "__main__":
    main()
