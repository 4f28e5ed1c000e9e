"""The ``kg`` command line: extract, build, query, render, export, actors, demo, analyze…

Every command that reads or writes a store takes ``--store DIR`` (default ``./kg-store``).
Errors print one line (``error E123: what went wrong; what to do``) and exit non-zero; set
``KG_DEBUG=1`` to see a traceback.

Each command group lives in its own module (:mod:`kg.cli.extract`, :mod:`kg.cli.query`,
:mod:`kg.cli.render`, :mod:`kg.cli.export`, :mod:`kg.cli.analysis`, :mod:`kg.cli.actors`,
:mod:`kg.cli.store`, :mod:`kg.cli.demo`) as plain functions over library calls; this module
lists them in ``_COMMANDS``, in the order ``kg --help`` lists them, and :func:`build_app`
registers them: a run imports only the module of the command it runs.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from typing import Annotated, Any, Protocol, TypeGuard

import typer

from kg._version import __version__
from kg.cli.coercion import Command, Group
from kg.cli.common import err, out
from kg.errors import Errors, KGError

__all__ = ["app", "build_app", "main"]

#: every command in the order ``kg --help`` lists them: its name, and the module of
#: :mod:`kg.cli` and the function that implement it. A run imports only the module of the
#: command it runs (see :func:`build_app`).
_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("extract", "extract", "extract"),
    ("build", "extract", "build"),
    ("query", "query", "query"),
    ("render", "render", "render"),
    ("export", "export", "export"),
    ("actors", "actors", "actors"),
    ("demo", "demo", "demo"),
    ("analyze", "analysis", "analyze"),
    ("export-graph", "analysis", "export_graph_command"),
    ("remove", "store", "remove"),
    ("validate", "store", "validate"),
    ("serve", "store", "serve"),
)


def build_app(command: str | None = None) -> typer.Typer:
    """The ``kg`` application: every command, or only ``command`` when it names one.

    Typer reads the signature of every command it registers, so registering them all means
    importing every command module; ``kg query`` needs only its own. A command's options, help
    and errors are the same either way: ``kg --help``, a bare ``kg`` and an unknown command
    name get the application with every command.
    """
    app = typer.Typer(
        name="kg",
        cls=Group,
        help="geokg: news articles → a knowledge graph of geopolitical actors (who did what to whom, "
        "when, according to whom, on what evidence).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    chosen = [entry for entry in _COMMANDS if entry[0] == command] or _COMMANDS
    for name, module, function in chosen:
        app.command(name, cls=Command)(getattr(importlib.import_module(f"{__name__}.{module}"), function))
    app.callback()(_options)
    return app


def _command_of(argv: list[str]) -> str | None:
    """The command a ``kg`` command line names: its first word that is not an option (``kg``
    itself takes only flags, ``--version`` and ``--help``)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def __getattr__(name: str) -> Any:
    # ``kg.cli.app``: the application with every command, made on first use
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _print_version(value: bool) -> None:
    if value:
        out.print(f"geokg {__version__}", markup=False)
        raise typer.Exit()


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
    args = sys.argv[1:] if argv is None else argv
    try:
        code = build_app(_command_of(args))(args=args, standalone_mode=False)
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
