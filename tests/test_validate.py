"""kg validate: SHACL shapes (ontology/shapes.ttl) through pyshacl.

Good stores conform (the hand-built records and the seed article); each kind of broken data is
reported with a readable line naming the node, the property and what is expected.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from kg.errors import InputError
from kg.rdf.convert import MODALITY_IRIS
from kg.rdf.iris import ACTORS_GRAPH, GKG_NS
from kg.resources import ontology_path
from kg.store import GraphStore
from kg.validate import load_shapes, validate_graph, validate_store
from kg.vocab import PREDICATES
from tests.conftest import SEEDS
from tests.store.records import RUN, UNKNOWN, article, sample_store, statements

ROOT = Path(__file__).resolve().parents[1]
GKG = rdflib.Namespace(GKG_NS)
G = "https://w3id.org/geokg/graph/actors"


@pytest.fixture()
def store() -> Iterator[GraphStore]:
    with GraphStore.open(None) as opened:
        art = article()
        opened.add_article(art, statements(art), [UNKNOWN], run=RUN)
        yield opened


def statement_iri(store: GraphStore, predicate: str) -> str:
    return next(r.id for r in store.iter_statements() if r.predicate == predicate)


def test_the_sample_store_conforms(store: GraphStore) -> None:
    report = validate_store(store)
    assert report.conforms and bool(report)
    assert report.violations == ()
    assert report.text() == f"conforms: {report.triples} triples checked against the geokg shapes"
    assert report.triples == store.stats()["triples"]


def test_shapes_know_every_predicate_and_modality() -> None:
    shapes = load_shapes()
    lists = {}
    for prop in shapes.objects(None, SH.property):
        path = shapes.value(prop, SH.path)
        members = shapes.value(prop, SH["in"])
        if members is not None:
            lists[path] = {str(m) for m in rdflib.collection.Collection(shapes, members)}
    assert lists[rdflib.RDF.predicate] == {p.iri for p in PREDICATES.values()}
    assert lists[GKG.modality] == set(MODALITY_IRIS.values())
    # every constraint says what it expects
    for prop in shapes.objects(None, SH.property):
        assert shapes.value(prop, SH.message) is not None


# (SPARQL update that breaks the sample store, focus shown, text the line must contain)
BROKEN = {
    "two labels": (
        'INSERT DATA {{ GRAPH <{G}> {{ actor:china rdfs:label "PRC" }} }}',
        "actor:china rdfs:label",
        "an actor has exactly one rdfs:label",
    ),
    "two classes": (
        "INSERT DATA {{ GRAPH <{G}> {{ actor:taiwan a gkg:Person }} }}",
        "actor:taiwan rdf:type",
        "an actor is exactly one of State, Person",
    ),
    "bad wikidata link": (
        "DELETE DATA {{ GRAPH <{G}> {{ actor:taiwan owl:sameAs wd:Q865 }} }} ; "
        "INSERT DATA {{ GRAPH <{G}> {{ actor:taiwan owl:sameAs <http://example.org/taiwan> }} }}",
        "actor:taiwan owl:sameAs",
        "one Wikidata item",
    ),
    "bad country code": (
        'DELETE DATA {{ GRAPH <{G}> {{ actor:taiwan gkg:countryCode "TWN" }} }} ; '
        'INSERT DATA {{ GRAPH <{G}> {{ actor:taiwan gkg:countryCode "TW" }} }}',
        "actor:taiwan gkg:countryCode",
        'ISO 3166-1 alpha-3 code such as "CHN" (value "TW")',
    ),
    "bad actor IRI": (
        'INSERT DATA {{ GRAPH <{G}> {{ actor:Bad_Key a gkg:Actor, gkg:State ; rdfs:label "Bad" }} }}',
        "actor:Bad_Key",
        "followed by a lower-case slug",
    ),
    "confidence above 1": (
        "DELETE {{ GRAPH ?g {{ <{st}> gkg:confidence ?c }} }} "
        "INSERT {{ GRAPH ?g {{ <{st}> gkg:confidence 1.5 }} }} "
        "WHERE {{ GRAPH ?g {{ <{st}> gkg:confidence ?c }} }}",
        "{short} gkg:confidence",
        'an xsd:decimal from 0 to 1 (value "1.5")',
    ),
    "unknown predicate": (
        "DELETE {{ GRAPH ?g {{ <{st}> rdf:predicate ?p }} }} "
        "INSERT {{ GRAPH ?g {{ <{st}> rdf:predicate gkg:likes }} }} "
        "WHERE {{ GRAPH ?g {{ <{st}> rdf:predicate ?p }} }}",
        "{short} rdf:predicate",
        "one of the relations of the ontology (docs/rdf-model.md)",
    ),
    "negated is text": (
        "DELETE {{ GRAPH ?g {{ <{st}> gkg:negated ?n }} }} "
        'INSERT {{ GRAPH ?g {{ <{st}> gkg:negated "maybe" }} }} '
        "WHERE {{ GRAPH ?g {{ <{st}> gkg:negated ?n }} }}",
        "{short} gkg:negated",
        "true or false (xsd:boolean)",
    ),
    "offsets the wrong way round": (
        "DELETE {{ GRAPH ?g {{ <{st}> gkg:charStart ?n }} }} "
        "INSERT {{ GRAPH ?g {{ <{st}> gkg:charStart 100000 }} }} "
        "WHERE {{ GRAPH ?g {{ <{st}> gkg:charStart ?n }} }}",
        "{short} gkg:charStart",
        "below gkg:charEnd",
    ),
    "no evidence": (
        "DELETE WHERE {{ GRAPH ?g {{ <{st}> gkg:evidence ?e }} }}",
        "{short} gkg:evidence",
        "exactly one gkg:evidence, the sentence",
    ),
    "subject not described": (
        "DELETE {{ GRAPH ?g {{ <{st}> rdf:subject ?s }} }} "
        "INSERT {{ GRAPH ?g {{ <{st}> rdf:subject actor:nobody }} }} "
        "WHERE {{ GRAPH ?g {{ <{st}> rdf:subject ?s }} }}",
        "{short} rdf:subject",
        "a described gkg:Actor (value actor:nobody)",
    ),
    "direct triple missing": (
        "DELETE WHERE {{ GRAPH ?g {{ actor:xi-jinping gkg:pressures actor:donald-trump }} }}",
        "{short}",
        "actual and not negated, but its direct triple",
    ),
    "article without doc_id": (
        "DELETE WHERE {{ GRAPH ?g {{ ?g dcterms:identifier ?id }} }}",
        "article:",
        "exactly one dcterms:identifier",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_data_is_reported_readably(store: GraphStore, case: str) -> None:
    update, where, expected = BROKEN[case]
    st = statement_iri(store, "pressures")
    short = "stmt:" + st.rsplit("/", 1)[1]
    prologue = "".join(
        f"PREFIX {p}: <{ns}>\n"
        for p, ns in {
            "gkg": GKG_NS,
            "actor": "https://w3id.org/geokg/actor/",
            "rdf": str(rdflib.RDF),
            "rdfs": str(rdflib.RDFS),
            "owl": str(rdflib.OWL),
            "wd": "http://www.wikidata.org/entity/",
            "dcterms": "http://purl.org/dc/terms/",
        }.items()
    )
    store.oxigraph.update(prologue + update.format(st=st, G=G))
    report = validate_store(store)
    assert not report.conforms
    lines = report.text().splitlines()
    where = where.format(short=short)
    assert any(line.startswith(where) and expected in line for line in lines), lines
    assert lines[-1].startswith(f"does not conform: {len(report.violations)} violation")


def test_text_limit_and_custom_shapes(store: GraphStore, tmp_path: Path) -> None:
    store.oxigraph.update(
        f"INSERT DATA {{ GRAPH <{ACTORS_GRAPH}> {{ <https://w3id.org/geokg/actor/china> "
        f'<http://www.w3.org/2000/01/rdf-schema#label> "A", "B" }} }}'
    )
    report = validate_store(store)
    assert report.text(limit=0).splitlines()[0] == f"… and {len(report.violations)} more"
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix gkg: <https://w3id.org/geokg/ontology#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass gkg:Statement ; sh:property [ sh:path gkg:rule ;"
        ' sh:minCount 2 ; sh:message "two rules wanted" ] .\n'
    )
    custom = validate_store(store, shapes=shapes)
    assert {v.message for v in custom.violations} == {"two rules wanted"}
    with pytest.raises(InputError) as error:
        load_shapes(tmp_path / "missing.ttl")
    assert error.value.code == "E395"
    (tmp_path / "bad.ttl").write_text("this is not turtle")
    with pytest.raises(InputError) as error:
        load_shapes(tmp_path / "bad.ttl")
    assert error.value.code == "E396"


def test_validate_graph_takes_any_rdflib_graph() -> None:
    graph = rdflib.Graph()
    graph.parse(ontology_path("geokg.ttl"))
    assert validate_graph(graph).conforms  # the ontology alone: nothing is targeted


# ---------------------------------------------------------------- kg validate


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300, env=env, cwd=ROOT
    )


def test_kg_validate_exit_codes_and_formats(tmp_path: Path) -> None:
    folder = tmp_path / "kg.store"
    sample_store(folder)
    result = kg("validate", "--store", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("conforms: ")
    with GraphStore.open(folder) as store:
        store.oxigraph.update(
            f"INSERT DATA {{ GRAPH <{ACTORS_GRAPH}> {{ <https://w3id.org/geokg/actor/taiwan> "
            '<https://w3id.org/geokg/ontology#countryCode> "TW" } }'
        )
    result = kg("validate", "--store", str(folder))
    assert result.returncode == 1
    assert (
        'actor:taiwan gkg:countryCode: gkg:countryCode is one ISO 3166-1 alpha-3 code such as "CHN" (value "TW")'
    ) in result.stdout.splitlines()
    assert result.stderr.startswith("error E398: the store breaks")
    result = kg("validate", "--store", str(folder), "--format", "json")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert doc["conforms"] is False and {v["focus"] for v in doc["violations"]} == {"actor:taiwan"}
    result = kg("validate", "--store", str(folder), "--format", "ttl")
    report = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert (None, SH.conforms, rdflib.Literal(False)) in report
    result = kg("validate", "--store", str(tmp_path / "nothing"))
    assert result.returncode == 1 and result.stderr.startswith("error E320")


@pytest.mark.slow
def test_the_seed_store_conforms(tmp_path: Path) -> None:
    folder = tmp_path / "seeds.store"
    result = kg("build", str(SEEDS), "--store", str(folder))
    assert result.returncode == 0, result.stderr
    result = kg("validate", "--store", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("conforms: ")
