"""The progress of ``kg build``: a bar with articles per second and the time left, on a terminal.

On a terminal (standard error is one) and without ``--quiet``, a rich progress bar counts the
articles as they are written, with their rate and, when the number of articles can be known
from the inputs without reading them (files, and lines of JSON Lines files), the time left.
Elsewhere (a pipe, a log file, CI) nothing is drawn: the summary line at the end says it all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.cli.common import err
from kg.errors import KGError

if TYPE_CHECKING:
    from kg.ingest.problems import InputProblems

__all__ = ["article_count", "build_progress"]

OnArticle = Callable[[Any, list[Any], bool], None]


def _lines(path: str) -> int:
    """The lines of a JSON Lines file that are not blank (the reader skips blank ones), the
    last one counted with or without its newline."""
    with open(path, "rb") as handle:
        return sum(1 for line in handle if not line.isspace())


def article_count(inputs: list[str]) -> int | None:
    """How many articles the inputs hold (a JSON Lines file counts its lines that are not
    blank), or None when standard input is among them or a file cannot be read. Counted once
    per run: the progress bar and the choice of worker processes both ask."""
    return _count(tuple(inputs))


@cache
def _count(inputs: tuple[str, ...]) -> int | None:
    from kg.ingest.sources import expand_input

    total = 0
    try:
        for spec in inputs:
            for source in expand_input(spec):
                if source.kind == "stdin":
                    return None
                total += 1 if source.kind == "txt" else _lines(source.path)
    except (OSError, KGError):  # a bad input is reported by the build itself
        return None
    return total


@contextmanager
def build_progress(
    inputs: list[str], *, quiet: bool, problems: InputProblems | None = None
) -> Iterator[OnArticle | None]:
    """A callback for :func:`kg.builder.build_store` that advances a bar, or None (no bar).

    With ``problems`` (the build's :class:`~kg.ingest.problems.InputProblems`), each skipped
    input advances the bar too, so a build with bad inputs ends at its total."""
    if quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    total = article_count(inputs)
    columns = [
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("build", total=total, rate="–")
        if problems is not None:  # only while the bar is drawn
            problems.on_added = lambda _error: bar.advance(task)

        def advance(_article: Any, _statements: list[Any], _written: bool) -> None:
            bar.advance(task)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:.1f}" if speed else "–")

        try:
            yield advance
        finally:
            if problems is not None:
                problems.on_added = None
