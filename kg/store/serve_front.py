"""The HTTP front of ``kg serve``: checks each request, then passes it to Oxigraph server.

Oxigraph server listens on a private loopback port; this front listens on the address users
gave (``--host``/``--port``) and, before a request reaches the server,

- refuses a ``Host`` header that does not name the front (421): a web page whose domain is
  made to resolve to 127.0.0.1 (DNS rebinding) sends its own domain there;
- refuses a body over ``max_body`` bytes (413), before reading it;
- refuses a query or update that makes the server fetch URLs (``SERVICE``, ``LOAD``: 400)
  unless federation is allowed (:mod:`kg.store.federation`);
- buffers the server's answer, so that a query the server cancels at its ``--timeout-s``
  (Oxigraph has sent 200 and part of the results by then, and ends the body with an error
  message) answers 504 instead, and so does a server that does not answer in time.

Everything else (SPARQL 1.1 Protocol GET and POST forms, Graph Store requests, content
negotiation headers, status codes) passes through unchanged. Standard library only
(:class:`http.server.ThreadingHTTPServer`, :mod:`http.client`).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.store.federation import remote_call

__all__ = ["FrontPolicy", "ServeFront", "host_names"]

_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "server",
        "date",
        "expect",
    }
)
_SPARQL_BODIES = ("application/sparql-query", "application/sparql-update")
_FORM = "application/x-www-form-urlencoded"
# what Oxigraph writes into a streamed answer when its --timeout-s cancels the query
_CANCELLED = b"The SPARQL operation has been cancelled"


@dataclass(frozen=True)
class FrontPolicy:
    """What the front lets through.

    ``hosts`` are the accepted ``Host`` values, lower case, as ``name`` (any port) or
    ``name:port``; None accepts any. ``timeout_s`` None waits for the server without limit;
    otherwise the front waits ``grace_s`` longer than the server's own timeout.
    """

    upstream: tuple[str, int]
    hosts: frozenset[str] | None
    max_body: int
    allow_federation: bool
    timeout_s: float | None
    grace_s: float = 10.0


def host_names(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The ``Host`` values a front bound to ``host:port`` accepts (None: any, with ``*`` in extra).

    The bound address (and ``localhost`` for a loopback one) with the port, or without it on
    port 80; an unspecified address (0.0.0.0, ::) accepts this machine's names and any IP
    address (an address cannot be rebound); ``extra`` adds names as given.
    """
    extra = [name.strip().lower().rstrip(".") for name in extra]
    if "*" in extra:
        return None
    names = {_bracket(host.lower())}
    address = _address(host)
    if (address is not None and address.is_loopback) or host == "localhost":
        names |= {"localhost", "127.0.0.1", "[::1]"}
    if address is not None and address.is_unspecified:
        names |= {"localhost", socket.gethostname().lower(), socket.getfqdn().lower(), "*ip"}
    accepted = {f"{name}:{port}" for name in names}
    if port == 80:
        accepted |= names
    return frozenset(accepted | set(extra))


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def host_allowed(header: str | None, hosts: frozenset[str] | None) -> bool:
    """True when the ``Host`` header value is one that ``hosts`` accepts."""
    if hosts is None:
        return True
    if not header:
        return False
    value = header.strip().lower()
    name, _, port = value.rpartition(":") if not value.endswith("]") else (value, "", "")
    if not name or "]" in port:
        name, port = value, ""
    name = name.rstrip(".")
    full = f"{name}:{port}" if port else name
    if full in hosts or name in hosts:
        return True
    return _address(name) is not None and (f"*ip:{port}" if port else "*ip") in hosts


class _Refusal(Exception):
    def __init__(self, status: int, reason: str, *, close: bool = False) -> None:
        super().__init__(reason)
        self.status, self.reason, self.close = status, reason, close


