"""graph_from_statements: nodes, edge merging and counts, evidence, filters, ego networks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kg.analysis import MAX_EVIDENCE, edge_key, graph_from_statements
from kg.errors import InputError
from kg.vocab import PREDICATES

NS = "https://w3id.org/geokg/actor/"


def actor(key: str, label: str, kind: str = "State", country: str | None = None) -> dict[str, Any]:
    return {"id": NS + key, "label": label, "type": kind, "wikidata": f"Q{len(key)}", "country": country}


XI = actor("xi-jinping", "Xi Jinping", "Person", "CHN")
TRUMP = actor("donald-trump", "Donald Trump", "Person", "USA")
CHINA = actor("china", "China", "State", "CHN")
TAIWAN = actor("taiwan", "Taiwan", "State", "TWN")
USA = actor("united-states", "United States", "State", "USA")
PLA = actor("pla", "People's Liberation Army", "ArmedForce", "CHN")

_counter = 0


def statement(
    subject: dict[str, Any],
    predicate: str,
    obj: dict[str, Any],
    *,
    doc: str = "d1",
    day: str | None = "2025-09-28",
    **extra: Any,
) -> dict[str, Any]:
    global _counter
    _counter += 1
    record = {
        "id": f"https://w3id.org/geokg/statement/{_counter:032x}",
        "doc_id": doc,
        "article": f"sha-{doc}",
        "subject": subject,
        "predicate": predicate,
        "object": obj,
        "plover": None,
        "quad_class": None,
        "negated": False,
        "modality": "actual",
        "attributed_to": None,
        "date": day,
        "sentence": f"{subject['label']} {predicate} {obj['label']} ({doc}, {_counter}).",
        "char_start": 0,
        "char_end": 10,
        "confidence": 0.5,
    }
    record["plover"] = PREDICATES[predicate].plover
    record["quad_class"] = PREDICATES[predicate].quad_class
    record.update(extra)
    return record


def labels(G: Any) -> list[str]:
    return sorted(G.nodes[n]["label"] for n in G)


# ------------------------------------------------------------------ nodes and edges


def test_one_node_per_actor_with_attributes() -> None:
    G = graph_from_statements([statement(XI, "pressures", TRUMP), statement(XI, "leaderOf", CHINA)])
    assert G.number_of_nodes() == 3
    assert G.nodes[XI["id"]] == {
        "label": "Xi Jinping",
        "type": "Person",
        "country": "CHN",
        "sector": None,
        "wikidata": "Q10",
        "key": "xi-jinping",
    }
    assert G.graph["statements"] == 2


def test_same_relation_from_several_articles_is_one_edge() -> None:
    records = [
        statement(XI, "pressures", TRUMP, doc="a", day="2025-09-01", confidence=0.4),
        statement(XI, "pressures", TRUMP, doc="b", day="2025-09-28", confidence=0.9),
        statement(XI, "pressures", TRUMP, doc="b", day="2025-09-15", confidence=0.6),
    ]
    G = graph_from_statements(records)
    assert G.number_of_edges() == 1
    edge = G.edges[XI["id"], TRUMP["id"], "pressures"]
    assert edge["statements"] == 3
    assert edge["sources"] == 2
    assert (edge["first_date"], edge["last_date"]) == ("2025-09-01", "2025-09-28")
    assert edge["confidence"] == pytest.approx(0.9)
    assert (edge["predicate"], edge["plover"], edge["quad_class"]) == ("pressures", "DEMAND", 3)
    assert (edge["modality"], edge["negated"], edge["symmetric"]) == ("actual", False, False)


def test_a_statement_seen_twice_counts_once() -> None:
    record = statement(XI, "pressures", TRUMP)
    G = graph_from_statements([record, dict(record)])
    assert G.edges[XI["id"], TRUMP["id"], "pressures"]["statements"] == 1


def test_sources_fall_back_to_doc_id_without_article_hash() -> None:
    records = [statement(XI, "pressures", TRUMP, doc=d) for d in ("a", "b", "b")]
    for record in records:
        del record["article"]
    G = graph_from_statements(records)
    assert G.edges[XI["id"], TRUMP["id"], "pressures"]["sources"] == 2


def test_modality_and_polarity_make_separate_edges() -> None:
    records = [
        statement(CHINA, "attacks", TAIWAN),
        statement(CHINA, "attacks", TAIWAN, modality="possible"),
        statement(CHINA, "attacks", TAIWAN, modality="intended"),
        statement(CHINA, "attacks", TAIWAN, negated=True),
    ]
    G = graph_from_statements(records, negated=None)
    assert sorted(k for _, _, k in G.edges(keys=True)) == [
        "attacks",
        "attacks|intended",
        "attacks|not",
        "attacks|possible",
    ]
    assert edge_key("attacks", negated=True, modality="possible") == "attacks|not|possible"


def test_opposite_directions_stay_apart_but_symmetric_relations_merge() -> None:
    records = [
        statement(XI, "pressures", TRUMP, doc="a"),
        statement(TRUMP, "pressures", XI, doc="b"),
        statement(XI, "meets", TRUMP, doc="a"),
        statement(TRUMP, "meets", XI, doc="b"),
    ]
    G = graph_from_statements(records)
    assert G.has_edge(XI["id"], TRUMP["id"], "pressures")
    assert G.has_edge(TRUMP["id"], XI["id"], "pressures")
    meets = [(u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == "meets"]
    assert len(meets) == 1
    u, v, data = meets[0]
    assert (u, v) == (TRUMP["id"], XI["id"])  # the IRI that sorts first is the source
    assert (data["statements"], data["sources"], data["symmetric"]) == (2, 2, True)


def test_evidence_is_most_confident_first_and_capped() -> None:
    records = [
        statement(
            XI,
            "pressures",
            TRUMP,
            doc=f"d{i}",
            confidence=i / 100,
            attributed_to={"id": NS + "wsj", "label": "The Wall Street Journal", "type": "Media"},
            headline="Xi Pressures Trump",
            source="wsj.jsonl",
        )
        for i in range(MAX_EVIDENCE + 15)
    ]
    G = graph_from_statements(records)
    edge = G.edges[XI["id"], TRUMP["id"], "pressures"]
    evidence = edge["evidence"]
    assert edge["statements"] == MAX_EVIDENCE + 15
    assert len(evidence) == MAX_EVIDENCE
    assert [e["confidence"] for e in evidence] == sorted((i / 100 for i in range(15, MAX_EVIDENCE + 15)), reverse=True)
    first = evidence[0]
    assert first["doc_id"] == f"d{MAX_EVIDENCE + 14}"
    assert first["attributed_to"] == "The Wall Street Journal"
    assert first["headline"] == "Xi Pressures Trump"
    assert first["source"] == "wsj.jsonl"
    assert first["date"] == "2025-09-28"
    assert first["sentence"].startswith("Xi Jinping pressures Donald Trump")
    assert first["statement"].startswith("https://w3id.org/geokg/statement/")


def test_records_with_full_predicate_iris_and_minimal_keys() -> None:
    record = {
        "subject": {"id": NS + "china"},
        "predicate": "https://w3id.org/geokg/ontology#sanctions",
        "object": {"id": NS + "taiwan", "label": "Taiwan"},
    }
    G = graph_from_statements([record])
    data = G.edges[NS + "china", NS + "taiwan", "sanctions"]
    assert (data["plover"], data["quad_class"], data["statements"]) == ("SANCTION", 4, 1)
    assert G.nodes[NS + "china"]["label"] == "china"
    assert data["first_date"] is None


@pytest.mark.parametrize(
    ("record", "code"),
    [
        ({"predicate": "meets", "object": {"id": NS + "china"}}, "E605"),
        ({"subject": {"label": "no id"}, "predicate": "meets", "object": {"id": NS + "china"}}, "E605"),
        ({"subject": {"id": NS + "china"}, "object": {"id": NS + "taiwan"}}, "E614"),
        ("not a mapping", "E615"),
    ],
)
def test_malformed_records_raise_input_error(record: Any, code: str) -> None:
    with pytest.raises(InputError) as error:
        graph_from_statements([statement(XI, "meets", TRUMP), record])
    assert error.value.code == code
    assert "record 2" in error.value.message


# ------------------------------------------------------------------ filters


@pytest.fixture()
def timeline() -> list[dict[str, Any]]:
    return [
        statement(XI, "pressures", TRUMP, doc="a", day="2025-08-31"),
        statement(CHINA, "deters", TAIWAN, doc="b", day="2025-09-15"),
        statement(USA, "supports", TAIWAN, doc="c", day="2025-10-01T08:00:00Z"),
        statement(USA, "sanctions", CHINA, doc="d", day="2025-11"),
        statement(PLA, "partOf", CHINA, doc="e", day=None),
    ]


def keys(G: Any) -> list[str]:
    return sorted(k for _, _, k in G.edges(keys=True))


def test_date_range_is_closed_and_drops_undated(timeline: list[dict[str, Any]]) -> None:
    assert keys(graph_from_statements(timeline)) == ["deters", "partOf", "pressures", "sanctions", "supports"]
    assert keys(graph_from_statements(timeline, since="2025-09-15", until="2025-10-01")) == ["deters", "supports"]
    assert keys(graph_from_statements(timeline, since=date(2025, 9, 16))) == ["sanctions", "supports"]
    assert keys(graph_from_statements(timeline, until=date(2025, 8, 31))) == ["pressures"]


def test_partial_dates_cover_their_month_or_year(timeline: list[dict[str, Any]]) -> None:
    # a statement dated "2025-11" overlaps 2025-11-20, and "2025-09" covers all of September
    assert keys(graph_from_statements(timeline, since="2025-11-20")) == ["sanctions"]
    assert keys(graph_from_statements(timeline, since="2025-09", until="2025-09")) == ["deters"]
    assert keys(graph_from_statements(timeline, since="2025")) == ["deters", "pressures", "sanctions", "supports"]
    assert keys(graph_from_statements(timeline, until="2024")) == []


@pytest.mark.parametrize(
    ("since", "until", "code"),
    [
        ("yesterday", None, "E600"),
        ("2025-13-01", None, "E609"),
        (None, "2025-02-30", "E609"),
        ("2025-10-01", "2025-09", "E608"),
    ],
)
def test_bad_dates_raise(since: str | None, until: str | None, code: str, timeline: list[dict[str, Any]]) -> None:
    with pytest.raises(InputError) as error:
        graph_from_statements(timeline, since=since, until=until)
    assert error.value.code == code


def test_predicate_filter(timeline: list[dict[str, Any]]) -> None:
    assert keys(graph_from_statements(timeline, predicates=["deters", "gkg:supports"])) == ["deters", "supports"]
    assert labels(graph_from_statements(timeline, predicates={"partOf"})) == ["China", "People's Liberation Army"]
    with pytest.raises(InputError) as error:
        graph_from_statements(timeline, predicates=["pressure"])
    assert error.value.code == "E601"
    assert "pressures" in error.value.message  # the message lists the valid names


def test_quad_class_filter_with_structural(timeline: list[dict[str, Any]]) -> None:
    assert keys(graph_from_statements(timeline, quad_classes=[4])) == ["deters", "sanctions"]
    assert keys(graph_from_statements(timeline, quad_classes=[1, None])) == ["partOf", "supports"]
    with pytest.raises(InputError) as error:
        graph_from_statements(timeline, quad_classes=[5])
    assert error.value.code == "E603"


def test_negated_and_modality_filters() -> None:
    records = [
        statement(TRUMP, "providesAidTo", TAIWAN, negated=True),
        statement(USA, "providesAidTo", TAIWAN),
        statement(CHINA, "attacks", TAIWAN, modality="possible"),
        statement(CHINA, "attacks", TAIWAN, modality="intended", negated=True),
    ]
    assert keys(graph_from_statements(records)) == ["attacks|possible", "providesAidTo"]
    assert keys(graph_from_statements(records, negated=True)) == ["attacks|not|intended", "providesAidTo|not"]
    assert len(keys(graph_from_statements(records, negated=None))) == 4
    assert keys(graph_from_statements(records, negated=None, modalities=["intended"])) == ["attacks|not|intended"]
    assert keys(graph_from_statements(records, modalities="actual")) == ["providesAidTo"]
    with pytest.raises(InputError) as error:
        graph_from_statements(records, modalities=["maybe"])
    assert error.value.code == "E602"


def test_min_confidence() -> None:
    records = [
        statement(XI, "pressures", TRUMP, confidence=0.3),
        statement(XI, "pressures", TRUMP, confidence=0.8),
        statement(USA, "supports", TAIWAN, confidence=0.2),
    ]
    G = graph_from_statements(records, min_confidence=0.5)
    assert keys(G) == ["pressures"]
    assert G.edges[XI["id"], TRUMP["id"], "pressures"]["statements"] == 1
    assert labels(G) == ["Donald Trump", "Xi Jinping"]


def test_min_sources_drops_weak_edges_and_lonely_nodes() -> None:
    records = [
        statement(XI, "pressures", TRUMP, doc="a"),
        statement(XI, "pressures", TRUMP, doc="b"),
        statement(USA, "supports", TAIWAN, doc="a"),
        statement(USA, "supports", TAIWAN, doc="a"),  # two statements, one article
    ]
    G = graph_from_statements(records, min_sources=2)
    assert keys(G) == ["pressures"]
    assert labels(G) == ["Donald Trump", "Xi Jinping"]
    assert G.graph["statements"] == 2


@pytest.mark.parametrize(
    ("options", "code"),
    [({"min_sources": 0}, "E604"), ({"hops": -1}, "E612"), ({"min_confidence": 1.5}, "E613")],
)
def test_bad_numbers_raise(options: dict[str, Any], code: str) -> None:
    with pytest.raises(InputError) as error:
        graph_from_statements([statement(XI, "meets", TRUMP)], **options)
    assert error.value.code == code


# ------------------------------------------------------------------ ego networks


@pytest.fixture()
def chain() -> list[dict[str, Any]]:
    # Xi → Trump ← United States → Taiwan ← China ; PLA partOf China
    return [
        statement(XI, "pressures", TRUMP),
        statement(USA, "supports", TRUMP),
        statement(USA, "supports", TAIWAN),
        statement(CHINA, "deters", TAIWAN),
        statement(PLA, "partOf", CHINA),
    ]


@pytest.mark.parametrize("query", [NS + "donald-trump", "donald-trump", "donald trump", " DONALD TRUMP "])
def test_actor_matches_iri_key_or_label(query: str, chain: list[dict[str, Any]]) -> None:
    assert labels(graph_from_statements(chain, actor=query)) == ["Donald Trump", "United States", "Xi Jinping"]


def test_ego_network_reach_is_undirected_and_grows_with_hops(chain: list[dict[str, Any]]) -> None:
    assert labels(graph_from_statements(chain, actor="xi-jinping", hops=0)) == ["Xi Jinping"]
    assert labels(graph_from_statements(chain, actor="xi-jinping", hops=2)) == [
        "Donald Trump",
        "United States",
        "Xi Jinping",
    ]
    assert labels(graph_from_statements(chain, actor="taiwan", hops=1)) == ["China", "Taiwan", "United States"]
    G = graph_from_statements(chain, actor="taiwan", hops=2)
    assert labels(G) == ["China", "Donald Trump", "People's Liberation Army", "Taiwan", "United States"]
    assert G.graph["statements"] == 4
    assert G.graph["actor"] == [NS + "taiwan"]


def test_ego_network_applies_after_the_filters(chain: list[dict[str, Any]]) -> None:
    G = graph_from_statements(chain, actor="taiwan", hops=3, predicates=["deters", "partOf"])
    assert labels(G) == ["China", "People's Liberation Army", "Taiwan"]


def test_unknown_or_filtered_out_actor(chain: list[dict[str, Any]]) -> None:
    with pytest.raises(InputError) as error:
        graph_from_statements(chain, actor="vladimir-putin")
    assert error.value.code == "E606"
    with pytest.raises(InputError) as error:
        graph_from_statements(chain, actor="xi-jinping", predicates=["deters"])
    assert error.value.code == "E607"
