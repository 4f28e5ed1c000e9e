"""The named queries of kg/store/rq: declarations, results on the sample article, safe binding."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError
from kg.store import GraphStore
from kg.store.named_queries import NamedQuery, named_queries
from kg.types import Actor, Article, Statement
from tests.store.records import (
    NAMED_QUERY_PARAMS,
    RUN,
    TEXT,
    UNKNOWN,
    article,
    evidence,
    many,
    sample_store,
    statements,
)

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"actor", "predicate", "date", "string", "number"}


@pytest.fixture(scope="module")
def store() -> Iterator[GraphStore]:
    with GraphStore.open(None) as opened:
        art = article()
        opened.add_article(art, statements(art), [UNKNOWN], run=RUN)
        yield opened


def run(store: GraphStore, name: str, **params: str) -> list[dict]:
    query = named_queries()[name]
    return store.query(query.text, bindings=query.bind(params)).dicts()


def test_the_library_holds_the_queries_the_issue_asks_for() -> None:
    assert {
        "relations-of-actor",
        "dyad-history",
        "who-pressures-whom",
        "statements-by-source",
        "negated-claims",
        "actor-degree",
        "actor-timeline",
        "predicates-count",
    } <= set(named_queries())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_query_is_described_and_runs(name: str) -> None:
    query = named_queries()[name]
    assert len(query.description) > 20 and query.description[0].isupper()
    for param, kind, description in query.params:
        assert kind in KINDS, f"{name}: parameter {param} has unknown kind {kind}"
        assert description
        variable = param + "Label" if kind == "actor" else param
        assert f"?{variable}" in query.text, f"{name} never uses ?{variable}"
    with GraphStore.open(None) as empty:  # parses and runs with no data and no parameters
        result = empty.query(query.text)
    assert result.kind == "select" and len(result) == 0


@pytest.fixture(scope="module")
def with_and_without_dates() -> Iterator[GraphStore]:
    """The sample article, and a second one with neither headline nor date."""
    with GraphStore.open(None) as opened:
        dated = article()
        bare = article(TEXT + "Taiwan criticised China.\n", doc_id="plain-0002", title=None, date=None)
        for art in (dated, bare):
            opened.add_article(art, statements(art), [UNKNOWN], run=RUN)
        yield opened


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_the_standard_form_is_sparql_11_and_gives_the_same_rows(with_and_without_dates: GraphStore, name: str) -> None:
    from rdflib.plugins.sparql import prepareQuery

    store = with_and_without_dates
    query = named_queries()[name]
    standard = query.standard_text
    assert re.search(r"LATERAL\s*\{", standard) is None
    assert re.search(r"GRAPH\s*\?", standard) is None  # rdflib is slow on GRAPH ?g
    prepareQuery(standard)  # rdflib's parser knows SPARQL 1.1 only
    if query.standard is not None:
        assert query.standard != query.text
    params = dict(NAMED_QUERY_PARAMS.get(name, {}))
    params.pop("since", None)  # keep the undated statements in the timeline
    bindings = query.bind(params)
    tuned = store.query(query.text, bindings=bindings)
    assert store.query(standard, bindings=bindings).terms == tuned.terms
    assert len(tuned) > 0
    assert query.text_for(store) == query.text


def test_dyad_history_both_directions_with_quad_class(store: GraphStore) -> None:
    rows = run(store, "dyad-history", a="Donald Trump", b="Xi Jinping")
    assert [(r["subject"], r["predicate"], r["object"], r["plover"], r["quadClass"]) for r in rows] == [
        ("Xi Jinping", "pressures", "Donald Trump", "DEMAND", 3)
    ]
    assert rows[0]["doc"] == "wn2025-0001" and rows[0]["modality"] == "actual"
    by_iri = run(
        store,
        "dyad-history",
        a="https://w3id.org/geokg/actor/xi-jinping",
        b="https://w3id.org/geokg/actor/donald-trump",
    )
    assert by_iri == rows
    assert run(store, "dyad-history", a="Xi Jinping", b="Taiwan") == []


def test_statements_by_source(store: GraphStore) -> None:
    rows = run(store, "statements-by-source", source="The Wall Street Journal")
    assert [(r["subject"], r["predicate"], r["object"], r["negated"]) for r in rows] == [
        ("Donald Trump", "providesAidTo", "Taiwan", True)
    ]
    assert run(store, "statements-by-source", source="China") == []


def test_actor_degree_counts_statements_and_partners(store: GraphStore) -> None:
    rows = {r["label"]: r for r in run(store, "actor-degree")}
    # negated statements are left out: Trump only receives Xi's pressure
    assert (rows["Donald Trump"]["statements"], rows["Donald Trump"]["outgoing"], rows["Donald Trump"]["incoming"]) == (
        1,
        0,
        1,
    )
    # Xi pressures Trump and leads China
    assert (rows["Xi Jinping"]["outgoing"], rows["Xi Jinping"]["partners"]) == (2, 2)
    assert rows["Taiwan"]["incoming"] == 1  # the PLA's possible attack
    assert "The Wall Street Journal" not in rows
    assert list(rows) == sorted(rows, key=lambda k: (-rows[k]["statements"], k))


def test_actor_timeline_with_and_without_dates(store: GraphStore) -> None:
    rows = run(store, "actor-timeline", actor="China")
    assert [(str(r["date"]), r["predicate"]) for r in rows] == [("2025-09-29", "leaderOf"), ("2025-10", "consults")]
    assert rows[0]["headline"] == "Xi Pressures Trump To Oppose Taiwan Independence"
    later = run(store, "actor-timeline", actor="China", since="2025-10-01")
    assert [r["predicate"] for r in later] == ["consults"]
    earlier = run(store, "actor-timeline", actor="China", until="2025-09-30")
    assert [r["predicate"] for r in earlier] == ["leaderOf"]
    with pytest.raises(InputError) as error:
        run(store, "actor-timeline", actor="China", since="last week")
    assert error.value.code == "E166"


def test_predicates_count(store: GraphStore) -> None:
    rows = {r["predicate"]: r for r in run(store, "predicates-count")}
    assert set(rows) == {"pressures", "providesAidTo", "consults", "attacks", "leaderOf"}
    assert (rows["providesAidTo"]["negated"], rows["providesAidTo"]["asserted"]) == (1, 0)
    assert (rows["pressures"]["plover"], rows["pressures"]["asserted"]) == ("DEMAND", 1)
    assert "plover" not in rows["leaderOf"]  # structural relations have no event type
    assert sum(r["statements"] for r in rows.values()) == 5


def test_counts_scale_with_the_data() -> None:
    with GraphStore.open(None) as store:
        for art, stmts in many(7, per_article=3):
            store.add_article(art, stmts, run=RUN)
        assert run(store, "predicates-count") == [
            {
                "predicate": "pressures",
                "plover": "DEMAND",
                "quadClass": 3,
                "statements": 21,
                "negated": 0,
                "asserted": 21,
            }
        ]
        degree = {r["label"]: r for r in run(store, "actor-degree")}
        assert (degree["China"]["outgoing"], degree["Taiwan"]["incoming"]) == (21, 21)
        assert len(run(store, "dyad-history", a="Taiwan", b="China")) == 21


def test_label_parameters_are_terms_not_query_text(store: GraphStore) -> None:
    hostile = 'Taiwan" } UNION { ?st ?p ?o } #'
    assert run(store, "relations-of-actor", actor=hostile) == []
    assert run(store, "statements-by-source", source=hostile) == []
    with pytest.raises(InputError) as error:
        run(store, "dyad-history", a="China", c="Taiwan")
    assert error.value.code == "E164"


@pytest.mark.parametrize(
    ("value", "bound"),
    [
        ("pressures", ox.NamedNode("https://w3id.org/geokg/ontology#pressures")),
        ("pressure", None),  # a typo is refused, not a new IRI
        ("gkg:pressures", None),
        ("", None),  # an empty value is a missing parameter (E169)
    ],
)
def test_predicate_parameters_are_ontology_terms(value: str, bound: ox.NamedNode | None) -> None:
    query = NamedQuery("by-predicate", "", "SELECT ?s WHERE { ?s ?p ?o }", (("p", "predicate", ""),))
    if bound is None:
        with pytest.raises(InputError) as error:
            query.bind({"p": value})
        assert error.value.code == ("E169" if not value else "E165")
    else:
        assert query.bind({"p": value}) == {"p": bound}


def test_kg_query_named_with_params(tmp_path: Path) -> None:
    folder = tmp_path / "kg.store"
    sample_store(folder)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "query",
            "--named",
            "dyad-history",
            "--param",
            "a=Xi Jinping",
            "--param",
            "b=Donald Trump",
            "--format",
            "json",
            "--store",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert [b["predicate"]["value"] for b in bindings] == ["pressures"]
    listing = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--list"], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )
    assert "actor-timeline" in listing.stdout and "statements-by-source" in listing.stdout


def test_binding_an_iri_term_directly(store: GraphStore) -> None:
    query = named_queries()["relations-of-actor"]
    result = store.query(query.text, bindings={"actor": ox.NamedNode("https://w3id.org/geokg/actor/taiwan")})
    assert {row["predicate"] for row in result.dicts()} == {"providesAidTo", "attacks"}


def test_an_actor_acting_on_itself_is_listed_once() -> None:
    from kg.types import Article, Evidence, Statement
    from tests.store.records import CHINA

    art = Article(doc_id="self", text="China reassured China.", title="Self")
    evidence = Evidence("self", art.sha256, art.text, 0, len(art.text))
    with GraphStore.open(None) as store:
        store.add_article(art, [Statement(CHINA, "assures", CHINA, evidence)], run=RUN)
        assert [r["predicate"] for r in run(store, "actor-timeline", actor="China")] == ["assures"]
        assert run(store, "dyad-history", a="China", b="China") == []  # a dyad needs two actors
        degree = named_queries()["actor-degree"]
        for text in (degree.text, degree.standard_text):
            rows = store.query(text).dicts()
            assert [(r["label"], r["statements"], r["outgoing"], r["incoming"], r["partners"]) for r in rows] == [
                ("China", 1, 1, 1, 1)
            ]


def test_actor_degree_agrees_with_a_count_in_python() -> None:
    """Degrees over many actors, negated statements and labels alike in their first letters."""
    rng = random.Random(7)
    # labels equal in their first 12 or more characters: the query sorts on a prefix first
    actors = [Actor(f"region-{i}", f"Northern Region {chr(65 + i)}", "Organization") for i in range(6)]
    actors += [Actor("state-a", "State A", "State"), Actor("state-b", "State B", "State")]
    expected: dict[str, dict[str, object]] = defaultdict(
        lambda: {"statements": 0, "outgoing": 0, "incoming": 0, "partners": set()}
    )
    with GraphStore.open(None) as store:
        for i in range(12):
            sentences = [f"Sentence {j} of report {i}." for j in range(5)]
            art = Article(doc_id=f"report-{i:03d}", text="\n".join(sentences), title=f"Report {i}")
            made = []
            for sentence in sentences:
                subject, object_ = rng.sample(actors, 2)
                negated = rng.random() < 0.25
                made.append(
                    Statement(subject, "pressures", object_, evidence(art, sentence), negated=negated, confidence=0.5)
                )
                if not negated:
                    for actor, other, side in ((subject, object_, "outgoing"), (object_, subject, "incoming")):
                        row = expected[actor.label]
                        row["statements"] += 1  # type: ignore[operator]
                        row[side] += 1  # type: ignore[operator]
                        row["partners"].add(other.label)  # type: ignore[union-attr]
            store.add_article(art, made, run=RUN)
        rows = run(store, "actor-degree")
        standard = store.query(named_queries()["actor-degree"].standard_text).dicts()
    assert standard == rows  # the SPARQL 1.1 form for servers (rq/standard/) agrees
    got = {r["label"]: (r["statements"], r["outgoing"], r["incoming"], r["partners"]) for r in rows}
    assert got == {
        label: (row["statements"], row["outgoing"], row["incoming"], len(row["partners"]))  # type: ignore[arg-type]
        for label, row in expected.items()
    }
    labels = [r["label"] for r in rows]
    assert labels == sorted(labels, key=lambda k: (-got[k][0], k))


def _kg_query(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "kg", "query", *args, "--format", "csv", "--store", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )


def test_kg_query_names_an_actor_by_label_key_or_iri_and_refuses_a_missing_or_unknown_one(tmp_path: Path) -> None:
    folder = tmp_path / "kg.store"
    sample_store(folder)
    rows = {}
    for given in ("Xi Jinping", "xi jinping", "xi-jinping", "https://w3id.org/geokg/actor/xi-jinping"):
        result = _kg_query(folder, "--named", "relations-of-actor", "--param", f"actor={given}")
        assert result.returncode == 0, result.stderr
        rows[given] = result.stdout
    assert len(set(rows.values())) == 1 and len(rows["Xi Jinping"].splitlines()) > 1
    missing = _kg_query(folder, "--named", "relations-of-actor")
    assert missing.returncode == 2 and missing.stderr.startswith("error E169:")
    assert "--param actor=" in missing.stderr
    unknown = _kg_query(folder, "--named", "relations-of-actor", "--param", "actor=Xi Jinpin")
    assert unknown.returncode == 2 and unknown.stderr.startswith("error E623:")
    assert "did you mean Xi Jinping?" in unknown.stderr


def test_optional_parameters_may_be_left_out() -> None:
    timeline = named_queries()["actor-timeline"]
    assert timeline.required == ("actor",)
    assert timeline.bind({"actor": "China"}) == {"actorLabel": ox.Literal("China")}
    with pytest.raises(InputError) as error:
        named_queries()["dyad-history"].bind({"a": "China"})
    assert error.value.code == "E169" and "--param b=" in error.value.message
