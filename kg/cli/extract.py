"""``kg extract`` (statements as JSON Lines, no store) and ``kg build`` (statements into a store)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.cli.common import (
    DEFAULT_STORE,
    ActorsOpt,
    InputsArg,
    ModelOpt,
    NewStoreOpt,
    err,
    open_cli_store,
    out,
    write_lines,
)
from kg.cli.progress import article_count, build_progress
from kg.errors import Errors

if TYPE_CHECKING:
    from kg.extract.config import ExtractConfig
    from kg.extract.pipeline import Extractor
    from kg.types import Statement

__all__ = ["build", "extract", "print_summary", "run_build"]


def _config(model: str | None, actors: list[Path] | None) -> ExtractConfig:
    """The extraction configuration of the options, its actor files and model checked."""
    from kg.extract.config import ExtractConfig, check_model

    for path in actors or ():
        if not path.is_file():
            raise Errors.E150.error(path=path)
    files = tuple(str(p) for p in actors or ())
    config = ExtractConfig(actors=files, model=model) if model else ExtractConfig(actors=files)
    check_model(config)
    return config


def _extractor(model: str | None, actors: list[Path] | None) -> Extractor:
    from kg.extract.pipeline import Extractor

    return Extractor(_config(model, actors))


OnErrorOpt = Annotated[
    str,
    typer.Option(
        "--on-error",
        metavar="skip|fail",
        help=(
            "A bad input (file, or .jsonl line): skip it, keep the good ones and list the bad ones at the end, "
            "exit code 1 (skip); or stop there, after writing what came before it (fail)."
        ),
    ),
]


def _items(inputs: list[str]) -> Any:
    """The articles of ``inputs``, with each bad item as its error (kg.ingest.read_items)."""
    from kg.ingest import check_inputs, read_items

    check_inputs(inputs)
    return read_items(inputs)


def _report_skipped(report: str) -> None:
    """Print the summary of skipped inputs and leave with exit code 1 (when there were any)."""
    if report:
        err.print(report, markup=False)
        raise SystemExit(1)  # (typer.Exit is swallowed by standalone_mode=False)


def extract(
    inputs: InputsArg,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE", help="Write JSON Lines here instead of standard output."),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also print, for each statement, the rule and trigger words that produced it (to standard error).",
        ),
    ] = False,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    on_error: OnErrorOpt = "skip",
) -> None:
    """Extract statements from articles as JSON Lines (no store)."""
    from kg.ingest.problems import InputProblems
    from kg.rdf.records import statement_to_json

    problems = InputProblems(on_error)  # type: ignore[arg-type]
    items = _items(inputs)
    extractor = _extractor(model, actors)
    n_articles = n_statements = 0

    def lines() -> Iterator[str]:
        nonlocal n_articles, n_statements
        for _article, statements in extractor.pipe(problems.articles(items)):
            n_articles += 1
            for st in statements:
                n_statements += 1
                record = statement_to_json(st)
                record["rule"] = st.evidence.rule
                record["trigger"] = st.evidence.trigger
                if explain:
                    err.print(_explain(st), markup=False)
                yield json.dumps(record, ensure_ascii=False) + "\n"

    write_lines(lines(), output)
    err.print(f"{n_articles} articles, {n_statements} statements", style="dim")
    problems.finish()
    _report_skipped(problems.report())


def _explain(st: Statement) -> str:
    flags = []
    if st.negated:
        flags.append("negated")
    if st.modality != "actual":
        flags.append(st.modality)
    attr = f" according to {st.attributed_to.label}" if st.attributed_to else ""
    return (
        f"{st.evidence.doc_id}: {st.subject.label} -{st.predicate}-> {st.object.label}"
        f"{' [' + ', '.join(flags) + ']' if flags else ''}{attr}  "
        f"(rule {st.evidence.rule}, trigger {st.evidence.trigger!r}, confidence {st.confidence:.2f})\n"
        f"    {st.evidence.sentence}"
    )


def build(
    inputs: InputsArg,
    store: NewStoreOpt = DEFAULT_STORE,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help=(
                "Make the store hold exactly these inputs: each article replaces its earlier version as it "
                "is written; articles not in the inputs are removed at the end, only when no input was skipped."
            ),
        ),
    ] = False,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    on_error: OnErrorOpt = "skip",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors and skipped inputs only.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            help="Worker processes that extract (default: the number of "
            "cores, one for fewer than 32 articles); the store is the same whatever the number.",
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS|local",
            help="Extract on the workers of a Dask scheduler (tcp://HOST:8786), or on --jobs worker processes "
            "of a local Dask cluster (local); this process writes the store. Needs pip install 'geokg[dask]'; "
            "see docs/scaling.md.",
        ),
    ] = None,
) -> None:
    """Extract statements and write them into the store (one named graph per article).

    On a terminal a progress bar shows the articles written, their rate and the time left.
    """
    summary = run_build(
        inputs, store, replace=replace, model=model, actors=actors, on_error=on_error, quiet=quiet, jobs=jobs, dask=dask
    )
    if not quiet:
        print_summary(summary, store)
    _report_skipped(summary["report"])


def run_build(
    inputs: list[str],
    store_path: str,
    *,
    replace: bool,
    model: str | None,
    actors: list[Path] | None,
    on_error: str = "skip",
    quiet: bool = False,
    jobs: int | None = 1,
    dask: str | None = None,
) -> dict[str, Any]:
    """Build ``inputs`` into the store: :func:`kg.builder.build_store`'s summary plus ``seconds``
    and ``report`` (the skipped inputs, empty when there were none)."""
    from kg.builder import build_store
    from kg.ingest.problems import InputProblems

    started = time.perf_counter()
    problems = InputProblems(on_error)  # type: ignore[arg-type]
    if dask is not None:
        from kg.extract.cluster import LOCAL, check_dask

        check_dask(dask, jobs=jobs)
        jobs = (jobs or os.cpu_count() or 1) if dask == LOCAL else 1
    items = _items(inputs)  # every input checked before the store is opened
    jobs = _jobs(jobs, inputs)
    # with worker processes, only they load the pipeline (while this one opens the store)
    extractor = _extractor(model, actors) if jobs == 1 and dask is None else _config(model, actors)
    with open_cli_store(store_path) as st, build_progress(inputs, quiet=quiet, problems=problems) as on_article:
        summary = build_store(
            items,
            st,
            extractor=extractor,
            replace=replace,
            on_error=problems,
            on_article=on_article,
            jobs=jobs,
            dask=dask,
        ).to_dict()
    summary["seconds"] = time.perf_counter() - started  # model loading included
    summary["report"] = problems.report()
    return summary


def _jobs(jobs: int | None, inputs: list[str]) -> int:
    """The worker processes to use: as asked, else one per core for 32 articles or more."""
    if jobs is not None:
        return jobs
    count = article_count(inputs)
    return os.cpu_count() or 1 if count is not None and count >= 32 else 1


def _unchanged(summary: dict[str, Any]) -> str:
    n = summary.get("unchanged", 0)
    return f", {n} already in the store as they are, not read again" if n else ""


def print_summary(summary: dict[str, Any], store: str) -> None:
    """The two lines ``kg build`` prints: what was built, and what the store holds now."""
    s = summary["store"]
    out.print(
        f"Built {summary['articles']} article(s) ({summary['written']} new or changed"
        f"{_unchanged(summary)}), "
        f"{summary['statements']} statements in {summary['seconds']:.1f} s.\n"
        f"Store {store}: {s.get('articles', 0)} articles, {s.get('actors', 0)} actors, "
        f"{s.get('statements', 0)} statements, {s.get('triples', 0)} triples.",
        markup=False,
    )
    if summary.get("removed"):
        out.print(f"Removed {summary['removed']} article(s) that are not in the inputs.", markup=False)
    if summary.get("kept"):
        out.print(
            f"Kept {summary['kept']} article(s) that are not in the inputs, because inputs "
            "were skipped; fix them and build again to remove the rest.",
            markup=False,
        )
