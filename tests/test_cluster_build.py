"""kg build --dask: extraction on the workers of a Dask cluster, one writer, the same store."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.errors import KGError, UnexpectedError
from kg.types import Article
from tests.conftest import run_kg

ROOT = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_kg(*args, cwd=cwd)


def seed_articles(count: int) -> list[Path]:
    return sorted((ROOT / "seeds" / "wikinews").glob("*.txt"))[:count]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of the local Dask cluster that ``--dask local --jobs 2`` starts: two worker
    processes of one thread each."""
    pytest.importorskip("distributed")
    from kg.extract.cluster import LOCAL, _connect

    with _connect(LOCAL, 2) as client:
        assert sorted(client.nthreads().values()) == [1, 1]
        yield str(client.scheduler.address)


def nquads(store: Any) -> list[str]:
    out = io.BytesIO()
    store.dump("nq", out)
    return sorted(out.getvalue().decode("utf-8").splitlines())


@pytest.mark.slow
def test_dask_workers_write_the_same_store_as_one_process(tmp_path: Path, scheduler: str) -> None:
    from kg.builder import build_store
    from kg.extract.pipeline import Extractor
    from kg.ingest import read_items
    from kg.store import GraphStore

    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in seed_articles(6):
        shutil.copy(path, corpus / path.name)
    (corpus / "empty.txt").write_text("", encoding="utf-8")  # a bad input beside good ones
    extractor = Extractor()
    with GraphStore.open(None) as store:
        build_store(read_items([str(corpus)]), store, extractor=extractor)
        one = nquads(store)
    built = kg("build", "in", "--store", "dask", "--dask", scheduler, cwd=tmp_path)
    assert built.returncode == 1, built.stderr  # the bad input is skipped and reported
    assert built.stderr.strip().splitlines()[-1].endswith("the article is empty; remove it or give it some text")
    assert "Traceback" not in built.stderr and "Built 6 article(s)" in built.stdout
    seen: list[str] = []
    with GraphStore.open(tmp_path / "dask") as store:
        assert nquads(store) == one and len(one) > 100
        again = build_store(  # incremental: nothing to extract, the progress callback still called
            read_items([str(corpus)]),
            store,
            extractor=extractor,
            dask=scheduler,
            on_article=lambda article, _statements, _written: seen.append(article.doc_id),
        )
    assert (again.unchanged, again.written, len(seen)) == (6, 0, 6)


def test_partitions_come_back_in_input_order_with_a_bounded_window(scheduler: str) -> None:
    from kg.extract.cluster import cluster_pipe
    from kg.extract.pipeline import ExtractConfig, Extractor

    articles = [Article(doc_id=p.stem, text=p.read_text(encoding="utf-8")) for p in seed_articles(3)]
    submitted: list[str] = []

    def reading() -> Iterator[Article]:
        for article in articles * 4:  # 12 articles, partitions of 2, at most 4 out at a time
            submitted.append(article.doc_id)
            yield article

    pairs = cluster_pipe(ExtractConfig(), reading(), address=scheduler, partition=2)
    first = next(pairs)
    assert len(submitted) == 2 * 2 * 2  # not the whole input: two partitions per worker thread
    got = [first, *pairs]
    assert [a.doc_id for a, _, _ in got] == [a.doc_id for a in articles * 4]
    expected = [statements for _, statements in Extractor(ExtractConfig()).pipe(articles)]
    assert [statements for _, statements, _ in got] == expected * 4 and any(expected)
    assert all(actors for _, statements, actors in got if statements)  # the descriptions come along


def test_a_failure_in_extraction_on_a_worker_is_an_error_that_names_the_article(scheduler: str) -> None:
    from kg.extract.cluster import cluster_pipe
    from kg.extract.pipeline import ExtractConfig

    broken = Article(doc_id="broken-one", text="Xi Jinping met Vladimir Putin.")
    object.__setattr__(broken, "text", 12345)  # no article can hold this: extraction fails on it
    started = time.monotonic()
    with pytest.raises(UnexpectedError) as caught:
        list(cluster_pipe(ExtractConfig(), [broken], address=scheduler))
    assert caught.value.code == "E405" and "'broken-one'" in str(caught.value)
    assert "on Dask worker tcp://" in str(caught.value) and "TypeError" in str(caught.value)
    assert time.monotonic() - started < 60


