"""``kg render``: the interactive HTML map of actors and relations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import DEFAULT_STORE, StoreOpt, out, read_records

__all__ = ["render"]


def render(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE", help="HTML file to write.")] = Path(
        "graph.html"
    ),
    store: StoreOpt = DEFAULT_STORE,
    negated: Annotated[
        bool, typer.Option("--negated", help="Also show negated statements (drawn distinctly).")
    ] = False,
    actor: Annotated[
        str | None,
        typer.Option("--actor", metavar="ACTOR", help="Only this actor's neighbourhood (IRI, key or label)."),
    ] = None,
    hops: Annotated[int, typer.Option("--hops", metavar="N", help="Neighbourhood size with --actor.")] = 1,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only statements dated on or after this ISO date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Only statements dated on or before this ISO date.")
    ] = None,
    predicate: Annotated[
        list[str] | None, typer.Option("--predicate", metavar="PREDICATE", help="Only this predicate (repeatable).")
    ] = None,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="Page title.")] = "geokg: actors and relations",
    large: Annotated[
        bool | None,
        typer.Option(
            "--large/--no-large",
            help="Draw the large-map view (the largest connected part, its communities collapsed into "
            "cluster nodes that open on a click, the other parts behind a toggle) or every actor at once. "
            "Default: the large view above 300 actors.",
        ),
    ] = None,
) -> None:
    """Write an interactive HTML map of actors and relations that works offline."""
    from kg.analysis.graph import graph_from_statements
    from kg.render.html import render_html

    graph = graph_from_statements(
        read_records(store),
        negated=None if negated else False,
        actor=actor,
        hops=hops,
        since=since,
        until=until,
        predicates=predicate or None,
    )
    path = render_html(graph, output, title=title, show_negated=negated, large=large)
    out.print(
        f"Wrote {path} ({graph.number_of_nodes()} actors, {graph.number_of_edges()} relations, "
        f"{path.stat().st_size / 1024:.0f} KiB).",
        markup=False,
    )
