"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a store, run by Oxigraph server.

The ``oxigraph`` package on PyPI installs the Oxigraph server as a console program; this module
finds it, starts it on a store folder (or in memory), waits until it answers, and stops it.
Queries go to ``http://HOST:PORT/query`` and see the union of all graphs as their default graph
(docs/rdf-model.md); ``http://HOST:PORT/`` is Oxigraph's query page.

Read-only by default (``oxigraph serve-read-only``). RocksDB allows one writer and calls reading
under a writer undefined, so a read-only server refuses to start while another process writes
the store, and holds a shared lock on the store's ``LOCK`` file while it runs: a ``kg build`` on
the same folder then stops with E300 instead of writing under the server's feet. A writable
server (``read_only=False``) takes the store's write lock itself. Loopback (127.0.0.1) is the
default address.

Oxigraph server itself listens on a private loopback port; the address users reach is a small
HTTP front (:mod:`kg.store.serve_front`) that checks the ``Host`` header, limits request
bodies, refuses ``SERVICE`` and ``LOAD`` (requests to other servers) unless federation is
allowed, and answers a query cancelled at the timeout (60 s by default) with 504.

POSIX locks belong to a process, so the shared lock keeps out writers of *other* processes
only: do not open the served folder for writing from the process that runs the server.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO

from kg.errors import Errors
from kg.store.serve_front import FrontPolicy, ServeFront, host_names

__all__ = ["DEFAULT_MAX_BODY", "DEFAULT_TIMEOUT_S", "OxigraphServer", "free_port", "oxigraph_executable"]

_LOOPBACK = "127.0.0.1"
DEFAULT_TIMEOUT_S = 60
"""Queries running longer (seconds) are stopped and answered 504, unless told otherwise."""
DEFAULT_MAX_BODY = 1024 * 1024
"""Request bodies over this many bytes are refused (413), unless told otherwise."""


