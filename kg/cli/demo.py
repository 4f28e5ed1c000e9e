"""``kg demo``: the main job on the bundled seed articles."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import DEFAULT_STORE, StoreOpt, open_cli_store, out
from kg.cli.extract import print_summary, run_build
from kg.cli.render import render

__all__ = ["demo"]


def demo(
    store: StoreOpt = DEFAULT_STORE,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML map to write.")] = Path("graph.html"),
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Articles to build (default: the bundled seeds/).")
    ] = None,
) -> None:
    """The main job on the bundled seed articles: build, summary, "who pressures whom", HTML map."""
    from kg.resources import seeds_path
    from kg.store.named_queries import named_queries
    from kg.store.results import result_table

    source = seeds or seeds_path()
    summary = run_build([str(source)], store, replace=True, model=None, actors=None)
    print_summary(summary, store)
    nq = named_queries()["who-pressures-whom"]
    with open_cli_store(store) as st:
        result = st.query(nq.text_for(st), bindings=nq.bind({}))
    out.print("\nWho pressures whom (SPARQL: kg query --named who-pressures-whom):", markup=False)
    out.print(result_table(result))
    render(output=output, store=store, negated=False, actor=None, hops=1, since=None, until=None,
           predicate=None, title="geokg: seed articles")
