"""Store commands of the ``kg`` command line: ``remove``, ``validate`` and ``serve``.

Plain functions that :mod:`kg.cli` registers as commands.
``--store`` takes a store folder or, for ``remove`` and ``validate``, the URL of a SPARQL server
(see :mod:`kg.store.remote`).
"""

from __future__ import annotations

import ipaddress
import json
import re
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.common import DEFAULT_STORE, ServeStoreOpt, StoreOpt, err, open_cli_store, out
from kg.errors import Errors

if TYPE_CHECKING:
    from kg.store.serve import OxigraphServer

__all__ = ["remove", "serve", "validate"]


# ---------------------------------------------------------------- remove


def remove(
    articles: Annotated[
        list[str],
        typer.Argument(help="Articles to retract: doc_id (every version), SHA-256 of the text, or article IRI."),
    ],
    store: StoreOpt = DEFAULT_STORE,
    missing_ok: Annotated[
        bool, typer.Option("--missing-ok", help="Skip articles the store does not hold instead of stopping.")
    ] = False,
) -> None:
    """Retract articles: drop each one's named graph (its statements and direct triples).

    Actor descriptions stay. Nothing is removed when an article is not in the store, unless
    --missing-ok is given.
    """
    with open_cli_store(store, must_exist=True) as st:
        missing = [ref for ref in articles if not st.has_article(ref)]
        if missing and not missing_ok:
            raise Errors.E383.error(missing=", ".join(repr(m) for m in missing))
        removed = 0
        for ref in dict.fromkeys(articles):
            if ref not in missing:
                removed += st.remove_article(ref)
        stats = st.stats()
    skipped = f", {len(missing)} not found" if missing else ""
    out.print(
        f"Removed {removed} article graph(s){skipped}. Store {store}: {stats['articles']} articles, "
        f"{stats['statements']} statements, {stats['triples']} triples.",
        markup=False,
    )


# ---------------------------------------------------------------- validate


def validate(
    store: StoreOpt = DEFAULT_STORE,
    shapes: Annotated[
        Path | None,
        typer.Option(
            "--shapes",
            metavar="FILE.ttl",
            help="SHACL shapes (Turtle) to use instead of the bundled ontology/shapes.ttl.",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", help="Show at most this many violations (0: all).")
    ] = 50,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", metavar="FORMAT", help="text (one line per violation), json, or ttl (the SHACL report)."
        ),
    ] = "text",
) -> None:
    """Check the store against the SHACL shapes of the ontology (exit code 1 when it does not conform)."""
    from kg.validate import validate_store

    if fmt not in ("text", "json", "ttl"):
        raise Errors.E397.error(fmt=fmt)
    with open_cli_store(store, read_only=True, must_exist=True) as st:
        report = validate_store(st, shapes=shapes)
    if fmt == "text":
        out.print(report.text(limit=limit or None), markup=False)
    elif fmt == "json":
        doc = {
            "conforms": report.conforms,
            "triples": report.triples,
            "violations": [
                {
                    "severity": v.severity,
                    "focus": v.focus,
                    "path": v.path,
                    "message": v.message,
                    "value": v.value,
                    "constraint": v.constraint,
                }
                for v in report.violations
            ],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report.report.serialize(format="turtle"))
    if not report.conforms:
        raise Errors.E398.error(count=len(report.violations))


# ---------------------------------------------------------------- serve


# long-function: the signature is the command's table of options (typer reads them from it)
def serve(
    store: ServeStoreOpt = DEFAULT_STORE,
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="TCP port to listen on.")] = 7878,
    host: Annotated[
        str,
        typer.Option("--host", metavar="ADDRESS", help="Address to listen on; the default serves this machine only."),
    ] = "127.0.0.1",
    writable: Annotated[
        bool, typer.Option("--writable", help="Also accept SPARQL Update and Graph Store writes (default: read-only).")
    ] = False,
    timeout: Annotated[
        int,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help="Stop queries that run longer than this many seconds and answer them 504.",
        ),
    ] = 60,
    cors: Annotated[
        bool, typer.Option("--cors", help="Allow cross-origin requests (browser pages served from elsewhere).")
    ] = False,
    allow_federation: Annotated[
        bool,
        typer.Option(
            "--allow-federation", help="Run SERVICE and LOAD, which make the server fetch URLs (off: refused with 400)."
        ),
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME[:PORT]",
            help="Also answer requests for this Host name (a proxy's, a DNS name); * for any; repeatable.",
        ),
    ] = None,
    max_body: Annotated[
        int, typer.Option("--max-body", metavar="BYTES", help="Refuse request bodies larger than this (413).")
    ] = 1024 * 1024,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (Oxigraph server) until Ctrl-C.

    Queries at http://HOST:PORT/query see the union of all graphs; the query page is at
    http://HOST:PORT/. While a read-only server runs, kg build refuses to write the same store
    (E300): stop the server first, or serve with --writable and build with --store http://…;
    kg serve refuses a store that kg build is writing (E318). Requests whose Host header names
    another server are refused (421), as are bodies over --max-body (413) and, unless
    --allow-federation, SERVICE and LOAD (400).
    """
    from kg.store import is_remote
    from kg.store.serve import OxigraphServer

    if is_remote(store):
        raise Errors.E392.error(store=store)
    if not 0 < port < 65536:
        raise Errors.E393.error(port=port)
    if not Path(store).exists():
        raise Errors.E320.error(path=store)
    _check_limits(timeout, max_body, allowed_host or [])
    server = OxigraphServer(
        store,
        host=host,
        port=port,
        read_only=not writable,
        timeout_s=timeout,
        cors=cors,
        allow_federation=allow_federation,
        allowed_hosts=tuple(allowed_host or ()),
        max_body=max_body,
    )
    if not _is_loopback(host):
        err.print(f"warning: serving on {host}: other machines can reach this endpoint", markup=False)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.start()
        _print_header(server, store)
        code = server.wait()
        if code != 0:
            raise Errors.E394.error(code=code, log=server.log_tail())
    except KeyboardInterrupt:
        out.print("Stopped.", markup=False)
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


def _print_header(server: OxigraphServer, store: str) -> None:
    """Where the server answers and its limits, once it answers."""
    mode = "read-only" if server.read_only else "read-write"
    allowed = "allowed" if server.allow_federation else "refused"
    # written straight to stdout: a Ctrl-C that lands inside rich's print (after its
    # write, before it clears its buffer) made "Stopped." print the header again
    sys.stdout.write(
        f"Serving {store} ({mode}) with Oxigraph server\n"
        f"  SPARQL endpoint  {server.query_url}\n"
        f"  query page       {server.url}/\n"
        + (
            f"  update endpoint  {server.update_url}\n  graph store      {server.store_url}\n"
            if not server.read_only
            else ""
        )
        + f"  limits           {server.timeout_s} s per query, {server.max_body} bytes per request, "
        f"SERVICE and LOAD {allowed}\n" + "Press Ctrl-C to stop.\n"
    )
    sys.stdout.flush()


_HOST_NAME = re.compile(r"(?:\*|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::\d{1,5})?")


def _check_limits(timeout: int, max_body: int, allowed_hosts: list[str]) -> None:
    """Refuse a --timeout or --max-body under 1 and --allowed-host values that are not names."""
    if timeout < 1:
        raise Errors.E176.error(option="--timeout", value=timeout, unit="seconds")
    if max_body < 1:
        raise Errors.E176.error(option="--max-body", value=max_body, unit="bytes")
    for name in allowed_hosts:
        if not _HOST_NAME.fullmatch(name.strip()):
            raise Errors.E177.error(value=name)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