def oxigraph_executable() -> Path:
    """Path of the ``oxigraph`` program installed by the ``oxigraph`` PyPI package.

    Looked up in the package's installed files, then next to the running Python, then on PATH.
    """
    try:
        files = importlib.metadata.files("oxigraph") or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for entry in files:
        if Path(str(entry)).name in ("oxigraph", "oxigraph.exe"):
            path = Path(str(entry.locate())).resolve()
            if path.is_file():
                return path
    for candidate in (Path(sys.executable).parent / "oxigraph", shutil.which("oxigraph")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise Errors.E385.error()


def free_port(host: str = _LOOPBACK) -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM
    except (OSError, AttributeError):
        pass


def _port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


class OxigraphServer:
    """An Oxigraph server process over a store folder (or in memory, with ``location=None``).

    Use it as a context manager, which starts the server, waits until it answers queries, and
    stops it (and its process) on exit::

        with OxigraphServer("kg-store") as server:
            print(server.query_url)   # http://127.0.0.1:PORT/query

    Parameters
    ----------
    location
        Store folder; None for an empty in-memory server (always writable).
    host, port
        Where to listen; 127.0.0.1 and a free port by default.
    read_only
        Serve without updates (default). The store must exist.
    union_default_graph
        Queries see the union of all graphs as their default graph (the default, as docs/rdf-model.md says).
    timeout_s
        Stop queries that run longer (seconds; 60 by default) and answer them 504; None for no
        limit.
    cors
        Allow cross-origin requests (for a query page served from elsewhere).
    allow_federation
        Run queries and updates that fetch URLs (``SERVICE``, ``LOAD``); refused (400) by default.
    allowed_hosts
        ``Host`` header values accepted besides the bound address (``name`` or ``name:port``;
        ``*`` for any); others are refused (421).
    max_body
        Largest request body in bytes (1 MiB by default); larger ones are refused (413).
    """

    def __init__(
        self,
        location: str | os.PathLike[str] | None,
        *,
        host: str = _LOOPBACK,
        port: int | None = None,
        read_only: bool = True,
        union_default_graph: bool = True,
        timeout_s: int | None = DEFAULT_TIMEOUT_S,
        cors: bool = False,
        allow_federation: bool = False,
        allowed_hosts: tuple[str, ...] = (),
        max_body: int = DEFAULT_MAX_BODY,
    ) -> None:
        self.location = Path(location).expanduser().resolve() if location is not None else None
        self.host = host
        self.port = port if port is not None else free_port(host)
        self.read_only = read_only and self.location is not None
        self.union_default_graph = union_default_graph
        self.timeout_s = timeout_s
        self.cors = cors
        self.allow_federation = allow_federation
        self.allowed_hosts = tuple(allowed_hosts)
        self.max_body = max_body
        self.upstream_port: int | None = None  # Oxigraph server's private loopback port
        self._front: ServeFront | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._lock: IO[bytes] | None = None

    # ------------------------------------------------------------ addresses

    @property
    def url(self) -> str:
        """Base URL of the server; also the address of its query page."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        """SPARQL 1.1 Protocol query endpoint."""
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        """SPARQL 1.1 Update endpoint (refused by a read-only server)."""
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        """SPARQL 1.1 Graph Store Protocol endpoint."""
        return self.url + "/store"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        """The command line that starts the server."""
        args = [str(oxigraph_executable())]
        args.append("serve-read-only" if self.read_only else "serve")
        if self.location is not None:
            args += ["--location", str(self.location)]
        if self.upstream_port is None:
            self.upstream_port = free_port(_LOOPBACK)
        args += ["--bind", f"{_LOOPBACK}:{self.upstream_port}"]
        if self.union_default_graph:
            args.append("--union-default-graph")
        if self.timeout_s is not None:
            args += ["--timeout-s", str(int(self.timeout_s))]
        if self.cors:
            args.append("--cors")
        return args

    # ------------------------------------------------------------ starting and stopping

    def _check_location(self) -> None:
        """Refuse stores that are missing or held by a writer; hold the shared lock if read-only."""
        from kg.store.embedded import open_for_writing  # this process's own writers

        folder = self.location
        if folder is None:
            return
        if folder.exists() and not folder.is_dir():
            raise Errors.E386.error(folder=folder)
        is_store = (folder / "CURRENT").is_file()
        if self.read_only and not is_store:
            raise Errors.E333.error(folder=folder)
        if not is_store and folder.is_dir() and any(folder.iterdir()):
            raise Errors.E334.error(folder=folder)
        if open_for_writing(folder):
            raise Errors.E387.error(folder=folder)
        lock_file = folder / "LOCK"
        if not lock_file.exists():
            return
        import fcntl

        handle = open(lock_file, "rb")
        try:
            # RocksDB writers hold an exclusive POSIX lock on LOCK: a shared one fails meanwhile
            fcntl.lockf(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise Errors.E318.error(folder=folder) from None
        if self.read_only:
            self._lock = handle  # keep writers out while the server reads
        else:
            fcntl.lockf(handle, fcntl.LOCK_UN)
            handle.close()

    def start(self, *, wait: float = 30.0) -> OxigraphServer:
        """Start the server and wait (at most ``wait`` seconds) until it answers a query."""
        if self.running:
            return self
        if _port_taken(self.host, self.port):
            raise Errors.E388.error(port=self.port, host=self.host)
        self._check_location()
        self._log = tempfile.TemporaryFile()
        try:
            self.upstream_port = free_port(_LOOPBACK)
            self._front = self._start_front()
            # own session: Ctrl-C reaches kg, which stops the server in order; and on Linux the
            # server gets SIGTERM if the process that started it dies without stopping it
            self._process = subprocess.Popen(
                self.command(),
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=self._log,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
            self._wait_until_ready(wait)
        except BaseException:
            self.stop()
            raise
        return self

    def _start_front(self) -> ServeFront:
        """The HTTP front on the public address, passing checked requests to the server."""
        assert self.upstream_port is not None
        policy = FrontPolicy(
            upstream=(_LOOPBACK, self.upstream_port),
            hosts=host_names(self.host, self.port, self.allowed_hosts),
            max_body=self.max_body,
            allow_federation=self.allow_federation,
            timeout_s=self.timeout_s,
        )
        try:
            return ServeFront(self.host, self.port, policy).start()
        except OSError:
            raise Errors.E388.error(port=self.port, host=self.host) from None

    def _wait_until_ready(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        probe = self.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        while True:
            assert self._process is not None
            if self._process.poll() is not None:
                raise Errors.E389.error(
                    returncode=self._process.returncode,
                    log=self.log_tail() or "no message",
                )
            try:
                with urllib.request.urlopen(probe, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise Errors.E390.error(url=self.url, wait=wait, log=self.log_tail() or "it printed nothing")
            time.sleep(0.05)

    def log_tail(self, lines: int = 3) -> str:
        """The last lines the server printed (one line of text)."""
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace")
        return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])

    def wait(self, timeout: float | None = None) -> int:
        """Block until the server exits; return its exit code."""
        if self._process is None:
            return 0
        return self._process.wait(timeout)

    def stop(self, *, grace: float = 10.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL after ``grace`` seconds) and release the store."""
        process, self._process = self._process, None
        front, self._front = self._front, None
        try:
            if front is not None:
                front.stop()
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(grace)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(grace)
        finally:
            if self._lock is not None:
                self._lock.close()  # drops the shared lock
                self._lock = None
            if self._log is not None:
                self._log.close()
                self._log = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = "memory" if self.location is None else str(self.location)
        mode = "read-only" if self.read_only else "read-write"
        state = "running" if self.running else "stopped"
        return f"<OxigraphServer {where} at {self.url} ({mode}, {state})>"
