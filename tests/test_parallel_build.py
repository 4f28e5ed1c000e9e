"""kg build with worker processes writes the same store as a build in one process."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.actors.context import actors_for
from kg.errors import InputError, KGError
from kg.extract.config import ExtractConfig
from kg.extract.parallel import parallel_pipe
from kg.extract.pipeline import Extractor
from kg.ingest import read_articles
from kg.types import Article
from tests.conftest import SEED_ARTICLE, run_kg

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_kg(*args, cwd=cwd, timeout=600)


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


def wikinews(n: int) -> list[Article]:
    return list(read_articles([str(path) for path in sorted((ROOT / "seeds" / "wikinews").glob("*.txt"))[:n]]))


def test_chunks_come_back_in_input_order_with_the_actors_of_one_process() -> None:
    articles = wikinews(9)
    extractor = Extractor()
    alone = [(a.doc_id, s, actors_for(s, extractor.kb)) for a, s in extractor.pipe(articles)]
    # chunks of two articles, up to six in flight: the later ones are often done first
    parallel = [(a.doc_id, s, actors) for a, s, actors in parallel_pipe(extractor.config, articles, jobs=2, chunk=2)]
    assert parallel == alone
    assert sum(len(s) for _, s, _ in alone) > 20


def test_a_worker_that_cannot_load_its_pipeline_fails_the_build(tmp_path: Path) -> None:
    config = ExtractConfig(lexicon=str(tmp_path / "missing"))
    with pytest.raises(InputError, match="E210"):  # raised here, not a pool restarting workers for ever
        list(parallel_pipe(config, wikinews(1), jobs=1))


def test_the_writing_process_does_not_load_spacy(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from kg.cli.extract import run_build\n"
        f"summary = run_build([{str(SEED_ARTICLE)!r}], {str(tmp_path / 'store')!r}, replace=False, model=None,"
        " actors=None, quiet=True, jobs=2)\n"
        "print(summary['statements'], 'spacy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    count, spacy_loaded = done.stdout.split()
    assert int(count) > 0 and spacy_loaded == "False"


def test_a_model_that_is_not_installed_is_an_error_before_any_worker_starts(tmp_path: Path) -> None:
    built = kg("build", str(SEED_ARTICLE), "--store", "s", "--jobs", "2", "--model", "no_such_model", cwd=tmp_path)
    assert built.returncode != 0 and "E401" in built.stderr and "Traceback" not in built.stderr
    assert not (tmp_path / "s").exists()


def test_a_worker_that_dies_stops_the_build_with_an_error() -> None:
    pipe = parallel_pipe(ExtractConfig(), wikinews(9), jobs=1, chunk=1)
    next(pipe)  # the worker is up, and more chunks are on their way
    for child in multiprocessing.active_children():
        child.kill()  # as the kernel does when memory runs out
    with pytest.raises(KGError, match="E410"):
        list(pipe)
