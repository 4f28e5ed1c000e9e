"""User input that is wrong gets a one-line error naming it, never an internal error (exit 70),
and nothing that article text holds reaches the terminal as a control sequence."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from tests.conftest import SEED_ARTICLE, run_kg

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "Xi Jinping pressured Donald Trump \x1b[31mRED\x1b[0m\x1b]0;owned\x07 today.\r\n"


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_kg(*args, cwd=cwd, env={"PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faults")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    built = kg("build", str(SEED_ARTICLE), "hostile.txt", "--store", "s", cwd=folder)
    assert built.returncode == 0, built.stderr
    return folder


def test_kg_query_refuses_updates_and_leaves_the_store_as_it_was(workdir: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = kg("query", count, "--store", "s", "--format", "csv", cwd=workdir).stdout
    for update in (
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "PREFIX ex: <http://e.org/>\ndelete where { ?s ?p ?o }",
        "CLEAR ALL",
    ):
        result = kg("query", update, "--store", "s", cwd=workdir)
        assert result.returncode == 2 and result.stderr.startswith("error E174:"), result.stderr
    assert kg("query", count, "--store", "s", "--format", "csv", cwd=workdir).stdout == before


def test_an_actor_iri_that_is_not_an_iri_is_named_in_the_error(workdir: Path) -> None:
    result = kg(
        "query",
        "--named",
        "relations-of-actor",
        "--param",
        "actor=https://w3id.org/geokg/actor/x>y",
        "--store",
        "s",
        cwd=workdir,
    )
    assert result.returncode == 2 and "x>y" in result.stderr and "Traceback" not in result.stderr


def test_escape_sequences_of_an_article_never_reach_the_terminal(workdir: Path) -> None:
    explained = kg("extract", "hostile.txt", "--explain", cwd=workdir)
    assert explained.returncode == 0 and "pressures" in explained.stderr
    table = kg(
        "query", "SELECT ?e WHERE { ?st <https://w3id.org/geokg/ontology#evidence> ?e }", "--store", "s", cwd=workdir
    )
    assert table.returncode == 0 and "RED" in table.stdout
    for text in (explained.stderr, table.stdout):
        assert not any(ch in text for ch in "\x1b\x07\r"), text


_WORDS = [
    "query",
    "render",
    "export",
    "analyze",
    "export-graph",
    "actors",
    "remove",
    "validate",
    "extract",
    "build",
    "--store",
    "s",
    "nope",
    "--named",
    "--param",
    "--format",
    "-f",
    "--actor",
    "--hops",
    "--since",
    "--until",
    "--predicate",
    "--dyad",
    "--period1",
    "--limit",
    "-o",
    "out.x",
    "--json",
    "--negated",
    "actor=Xi",
    "a=",
    "=",
    "--",
    "-",
    "SELECT",
    "{",
    "}",
    "relations-of-actor",
    "table",
    "json",
    "ttl",
    "gexf",
    "1",
    "-1",
    "2025-13-40",
    "x>y",
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)), min_size=1, max_size=6))
def test_no_command_line_exits_as_an_internal_error(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.chdir(workdir)
    if argv[0] in ("extract", "build"):  # never load the model: inputs that do not exist
        argv = [argv[0], "no-such-file.txt", *[a for a in argv[1:] if a != "-"]]
    try:
        main(argv)
    except SystemExit as exc:
        assert exc.code != 70, argv
