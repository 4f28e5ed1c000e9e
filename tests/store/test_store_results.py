"""kg.store.results: python values of terms and the output formats of query results."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.errors import InputError
from kg.rdf.iris import actor_iri
from kg.store import GraphStore, QueryResult, format_result, result_table
from kg.store.results import shorten, to_python
from tests.store.records import RUN, XI, article, statements

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture()
def store() -> Iterator[GraphStore]:
    art = article()
    with GraphStore.open(None) as opened:
        opened.add_article(art, statements(art), run=RUN)
        yield opened


@pytest.mark.parametrize(
    ("term", "value"),
    [
        (ox.Literal("x"), "x"),
        (ox.Literal("x", language="en"), "x"),
        (ox.Literal(7), 7),
        (ox.Literal("0.82", datatype=ox.NamedNode(XSD + "decimal")), 0.82),
        (ox.Literal(True), True),
        (ox.Literal("2025-09-29", datatype=ox.NamedNode(XSD + "date")), date(2025, 9, 29)),
        (ox.Literal("2025", datatype=ox.NamedNode(XSD + "gYear")), "2025"),
        (None, None),
    ],
)
def test_to_python(term: ox.Literal | None, value: object) -> None:
    assert to_python(term) == value
    assert type(to_python(term)) is type(value)


def test_to_python_keeps_terms_it_cannot_convert() -> None:
    iri = ox.NamedNode("https://w3id.org/geokg/actor/china")
    assert to_python(iri) is iri
    bad = ox.Literal("many", datatype=ox.NamedNode(XSD + "integer"))
    assert to_python(bad) == bad


def test_json_is_sparql_results_json(store: GraphStore) -> None:
    result = store.query(
        "SELECT ?s ?label ?cs ?missing WHERE { ?s gkg:pressures ?o ; rdfs:label ?label . "
        "?st rdf:subject ?s ; rdf:predicate gkg:pressures ; gkg:charStart ?cs . "
        "OPTIONAL { ?s gkg:nothing ?missing } }"
    )
    doc = json.loads(format_result(result, "json"))
    assert doc["head"] == {"vars": ["s", "label", "cs", "missing"]}
    (binding,) = doc["results"]["bindings"]
    assert binding["s"] == {"type": "uri", "value": actor_iri(XI.key)}
    assert binding["label"] == {"type": "literal", "value": "Xi Jinping"}
    assert binding["cs"]["datatype"] == XSD + "integer"
    assert "missing" not in binding
    ask = json.loads(format_result(store.query("ASK { ?s gkg:pressures ?o }"), "json"))
    assert ask == {"head": {}, "boolean": True}


def test_json_round_trips_through_pyoxigraph(store: GraphStore) -> None:
    result = store.query("SELECT ?st ?sentence WHERE { ?st gkg:evidence ?sentence }")
    text = format_result(result, "json")
    parsed = ox.parse_query_results(text.encode(), format=ox.QueryResultsFormat.JSON)
    assert sorted((s["st"], s["sentence"]) for s in parsed) == sorted(result.terms)


def test_csv_and_tsv(store: GraphStore) -> None:
    result = store.query(
        "SELECT ?s ?sentence WHERE { ?st rdf:subject ?s ; gkg:evidence ?sentence ; rdf:predicate gkg:providesAidTo }"
    )
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0] == ["s", "sentence"]
    assert rows[1] == [
        "https://w3id.org/geokg/actor/donald-trump",
        "Trump declined to approve military aid to Taiwan, The Wall Street Journal reported.",
    ]
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0] == "?s\t?sentence"
    assert tsv[1].split("\t") == [
        "<https://w3id.org/geokg/actor/donald-trump>",
        '"Trump declined to approve military aid to Taiwan, The Wall Street Journal reported."',
    ]


def test_tsv_escapes_tabs_and_newlines() -> None:
    result = QueryResult("select", ("x",), ((ox.Literal("a\tb\nc"),),))
    lines = format_result(result, "tsv").splitlines()
    assert lines == ["?x", '"a\\tb\\nc"']


def test_table_shortens_iris_and_ignores_markup() -> None:
    result = QueryResult(
        "select",
        ("who", "said"),
        ((ox.NamedNode("https://w3id.org/geokg/actor/china"), ox.Literal("[bold red]boo[/]")),),
    )
    text = format_result(result, "table")
    assert "actor:china" in text
    assert "[bold red]boo[/]" in text
    assert "1 row" in text
    assert result_table(result).row_count == 1


def test_graph_results_as_turtle_and_ntriples(store: GraphStore) -> None:
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } ?g a schema:NewsArticle }")
    assert result.kind == "graph"
    turtle = format_result(result)  # Turtle by default
    assert "@prefix gkg:" in turtle
    parsed = Graph().parse(data=turtle, format="turtle")
    assert len(parsed) == len(result.triples)
    ntriples = format_result(result, "nt")
    assert len(Graph().parse(data=ntriples, format="nt")) == len(result.triples)


def test_format_not_fitting_the_result_kind(store: GraphStore) -> None:
    with pytest.raises(InputError) as error:
        format_result(store.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"), "ttl")
    assert error.value.code == "E340"
    with pytest.raises(InputError):
        format_result(store.query("DESCRIBE actor:china"), "csv")


def test_shorten_uses_the_longest_namespace() -> None:
    assert shorten(ox.NamedNode("https://w3id.org/geokg/ontology#pressures")) == "gkg:pressures"
    assert shorten(ox.NamedNode("https://example.org/x")) == "https://example.org/x"
    assert shorten(ox.NamedNode("https://w3id.org/geokg/actor/xi/role/1")) == ("https://w3id.org/geokg/actor/xi/role/1")


def test_dicts_leave_out_unbound_variables() -> None:
    result = QueryResult("select", ("a", "b"), ((ox.Literal(1), None),))
    assert result.dicts() == [{"a": 1}]
    assert list(result) == [(1, None)]
