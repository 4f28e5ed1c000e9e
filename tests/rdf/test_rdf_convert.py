"""kg.rdf.convert: records → quads exactly as docs/rdf-model.md lays them out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pyoxigraph as ox
import pytest

from kg.errors import InputError
from kg.rdf import convert
from kg.rdf.convert import (
    ONTOLOGY_GRAPH,
    ExtractorRun,
    actor_quads,
    article_quads,
    date_literal,
    ontology_quads,
    statement_quads,
)
from kg.rdf.iris import ACTORS_GRAPH, GKG_NS, actor_iri, article_iri, role_iri, statement_iri
from kg.types import Actor, Role, Statement
from tests.store.records import CHINA, PLA, RUN, TAIWAN, TRUMP, WSJ, XI, article, evidence, statements

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def G(name: str) -> ox.NamedNode:
    return ox.NamedNode(GKG_NS + name)


def triples(quads: list[ox.Quad]) -> set[tuple[object, object, object]]:
    return {(q.subject, q.predicate, q.object) for q in quads}


def values(quads: list[ox.Quad], subject: str, predicate: str) -> set[object]:
    return {q.object for q in quads if q.subject == N(subject) and q.predicate == N(predicate)}


# ---------------------------------------------------------------- actors


def test_actor_description() -> None:
    quads = actor_quads(CHINA)
    assert {q.graph_name for q in quads} == {N(ACTORS_GRAPH)}
    china = actor_iri("china")
    assert values(quads, china, RDF + "type") == {G("Actor"), G("State")}
    assert values(quads, china, "http://www.w3.org/2000/01/rdf-schema#label") == {ox.Literal("China")}
    assert values(quads, china, "http://www.w3.org/2004/02/skos/core#altLabel") == {
        ox.Literal("PRC"),
        ox.Literal("People's Republic of China"),
    }
    assert values(quads, china, "http://www.w3.org/2002/07/owl#sameAs") == {N("http://www.wikidata.org/entity/Q148")}
    assert values(quads, china, GKG_NS + "countryCode") == {ox.Literal("CHN")}


def test_part_of_links_the_parent_actor() -> None:
    assert values(actor_quads(PLA), actor_iri("peoples-liberation-army"), GKG_NS + "partOf") == {N(actor_iri("china"))}


def test_roles_are_nodes_with_typed_dates() -> None:
    quads = actor_quads(TRUMP)
    first, second = TRUMP.roles
    node = role_iri("donald-trump", first.office, first.start)
    assert values(quads, node, RDF + "type") == {G("Role")}
    assert values(quads, node, GKG_NS + "holder") == {N(actor_iri("donald-trump"))}
    assert values(quads, node, GKG_NS + "office") == {ox.Literal("President of the United States")}
    assert values(quads, node, GKG_NS + "ofState") == {N(actor_iri("united-states"))}
    assert values(quads, node, GKG_NS + "start") == {ox.Literal("2017-01-20", datatype=N(XSD + "date"))}
    assert values(quads, node, GKG_NS + "end") == {ox.Literal("2021-01-20", datatype=N(XSD + "date"))}
    open_ended = role_iri("donald-trump", second.office, second.start)
    assert open_ended != node
    assert values(quads, open_ended, GKG_NS + "end") == set()


@pytest.mark.parametrize(
    ("text", "datatype"),
    [("2017-05-14", "date"), ("2017-05", "gYearMonth"), ("2017", "gYear"), ("2017-05-14T10:30:00Z", "dateTime")],
)
def test_partial_dates_get_their_own_datatype(text: str, datatype: str) -> None:
    assert date_literal(text) == ox.Literal(text, datatype=N(XSD + datatype))
    person = Actor("someone", "Someone", "Person", roles=(Role("Mayor", start=text),))
    starts = [q.object for q in actor_quads(person) if q.predicate == G("start")]
    assert starts == [ox.Literal(text, datatype=N(XSD + datatype))]


@pytest.mark.parametrize("bad", ["May 2017", "17-05-14", "2017/05/14", ""])
def test_bad_dates_are_refused_with_a_code(bad: str) -> None:
    with pytest.raises(InputError) as error:
        date_literal(bad)
    assert error.value.code == "E310"


def test_bad_wikidata_id_is_refused() -> None:
    with pytest.raises(InputError) as error:
        actor_quads(replace(CHINA, wikidata="China"))
    assert error.value.code == "E312"


def test_actor_type_outside_the_ontology_is_refused() -> None:
    with pytest.raises(InputError) as error:
        actor_quads(replace(CHINA, type="Group"))  # type: ignore[arg-type]
    assert error.value.code == "E317"


# ---------------------------------------------------------------- articles and statements


def test_everything_lives_in_the_article_graph() -> None:
    art = article()
    quads = article_quads(art, statements(art), run=RUN)
    assert {q.graph_name for q in quads} == {N(article_iri(art.sha256))}


def test_article_node() -> None:
    art = article()
    quads = article_quads(art, [], run=RUN)
    assert triples(quads) == {
        (N(article_iri(art.sha256)), N(RDF + "type"), N("https://schema.org/NewsArticle")),
        (
            N(article_iri(art.sha256)),
            N("https://schema.org/headline"),
            ox.Literal("Xi Pressures Trump To Oppose Taiwan Independence"),
        ),
        (
            N(article_iri(art.sha256)),
            N("https://schema.org/datePublished"),
            ox.Literal("2025-09-29", datatype=N(XSD + "date")),
        ),
        (N(article_iri(art.sha256)), N("https://schema.org/url"), N("https://example.org/news/xi-trump")),
        (N(article_iri(art.sha256)), N("http://purl.org/dc/terms/source"), ox.Literal("seeds/wn2025-0001.txt")),
        (N(article_iri(art.sha256)), N("http://purl.org/dc/terms/identifier"), ox.Literal("wn2025-0001")),
    }


def test_statement_node_has_every_property_of_the_contract() -> None:
    art = article()
    aid = statements(art)[1]  # Trump declined to approve aid to Taiwan (negated, attributed)
    node = N(statement_iri(aid))
    got = {(q.predicate, q.object) for q in statement_quads(aid, article=art, run=RUN) if q.subject == node}
    ev = aid.evidence
    assert got == {
        (N(RDF + "type"), G("Statement")),
        (N(RDF + "subject"), N(actor_iri("donald-trump"))),
        (N(RDF + "predicate"), G("providesAidTo")),
        (N(RDF + "object"), N(actor_iri("taiwan"))),
        (G("negated"), ox.Literal("true", datatype=N(XSD + "boolean"))),
        (G("modality"), G("Actual")),
        (G("attributedTo"), N(actor_iri("the-wall-street-journal"))),
        (G("evidence"), ox.Literal(ev.sentence)),
        (G("charStart"), ox.Literal(str(ev.char_start), datatype=N(XSD + "integer"))),
        (G("charEnd"), ox.Literal(str(ev.char_end), datatype=N(XSD + "integer"))),
        (G("confidence"), ox.Literal("0.7", datatype=N(XSD + "decimal"))),
        (N("http://purl.org/dc/terms/date"), ox.Literal("2025-09-29", datatype=N(XSD + "date"))),
        (N("http://www.w3.org/ns/prov#wasDerivedFrom"), N(article_iri(art.sha256))),
        (N("http://www.w3.org/ns/prov#wasGeneratedBy"), N(RUN.iri)),
        (G("rule"), ox.Literal("xcomp-negation")),
        (G("trigger"), ox.Literal("approve aid")),
    }


def test_direct_triples_only_for_actual_and_not_negated() -> None:
    art = article()
    quads = article_quads(art, statements(art), run=RUN)
    direct = {
        (q.subject.value, q.predicate.value[len(GKG_NS) :], q.object.value)
        for q in quads
        if q.subject.value.startswith("https://w3id.org/geokg/actor/")
    }
    assert direct == {
        (actor_iri("xi-jinping"), "pressures", actor_iri("donald-trump")),
        (actor_iri("xi-jinping"), "leaderOf", actor_iri("china")),
    }


def test_negated_aid_never_gives_a_bare_triple() -> None:
    art = article()
    quads = article_quads(art, statements(art), run=RUN)
    assert (N(actor_iri("donald-trump")), G("providesAidTo"), N(actor_iri("taiwan"))) not in triples(quads)
    # but the statement node says it, negated
    assert any(q.predicate == N(RDF + "predicate") and q.object == G("providesAidTo") for q in quads)


def test_modalities_and_event_dates() -> None:
    art = article()
    by_predicate = {s.predicate: s for s in statements(art)}
    quads = article_quads(art, list(by_predicate.values()), run=RUN)
    talks = statement_iri(by_predicate["consults"])
    attack = statement_iri(by_predicate["attacks"])
    assert values(quads, talks, GKG_NS + "modality") == {G("Intended")}
    assert values(quads, attack, GKG_NS + "modality") == {G("Possible")}
    # the statement's own date wins, partial dates keep their precision
    assert values(quads, talks, "http://purl.org/dc/terms/date") == {
        ox.Literal("2025-10", datatype=N(XSD + "gYearMonth"))
    }
    assert values(quads, attack, GKG_NS + "confidence") == {ox.Literal("0.444", datatype=N(XSD + "decimal"))}


def test_no_date_at_all_when_neither_statement_nor_article_has_one() -> None:
    art = article(date=None)
    quads = article_quads(art, statements(art)[:1], run=RUN)
    assert not [q for q in quads if q.predicate.value == "http://purl.org/dc/terms/date"]


def test_same_records_give_identical_quads() -> None:
    first = article_quads(article(), statements(article()), run=RUN)
    again = article_quads(article(), statements(article()), run=ExtractorRun("0.1.0", "c0ffee", "x"))
    assert first == again
    assert len(set(first)) == len(first)


def test_nothing_carries_wall_clock_time() -> None:
    art = article()
    quads = article_quads(art, statements(art), run=RUN) + RUN.quads()
    for quad in quads:
        if isinstance(quad.object, ox.Literal):
            assert quad.object.datatype != N(XSD + "dateTime")


def test_edited_article_gets_new_iris() -> None:
    original = article()
    edited = article(original.text.replace("October", "November"))
    assert article_iri(edited.sha256) != article_iri(original.sha256)
    old_ids = {statement_iri(s) for s in statements(original)}
    new_ids = {statement_iri(s) for s in statements(edited)}
    assert not old_ids & new_ids
    assert {q.graph_name for q in article_quads(edited, statements(edited), run=RUN)} == {N(article_iri(edited.sha256))}


def test_statement_of_another_article_is_refused() -> None:
    art = article()
    other = article(art.text + "\nOne more line.", doc_id="other")
    with pytest.raises(InputError) as error:
        article_quads(art, statements(other), run=RUN)
    assert error.value.code == "E316"


def test_unknown_predicate_and_bad_confidence_are_refused() -> None:
    art = article()
    good = statements(art)[0]
    with pytest.raises(InputError) as error:
        article_quads(art, [replace(good, predicate="bullies")], run=RUN)
    assert error.value.code == "E314"
    for bad in (1.5, -0.1, float("nan")):
        with pytest.raises(InputError) as error:
            article_quads(art, [replace(good, confidence=bad)], run=RUN)
        assert error.value.code == "E311"


def test_duplicate_statements_become_one_node_with_the_best_confidence() -> None:
    art = article()
    first = statements(art)[0]
    duplicate = replace(first, confidence=0.95)
    quads = article_quads(art, [first, duplicate, first], run=RUN)
    assert values(quads, statement_iri(first), GKG_NS + "confidence") == {
        ox.Literal("0.95", datatype=N(XSD + "decimal"))
    }


def test_hostile_text_stays_a_literal() -> None:
    sentence = 'Xi said "} ; DROP ALL ; <x> <y> <z> .\\u0022 and left.'
    art = article("Headline\n" + sentence)
    hostile = Statement(XI, "criticizes", TAIWAN, evidence(art, sentence), confidence=0.5)
    quads = article_quads(art, [hostile], run=RUN)
    assert values(quads, statement_iri(hostile), GKG_NS + "evidence") == {ox.Literal(sentence)}
    # and it survives a serialisation round trip
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert set(ox.parse(data, format=ox.RdfFormat.N_QUADS)) == set(quads)


def test_attributed_media_actor_is_named() -> None:
    art = article()
    aid = statements(art)[1]
    assert aid.attributed_to == WSJ
    quads = statement_quads(aid, article=art, run=RUN)
    assert values(quads, statement_iri(aid), GKG_NS + "attributedTo") == {N(actor_iri(WSJ.key))}


# ---------------------------------------------------------------- runs and ontology


def test_extractor_run_quads() -> None:
    quads = RUN.quads()
    assert {q.graph_name for q in quads} == {N(ACTORS_GRAPH)}
    assert values(quads, RUN.iri, RDF + "type") == {G("ExtractorRun"), N("http://www.w3.org/ns/prov#Activity")}
    assert values(quads, RUN.iri, GKG_NS + "softwareVersion") == {ox.Literal("0.1.0")}
    assert ExtractorRun("0.1.0", "other").iri != RUN.iri
    assert ExtractorRun("0.2.0", "c0ffee").iri != RUN.iri


def test_ontology_quads_are_stable_across_parses() -> None:
    first = ontology_quads()
    convert._ontology_quads.cache_clear()
    again = ontology_quads()
    assert first == again
    assert {q.graph_name for q in first} == {N(ONTOLOGY_GRAPH)}
    assert (G("pressures"), G("ploverType"), ox.Literal("DEMAND")) in triples(first)
    assert any(isinstance(q.subject, ox.BlankNode) for q in first)  # the disjointness axiom


def test_ontology_graph_is_the_whole_file() -> None:
    from kg.resources import ontology_path

    parsed = list(ox.parse(path=str(ontology_path("geokg.ttl"))))
    assert len(ontology_quads()) == len(parsed)


def test_article_without_optional_fields() -> None:
    art = article(title=None, date=None, url=None, source=None)
    quads = article_quads(art, [], run=RUN)
    assert {q.predicate.value for q in quads} == {RDF + "type", "http://purl.org/dc/terms/identifier"}


def test_urls_that_are_not_iris_are_percent_encoded() -> None:
    art = article(url="https://example.org/a b?q=ü")
    urls = values(article_quads(art, [], run=RUN), article_iri(art.sha256), "https://schema.org/url")
    assert urls == {N("https://example.org/a%20b?q=%C3%BC")}
    valid = article(url="https://example.org/q=ü")  # already an IRI: kept as it is
    assert values(article_quads(valid, [], run=RUN), article_iri(valid.sha256), "https://schema.org/url") == {
        N("https://example.org/q=ü")
    }
    with pytest.raises(InputError) as error:
        article_quads(article(url="not a url"), [], run=RUN)
    assert error.value.code == "E313"


def test_dates_of_articles_are_xsd_dates() -> None:
    art = article(date=date(2024, 2, 29))
    assert values(article_quads(art, [], run=RUN), article_iri(art.sha256), "https://schema.org/datePublished") == {
        ox.Literal("2024-02-29", datatype=N(XSD + "date"))
    }
