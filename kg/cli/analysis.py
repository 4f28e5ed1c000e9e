"""``kg analyze`` and ``kg export-graph``: measures of the actor graph, and the graph for Gephi.

``kg analyze`` prints the most central actors, communities, conflict–cooperation balance and
the most active dyads as tables (``--json`` for machines), with a dyad's timeline
(``--dyad "A,B"``) and the difference between two periods (``--period1``/``--period2``) on
request. ``kg export-graph`` writes the same filtered graph as GraphML, GEXF or CSV tables,
with the measures as node attributes. The figures come from
:func:`kg.analysis.report.analysis_report`; this module parses options and prints tables.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from kg.cli.common import DEFAULT_STORE, StoreOpt, err, out, read_records
from kg.errors import Errors
from kg.terminal import printable

__all__ = ["analyze", "export_graph_command"]

SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="DATE", help="Only statements dated on or after this ISO date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Only statements dated on or before this ISO date.")
]
PredicateOpt = Annotated[
    list[str] | None, typer.Option("--predicate", metavar="PREDICATE", help="Only this predicate (repeatable).")
]
ActorOpt = Annotated[
    str | None, typer.Option("--actor", metavar="ACTOR", help="Only this actor's neighbourhood (IRI, key or label).")
]
HopsOpt = Annotated[int, typer.Option("--hops", metavar="N", help="Neighbourhood size with --actor.")]
NegatedOpt = Annotated[
    bool, typer.Option("--negated", help="Also count negated statements (balance never counts them).")
]
StructuralOpt = Annotated[
    bool,
    typer.Option(
        "--structural/--no-structural", help="Keep structural relations (leaderOf, memberOf, partOf…) in the graph."
    ),
]
MinConfidenceOpt = Annotated[
    float, typer.Option("--min-confidence", metavar="0..1", help="Leave out statements less confident than this (0–1).")
]
SeedOpt = Annotated[
    int,
    typer.Option("--seed", metavar="N", help="Seed of the Louvain community detection (same seed, same communities)."),
]


def _graph_filters(
    *,
    since: str | None,
    until: str | None,
    predicate: list[str] | None,
    actor: str | None,
    hops: int,
    negated: bool,
    structural: bool,
    min_confidence: float,
) -> dict[str, Any]:
    """Keyword arguments of :func:`kg.analysis.graph_from_statements` for the CLI options."""
    return {
        "since": since,
        "until": until,
        "predicates": predicate or None,
        "actor": actor,
        "hops": hops,
        "negated": None if negated else False,
        "quad_classes": None if structural else [1, 2, 3, 4],
        "min_confidence": min_confidence,
    }


# ---------------------------------------------------------------- printing


def _table(title: str, columns: list[tuple[str, JustifyMethod]]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    for name, justify in columns:
        table.add_column(name, justify=justify)
    return table


def _row(table: Table, *cells: Any) -> None:
    # Text, never markup: labels and sentences come from articles
    table.add_row(*(Text("" if c is None else printable(str(c))) for c in cells))


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _print_report(report: Mapping[str, Any]) -> None:
    g = report["graph"]
    out.print(f"{g['actors']} actors, {g['relations']} relations, {g['statements']} statements", markup=False)
    if not g["actors"]:
        err.print("no statements match the filters; loosen them or build more articles", style="dim", markup=False)
    if report["centrality"]:
        _print_centrality(report)
    if report["communities"]["list"]:
        _print_communities(report["communities"])
    if report["balance"]["actors"]:
        _print_balance(report["balance"]["actors"])
    if report["dyads"]:
        _print_dyads(report["dyads"])
    if "timeline" in report:
        _print_timeline(report["timeline"])
    if "periods" in report:
        _print_periods(report["periods"])


def _print_centrality(report: Mapping[str, Any]) -> None:
    columns = ["statements", "partners", "PageRank", "betweenness", "community"]
    table = _table(
        f"Most central actors, by {report['ranked_by']} (--rank to change)",
        [("#", "right"), ("actor", "left"), ("type", "left"), *((c, "right") for c in columns)],
    )
    for n, row in enumerate(report["centrality"], start=1):
        _row(table, n, row["label"], row["type"], row["statements"], row["partners"], f"{row['pagerank']:.3f}",
             f"{row['betweenness']:.3f}", row["community"])  # fmt: skip
    out.print(table)


def _print_communities(c: Mapping[str, Any]) -> None:
    table = _table(
        f"Communities (Louvain, seed {c['seed']}, modularity {c['modularity']:.3f})",
        [("#", "right"), ("size", "right"), ("members, most central first", "left")],
    )
    for community in c["list"]:
        names = [m["label"] for m in community["members"]]
        shown = ", ".join(names[:12]) + (f" … (+{len(names) - 12})" if len(names) > 12 else "")
        _row(table, community["id"], community["size"], shown)
    out.print(table)


def _print_balance(rows: list[Mapping[str, Any]]) -> None:
    columns: list[tuple[str, JustifyMethod]] = [
        ("actor", "left"),
        ("cooperation", "right"),
        ("conflict", "right"),
        ("balance", "right"),
    ]
    table = _table("Conflict–cooperation balance of actors (statements by quad class)", [*columns, ("leaning", "left")])
    for row in rows:
        _row(table, row["label"], row["cooperation"], row["conflict"], _score(row["score"]), row["leaning"])
    out.print(table)


def _print_dyads(rows: list[Mapping[str, Any]]) -> None:
    counts: list[tuple[str, JustifyMethod]] = [
        ("all", "right"),
        ("coop", "right"),
        ("confl", "right"),
        ("balance", "right"),
    ]
    table = _table(
        "Most active dyads (statements: all, cooperation, conflict)",
        [("actor", "left"), ("actor", "left"), *counts, ("dates", "left"), ("relations", "left")],
    )
    for row in rows:
        b = row["balance"]
        predicates = ", ".join(f"{p} {n}" for p, n in row["predicates"].items())
        first, last = row["first_date"], row["last_date"]
        dates = first if first == last else f"{first or '?'} – {last or '?'}"
        _row(table, row["source"]["label"], row["target"]["label"], row["statements"], b["cooperation"],
             b["conflict"], _score(b["score"]), dates, predicates)  # fmt: skip
    out.print(table)


def _print_timeline(t: Mapping[str, Any]) -> None:
    title = f"Timeline of {t['a']['label']} and {t['b']['label']}"
    if not t["events"]:
        out.print(f"{title}: no statements between them", markup=False)
        return
    table = _table(
        title,
        [
            ("date", "left"),
            ("from", "left"),
            ("relation", "left"),
            ("to", "left"),
            ("sentence", "left"),
            ("doc", "left"),
        ],
    )
    for e in t["events"]:
        flags = [f for f, on in (("not", e["negated"]), (e["modality"], e["modality"] != "actual")) if on]
        relation = e["predicate"] + (f" ({', '.join(flags)})" if flags else "")
        sentence = e["sentence"] if len(e["sentence"]) <= 200 else e["sentence"][:199] + "…"
        _row(table, e["date"] or "undated", e["source"]["label"], relation, e["target"]["label"], sentence, e["doc_id"])
    out.print(table)
    if t["omitted"]:
        out.print(
            f"({t['omitted']} more statement(s) whose evidence the graph does not keep)", style="dim", markup=False
        )
    table = _table(
        "By month",
        [
            ("month", "left"),
            ("statements", "right"),
            ("cooperation", "right"),
            ("conflict", "right"),
            ("balance", "right"),
        ],
    )
    for row in t["by_month"]:
        _row(table, row["period"], row["events"], row["cooperation"], row["conflict"], _score(row["score"]))
    out.print(table)


def _span(period: Mapping[str, Any]) -> str:
    return f"{period['since'] or '…'} to {period['until'] or '…'}"


def _print_periods(p: Mapping[str, Any]) -> None:
    out.print(
        f"Period 1 ({_span(p['period1'])}): {p['period1']['relations']} relations; "
        f"period 2 ({_span(p['period2'])}): {p['period2']['relations']} relations; "
        f"{p['appeared_count']} appeared, {p['vanished_count']} vanished, {p['kept']} in both.",
        markup=False,
    )
    for key, title in (("appeared", "Relations that appeared"), ("vanished", "Relations that vanished")):
        if not p[key]:
            continue
        table = _table(title, [("from", "left"), ("relation", "left"), ("to", "left"), ("statements", "right")])
        for row in p[key]:
            _row(table, row["source"]["label"], row["relation"], row["target"]["label"], row["statements"])
        out.print(table)
    for key, title in (
        ("to_conflict", "Dyads that turned from cooperation to conflict"),
        ("to_cooperation", "Dyads that turned from conflict to cooperation"),
    ):
        if not p[key]:
            out.print(f"{title}: none", markup=False)
            continue
        table = _table(title, [("actor", "left"), ("actor", "left"), ("before", "right"), ("after", "right")])
        for row in p[key]:
            _row(
                table,
                row["a"]["label"],
                row["b"]["label"],
                _score(row["before"]["score"]),
                _score(row["after"]["score"]),
            )
        out.print(table)


# ---------------------------------------------------------------- commands


def _parse_dyad(text: str) -> tuple[str, str]:
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise Errors.E622.error(text=text)
    return parts[0], parts[1]


# long-function: the signature is the command's table of options (typer reads them from it)
def analyze(
    store: StoreOpt = DEFAULT_STORE,
    since: SinceOpt = None,
    until: UntilOpt = None,
    predicate: PredicateOpt = None,
    actor: ActorOpt = None,
    hops: HopsOpt = 1,
    negated: NegatedOpt = False,
    structural: StructuralOpt = True,
    min_confidence: MinConfidenceOpt = 0.0,
    top: Annotated[int, typer.Option("--top", metavar="N", help="Rows in each ranked table (0 for all).")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON instead of tables.")] = False,
    period1: Annotated[
        str | None,
        typer.Option(
            "--period1",
            metavar="START:END",
            help="First period START:END (e.g. 2025-01:2025-06) to compare with --period2.",
        ),
    ] = None,
    period2: Annotated[
        str | None, typer.Option("--period2", metavar="START:END", help="Second period START:END.")
    ] = None,
    dyad: Annotated[
        str | None, typer.Option("--dyad", metavar="A,B", help='Timeline of two actors, "A,B" (labels, keys or IRIs).')
    ] = None,
    seed: SeedOpt = 0,
    resolution: Annotated[
        float,
        typer.Option("--resolution", metavar="NUMBER", help="Louvain resolution: above 1 gives smaller communities."),
    ] = 1.0,
    rank: Annotated[
        str,
        typer.Option(
            "--rank",
            metavar="MEASURE",
            help="Rank the most central actors by statements (the default: the "
            "statements an actor takes part in), partners (distinct actors), pagerank or betweenness.",
        ),
    ] = "statements",
) -> None:
    """Measures of the actor graph: centrality, communities, balance, dyads, periods.

    "Most central" lists the actors that take part in the most statements first (ties: more
    partners, then higher PageRank), with partners, PageRank and betweenness side by side;
    --rank orders by another of them.
    """
    from kg.analysis import parse_period
    from kg.analysis.report import analysis_report

    if (period1 is None) != (period2 is None):
        raise Errors.E621.error()
    periods = None
    if period1 is not None and period2 is not None:
        periods = (parse_period(period1), parse_period(period2))
    pair = _parse_dyad(dyad) if dyad is not None else None
    filters = _graph_filters(
        since=since,
        until=until,
        predicate=predicate,
        actor=actor,
        hops=hops,
        negated=negated,
        structural=structural,
        min_confidence=min_confidence,
    )
    report = analysis_report(
        read_records(store),
        filters=filters,
        top=top,
        seed=seed,
        resolution=resolution,
        dyad=pair,
        periods=periods,
        rank=rank,
    )
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    else:
        _print_report(report)


def export_graph_command(
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", metavar="FILE", help="File to write (.graphml, .gexf), or a folder for --format csv."
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="graphml, gexf or csv (nodes.csv and edges.csv); default from the file suffix.",
        ),
    ] = None,
    store: StoreOpt = DEFAULT_STORE,
    since: SinceOpt = None,
    until: UntilOpt = None,
    predicate: PredicateOpt = None,
    actor: ActorOpt = None,
    hops: HopsOpt = 1,
    negated: NegatedOpt = False,
    structural: StructuralOpt = True,
    min_confidence: MinConfidenceOpt = 0.0,
    measures: Annotated[
        bool,
        typer.Option("--measures/--no-measures", help="Add degree, PageRank, betweenness and community to the actors."),
    ] = True,
    seed: SeedOpt = 0,
) -> None:
    """Write the actor graph for Gephi, yEd or spreadsheets: GraphML, GEXF or CSV tables."""
    from kg.analysis import graph_from_statements
    from kg.analysis.report import graph_measures
    from kg.export.graphs import export_graph, graph_format

    name = graph_format(output, fmt)  # a bad format fails before the store is read
    filters = _graph_filters(
        since=since,
        until=until,
        predicate=predicate,
        actor=actor,
        hops=hops,
        negated=negated,
        structural=structural,
        min_confidence=min_confidence,
    )
    G = graph_from_statements(read_records(store), **filters)
    attributes = graph_measures(G, seed=seed) if measures else None
    written = export_graph(G, output, fmt=name, node_attributes=attributes)
    out.print(
        f"Wrote {', '.join(map(str, written))} ({G.number_of_nodes()} actors, {G.number_of_edges()} relations).",
        markup=False,
    )
