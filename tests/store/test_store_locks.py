"""Readers never block readers; a writer and readers keep out of each other's way (real
processes, every order: a reader, a writer, a read-only server, kg query / export / build)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.store.serve import OxigraphServer
from tests.conftest import SEED_ARTICLE
from tests.store.records import sample_store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300, env=ENV, cwd=ROOT
    )


@contextmanager
def holding(folder: Path, *, read_only: bool) -> Iterator[None]:
    """Another process that holds the store open (to read or to write) until the block ends."""
    code = textwrap.dedent(f"""
        import sys
        from kg.store import GraphStore
        with GraphStore.open({str(folder)!r}, read_only={read_only}) as store:
            store.stats()
            print("ready", flush=True)
            sys.stdin.readline()
    """)
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready", process.stderr
        yield
    finally:
        process.communicate("\n", timeout=60)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "kg.store"
    sample_store(path)
    return path


def test_readers_do_not_block_readers(folder: Path) -> None:
    with holding(folder, read_only=True):
        query = kg("query", COUNT, "--store", str(folder), "--format", "csv")
        assert query.returncode == 0, query.stderr
        export = kg("export", "--format", "nq", "--store", str(folder))
        assert export.returncode == 0 and export.stdout, export.stderr


def test_a_reader_keeps_a_writer_out_and_then_lets_it_in(folder: Path) -> None:
    before = kg("query", COUNT, "--store", str(folder), "--format", "csv").stdout
    with holding(folder, read_only=True):
        build = kg("build", str(SEED_ARTICLE), "--store", str(folder))
        assert build.returncode != 0 and build.stderr.startswith("error E300:"), build.stderr
    assert kg("query", COUNT, "--store", str(folder), "--format", "csv").stdout == before
    assert kg("build", str(SEED_ARTICLE), "--store", str(folder)).returncode == 0


def test_a_writer_keeps_readers_out(folder: Path) -> None:
    with holding(folder, read_only=False):
        query = kg("query", COUNT, "--store", str(folder))
        assert query.returncode != 0 and query.stderr.startswith("error E300:"), query.stderr
        validate = kg("validate", "--store", str(folder))
        assert validate.returncode != 0 and "E300" in validate.stderr


def test_queries_go_on_while_a_read_only_server_serves_the_folder(folder: Path) -> None:
    with OxigraphServer(folder) as server:
        assert server.running
        query = kg("query", COUNT, "--store", str(folder), "--format", "csv")
        assert query.returncode == 0, query.stderr
        build = kg("build", str(SEED_ARTICLE), "--store", str(folder))
        assert build.returncode != 0 and "E300" in build.stderr
