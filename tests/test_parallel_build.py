"""kg build with worker processes writes the same store as a build in one process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_two_workers_write_the_same_store_as_one_process(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in sorted((ROOT / "seeds" / "wikinews").glob("*.txt"))[:6]:
        shutil.copy(path, corpus / path.name)
    (corpus / "empty.txt").write_text("", encoding="utf-8")  # a bad input beside good ones
    dumps = []
    for jobs in ("1", "2"):
        built = kg("build", "in", "--store", f"s{jobs}", "--jobs", jobs, cwd=tmp_path)
        assert built.returncode == 1 and "empty.txt" in built.stderr  # skipped and reported
        assert "Built 6 article(s)" in built.stdout
        dump = kg("export", "--format", "nq", "--store", f"s{jobs}", cwd=tmp_path)
        assert dump.returncode == 0
        dumps.append(sorted(dump.stdout.splitlines()))
    assert dumps[0] == dumps[1] and len(dumps[0]) > 100
