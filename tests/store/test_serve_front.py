"""The front of kg serve: Host check, body limit, no federation by default, timeouts (issue 15).

Real server processes on 127.0.0.1, plain urllib / http.client requests. The "other server"
that a SERVICE or LOAD would call is a tiny HTTP server of the test, on loopback, that
records every request it gets: by default it must get none.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.errors import InputError, KGError
from kg.store import GraphStore, OxigraphServer, RemoteStore
from kg.store.federation import remote_call
from kg.store.serve_front import host_allowed, host_names
from tests.store.records import sample_store

ROOT = Path(__file__).resolve().parents[2]
EMPTY_RESULTS = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'


class Recorder:
    """A loopback HTTP server that records the requests it gets and answers empty results."""

    def __init__(self) -> None:
        calls: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                calls.append(f"{self.command} {self.path}")
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
                self.end_headers()
                self.wfile.write(EMPTY_RESULTS)

            do_POST = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.calls = calls
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/sparql"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Recorder:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture()
def recorder() -> Iterator[Recorder]:
    with Recorder() as running:
        yield running


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "kg.store"
    sample_store(path)
    return path


def request(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> tuple[int, str, bytes]:
    """(status, content type, body) of one request, error statuses included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def get(server: OxigraphServer, query: str, **headers: str) -> tuple[int, str, bytes]:
    return request(server.query_url + "?" + urllib.parse.urlencode({"query": query}), headers=headers)


