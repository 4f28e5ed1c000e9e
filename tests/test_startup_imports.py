"""What ``kg query`` loads: not rdflib, pydantic, the SPARQL client or server, nor other commands.

Start-up time cannot be asserted reliably on a shared machine (bench/bench_startup.py measures
it); the modules a run imports can. Each check runs ``kg`` in a fresh interpreter and reads its
``sys.modules`` at exit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]

#: modules ``kg query`` on a store folder has no use for, and why they once came along
UNNEEDED = (
    "rdflib",  # through the DefinedNamespace classes of kg.namespaces
    "pydantic",  # typer converts option values through pydantic TypeAdapters
    "kg.namespaces",
    "kg.store.remote",  # the SPARQL client (urllib, http.client), only for --store http://…
    "kg.store.serve",  # kg serve
    "kg.cli.analysis",  # other commands' modules
    "kg.cli.extract",
    "kg.cli.demo",
    "networkx",
    "spacy",
)

_PROBE = """
import json, runpy, sys
sys.argv = ["kg", *json.loads(sys.argv[1])]
code = 0
try:
    runpy.run_module("kg", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modules_of(*args: str) -> tuple[int, set[str], str]:
    """Exit code, loaded module names and standard output of ``kg ARGS`` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"]), done.stdout


def _loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("startup") / "store"
    with GraphStore.open(folder):
        pass
    return str(folder)


@pytest.mark.parametrize(
    "args",
    [
        ("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        ("query", "--named", "relations-of-actor", "--param", "actor=China", "--format", "csv"),
        ("query", "--named", "predicates-count", "--format", "json"),
    ],
    ids=["sparql", "named-with-actor", "named-json"],
)
def test_kg_query_loads_only_what_it_needs(store: str, args: tuple[str, ...]) -> None:
    code, modules, _out = _modules_of(*args, "--store", store)
    assert code in (0, 2)  # 2: the empty store has no actor China (a one-line error)
    assert "kg.store.embedded" in modules  # the probe did run the query path
    loaded = [name for name in UNNEEDED if _loaded(modules, name)]
    assert loaded == []


def test_the_probe_sees_what_a_command_loads(store: str) -> None:
    # the same probe on a command that needs rdflib (SHACL validation) finds it
    code, modules, _out = _modules_of("validate", "--store", store)
    assert code == 0
    assert _loaded(modules, "rdflib")
