"""Usage errors of ``kg``: the usage line and the problem, exit code 2; --version; bare ``kg``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kg


def kg_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False, timeout=120)


@pytest.mark.parametrize(
    ("args", "usage", "problem"),
    [
        (("query", "--bogus", "x"), "kg query [OPTIONS]", "No such option: --bogus"),
        (("build",), "kg build [OPTIONS]", "Missing argument 'inputs'"),
        (("analyze", "--top", "many"), "kg analyze [OPTIONS]", "Invalid value for '--top'"),
        # click raises this one without its context: no usage line to print
        (("render", "--hops"), None, "Option '--hops' requires an argument"),
        (("nosuch",), "kg [OPTIONS] COMMAND", "No such command 'nosuch'"),
    ],
)
def test_usage_errors_print_usage_and_problem_and_exit_2(
    args: tuple[str, ...], usage: str | None, problem: str
) -> None:
    result = kg_run(*args)
    assert result.returncode == 2, result.stderr
    assert usage is None or usage in result.stderr
    assert f"Error: {problem}" in result.stderr
    assert "E999" not in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_version_prints_the_version() -> None:
    result = kg_run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"geokg {kg.__version__}\n"


def test_bare_kg_shows_the_help_with_every_command() -> None:
    result = kg_run()
    assert "Usage:" in result.stderr and "E999" not in result.stderr
    for command in (
        "extract",
        "build",
        "query",
        "render",
        "export",
        "actors",
        "demo",
        "analyze",
        "export-graph",
        "remove",
        "validate",
        "serve",
    ):
        assert f"\n  {command} " in result.stderr
    assert result.returncode == 2  # no command given: a usage error, as click reports it


def test_a_user_error_is_still_one_line_with_its_code() -> None:
    result = kg_run("query", "--named", "who-pressures-whom", "--store", "/nonexistent/store")
    assert result.returncode == 1
    assert result.stderr.startswith("error E320: no store at /nonexistent/store")


@pytest.mark.parametrize(
    "command",
    [
        "extract",
        "build",
        "query",
        "render",
        "export",
        "analyze",
        "export-graph",
        "actors",
        "remove",
        "validate",
        "demo",
        "serve",
    ],
)
def test_help_names_values_as_users_write_them(command: str) -> None:
    result = kg_run(command, "--help")
    assert result.returncode == 0
    options = result.stdout.split("Options:", 1)[1]
    assert "<" not in options, options  # no Python types such as <list[Path]> or <str>
    if "--store" in options:
        assert ("created if missing" in options) == (command == "build")
