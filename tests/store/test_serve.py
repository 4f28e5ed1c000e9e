"""kg serve: an Oxigraph server over a store, queried over HTTP with standard clients.

Every test starts its server on 127.0.0.1 and stops it; no server outlives its test.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.errors import StoreError
from kg.store import GraphStore, OxigraphServer, free_port
from tests.store.records import sample_store
from tests.store.test_store_disk import held_by_another_process, run_python

ROOT = Path(__file__).resolve().parents[2]
PRESSURES = "PREFIX gkg: <https://w3id.org/geokg/ontology#> SELECT ?s ?o WHERE { ?s gkg:pressures ?o }"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A store on disk with the sample article, closed again."""
    path = tmp_path / "kg.store"
    sample_store(path)
    return path


def get_json(url: str, query: str) -> dict:
    address = url + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(address, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/sparql-results+json")
        return json.loads(response.read())


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_read_only_server_answers_sparql_protocol_queries(folder: Path) -> None:
    with OxigraphServer(folder) as server:
        assert server.running and server.read_only
        assert server.host == "127.0.0.1"
        # a plain HTTP client: SPARQL 1.1 Protocol GET, JSON results, union default graph
        doc = get_json(server.query_url, PRESSURES)
        pairs = [(b["s"]["value"], b["o"]["value"]) for b in doc["results"]["bindings"]]
        assert pairs == [("https://w3id.org/geokg/actor/xi-jinping", "https://w3id.org/geokg/actor/donald-trump")]
        # rdflib's SPARQL client
        graph = Graph(store=SPARQLStore(server.query_url, returnFormat="json"))
        rows = list(graph.query(PRESSURES))
        assert [(str(s), str(o)) for s, o in rows] == pairs
        # the query page
        with urllib.request.urlopen(server.url + "/", timeout=10) as response:
            assert b"<html" in response.read().lower()
        # no updates on a read-only server
        request = urllib.request.Request(
            server.update_url,
            data=b"DROP ALL",
            method="POST",
            headers={"Content-Type": "application/sparql-update"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code in (403, 404, 405)
        port, pid = server.port, server.pid
    assert not server.running
    assert not listening(port)
    assert pid is not None and not Path(f"/proc/{pid}").exists()


def open_in_another_process(folder: Path, *, read_only: bool) -> str:
    """What happens when another process opens ``folder``: "ok N" or the error code."""
    child = run_python(
        """
        import sys
        from kg.errors import StoreError
        from kg.store import GraphStore
        try:
            with GraphStore.open(sys.argv[1], read_only=sys.argv[2] == "1") as store:
                print("ok", store.stats()["statements"])
        except StoreError as error:
            print(error.code)
        """,
        str(folder),
        "1" if read_only else "0",
    )
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 0, stderr
    return stdout.strip()


def test_writers_wait_while_a_read_only_server_runs(folder: Path) -> None:
    with OxigraphServer(folder):
        assert open_in_another_process(folder, read_only=False) == "E300"
        # readers are welcome: the server holds a shared lock only
        assert open_in_another_process(folder, read_only=True) == "ok 5"
    # the lock went with the server
    assert open_in_another_process(folder, read_only=False) == "ok 5"


def test_server_refuses_a_store_another_process_writes(folder: Path) -> None:
    with held_by_another_process(folder):
        with pytest.raises(StoreError) as error:
            OxigraphServer(folder).start()
        assert error.value.code == "E318"
        assert "in use by another kg process" in error.value.message


def test_server_refuses_a_store_this_process_writes(folder: Path) -> None:
    with GraphStore.open(folder):
        with pytest.raises(StoreError) as error:
            OxigraphServer(folder).start()
        assert error.value.code == "E387"


def test_missing_store_and_busy_port(tmp_path: Path, folder: Path) -> None:
    with pytest.raises(StoreError) as error:
        OxigraphServer(tmp_path / "nothing").start()
    assert error.value.code == "E333"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        busy = sock.getsockname()[1]
        with pytest.raises(StoreError) as error:
            OxigraphServer(folder, port=busy).start()
        assert error.value.code == "E388"


def test_writable_server_takes_updates(folder: Path) -> None:
    with OxigraphServer(folder, read_only=False) as server:
        request = urllib.request.Request(
            server.update_url,
            method="POST",
            data=b"DELETE WHERE { GRAPH ?g { ?s <https://w3id.org/geokg/ontology#pressures> ?o } }",
            headers={"Content-Type": "application/sparql-update"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status in (200, 204)
        assert get_json(server.query_url, PRESSURES)["results"]["bindings"] == []
    with GraphStore.open(folder, read_only=True) as store:
        assert len(store.query("SELECT * WHERE { ?s gkg:pressures ?o }")) == 0


# ---------------------------------------------------------------- kg serve


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture()
def kg_serve(folder: Path) -> Iterator[tuple[subprocess.Popen[str], int, str]]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(folder), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        # as from a terminal: a shell's background job (a CI script started with &) ignores
        # SIGINT, and a child keeps that, so Ctrl-C would not reach the server under test
        preexec_fn=_interruptible,
    )
    try:
        assert process.stdout is not None
        header = [process.stdout.readline()]  # printed once the server answers queries
        assert header[0].startswith(f"Serving {folder} (read-only)"), header[0] + process.communicate(timeout=30)[1]
        while not header[-1].startswith("Press Ctrl-C"):
            header.append(process.stdout.readline())
        yield process, port, "".join(header)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_kg_serve_runs_until_stopped(kg_serve: tuple[subprocess.Popen[str], int, str], stop_signal: int) -> None:
    process, port, header = kg_serve
    assert f"SPARQL endpoint  http://127.0.0.1:{port}/query" in header
    assert f"query page       http://127.0.0.1:{port}/" in header
    doc = get_json(f"http://127.0.0.1:{port}/query", PRESSURES)
    assert len(doc["results"]["bindings"]) == 1
    process.send_signal(stop_signal)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert stdout.strip() == "Stopped."
    assert not listening(port)  # the Oxigraph server went with it


def test_kg_serve_errors_are_one_line(folder: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def kg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kg", "serve", *args], capture_output=True, text=True, timeout=60, env=env, cwd=ROOT
        )

    result = kg("--store", str(tmp_path / "none"))
    assert result.returncode == 1 and result.stderr.startswith("error E320: no store at")
    result = kg("--store", "http://127.0.0.1:7878")
    assert result.returncode == 2 and result.stderr.startswith("error E392:")
    with held_by_another_process(folder):
        result = kg("--store", str(folder), "--port", str(free_port()))
    assert result.returncode == 3
    assert result.stderr.startswith(f"error E318: store {folder.resolve()} is in use")
    assert len(result.stderr.strip().splitlines()) == 1