def test_a_worker_with_another_pipeline_stops_the_build(scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.extract import cluster
    from kg.extract.pipeline import ExtractConfig

    monkeypatch.setattr(cluster, "_identity", lambda config: ("geokg 0.0.1; spaCy 3.8.0; other", "0" * 16))
    article = Article(doc_id="a", text="Xi Jinping met Vladimir Putin.")
    with pytest.raises(KGError) as caught:
        list(cluster.cluster_pipe(ExtractConfig(), [article], address=scheduler))
    assert caught.value.code == "E404" and "on Dask worker tcp://" in str(caught.value)
    assert "geokg 0.0.1" in str(caught.value)


def test_a_worker_that_cannot_import_geokg_is_an_error_not_a_hang(scheduler: str) -> None:
    from distributed import Client

    from kg.extract import cluster

    with Client(scheduler, set_as_default=False) as client:
        cluster._check_workers(client)  # the workers of the local cluster have geokg
        with pytest.raises(KGError) as caught:
            cluster._check_workers(client, "kg_not_installed_here")
    assert caught.value.code == "E409" and "no module named 'kg_not_installed_here'" in str(caught.value)


def test_an_unreachable_scheduler_is_a_one_line_error_after_a_short_wait() -> None:
    pytest.importorskip("distributed")
    from kg.extract.cluster import CONNECT_SECONDS, cluster_pipe
    from kg.extract.pipeline import ExtractConfig

    started = time.monotonic()
    with pytest.raises(KGError) as caught:
        list(cluster_pipe(ExtractConfig(), [Article(doc_id="a", text="Text.")], address="tcp://127.0.0.1:1"))
    assert caught.value.code == "E406" and "tcp://127.0.0.1:1" in str(caught.value)
    assert "\n" not in str(caught.value) and caught.value.exit_code not in (0, 70)
    assert time.monotonic() - started < CONNECT_SECONDS + 10


def test_a_scheduler_without_workers_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    from kg.extract import cluster
    from kg.extract.pipeline import ExtractConfig

    monkeypatch.setattr(cluster, "WORKER_WAIT_SECONDS", 1.0)
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address="127.0.0.1:0") as empty:
        with pytest.raises(KGError) as caught:
            articles = [Article(doc_id="a", text="Text.")]
            list(cluster.cluster_pipe(ExtractConfig(), articles, address=empty.scheduler_address))
    assert caught.value.code == "E407" and "dask worker " + empty.scheduler_address in str(caught.value)


@pytest.mark.parametrize(
    ("options", "code", "words"),
    [
        (["--dask", "nonsense://x"], "E178", "unknown scheme 'nonsense'"),
        (["--dask", "tcp://scheduler:port"], "E178", "tcp://HOST:PORT"),
        (["--dask", "tcp://scheduler:8786", "--jobs", "2"], "E179", "dask worker tcp://scheduler:8786"),
    ],
)
def test_bad_dask_options_are_one_line_errors(
    options: list[str], code: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    from kg.cli import main

    with pytest.raises(SystemExit) as leaving:
        main(["build", str(seed_articles(1)[0]), "--store", str(tmp_path / "s"), *options])
    assert leaving.value.code == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"error {code}: ") and words in line
    assert not (tmp_path / "s").exists()  # checked before the store is opened


def test_without_dask_the_option_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    with pytest.raises(SystemExit) as leaving:
        main(["build", str(seed_articles(1)[0]), "--store", str(tmp_path / "s"), "--dask", "local"])
    assert leaving.value.code == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error E002: ") and "pip install 'geokg[dask]'" in line


class _KillingText(str):
    """An article text that ends the process measuring it, as a crash or the OOM killer
    would, unless that process is the one that made it (``"<pid>:..."``)."""

    def __len__(self) -> int:
        if not self.startswith(f"{os.getpid()}:"):
            os._exit(3)
        return super().__len__()


@pytest.mark.slow
def test_a_worker_that_dies_is_an_error_that_names_the_articles() -> None:
    distributed = pytest.importorskip("distributed")
    import dask

    from kg.extract import cluster
    from kg.extract.pipeline import ExtractConfig

    doomed = Article(doc_id="doomed-first", text="Xi Jinping met Vladimir Putin.")
    object.__setattr__(doomed, "text", _KillingText(f"{os.getpid()}: Xi Jinping met Vladimir Putin."))
    last = Article(doc_id="doomed-last", text="Xi Jinping met Vladimir Putin.")
    started = time.monotonic()
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as one,
        pytest.raises(KGError) as caught,
    ):
        list(cluster.cluster_pipe(ExtractConfig(), [doomed, last], address=one.scheduler_address))
    assert caught.value.code == "E408" and "'doomed-first' to 'doomed-last'" in str(caught.value)
    assert "\n" not in str(caught.value) and caught.value.exit_code not in (0, 70)
    assert time.monotonic() - started < 120
