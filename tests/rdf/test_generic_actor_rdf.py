"""Generic actors downstream: RDF description, JSON Lines, the store's read side and SHACL.

A generic actor (ONTOLOGY.md, "Generic actors") is written with its class, label, the phrases
seen as ``skos:altLabel``, ``gkg:countryCode``, ``gkg:sector`` and ``gkg:partOf`` its state;
the shapes accept it and report a bad sector, a missing state, a Person and a wrong class.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from kg.actors.context import actors_for
from kg.actors.generic import Sector, generic_actor
from kg.extract.resources import get_kb
from kg.rdf.convert import actor_quads
from kg.rdf.iris import ACTORS_GRAPH, GKG_NS, actor_iri
from kg.rdf.records import actor_to_json
from kg.store import GraphStore
from kg.types import Actor, Statement
from kg.validate import validate_store
from tests.store.records import RUN, article, evidence

SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

MALI = Actor("mali", "Mali", "State", wikidata="Q912", country="MLI")
REBELS = generic_actor(MALI, Sector("REB", "rebels", "Organization"), "Malian rebels")
TEXT = "Malian rebels attacked Mali.\nRebels in Mali attacked Mali again.\n"


def test_actor_quads_of_a_generic_actor() -> None:
    node = ox.NamedNode(actor_iri("mli-reb"))
    got = {(q.predicate.value, q.object.value) for q in actor_quads(REBELS)}
    assert all(q.subject == node and q.graph_name == ox.NamedNode(ACTORS_GRAPH) for q in actor_quads(REBELS))
    assert got == {
        (RDF_TYPE, GKG_NS + "Actor"),
        (RDF_TYPE, GKG_NS + "Organization"),
        (RDFS_LABEL, "Mali: rebels"),
        (SKOS_ALT, "Malian rebels"),
        (GKG_NS + "countryCode", "MLI"),
        (GKG_NS + "sector", "REB"),
        (GKG_NS + "partOf", actor_iri("mali")),
    }


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (
            REBELS,
            {
                "id": actor_iri("mli-reb"),
                "label": "Mali: rebels",
                "type": "Organization",
                "wikidata": None,
                "country": "MLI",
                "sector": "REB",
            },
        ),
        (MALI, {"id": actor_iri("mali"), "label": "Mali", "type": "State", "wikidata": "Q912", "country": "MLI"}),
    ],
)
def test_the_json_lines_actor_carries_the_sector(actor: Actor, expected: dict) -> None:
    assert actor_to_json(actor) == expected


def _statements() -> list[Statement]:
    art = article(TEXT, doc_id="generic-1")
    again = generic_actor(MALI, Sector("REB", "rebels", "Organization"), "Rebels in Mali")
    return [
        Statement(REBELS, "attacks", MALI, evidence(art, "Malian rebels attacked Mali.", trigger="attacked")),
        Statement(again, "attacks", MALI, evidence(art, "Rebels in Mali attacked Mali again.", trigger="attacked")),
    ]


def test_actors_for_joins_the_phrases_of_one_generic_actor() -> None:
    found = {a.key: a for a in actors_for(_statements(), get_kb((), True))}
    assert set(found) == {"mali", "mli-reb"}
    assert sorted(found["mli-reb"].aliases) == ["Malian rebels", "Rebels in Mali"]


@pytest.fixture()
def store() -> Iterator[GraphStore]:
    with GraphStore.open(None) as opened:
        sts = _statements()
        opened.add_article(article(TEXT, doc_id="generic-1"), sts, actors_for(sts, get_kb((), True)), run=RUN)
        yield opened


def test_the_store_gives_the_sector_back_and_conforms(store: GraphStore) -> None:
    records = list(store.iter_statements())
    assert {(r.subject.label, r.subject.sector, r.object.sector) for r in records} == {("Mali: rebels", "REB", None)}
    report = validate_store(store)
    assert report.conforms, report.text()


PREFIX = (
    "PREFIX gkg: <https://w3id.org/geokg/ontology#> PREFIX actor: <https://w3id.org/geokg/actor/> "
    f"WITH <{ACTORS_GRAPH}> "
)

# SPARQL update that breaks the generic actor → text the report must contain
BROKEN = {
    "unknown sector": (
        'DELETE { actor:mli-reb gkg:sector "REB" } INSERT { actor:mli-reb gkg:sector "XYZ" } WHERE {}',
        "one CAMEO agent code of a generic actor",
    ),
    "no state": ("DELETE { actor:mli-reb gkg:partOf actor:mali } WHERE {}", "is gkg:partOf its state"),
    "part of no state": (
        ("DELETE { actor:mli-reb gkg:partOf actor:mali } INSERT { actor:mli-reb gkg:partOf actor:mli-reb } WHERE {}"),
        "is gkg:partOf its state",
    ),
    "no country": ('DELETE { actor:mli-reb gkg:countryCode "MLI" } WHERE {}', "has the gkg:countryCode of its state"),
    "a person": (
        "DELETE { actor:mli-reb a gkg:Organization } INSERT { actor:mli-reb a gkg:Person } WHERE {}",
        "never a gkg:Person",
    ),
    "wrong class": (
        "DELETE { actor:mli-reb a gkg:Organization } INSERT { actor:mli-reb a gkg:GovernmentBody } WHERE {}",
        "a generic actor of sector REB is a https://w3id.org/geokg/ontology#Organization",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_generic_actors_are_reported(store: GraphStore, case: str) -> None:
    update, expected = BROKEN[case]
    store.oxigraph.update(PREFIX + update)
    report = validate_store(store)
    assert not report.conforms
    assert expected in report.text(), report.text()
