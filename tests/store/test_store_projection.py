"""kg.store.projection: finding and extending the SELECT clause of a query text."""
from __future__ import annotations

import pytest

from kg.store.projection import mentions_variable, project_variables, selected_variables


@pytest.mark.parametrize(
    ("query", "selected"),
    [
        ("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s", "o"}),
        ("select distinct $s { ?s ?p ?o }", {"s"}),
        ("SELECT * WHERE { ?s ?p ?o }", {"*"}),
        ("SELECT REDUCED * { ?s ?p ?o }", {"*"}),
        ("PREFIX ex: <http://e.org/#> # SELECT ?hidden {\nSELECT ?x WHERE { ?x ?p ?o }", {"x"}),
        ('SELECT (CONCAT("(", ?a, " WHERE {") AS ?label) WHERE { ?a ?p ?o }', {"label"}),
        ("SELECT ?s FROM <http://g> WHERE { ?s ?p ?o }", {"s"}),
        ("SELECT ?s WHERE { { SELECT ?s ?inner WHERE { ?s ?p ?inner } } }", {"s"}),
    ],
)
def test_selected_variables(query: str, selected: set[str]) -> None:
    assert selected_variables(query) == selected


@pytest.mark.parametrize(
    "query", ["ASK { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "DESCRIBE <http://x>"]
)
def test_other_query_forms_have_no_select_clause(query: str) -> None:
    assert selected_variables(query) is None
    assert project_variables(query, ["s"]) == (query, [])


def test_project_adds_only_missing_names() -> None:
    query = "SELECT ?s WHERE { ?s rdfs:label ?label ; gkg:countryCode ?code }"
    text, added = project_variables(query, ["s", "label", "code"])
    assert added == ["label", "code"]
    assert selected_variables(text) == {"s", "label", "code"}
    assert text.endswith("WHERE { ?s rdfs:label ?label ; gkg:countryCode ?code }")
    assert project_variables(text, ["label"]) == (text, [])
    assert project_variables("SELECT * { ?s ?p ?label }", ["label"]) == (
        "SELECT * { ?s ?p ?label }", []
    )


def test_only_plain_names_are_written() -> None:
    with pytest.raises(ValueError):
        project_variables("SELECT ?s WHERE { ?s ?p ?o }", ["o } ; DROP ALL #"])


def test_mentions_variable_ignores_strings_and_iris() -> None:
    query = 'SELECT ?s WHERE { ?s <http://e.org/?label> "?label" ; ?p $code }'
    assert not mentions_variable(query, "label")
    assert mentions_variable(query, "code")
    assert mentions_variable(query, "s")
