"""Pass rates of geokg on the PETRARCH unit-test records, per category (run by hand).

    .venv/bin/python bench/petrarch_suite.py [--level predicate|plover] [--show fail|pass|n/a]
            [--write-passing]

Reads ``../shared/corpus/petrarch_unit_tests/`` (the PETRARCH event coder's own construction
suite, MIT), extracts every record with an actor file built for the suite's fictional actors
and prints, per category, how many records pass, fail and are not applicable (with the
reasons). See ``tests/petrarch/suite.py`` for how a record is scored. ``--write-passing``
rewrites ``tests/petrarch/passing.txt``, the records the regression test keeps passing.
The suite's authors ask that it not be used to assess coding accuracy on real news: these
are pass rates per construction, not a measure of quality.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.petrarch import suite  # noqa: E402 (after the path to the repository is set)


def _event(e: suite.Event) -> str:
    return f"{e.source}>{e.target}:{e.code}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--level", choices=suite.LEVELS, default="plover", help="level of --show")
    ap.add_argument("--show", choices=("fail", "pass", "n/a"), action="append", default=[])
    ap.add_argument("--write-passing", action="store_true")
    args = ap.parse_args()
    if not suite.available():
        sys.exit(f"the PETRARCH records are not in {suite.SUITE}")
    with tempfile.TemporaryDirectory() as tmp:
        runner = suite.Runner(Path(tmp))
        levels = {level: list(runner.outcomes(level)) for level in suite.LEVELS}
    _table(levels)
    outcomes = levels[args.level]
    reasons = Counter(o.reason for o in outcomes if o.status == "n/a")
    print("\nnot applicable:")
    for reason, n in reasons.most_common():
        print(f"  {n:>3}  {reason}")
    for o in outcomes:
        if o.status in args.show:
            got = ", ".join(f"{'/'.join(s) or '?'} {p} {'/'.join(t) or '?'}" for s, p, t in o.extracted)
            print(
                f"\n[{o.status}] {o.record.id} ({o.record.category}) {o.record.text}\n"
                f"   missing: {', '.join(_event(e) for e in o.missing) or '-'}  {o.reason}\n   geokg:   {got or '-'}"
            )
    if args.write_passing:
        lines = sorted(f"{o.record.id}\t{level}\n" for level, out in levels.items() for o in out if o.status == "pass")
        (ROOT / "tests" / "petrarch" / "passing.txt").write_text(
            "# PETRARCH records geokg passes, with the level; rewritten by bench/petrarch_suite.py --write-passing\n"
            + "".join(lines),
            encoding="utf-8",
        )


def _table(levels: dict[str, list[suite.Outcome]]) -> None:
    """Records passing / failing / not applicable per category, pass rate per level."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for level, outcomes in levels.items():
        for o in outcomes:
            for cat in (o.record.category, "ALL"):
                counts[cat][(level, o.status)] += 1
    head = "".join(f" {level:>10}" for level in levels)
    print(f"{'category':<10} {'records':>7} {'n/a':>4}{head}   (pass rate of the applicable records)")
    for cat in sorted(counts, key=lambda c: (c == "ALL", c)):
        c = counts[cat]
        first = next(iter(levels))
        total = sum(v for (lv, _), v in c.items() if lv == first)
        rates = ""
        for level in levels:
            done = c[(level, "pass")] + c[(level, "fail")]
            rates += f" {c[(level, 'pass')]:>3}/{done:<3}{c[(level, 'pass')] / max(1, done):>4.0%}"[-11:]
        print(f"{cat:<10} {total:>7} {c[(first, 'n/a')]:>4}{rates}")


if __name__ == "__main__":
    main()
