"""Every named query on a real store, built from seeds/ by ``kg build``: the form written for
Oxigraph (kg/store/rq/) and the plain SPARQL 1.1 form (kg/store/rq/standard/, which keeps the
earlier text of a query rewritten for speed, such as predicates-count) give the same rows,
in the same order, about the busiest actor, pair and source of the store."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import GraphStore
from kg.store.named_queries import named_queries

ROOT = Path(__file__).resolve().parents[2]

#: the busiest actor, pair and credited source, as the benchmark chooses them
BUSIEST = {
    "actor": "SELECT ?a (COUNT(?st) AS ?n) WHERE { ?st a gkg:Statement ; rdf:subject|rdf:object ?a } "
    "GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1",
    "pair": "SELECT ?s ?o (COUNT(?st) AS ?n) WHERE { ?st a gkg:Statement ; rdf:subject ?s ; rdf:object ?o "
    "FILTER(?s != ?o) } GROUP BY ?s ?o ORDER BY DESC(?n) ?s ?o LIMIT 1",
    "source": "SELECT ?a (COUNT(?st) AS ?n) WHERE { ?st gkg:attributedTo ?a } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1",
}


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    folder = tmp_path_factory.mktemp("seeds") / "store"
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "--store", str(folder), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    with GraphStore.open(folder, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def busiest(seeds_store: GraphStore) -> dict[str, str]:
    pair = seeds_store.query(BUSIEST["pair"]).terms[0]
    return {
        "actor": seeds_store.query(BUSIEST["actor"]).terms[0][0].value,
        "a": pair[0].value,
        "b": pair[1].value,
        "source": seeds_store.query(BUSIEST["source"]).terms[0][0].value,
    }


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_both_forms_give_the_same_rows_on_the_seeds_store(
    seeds_store: GraphStore, busiest: dict[str, str], name: str
) -> None:
    query = named_queries()[name]
    bindings = query.bind({p: busiest[p] for p in query.required})
    tuned = seeds_store.query(query.text, bindings=bindings).terms
    assert seeds_store.query(query.standard_text, bindings=bindings).terms == tuned
    assert len(tuned) > 0  # the comparison is about real rows
