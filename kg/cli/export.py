"""``kg export``: the store as RDF, or its statements as JSON Lines or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import DEFAULT_STORE, StoreOpt, err, open_cli_store

__all__ = ["export"]


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", metavar="FORMAT", help="ttl, nt, nq, trig, jsonld, jsonl (statements) or csv (statements)."
        ),
    ] = "ttl",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="File to write (default: standard output).")
    ] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Export the store as RDF or as statement JSON Lines / CSV."""
    from kg.export import export as do_export

    with open_cli_store(store, read_only=True, must_exist=True) as st:
        do_export(st, fmt, output if output is not None else sys.stdout)
    if output is not None:
        err.print(f"Wrote {output}", style="dim")
