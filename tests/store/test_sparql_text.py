"""kg.store.sparql_text: form, SELECT clause, WHERE group and variables of a query text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.store.sparql_text import (
    mentions_variable,
    outline,
    project_variables,
    query_form,
    selected_variables,
    tokens,
    where_group,
)

PROLOGUE = "BASE <http://e.org/> PREFIX ex: <http://e.org/#>\n"


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT"),
        ("select ?s { ?s ?p ?o }", "SELECT"),
        ("ask { ?s ?p ?o }", "ASK"),
        ("Construct { ?s ?p ?o } where { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://e.org/a>", "DESCRIBE"),
        (PROLOGUE + "ASK { ?s ex:select ?o }", "ASK"),
        ("# SELECT ?x { }\nASK { ?s ?p ?o }", "ASK"),
        ('PREFIX ex: <http://e.org/select#> ASK { ?s ?p "SELECT" }', "ASK"),
        ("INSERT DATA { <http://e.org/a> <http://e.org/p> 1 }", None),
        ("", None),
        ("# only a comment", None),
    ],
)
def test_query_form(query: str, form: str | None) -> None:
    assert query_form(query) == form


SELECTED = [
    ("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s", "o"}),
    ("select distinct $s { ?s ?p ?o }", {"s"}),
    ("SELECT * WHERE { ?s ?p ?o }", {"*"}),
    ("SELECT REDUCED * { ?s ?p ?o }", {"*"}),
    ("PREFIX ex: <http://e.org/#> # SELECT ?hidden {\nSELECT ?x WHERE { ?x ?p ?o }", {"x"}),
    (PROLOGUE + "select ?x where { ?x ex:p <rel> }", {"x"}),
    ('SELECT (CONCAT("(", ?a, " WHERE {") AS ?label) WHERE { ?a ?p ?o }', {"label"}),
    ("SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s", {"s", "n"}),
    ("SELECT ?s FROM <http://g> WHERE { ?s ?p ?o }", {"s"}),
    ("SELECT ?s WHERE { { SELECT ?s ?inner WHERE { ?s ?p ?inner } } }", {"s"}),
    ("SELECT ?s (EXISTS { ?s ?p 1 } AS ?e) WHERE { ?s ?p ?o }", {"s", "e"}),
    ('SELECT ?s WHERE { ?s ?p "# {" . ?s ?q """{ ?x\n}""" }', {"s"}),
]


@pytest.mark.parametrize(("query", "selected"), SELECTED)
@pytest.mark.parametrize("parse", [True, False], ids=["oxigraph", "tokens"])
def test_selected_variables(query: str, selected: set[str], parse: bool) -> None:
    assert selected_variables(query, parse=parse) == selected


def test_text_oxigraph_cannot_parse_falls_back_to_the_tokens() -> None:
    query = "SELECT ?s ?o WHERE { ?s vendor:extension ?o }"  # unknown prefix
    assert selected_variables(query) == {"s", "o"}


@pytest.mark.parametrize(
    "query", ["ASK { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "DESCRIBE <http://x>"]
)
def test_other_query_forms_have_no_select_clause(query: str) -> None:
    assert selected_variables(query) is None
    assert outline(query).projection is None
    assert project_variables(query, ["s"]) == (query, [])


@pytest.mark.parametrize(
    ("query", "names", "expected", "added"),
    [
        (
            "SELECT ?s WHERE { ?s rdfs:label ?label ; gkg:countryCode ?code }",
            ["s", "label", "code"],
            "SELECT ?s ?label ?code WHERE { ?s rdfs:label ?label ; gkg:countryCode ?code }",
            ["label", "code"],
        ),
        (
            "select ?s\n# where {\nwhere { ?s ?p ?label }",
            ["label"],
            "select ?s ?label\n# where {\nwhere { ?s ?p ?label }",
            ["label"],
        ),
        (
            "SELECT ?s FROM <http://g> { ?s ?p ?label }",
            ["label"],
            "SELECT ?s ?label FROM <http://g> { ?s ?p ?label }",
            ["label"],
        ),
        (
            "SELECT (EXISTS { ?s ?p 1 } AS ?e) WHERE { ?s ?p ?label }",
            ["label"],
            "SELECT (EXISTS { ?s ?p 1 } AS ?e) ?label WHERE { ?s ?p ?label }",
            ["label"],
        ),
        ("SELECT * { ?s ?p ?label }", ["label"], "SELECT * { ?s ?p ?label }", []),
        ("SELECT ?label WHERE { ?s ?p ?label }", ["label"], "SELECT ?label WHERE { ?s ?p ?label }", []),
    ],
)
def test_project_adds_only_missing_names(query: str, names: list[str], expected: str, added: list[str]) -> None:
    assert project_variables(query, names) == (expected, added)
    ox.Store().query(expected, prefixes={"rdfs": "http://r/", "gkg": "http://g/"})  # still SPARQL


def test_only_plain_names_are_written() -> None:
    with pytest.raises(ValueError):
        project_variables("SELECT ?s WHERE { ?s ?p ?o }", ["o } ; DROP ALL #"])


@pytest.mark.parametrize(
    ("query", "name", "mentioned"),
    [
        ('SELECT ?s WHERE { ?s <http://e.org/?label> "?label" ; ?p $code }', "label", False),
        ('SELECT ?s WHERE { ?s <http://e.org/?label> "?label" ; ?p $code }', "code", True),
        ('SELECT ?s WHERE { ?s <http://e.org/?label> "?label" ; ?p $code }', "s", True),
        ("SELECT ?s WHERE { ?s ?p ?o } # ?label", "label", False),
        ("SELECT ?s WHERE { ?s ?p '''?label\n''' }", "label", False),
        ("SELECT ?s WHERE { ?s ?p ?labels }", "label", False),
    ],
)
def test_mentions_variable(query: str, name: str, mentioned: bool) -> None:
    assert mentions_variable(query, name) is mentioned


@pytest.mark.parametrize(
    ("query", "inner"),
    [
        ("SELECT ?o WHERE { ?s ?p ?o }", " ?s ?p ?o "),
        ('# { not here\nSELECT ?o { ?s ?p "}{" ; <http://x/p#c> ?o }', ' ?s ?p "}{" ; <http://x/p#c> ?o '),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", " ?s ?p ?o "),
        ("construct { ?s ?p ?o } where { ?s ?q ?o }", " ?s ?q ?o "),
        ("SELECT (EXISTS { ?s ?p 1 } AS ?e) WHERE { ?s ?p ?o }", " ?s ?p ?o "),
        (PROLOGUE + "DESCRIBE ?s WHERE { ?s ex:p 1 }", " ?s ex:p 1 "),
        ("ASK { ?s ?p ?o } VALUES ?o { 1 }", " ?s ?p ?o "),
    ],
)
def test_where_group(query: str, inner: str) -> None:
    group = where_group(query)
    assert group is not None
    start, end, is_subselect = group
    assert query[start] == "{" and query[end] == "}"
    assert query[start + 1 : end] == inner
    assert not is_subselect


def test_where_group_that_is_a_subquery() -> None:
    query = "SELECT ?s WHERE { # inner\n select ?s WHERE { ?s ?p ?o } }"
    assert where_group(query) == (16, len(query) - 1, True)


@pytest.mark.parametrize(
    "query",
    [
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "DESCRIBE ?s",
        "construct where { ?s ?p ?o } VALUES ?o { 1 }",
        "INSERT DATA { <http://e.org/a> <http://e.org/p> 1 }",
        "{ ?s ?p ?o }",
    ],
)
def test_no_where_group(query: str) -> None:
    assert where_group(query) is None


def test_tokens_skip_comments_and_keep_offsets() -> None:
    query = "SELECT ?s # ?x {\n{ ?s ex:p 'it''s' ; a :Thing ; ex:q 1.5 . _:b ex:r <http://e.org/#x> }"
    found = list(tokens(query))
    assert [(t.kind, t.text) for t in found] == [
        ("word", "SELECT"),
        ("var", "?s"),
        ("punct", "{"),
        ("var", "?s"),
        ("word", "ex:p"),
        ("string", "'it'"),
        ("string", "'s'"),
        ("punct", ";"),
        ("word", "a"),
        ("word", ":Thing"),
        ("punct", ";"),
        ("word", "ex:q"),
        ("number", "1.5"),
        ("punct", "."),
        ("word", "_:b"),
        ("word", "ex:r"),
        ("iri", "<http://e.org/#x>"),
        ("punct", "}"),
    ]
    assert all(query[t.start : t.end] == t.text for t in found)


def test_unterminated_string_runs_to_the_end() -> None:
    assert [t.kind for t in tokens('SELECT ?s { ?s ?p "{ ')] == ["word", "var", "punct", "var", "var", "string"]
