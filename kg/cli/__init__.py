"""The ``kg`` command line: extract, build, query, render, export, actors, demo, analyze…

Every command that reads or writes a store takes ``--store DIR`` (default ``./kg-store``).
Errors print one line (``error E123: what went wrong; what to do``) and exit non-zero; set
``KG_DEBUG=1`` to see a traceback.

Each command group lives in its own module (:mod:`kg.cli.extract`, :mod:`kg.cli.query`,
:mod:`kg.cli.render`, :mod:`kg.cli.export`, :mod:`kg.cli.analysis`, :mod:`kg.cli.actors`,
:mod:`kg.cli.store`, :mod:`kg.cli.demo`) as plain functions over library calls; this module
registers them on :data:`app`, in the order ``kg --help`` lists them.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from typing import Annotated, Protocol, TypeGuard

import typer

from kg._version import __version__
from kg.cli import actors, analysis, demo, export, extract, query, render, store
from kg.cli.common import err, out
from kg.errors import Errors, KGError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="geokg: news articles → a knowledge graph of geopolitical actors (who did what to whom, "
    "when, according to whom, on what evidence).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_COMMANDS: tuple[tuple[str | None, Callable[..., None]], ...] = (
    (None, extract.extract),
    (None, extract.build),
    (None, query.query),
    (None, render.render),
    (None, export.export),
    (None, actors.actors),
    (None, demo.demo),
    (None, analysis.analyze),
    ("export-graph", analysis.export_graph_command),
    (None, store.remove),
    (None, store.validate),
    (None, store.serve),
)
for _name, _command in _COMMANDS:
    app.command(_name)(_command)


def _print_version(value: bool) -> None:
    if value:
        out.print(f"geokg {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_print_version, help="Print the version of geokg and exit."),
    ] = False,
) -> None:
    # the options of ``kg`` itself, before the command; --version acts in its callback
    pass


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turn errors into one line and an exit code.

    A SIGTERM (a job scheduler stopping the run, ``timeout``) unwinds like Ctrl-C, so every
    temporary file is removed and every store transaction is either written or not at all.
    """
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = app(args=argv, standalone_mode=False)
        if isinstance(code, int) and code:  # typer answers Ctrl-C (and SIGTERM) with 130
            if code == 130:
                raise KeyboardInterrupt
            raise SystemExit(code)
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
    except Exception as exc:
        if _is_usage_error(exc):
            exc.show()  # the usage line, then "Error: …"
            raise SystemExit(exc.exit_code) from None
        if os.environ.get("KG_DEBUG"):
            raise
        unexpected = Errors.E999.error(kind=type(exc).__name__, detail=exc)
        err.print(f"error {unexpected}", markup=False)
        raise SystemExit(unexpected.exit_code) from None


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _ClickError(Protocol):
    exit_code: int

    def show(self) -> None: ...


def _is_usage_error(exc: Exception) -> TypeGuard[_ClickError]:
    """True for the errors click reports itself (bad options, missing arguments, bare ``kg``).

    typer 0.29 and later raise them from a copy of click inside typer, earlier versions from
    click: both have ``show()`` and an ``exit_code`` (2 for usage errors).
    """
    return any(cls.__name__ == "ClickException" for cls in type(exc).__mro__)


if __name__ == "__main__":
    main()
