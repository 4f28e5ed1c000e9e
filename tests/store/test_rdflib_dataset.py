"""rdflib_dataset: an rdflib Dataset over the same Oxigraph store, for notebooks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rdflib

from kg.errors import StoreError
from kg.namespaces import ACTOR, GKG
from kg.rdf.iris import article_iri
from kg.store import GraphStore, RemoteStore, rdflib_dataset
from tests.store.records import RUN, article, statements


@pytest.fixture()
def store() -> Iterator[GraphStore]:
    with GraphStore.open(None) as opened:
        art = article()
        opened.add_article(art, statements(art), run=RUN)
        yield opened


def test_queries_see_the_union_with_geokg_prefixes(store: GraphStore) -> None:
    ds = rdflib_dataset(store)
    rows = list(ds.query("SELECT ?s ?o WHERE { ?s gkg:pressures ?o }"))
    assert [(s, o) for s, o in rows] == [(ACTOR["xi-jinping"], ACTOR["donald-trump"])]
    # actor descriptions (actors graph) and statements (article graph) join in one query
    rows = list(ds.query("SELECT ?label WHERE { ?st rdf:subject ?a . ?a rdfs:label ?label } ORDER BY ?label"))
    assert [str(r[0]) for r in rows][:2] == ["China", "Donald Trump"]
    assert ds.query("ASK { actor:donald-trump gkg:providesAidTo actor:taiwan }").askAnswer is False


def test_graphs_and_triples_are_the_stores(store: GraphStore) -> None:
    art = article()
    ds = rdflib_dataset(store)
    graph = ds.graph(rdflib.URIRef(article_iri(art.sha256)))
    assert len(graph) == len(store.quads(article_iri(art.sha256)))
    assert (ACTOR["xi-jinping"], GKG.pressures, ACTOR["donald-trump"]) in graph
    assert {str(g.identifier) for g in ds.graphs()} >= {article_iri(art.sha256)}
    assert dict(ds.namespaces())["gkg"] == rdflib.URIRef(str(GKG._NS))


def test_writes_through_rdflib_reach_the_store(store: GraphStore) -> None:
    ds = rdflib_dataset(store)
    notes = ds.graph(rdflib.URIRef("https://example.org/notes"))
    notes.add((ACTOR["china"], GKG.pressures, ACTOR["taiwan"]))
    result = store.query("SELECT ?o WHERE { actor:china gkg:pressures ?o }")
    assert [row[0].value for row in result.terms] == [str(ACTOR["taiwan"])]


def test_no_view_of_a_remote_store() -> None:
    remote = RemoteStore("http://127.0.0.1:9")  # never contacted
    with pytest.raises(StoreError) as error:
        rdflib_dataset(remote)  # type: ignore[arg-type]
    assert error.value.code == "E391"
