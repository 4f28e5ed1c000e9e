"""``kg demo``: the main job on the bundled seed articles.

The demo never touches what a user made: it builds into its own store folder (``./kg-demo``
unless ``--store`` names another), marked as the demo's by a small file inside it, and
refuses a folder that exists without that mark; it overwrites a map only when the demo
wrote that map.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli.common import open_cli_store, out
from kg.cli.extract import print_summary, run_build
from kg.cli.render import render
from kg.errors import Errors

__all__ = ["demo"]

DEMO_STORE = "kg-demo"
DEMO_TITLE = "geokg: seed articles"
_MARK = ".geokg-demo"  # inside the store folder: this store was made by kg demo


def demo(
    store: Annotated[
        str,
        typer.Option(
            "--store",
            metavar="DIR|URL",
            help="Store folder the demo builds (its own; an existing folder that the demo did not create is refused).",
        ),
    ] = DEMO_STORE,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="HTML map to write (an existing file is replaced only when the demo wrote it).",
        ),
    ] = Path("graph.html"),
    seeds: Annotated[
        Path | None, typer.Option("--seeds", metavar="DIR", help="Articles to build (default: the bundled seeds/).")
    ] = None,
) -> None:
    """The main job on the bundled seed articles: build, summary, "who pressures whom", HTML map."""
    from kg.resources import seeds_path
    from kg.store.named_queries import named_queries

    _check_store(Path(store))
    _check_map(output)
    source = seeds or seeds_path()
    summary = run_build([str(source)], store, replace=True, model=None, actors=None)
    (Path(store) / _MARK).write_text("made by kg demo; kg demo may rebuild this store\n", encoding="utf-8")
    print_summary(summary, store)
    nq = named_queries()["who-pressures-whom"]
    with open_cli_store(store, read_only=True) as st:
        result = st.query(nq.text_for(st), bindings=nq.bind({}))
    out.print("\nWho pressures whom (SPARQL: kg query --named who-pressures-whom):", markup=False)
    _print_rows(result.dicts())
    render(
        output=output,
        store=store,
        negated=False,
        actor=None,
        hops=1,
        since=None,
        until=None,
        predicate=None,
        title=DEMO_TITLE,
    )
    out.print(f"\nThe map is in {output}: open it in a web browser (it works offline).", markup=False)


def _print_rows(rows: list[dict[str, Any]]) -> None:
    """One block per relation, readable in an 80-column terminal: who, what, whom, then the
    evidence indented and wrapped."""
    from rich.padding import Padding
    from rich.text import Text

    for row in rows:
        count = int(row.get("statements", 1))
        head = f"{row['subject']} –{row['predicate']}→ {row['object']}"
        out.print(Text(f"{head}  ({count} statement{'s' if count != 1 else ''})", style="bold"))
        if row.get("evidence"):
            out.print(Padding(Text(f"“{row['evidence']}”"), (0, 0, 0, 4), expand=False), soft_wrap=False)
    if not rows:
        out.print("(none)", markup=False)


def _check_store(folder: Path) -> None:
    """Refuse a store folder that exists and was not made by the demo."""
    if folder.exists() and not (folder / _MARK).is_file() and (not folder.is_dir() or any(folder.iterdir())):
        raise Errors.E171.error(folder=folder)


def _check_map(path: Path) -> None:
    """Refuse to overwrite a file that is not a map the demo wrote."""
    if not path.exists():
        return
    try:
        ours = path.is_file() and f"<title>{DEMO_TITLE}</title>" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        ours = False
    if not ours:
        raise Errors.E172.error(path=path)
