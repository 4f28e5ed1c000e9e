"""GraphStore in memory: writes, idempotence, removal, queries, bindings, statement records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pyoxigraph as ox
import pytest

from kg.errors import InputError, StoreError
from kg.rdf.convert import ONTOLOGY_GRAPH, ExtractorRun, article_quads
from kg.rdf.iris import ACTORS_GRAPH, actor_iri, article_iri
from kg.rdf.records import statement_to_json
from kg.store import GraphStore
from kg.types import Role
from tests.store.records import (
    CHINA,
    RUN,
    TAIWAN,
    TRUMP,
    UNKNOWN,
    XI,
    article,
    many,
    statements,
)


@pytest.fixture()
def store() -> Iterator[GraphStore]:
    with GraphStore.open(None) as opened:
        yield opened


def quad_set(store: GraphStore) -> set[ox.Quad]:
    return set(store.quads())


def expected_json(art, stmts) -> list[dict]:  # type: ignore[no-untyped-def]
    """statement_to_json() plus the article keys, as iter_statements should give them."""
    out = []
    for st in stmts:
        record = statement_to_json(st)
        # dcterms:date is the statement's date, else the article's (docs/rdf-model.md)
        record["date"] = st.date or (art.date.isoformat() if art.date else None)
        record.update(headline=art.title, url=art.url, source=art.source)
        out.append(record)
    return sorted(out, key=lambda r: (r["doc_id"], r["char_start"], r["id"]))


# ---------------------------------------------------------------- writing


def test_add_article_writes_graphs_and_reports_skips(store: GraphStore) -> None:
    art = article()
    assert store.add_article(art, statements(art), [UNKNOWN], run=RUN) is True
    graphs = {g.value for g in store.oxigraph.named_graphs()}
    assert graphs == {article_iri(art.sha256), ACTORS_GRAPH, ONTOLOGY_GRAPH}
    assert set(store.quads(article_iri(art.sha256))) == set(article_quads(art, statements(art), run=RUN))
    assert store.add_article(art, statements(art), [UNKNOWN], run=RUN) is False


def test_adding_twice_gives_identical_triples(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    once = quad_set(store)
    ids_once = [r.id for r in store.iter_statements()]
    store.add_article(article(), statements(article()), run=RUN)
    assert quad_set(store) == once
    assert [r.id for r in store.iter_statements()] == ids_once


def test_a_fresh_store_gets_the_same_triples() -> None:
    art = article()
    with GraphStore.open(None) as first, GraphStore.open(None) as second:
        first.add_article(art, statements(art), [UNKNOWN], run=RUN)
        second.add_article(art, statements(art), [UNKNOWN], run=RUN)
        assert quad_set(first) == quad_set(second)  # blank nodes of the ontology included


def test_new_extraction_of_the_same_text_replaces_its_graph(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    fewer = statements(art)[:2]
    assert store.add_article(art, fewer, run=RUN) is True
    assert set(store.quads(article_iri(art.sha256))) == set(article_quads(art, fewer, run=RUN))
    assert store.stats()["statements"] == 2


def test_edited_article_gets_a_new_iri_and_supersedes_the_old_one(store: GraphStore) -> None:
    original = article()
    store.add_article(original, statements(original), run=RUN)
    edited = article(original.text.replace("October", "November"))
    assert article_iri(edited.sha256) != article_iri(original.sha256)
    assert store.add_article(edited, statements(edited), run=RUN) is True
    assert store.has_article(article_iri(edited.sha256))
    assert not store.has_article(article_iri(original.sha256))
    assert [a["iri"] for a in store.articles()] == [article_iri(edited.sha256)]


def test_edited_article_can_be_kept_beside_the_old_one(store: GraphStore) -> None:
    original = article()
    edited = article(original.text + "\nA correction was added.")
    store.add_article(original, statements(original), run=RUN)
    store.add_article(edited, statements(edited), run=RUN, replace_doc_id=False)
    assert {a["iri"] for a in store.articles()} == {article_iri(original.sha256), article_iri(edited.sha256)}
    assert store.remove_article(original.doc_id) == 2


def test_actor_upsert_replaces_single_values_and_keeps_aliases(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    renamed = replace(CHINA, label="People's Republic of China", aliases=("Beijing",))
    store.add_article(art, statements(art), [renamed], run=RUN)
    rows = store.query(
        "SELECT ?a ?l WHERE { ?a rdfs:label ?l }", bindings={"a": ox.NamedNode(actor_iri(CHINA.key))}
    ).rows
    assert [row[1] for row in rows] == ["People's Republic of China"]
    aliases = {
        row[1]
        for row in store.query(
            "SELECT ?a ?l WHERE { ?a skos:altLabel ?l }", bindings={"a": ox.NamedNode(actor_iri(CHINA.key))}
        ).rows
    }
    assert aliases == {"PRC", "People's Republic of China", "Beijing"}


def test_role_end_replaces_the_open_role(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    ended = replace(
        XI,
        roles=(
            Role(
                "President of the People's Republic of China",
                of="china",
                kind="leader",
                start="2013-03-14",
                end="2028-03-14",
            ),
        ),
    )
    store.add_article(art, statements(art), [ended], run=RUN)
    ends = store.query("SELECT ?r ?end WHERE { ?r gkg:holder actor:xi-jinping ; gkg:end ?end }")
    assert [row[1] for row in ends.rows] == [date(2028, 3, 14)]
    assert len(store.query("SELECT ?r WHERE { ?r gkg:holder actor:xi-jinping }")) == 1


def test_remove_article_by_iri_sha_or_doc_id(store: GraphStore) -> None:
    arts = [article(doc_id=f"d{i}", text=article().text + f"\nLine {i}.") for i in range(3)]
    for art in arts:
        store.add_article(art, statements(art), run=RUN)
    assert store.stats()["articles"] == 3
    assert store.remove_article(article_iri(arts[0].sha256)) == 1
    assert store.remove_article(arts[1].sha256) == 1
    assert store.remove_article("d2") == 1
    assert store.remove_article("d2") == 0
    assert store.remove_article("https://w3id.org/geokg/article/" + "0" * 64) == 0
    stats = store.stats()
    assert stats["articles"] == 0 and stats["statements"] == 0
    assert stats["actors"] > 0  # actor descriptions stay
    assert store.query("ASK { ?s gkg:pressures ?o }").boolean is False


def test_clear(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    store.clear()
    assert store.stats() == {"articles": 0, "actors": 0, "statements": 0, "triples": 0}
    store.add_article(art, statements(art), run=RUN)  # the ontology comes back
    assert store.oxigraph.contains_named_graph(ox.NamedNode(ONTOLOGY_GRAPH))


def test_articles_listing(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    assert store.articles() == [
        {
            "iri": article_iri(art.sha256),
            "sha256": art.sha256,
            "doc_id": "wn2025-0001",
            "headline": art.title,
            "date": "2025-09-29",
            "url": art.url,
            "source": art.source,
            "statements": 5,
        }
    ]
    assert store.has_article(article_iri(art.sha256)) and store.has_article(art.sha256)
    assert store.has_article("wn2025-0001") and not store.has_article("nope")


def test_stats(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), [UNKNOWN], run=RUN)
    stats = store.stats()
    assert stats["articles"] == 1
    assert stats["statements"] == 5
    # Xi, Trump, Taiwan, WSJ, China, United States, PLA and the unknown organisation
    assert stats["actors"] == 8
    assert stats["triples"] == len(store.quads())


def test_a_second_run_is_recorded_beside_the_first(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    newer = ExtractorRun("0.2.0", "c0ffee", "en_core_web_sm")
    assert store.add_article(art, statements(art), run=newer) is True
    runs = store.query("SELECT ?run WHERE { ?run a gkg:ExtractorRun }")
    assert {row[0].value for row in runs.rows} == {RUN.iri, newer.iri}
    generated = store.query("SELECT DISTINCT ?run WHERE { ?s prov:wasGeneratedBy ?run }")
    assert [row[0].value for row in generated.rows] == [newer.iri]


# ---------------------------------------------------------------- queries


def test_simple_query_on_the_union_default_graph(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    result = store.query("SELECT ?s ?o WHERE { ?s gkg:pressures ?o }")
    assert result.kind == "select"
    assert result.variables == ("s", "o")
    assert [(s.value, o.value) for s, o in result.rows] == [(actor_iri("xi-jinping"), actor_iri("donald-trump"))]
    # the negated aid is a statement node only
    assert store.query("ASK { actor:donald-trump gkg:providesAidTo actor:taiwan }").boolean is False
    negated = store.query("SELECT ?st WHERE { ?st rdf:predicate gkg:providesAidTo ; gkg:negated true }")
    assert len(negated) == 1


def test_graph_clause_addresses_one_article(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    result = store.query("SELECT ?g ?s WHERE { GRAPH ?g { ?s gkg:pressures ?o } }")
    assert [(g.value, s.value) for g, s in result.rows] == [(article_iri(art.sha256), actor_iri("xi-jinping"))]


def test_bindings_are_substituted(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    by_label = store.query("SELECT ?a ?label WHERE { ?a rdfs:label ?label }", bindings={"label": "Taiwan"})
    assert [row[0].value for row in by_label.rows] == [actor_iri(TAIWAN.key)]
    by_number = store.query(
        "SELECT ?st ?cs WHERE { ?st gkg:charStart ?cs }",
        bindings={"?cs": art.text.index("Trump declined")},
    )
    assert len(by_number) == 1
    by_bool = store.query("SELECT ?st ?neg WHERE { ?st gkg:negated ?neg }", bindings={"neg": True})
    assert len(by_bool) == 1
    by_date = store.query("SELECT ?g ?d WHERE { ?g schema:datePublished ?d }", bindings={"d": date(2025, 9, 29)})
    assert [row[0].value for row in by_date.rows] == [article_iri(art.sha256)]
    ask = store.query("ASK { ?s gkg:pressures ?o }", bindings={"o": ox.NamedNode(actor_iri(TRUMP.key))})
    assert ask.boolean is True


def test_hostile_binding_is_not_injected(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    before = quad_set(store)
    hostile = 'Taiwan" } ; DROP ALL ; SELECT * WHERE { ?a ?b "'
    result = store.query("SELECT ?a ?label WHERE { ?a rdfs:label ?label }", bindings={"label": hostile})
    assert result.rows == []
    hostile_iri_text = "> } UNION { ?a ?b ?c } #"
    result = store.query("SELECT ?a WHERE { ?a a gkg:Actor }", bindings={"a": hostile_iri_text})
    assert result.rows == []
    assert quad_set(store) == before


def test_variables_that_are_not_selected_can_be_bound(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    result = store.query("SELECT ?a WHERE { ?a a gkg:Actor ; rdfs:label ?label }", bindings={"label": "Taiwan"})
    assert result.variables == ("a",)
    assert [row[0].value for row in result.rows] == [actor_iri(TAIWAN.key)]
    distinct = store.query(
        "PREFIX x: <http://example.org/#> # a comment with SELECT ?label\n"
        "SELECT DISTINCT ?o FROM <%s> WHERE { ?s gkg:pressures ?o }" % article_iri(art.sha256),
        bindings={"s": ox.NamedNode(actor_iri(XI.key))},
    )
    assert distinct.variables == ("o",)
    assert [row[0].value for row in distinct.rows] == [actor_iri(TRUMP.key)]


def test_binding_errors_have_codes(store: GraphStore) -> None:
    with pytest.raises(InputError) as error:
        store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"label": "x"})
    assert error.value.code == "E327"  # no such variable: a typo is not silently ignored
    with pytest.raises(InputError) as error:
        store.query("SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s", bindings={"o": "x"})
    assert error.value.code == "E331"
    with pytest.raises(InputError) as error:
        store.query("SELECT ?s WHERE { ?s ?p ?o", bindings={"o": "x"})
    assert error.value.code == "E321"
    with pytest.raises(InputError) as error:
        store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"not a name": "x"})
    assert error.value.code == "E324"
    with pytest.raises(InputError) as error:
        store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"s": object()})  # type: ignore[dict-item]
    assert error.value.code == "E325"


def test_syntax_error_is_one_line_input_error(store: GraphStore) -> None:
    with pytest.raises(InputError) as error:
        store.query("SELECT ?s WHERE { ?s ")
    assert error.value.code == "E321"
    assert "\n" not in str(error.value)


def test_construct_and_describe_give_triples(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    result = store.query("CONSTRUCT { ?s gkg:pressures ?o } WHERE { ?s gkg:pressures ?o }")
    assert result.kind == "graph"
    assert [(t.subject.value, t.object.value) for t in result.triples] == [(actor_iri(XI.key), actor_iri(TRUMP.key))]
    described = store.query("DESCRIBE actor:china")
    assert described.kind == "graph" and len(described) > 0


def test_python_values_in_rows(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    row = store.query(
        "SELECT ?cs ?conf ?neg ?d WHERE { ?st gkg:charStart ?cs ; gkg:confidence ?conf ; "
        "gkg:negated ?neg ; dcterms:date ?d ; rdf:predicate gkg:consults }"
    ).rows[0]
    assert row == (art.text.index("China plans"), 0.6, False, "2025-10")
    assert isinstance(row[0], int)


# ---------------------------------------------------------------- statement records


def test_iter_statements_round_trips_to_json(store: GraphStore) -> None:
    art = article()
    stmts = statements(art)
    store.add_article(art, stmts, run=RUN)
    assert [r.to_json() for r in store.iter_statements()] == expected_json(art, stmts)


def test_iter_statements_equals_to_json_exactly_without_dates(store: GraphStore) -> None:
    art = article(date=None)
    stmts = [s for s in statements(art) if s.date is None]
    store.add_article(art, stmts, run=RUN)
    got = [r.to_json() for r in store.iter_statements()]
    for record in got:
        for key in ("headline", "url", "source"):
            record.pop(key)
    want = sorted((statement_to_json(s) for s in stmts), key=lambda r: (r["char_start"], r["id"]))
    assert got == want


def test_iter_statements_value_types(store: GraphStore) -> None:
    art = article()
    store.add_article(art, statements(art), run=RUN)
    for record in store.iter_statements():
        assert isinstance(record.char_start, int) and isinstance(record.char_end, int)
        assert isinstance(record.confidence, float)
        assert isinstance(record.negated, bool)
        assert record.modality in ("actual", "intended", "possible")
        assert record.article == art.sha256


def test_iter_statements_sorted_and_filtered_by_doc_id(store: GraphStore) -> None:
    second = article(doc_id="aaa-first", text=article().text + "\nExtra line.")
    store.add_article(article(), statements(article()), run=RUN)
    store.add_article(second, statements(second), run=RUN)
    records = list(store.iter_statements())
    keys = [(r.doc_id, r.char_start, r.id) for r in records]
    assert keys == sorted(keys)
    assert records[0].doc_id == "aaa-first"
    only = list(store.iter_statements(doc_id="wn2025-0001"))
    assert len(only) == 5 and {r.doc_id for r in only} == {"wn2025-0001"}
    assert list(store.iter_statements(doc_id="missing")) == []


def test_iter_statements_runs_a_fixed_number_of_queries(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    for art, stmts in many(40, per_article=25):
        store.add_article(art, stmts, run=RUN)
    calls: list[str] = []
    original = store._select

    def counting(sparql: str, **substitutions: ox.Literal) -> list[ox.QuerySolution]:
        calls.append(sparql)
        return original(sparql, **substitutions)

    monkeypatch.setattr(store, "_select", counting)
    records = list(store.iter_statements())
    assert len(records) == 1000
    assert len(calls) <= 3  # articles, actors, statements: never one query per statement


# ---------------------------------------------------------------- misuse


def test_closed_store_refuses_work() -> None:
    store = GraphStore.open(None)
    store.close()
    store.close()
    with pytest.raises(StoreError) as error:
        store.stats()
    assert error.value.code == "E307"


def test_in_memory_read_only_is_refused() -> None:
    with pytest.raises(StoreError) as error:
        GraphStore.open(None, read_only=True)
    assert error.value.code == "E328"


def test_one_add_article_algorithm_for_both_stores() -> None:
    """The embedded and the remote store write through BaseStore.add_article, each providing
    only the primitives it needs."""
    from kg.store.base import BaseStore
    from kg.store.remote import RemoteStore

    for cls in (GraphStore, RemoteStore):
        assert cls.add_article is BaseStore.add_article
        for primitive in ("_graph_quads", "_described", "_doc_graphs", "_update", "_writable"):
            assert primitive in vars(cls), f"{cls.__name__} lacks {primitive}"