def raw(
    server: OxigraphServer,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    no_host: bool = False,
) -> tuple[int, bytes]:
    """A request with these headers (http.client adds Host when not given, unless ``no_host``)."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        names = {k.lower() for k in (headers or {})}
        connection.putrequest(method, path, skip_host=no_host or "host" in names, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders(body or None)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# ---------------------------------------------------------------- (a) Host header


HOSTS = [  # bound host, port, --allowed-host, Host header, accepted
    ("127.0.0.1", 7878, (), "127.0.0.1:7878", True),
    ("127.0.0.1", 7878, (), "localhost:7878", True),
    ("127.0.0.1", 7878, (), "LOCALHOST.:7878", True),
    ("127.0.0.1", 7878, (), "[::1]:7878", True),
    ("127.0.0.1", 7878, (), "127.0.0.1:7879", False),
    ("127.0.0.1", 7878, (), "127.0.0.1", False),
    ("127.0.0.1", 7878, (), "attacker.example:7878", False),  # DNS rebinding
    ("127.0.0.1", 7878, (), "attacker.example", False),
    ("127.0.0.1", 7878, (), "", False),
    ("127.0.0.1", 7878, (), None, False),
    ("127.0.0.1", 80, (), "localhost", True),
    ("127.0.0.1", 7878, ("kg.example.org",), "kg.example.org", True),
    ("127.0.0.1", 7878, ("kg.example.org",), "kg.example.org:443", True),
    ("127.0.0.1", 7878, ("kg.example.org:8080",), "kg.example.org:443", False),
    ("127.0.0.1", 7878, ("kg.example.org:8080",), "kg.example.org:8080", True),
    ("127.0.0.1", 7878, ("*",), "anything.example", True),
    ("0.0.0.0", 7878, (), "192.0.2.10:7878", True),
    ("0.0.0.0", 7878, (), "192.0.2.10:7879", False),
    ("0.0.0.0", 7878, (), "attacker.example:7878", False),
    ("::1", 7878, (), "[::1]:7878", True),
]


@pytest.mark.parametrize(("host", "port", "extra", "header", "accepted"), HOSTS)
def test_host_header_table(host: str, port: int, extra: tuple[str, ...], header: str | None, accepted: bool) -> None:
    assert host_allowed(header, host_names(host, port, extra)) is accepted


def test_requests_for_another_host_are_refused(folder: Path) -> None:
    query = "/query?" + urllib.parse.urlencode({"query": "ASK {}"})
    with OxigraphServer(folder, allowed_hosts=("kg.example.org",)) as server:
        status, body = raw(server, "GET", query, headers={"Host": f"attacker.example:{server.port}"})
        assert status == 421 and b"--allowed-host" in body
        assert raw(server, "GET", query, headers={"Host": f"localhost:{server.port}"})[0] == 200
        assert raw(server, "GET", query, headers={"Host": "kg.example.org"})[0] == 200
        assert raw(server, "GET", query, no_host=True)[0] == 421  # no Host header at all


# ---------------------------------------------------------------- (b) body size


def test_bodies_over_the_limit_are_refused(folder: Path) -> None:
    query = b"ASK { ?s ?p ?o }"
    padded = query + b" " * 5000
    with OxigraphServer(folder, max_body=4096) as server:
        headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
        status, _, body = request(server.query_url, data=query, headers=headers)
        assert status == 200 and json.loads(body)["boolean"] is True
        status, _, body = request(server.query_url, data=padded, headers=headers)
        assert status == 413 and b"--max-body" in body
        # a client that waits for 100 Continue is refused before it sends the body
        host = {"Host": f"127.0.0.1:{server.port}"}
        status, _ = raw(
            server,
            "POST",
            "/query",
            padded,
            {**host, **headers, "Content-Length": str(len(padded)), "Expect": "100-continue"},
        )
        assert status == 413
        # chunked bodies are counted as they come
        chunked = (
            b"".join(
                b"%x\r\n%s\r\n" % (len(padded[i : i + 1000]), padded[i : i + 1000]) for i in range(0, len(padded), 1000)
            )
            + b"0\r\n\r\n"
        )
        status, _ = raw(server, "POST", "/query", chunked, {**host, **headers, "Transfer-Encoding": "chunked"})
        assert status == 413
        small = b"%x\r\n%s\r\n0\r\n\r\n" % (len(query), query)
        status, body = raw(server, "POST", "/query", small, {**host, **headers, "Transfer-Encoding": "chunked"})
        assert status == 200 and json.loads(body)["boolean"] is True


# ---------------------------------------------------------------- (c) federation


FEDERATED = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVI\\u0043E <{url}> {{ ?s ?p ?o }} }}",  # a codepoint escape
    "PREFIX e: <http://e.org/> SELECT * WHERE {{ ?s e:p 'x' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
]
NOT_FEDERATED = [
    "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/>' }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/>",
    "SELECT ?service WHERE { ?service <http://e.org/load> ?o }",
    "PREFIX service: <http://e.org/> SELECT * WHERE { ?s service:load ?o }",
]


@pytest.mark.parametrize("text", FEDERATED)
def test_remote_call_finds_service(text: str) -> None:
    assert remote_call(text.format(url="http://127.0.0.1:9/")) == "SERVICE"


@pytest.mark.parametrize("text", NOT_FEDERATED)
def test_remote_call_ignores_strings_comments_and_names(text: str) -> None:
    assert remote_call(text) is None


def test_server_refuses_service_and_load_by_default(recorder: Recorder) -> None:
    with OxigraphServer(None, read_only=False) as server:
        for template in FEDERATED:
            query = template.format(url=recorder.url)
            status, _, body = get(server, query)
            assert status == 400 and b"--allow-federation" in body, query
            form = urllib.parse.urlencode({"query": query}).encode()
            assert (
                request(server.query_url, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[0]
                == 400
            )
            assert (
                request(server.query_url, data=query.encode(), headers={"Content-Type": "application/sparql-query"})[0]
                == 400
            )
        updates = (
            f"LOAD <{recorder.url}>",
            f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}",
        )
        for update in updates:
            status, _, body = request(
                server.update_url, data=update.encode(), headers={"Content-Type": "application/sparql-update"}
            )
            assert status == 400 and b"--allow-federation" in body
            form = urllib.parse.urlencode({"update": update}).encode()
            assert (
                request(server.update_url, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[0]
                == 400
            )
    assert recorder.calls == []


def test_server_runs_service_when_allowed(recorder: Recorder) -> None:
    with OxigraphServer(None, read_only=False, allow_federation=True) as server:
        status, _, body = get(server, FEDERATED[0].format(url=recorder.url), Accept="application/sparql-results+json")
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert recorder.calls  # the test's recorder does see a call when one is made


def test_stores_refuse_service_unless_told(recorder: Recorder, folder: Path) -> None:
    query = FEDERATED[0].format(url=recorder.url)
    with GraphStore.open(folder, read_only=True) as store:
        with pytest.raises(InputError) as error:
            store.query(query)
        assert error.value.code == "E335"
    with OxigraphServer(None, read_only=False) as server, RemoteStore.open(server.url) as remote:
        with pytest.raises(InputError) as error:
            remote.query(query)
        assert error.value.code == "E335"
        with pytest.raises(KGError) as error:  # asked to, the store sends it; the server refuses
            remote.query(query, federation=True)
        assert "--allow-federation" in error.value.message
    assert recorder.calls == []
    with GraphStore.open(folder, read_only=True) as store:
        assert len(store.query(query, federation=True)) == 0
    assert recorder.calls


def test_kg_query_refuses_service(recorder: Recorder, folder: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    query = FEDERATED[0].format(url=recorder.url)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "query", query, "--store", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error E335: the query calls other servers (SERVICE)")
    assert len(result.stderr.strip().splitlines()) == 1
    assert recorder.calls == []


# ---------------------------------------------------------------- (d) timeout


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_query_past_the_timeout_answers_504_and_stops(tmp_path: Path) -> None:
    assert OxigraphServer(None).timeout_s == 60  # a default limit
    with OxigraphServer(None, read_only=False, timeout_s=1) as server:
        triples = " ".join(f"<http://e.org/{i}> <http://e.org/p> {i} ." for i in range(150))
        status, _, _ = request(
            server.update_url,
            data=f"INSERT DATA {{ {triples} }}".encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
        assert status in (200, 204)
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?h ?i }"
        started = time.monotonic()
        status, media, body = get(server, heavy, Accept="application/sparql-results+json")
        assert status == 504, body[:200]
        assert media.startswith("text/plain") and b"--timeout" in body
        assert time.monotonic() - started < 20
        assert server.pid is not None
        before = cpu_seconds(server.pid)
        time.sleep(1.0)
        assert cpu_seconds(server.pid) - before < 0.3  # the query no longer runs
        # a quick query still answers 200
        assert get(server, "ASK { ?s ?p ?o }")[0] == 200


# ---------------------------------------------------------------- (e) everything else


def test_other_requests_pass_through(folder: Path) -> None:
    with OxigraphServer(None, read_only=False) as server:
        graph = server.store_url + "?" + urllib.parse.urlencode({"graph": "http://e.org/g"})
        turtle = b"<http://e.org/a> <http://e.org/b> 'c' ."
        status, _, _ = request(graph, data=turtle, method="PUT", headers={"Content-Type": "text/turtle"})
        assert status in (201, 204)
        status, media, body = request(graph, headers={"Accept": "application/n-triples"})
        assert status == 200 and media.startswith("application/n-triples")
        assert body.strip() == b'<http://e.org/a> <http://e.org/b> "c" .'
        status, media, body = get(server, "SELECT ?o WHERE { ?s ?p ?o }", Accept="text/csv")
        assert status == 200 and media.startswith("text/csv") and body.splitlines() == [b"o", b"c"]
        status, _, body = get(server, "SELECT WHERE {")  # the server's own error passes through
        assert status == 400 and b"error" in body.lower()
        status, _, _ = request(server.url + "/nothing-here")
        assert status == 404
        head = urllib.request.Request(server.url + "/", method="HEAD")
        with urllib.request.urlopen(head, timeout=30) as response:
            assert response.status == 200 and response.read() == b""
            assert response.headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--timeout", "0"], "error E176: --timeout 0 is not allowed"),
        (["--max-body", "-5"], "error E176: --max-body -5 is not allowed"),
        (["--allowed-host", "bad host"], "error E177: --allowed-host 'bad host' is not a host name"),
        (["--allowed-host", "http://kg.example.org/"], "error E177:"),
    ],
)
def test_kg_serve_refuses_bad_limits(folder: Path, args: list[str], expected: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 2 and result.stderr.startswith(expected)
    assert len(result.stderr.strip().splitlines()) == 1


def test_front_answers_504_when_the_server_is_silent_and_502_when_it_is_gone() -> None:
    import socket

    from kg.store.serve import free_port
    from kg.store.serve_front import FrontPolicy, ServeFront

    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        for upstream, expected in ((silent.getsockname(), 504), (("127.0.0.1", free_port()), 502)):
            port = free_port()
            policy = FrontPolicy(
                upstream=upstream,
                hosts=host_names("127.0.0.1", port),
                max_body=100,
                allow_federation=False,
                timeout_s=0.2,
                grace_s=0.3,
            )
            front = ServeFront("127.0.0.1", port, policy).start()
            try:
                started = time.monotonic()
                status, _, body = request(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
                assert status == expected, body
                assert time.monotonic() - started < 10
            finally:
                front.stop()