class _FrontHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _FrontServer

    def version_string(self) -> str:
        return "geokg-serve"

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet, as Oxigraph server under kg serve

    def handle_expect_100(self) -> bool:
        try:
            self._check_head()
        except _Refusal as refusal:
            self._refuse(refusal)
            return False
        return super().handle_expect_100()

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = do_GET

    def _handle(self) -> None:
        try:
            self._check_head()
            body = self._read_body()
            self._check_federation(body)
            status, headers, answer, length = self._forward(body)
        except _Refusal as refusal:
            self._refuse(refusal)
            return
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if self.command != "HEAD" or not length:
            self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer)

    def _refuse(self, refusal: _Refusal) -> None:
        text = (refusal.reason + "\n").encode("utf-8")
        self.send_response(refusal.status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(text)))
        if refusal.close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(text)

    def _check_head(self) -> None:
        policy = self.server.policy
        host = self.headers.get("Host")
        if not host_allowed(host, policy.hosts):
            raise _Refusal(
                421,
                f"this server does not answer for Host {host!r}; start kg serve with "
                f"--allowed-host NAME to accept another name",
                close=True,
            )
        length = self.headers.get("Content-Length")
        if length is not None:
            if not length.strip().isdigit():
                raise _Refusal(400, f"bad Content-Length {length!r}", close=True)
            if int(length) > policy.max_body:
                raise _Refusal(
                    413,
                    f"the request body ({int(length)} bytes) is over the limit of "
                    f"{policy.max_body} bytes (kg serve --max-body)",
                    close=True,
                )

    def _read_body(self) -> bytes:
        limit = self.server.policy.max_body
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunks(limit)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _read_chunks(self, limit: int) -> bytes:
        body = bytearray()
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip() or b"x", 16)
            except ValueError:
                raise _Refusal(400, "bad chunked request body", close=True) from None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return bytes(body)
            if len(body) + size > limit:
                raise _Refusal(
                    413, f"the request body is over the limit of {limit} bytes (kg serve --max-body)", close=True
                )
            body += self.rfile.read(size)
            self.rfile.readline(1024)

    def _check_federation(self, body: bytes) -> None:
        if self.server.policy.allow_federation:
            return
        for text in self._sparql_texts(body):
            keyword = remote_call(text)
            if keyword:
                raise _Refusal(
                    400,
                    f"this server does not run {keyword} (calls to other servers); "
                    "start kg serve with --allow-federation to allow them",
                )

    def _sparql_texts(self, body: bytes) -> list[str]:
        """Every query or update the request carries: URL parameters and body."""
        fields = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        texts = [v for key in ("query", "update") for v in fields.get(key, [])]
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if body and media == _FORM:
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            texts += [v for key in ("query", "update") for v in form.get(key, [])]
        elif body and media in _SPARQL_BODIES:
            texts.append(body.decode("utf-8", "replace"))
        return texts

    def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes, str | None]:
        """The server's answer: status, headers to pass on, body, and its Content-Length."""
        policy = self.server.policy
        wait = None if policy.timeout_s is None else policy.timeout_s + policy.grace_s
        connection = http.client.HTTPConnection(*policy.upstream, timeout=wait)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            response = connection.getresponse()
            answer = response.read()
        except TimeoutError:
            raise _Refusal(504, self._timed_out(), close=True) from None
        except (OSError, http.client.HTTPException) as error:
            raise _Refusal(502, f"the Oxigraph server did not answer: {error}", close=True) from None
        finally:
            connection.close()
        if (response.status == 200 and answer.rstrip().endswith(_CANCELLED)) or (
            response.status >= 500 and _CANCELLED in answer
        ):
            raise _Refusal(504, self._timed_out())
        kept = [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP]
        length = response.getheader("Content-Length")
        if self.command == "HEAD" and length:
            kept.append(("Content-Length", length))  # HEAD: the length a GET would have
        return response.status, kept, answer, length

    def _timed_out(self) -> str:
        limit = self.server.policy.timeout_s
        return f"the query ran longer than the server's timeout of {limit:g} s (kg serve --timeout)"


class _FrontServer(ThreadingHTTPServer):
    daemon_threads = True
    policy: FrontPolicy


class _FrontServer6(_FrontServer):
    address_family = socket.AF_INET6


class ServeFront:
    """The front on ``host:port``, run by a thread of this process until :meth:`stop`."""

    def __init__(self, host: str, port: int, policy: FrontPolicy) -> None:
        kind = _FrontServer6 if ":" in host else _FrontServer
        self._server = kind((host, port), _FrontHandler)
        self._server.policy = policy
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="kg-serve-front", kwargs={"poll_interval": 0.2}, daemon=True
        )

    def start(self) -> ServeFront:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting requests and close the listening socket."""
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
