"""kg.namespaces: the GKG class lists exactly the terms of ontology/geokg.ttl."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from kg import terms
from kg.namespaces import (
    ACTOR,
    ARTICLE,
    GKG,
    PREFIXES,
    SCHEMA,
    STMT,
    WD,
    bind_namespaces,
    named_node,
)
from kg.rdf import iris
from kg.resources import ontology_path


def _ontology_terms() -> set[str]:
    names = set()
    for triple in ox.parse(path=str(ontology_path("geokg.ttl"))):
        subject = triple.subject
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(iris.GKG_NS):
            names.add(subject.value[len(iris.GKG_NS) :])
    return names


def test_gkg_class_and_ontology_list_the_same_terms() -> None:
    declared = set(GKG.__annotations__)
    assert declared == _ontology_terms()


def test_every_declared_term_resolves_to_the_gkg_namespace() -> None:
    for name in GKG.__annotations__:
        assert getattr(GKG, name) == URIRef(iris.GKG_NS + name)


@pytest.mark.parametrize(
    "lookup",
    [
        lambda: GKG.pressure,
        lambda: GKG["Group"],
        lambda: SCHEMA.headLine,
    ],
)
def test_unknown_term_fails(lookup) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AttributeError):
        lookup()  # a typo must not mint a new IRI


def test_named_node_is_the_pyoxigraph_node_of_a_term() -> None:
    assert named_node(GKG.pressures) == ox.NamedNode(iris.GKG_NS + "pressures")
    assert named_node(SCHEMA.NewsArticle) == ox.NamedNode("https://schema.org/NewsArticle")


def test_iris_mints_in_the_vocabulary_namespaces() -> None:
    assert iris.actor_iri("china") == str(ACTOR["china"])
    assert iris.article_iri("ab" * 32).startswith(str(ARTICLE))
    assert iris.run_iri("0.1.0", "abc").startswith(iris.RUN_NS)
    assert iris.ACTORS_GRAPH == "https://w3id.org/geokg/graph/actors"
    assert iris.ONTOLOGY_GRAPH == "https://w3id.org/geokg/graph/ontology"


def test_plain_namespaces_follow_the_iri_constants() -> None:
    assert ACTOR["china"] == URIRef(iris.actor_iri("china"))
    assert str(STMT) == iris.STATEMENT_NS
    assert str(ARTICLE) == iris.ARTICLE_NS
    assert str(SCHEMA) == "https://schema.org/"
    assert WD["Q148"] == URIRef("http://www.wikidata.org/entity/Q148")


def test_bind_namespaces_binds_every_prefix() -> None:
    graph = bind_namespaces(Graph())
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    for prefix, namespace in PREFIXES.items():
        assert bound[prefix] == namespace
    graph.add((ACTOR["xi-jinping"], GKG.pressures, ACTOR["donald-trump"]))
    turtle = graph.serialize(format="turtle")
    assert "actor:xi-jinping gkg:pressures actor:donald-trump" in turtle


def test_plain_terms_are_the_strings_of_the_rdflib_terms() -> None:
    import rdflib

    assert list(terms.GKG) == list(GKG.__annotations__)
    assert list(terms.SCHEMA) == list(SCHEMA.__annotations__)
    for name in terms.GKG:
        assert getattr(terms.GKG, name) == terms.GKG[name] == str(getattr(GKG, name))
    standard = {
        terms.RDF: rdflib.RDF,
        terms.RDFS: rdflib.RDFS,
        terms.OWL: rdflib.OWL,
        terms.SKOS: rdflib.SKOS,
        terms.PROV: rdflib.PROV,
        terms.DCTERMS: rdflib.DCTERMS,
        terms.XSD: rdflib.XSD,
    }
    for plain, checked in standard.items():
        for name in plain:
            assert getattr(plain, name) == str(checked[name])
    assert terms.PREFIXES == PREFIXES


@pytest.mark.parametrize(
    "lookup",
    [lambda: terms.GKG.pressure, lambda: terms.GKG["Group"], lambda: terms.XSD.int],
)
def test_unknown_plain_term_fails(lookup) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises((AttributeError, KeyError)):
        lookup()
