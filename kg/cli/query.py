"""``kg query``: SPARQL text, a .rq file or a named query over the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.common import DEFAULT_STORE, StoreOpt, err, open_cli_store, out
from kg.errors import Errors
from kg.store.federation import remote_call
from kg.store.sparql_text import is_update

if TYPE_CHECKING:
    from collections.abc import Mapping

    from kg.store import Binding

__all__ = ["query"]


# long-function: the signature is the command's table of options (typer reads them from it)
def query(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL query text (or use -f / --named).")] = None,
    file: Annotated[
        Path | None, typer.Option("-f", "--file", metavar="FILE.rq", help="Read the query from a .rq file.")
    ] = None,
    named: Annotated[
        str | None, typer.Option("--named", metavar="NAME", help="Run a named query of the package (see --list).")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            metavar="NAME=VALUE",
            help="NAME=VALUE, bound as an RDF term, never pasted into the query; repeatable.",
        ),
    ] = None,
    list_named: Annotated[bool, typer.Option("--list", help="List the named queries and exit.")] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", metavar="FORMAT", help="table, csv, tsv or json (SELECT/ASK); ttl or nt (CONSTRUCT/DESCRIBE)."
        ),
    ] = "table",
    store: StoreOpt = DEFAULT_STORE,
    allow_federation: Annotated[
        bool,
        typer.Option(
            "--allow-federation", help="Run SERVICE calls to other SPARQL servers (off: such a query is refused)."
        ),
    ] = False,
) -> None:
    """Run a SPARQL query over the store (the union of all graphs is the default graph)."""
    from kg.store.named_queries import named_queries, parse_params
    from kg.store.results import format_result

    if list_named:
        for name, q in sorted(named_queries().items()):
            out.print(f"{name:24} {q.description}", markup=False)
        return
    given = sum(x is not None for x in (sparql, file, named))
    if given != 1:
        raise Errors.E161.error()
    params = parse_params(param or [])
    bindings: Mapping[str, Binding] = params
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise Errors.E162.error(file=file, reason=exc.strerror) from None
    elif named is not None:
        queries = named_queries()
        if named not in queries:
            raise Errors.E163.error(named=named, known=", ".join(sorted(queries)))
        nq = queries[named]
        nq.bind(params)  # unknown or missing parameters are refused before the store opens
    if sparql is not None and is_update(sparql):
        raise Errors.E174.error()
    if sparql is not None and not allow_federation and (keyword := remote_call(sparql)):
        raise Errors.E335.error(keyword=keyword)  # before the store opens
    with open_cli_store(store, read_only=True, must_exist=True) as st:
        if named is not None:
            sparql = nq.text_for(st)
            bindings = nq.bind(params, actor=st.resolve_actor)
        result = st.query(sparql or "", bindings=bindings, federation=allow_federation)
    if fmt == "table":
        from kg.store.results import result_table

        if result.kind == "select":
            out.print(result_table(result))
            err.print(f"{len(result)} row(s)", style="dim")
            return
    text = format_result(result, fmt)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
