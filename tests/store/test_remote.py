"""RemoteStore against a real Oxigraph server process started on loopback by the tests.

Every write and read is compared with the embedded GraphStore doing the same thing: the
remote store must give the same triples, records, counts and query results.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError, StoreError
from kg.rdf.iris import ACTORS_GRAPH, actor_iri, article_iri
from kg.store import GraphStore, OxigraphServer, RemoteStore, free_port, is_remote
from kg.store.named_queries import named_queries
from kg.store.remote import bind_with_values
from tests.store.records import (
    CHINA,
    NAMED_QUERY_PARAMS,
    RUN,
    UNKNOWN,
    WSJ,
    article,
    many,
    sample_store,
    statements,
)

ROOT = Path(__file__).resolve().parents[2]

PARAMS = NAMED_QUERY_PARAMS


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    with OxigraphServer(None, read_only=False) as running:
        yield running
    assert not running.running


def _drop_all(server: OxigraphServer) -> None:
    request = urllib.request.Request(
        server.update_url,
        data=b"DROP ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status in (200, 204)


@pytest.fixture()
def remote(server: OxigraphServer) -> Iterator[RemoteStore]:
    _drop_all(server)
    with RemoteStore.open(server.url) as store:
        yield store


@pytest.fixture()
def local() -> Iterator[GraphStore]:
    with GraphStore.open(None) as store:
        yield store


def ground(quads: list[ox.Quad]) -> set[ox.Quad]:
    """Quads without blank nodes (a server relabels the ontology's blank nodes)."""
    return {q for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


def both(local: GraphStore, remote: RemoteStore, action: Callable[[object], object]) -> tuple[object, object]:
    return action(local), action(remote)


def assert_same(local: GraphStore, remote: RemoteStore) -> None:
    assert ground(remote.quads()) == ground(local.quads())
    assert len(remote.quads()) == len(local.quads())
    assert remote.stats() == local.stats()
    assert remote.articles() == local.articles()
    assert list(remote.iter_statements()) == list(local.iter_statements())


# ---------------------------------------------------------------- writing


def test_add_article_gives_the_same_graph_as_the_embedded_store(local: GraphStore, remote: RemoteStore) -> None:
    art = article()
    first = both(local, remote, lambda s: s.add_article(art, statements(art), [UNKNOWN], run=RUN))
    assert first == (True, True)
    assert_same(local, remote)
    again = both(local, remote, lambda s: s.add_article(art, statements(art), [UNKNOWN], run=RUN))
    assert again == (False, False)
    assert_same(local, remote)
    assert remote.has_article(art.doc_id) and remote.has_article(art.sha256)
    assert remote.has_article(article_iri(art.sha256)) and not remote.has_article("no-such-doc")


def test_edited_article_and_changed_actors_are_replaced(local: GraphStore, remote: RemoteStore) -> None:
    art = article()
    edited = article(art.text + "\nChina pressures Taiwan.")
    renamed = replace(CHINA, label="People's Republic of China", aliases=("Beijing",))
    for store in (local, remote):
        store.add_article(art, statements(art), run=RUN)
        assert store.add_article(edited, statements(edited), [renamed], run=RUN) is True
    assert_same(local, remote)
    assert not remote.has_article(art.sha256) and remote.has_article(edited.sha256)
    labels = remote.query("SELECT ?l WHERE { ?a rdfs:label ?l }", bindings={"a": ox.NamedNode(actor_iri("china"))})
    assert labels.rows == [("People's Republic of China",)]


def test_remove_actors_except_drops_descriptions_and_roles(local: GraphStore, remote: RemoteStore) -> None:
    art = article()
    for store in (local, remote):
        store.add_article(art, statements(art), run=RUN)
        store.remove_article(art.doc_id)
    kept = ["china", "taiwan"]
    dropped = both(local, remote, lambda s: s.remove_actors_except(kept))
    assert dropped[0] == dropped[1] > 0
    assert_same(local, remote)
    rows = remote.query("SELECT DISTINCT ?s WHERE { GRAPH <%s> { ?s ?p ?o } }" % ACTORS_GRAPH)
    subjects = {row[0].value for row in rows.rows}
    assert subjects == {actor_iri(key) for key in kept} | {RUN.iri}  # no role node left
    assert both(local, remote, lambda s: s.remove_actors_except(kept)) == (0, 0)


def test_many_articles_and_removal(local: GraphStore, remote: RemoteStore) -> None:
    batch = many(12, per_article=3)
    for store in (local, remote):
        for art, stmts in batch:
            store.add_article(art, stmts, run=RUN)
    assert_same(local, remote)
    first, second, third = batch[0][0], batch[1][0], batch[2][0]
    assert both(local, remote, lambda s: s.remove_article(first.doc_id)) == (1, 1)
    assert both(local, remote, lambda s: s.remove_article(second.sha256)) == (1, 1)
    assert both(local, remote, lambda s: s.remove_article(article_iri(third.sha256))) == (1, 1)
    assert both(local, remote, lambda s: s.remove_article("doc-999999")) == (0, 0)
    assert_same(local, remote)
    assert remote.stats()["articles"] == 9


def test_clear_drops_geokg_graphs_only(server: OxigraphServer, remote: RemoteStore) -> None:
    art = article()
    remote.add_article(art, statements(art), run=RUN)
    other = "INSERT DATA { GRAPH <http://example.org/other> { <http://example.org/s> <http://example.org/p> 1 } }"
    request = urllib.request.Request(
        server.update_url, data=other.encode(), method="POST", headers={"Content-Type": "application/sparql-update"}
    )
    urllib.request.urlopen(request, timeout=10).close()
    remote.clear()
    assert remote.stats() == {"articles": 0, "actors": 0, "statements": 0, "triples": 1}
    assert remote.add_article(art, statements(art), run=RUN) is True  # the ontology comes back
    assert remote.stats()["statements"] == 5


def test_dump_matches_the_embedded_store(local: GraphStore, remote: RemoteStore) -> None:
    art = article()
    for store in (local, remote):
        store.add_article(art, statements(art), [UNKNOWN], run=RUN)
    for fmt in ("nq", "trig", "nt", "ttl", "jsonld"):
        dumps = []
        for store in (local, remote):
            buffer = io.BytesIO()
            store.dump(fmt, buffer)  # type: ignore[arg-type]
            data = buffer.getvalue()
            rdf_format = {
                "nq": ox.RdfFormat.N_QUADS,
                "trig": ox.RdfFormat.TRIG,
                "nt": ox.RdfFormat.N_TRIPLES,
                "ttl": ox.RdfFormat.TURTLE,
                "jsonld": ox.RdfFormat.JSON_LD,
            }[fmt]
            dumps.append(list(ox.parse(data, format=rdf_format)))
        assert ground(dumps[1]) == ground(dumps[0]), fmt
        assert len(dumps[1]) == len(dumps[0]), fmt
    with pytest.raises(InputError) as error:
        remote.dump("xml", io.BytesIO())  # type: ignore[arg-type]
    assert error.value.code == "E353"


def test_read_only_remote_store_refuses_writes(server: OxigraphServer) -> None:
    _drop_all(server)
    with RemoteStore.open(server.url, read_only=True) as store:
        art = article()
        for write in (
            lambda: store.add_article(art, statements(art), run=RUN),
            lambda: store.remove_article("x"),
            store.clear,
        ):
            with pytest.raises(StoreError) as error:
                write()
            assert error.value.code == "E308"
        assert store.stats()["triples"] == 0


# ---------------------------------------------------------------- reading


QUERIES = [
    "SELECT ?s ?o WHERE { ?s gkg:pressures ?o }",
    "SELECT ?st ?p WHERE { ?st a gkg:Statement ; rdf:predicate ?p } ORDER BY ?st",
    "ASK { actor:donald-trump gkg:providesAidTo actor:taiwan }",
    "ASK { ?st gkg:negated true }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . ?s a gkg:Actor }",
    "DESCRIBE actor:xi-jinping",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
]


@pytest.mark.parametrize("sparql", QUERIES)
def test_queries_give_the_same_results(local: GraphStore, remote: RemoteStore, sparql: str) -> None:
    art = article()
    for store in (local, remote):
        store.add_article(art, statements(art), run=RUN)
    mine, theirs = local.query(sparql), remote.query(sparql)
    assert theirs.kind == mine.kind
    assert theirs.boolean == mine.boolean
    assert theirs.variables == mine.variables
    assert sorted(map(str, theirs.terms)) == sorted(map(str, mine.terms))
    assert set(theirs.triples) == set(mine.triples)
    assert len(mine) > 0


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_give_the_same_results(local: GraphStore, remote: RemoteStore, name: str) -> None:
    art = article()
    for store in (local, remote):
        store.add_article(art, statements(art), [UNKNOWN], run=RUN)
    query = named_queries()[name]
    bindings = query.bind(PARAMS.get(name, {}))
    mine = local.query(query.text_for(local), bindings=bindings)
    theirs = remote.query(query.text_for(remote), bindings=bindings)  # standard SPARQL 1.1
    assert theirs.variables == mine.variables
    assert theirs.terms == mine.terms  # same order too: the queries sort their rows
    assert len(mine) > 0


def test_bound_values_cannot_change_the_query(local: GraphStore, remote: RemoteStore) -> None:
    art = article()
    for store in (local, remote):
        store.add_article(art, statements(art), run=RUN)
    before = remote.stats()
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { { "'
    sparql = "SELECT ?a WHERE { ?a rdfs:label ?label }"
    assert remote.query(sparql, bindings={"label": hostile}).rows == []
    assert local.query(sparql, bindings={"label": hostile}).rows == []
    assert remote.stats() == before
    typed = "SELECT ?st WHERE { ?st dcterms:date ?d }"
    assert len(remote.query(typed, bindings={"d": date(2025, 9, 29)})) == 4
    assert len(remote.query(typed, bindings={"d": date(2025, 9, 28)})) == 0
    with pytest.raises(InputError) as error:
        remote.query(sparql, bindings={"nothere": "x"})
    assert error.value.code == "E327"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?o WHERE { ?s ?p ?o }", "SELECT ?o WHERE { VALUES (?s) { (<http://x/a>) } ?s ?p ?o }"),
        # a brace in a comment or a string does not count, nor does the # of an IRI
        (
            '# { not here\nSELECT ?o { ?s ?p "}{" ; <http://x/p#c> ?o }',
            '# { not here\nSELECT ?o { VALUES (?s) { (<http://x/a>) } ?s ?p "}{" ; <http://x/p#c> ?o }',
        ),
        # the template of a CONSTRUCT is not its pattern
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://x/a>) } ?s ?p ?o }",
        ),
        # a group that is a subquery stays a group of its own
        (
            "SELECT ?s WHERE { SELECT ?s WHERE { ?s ?p ?o } }",
            "SELECT ?s WHERE { VALUES (?s) { (<http://x/a>) } { SELECT ?s WHERE { ?s ?p ?o } }}",
        ),
        # an expression with EXISTS { } in the SELECT clause is not the pattern
        (
            "SELECT (EXISTS { ?s ?p 1 } AS ?e) WHERE { ?s ?p ?o }",
            "SELECT (EXISTS { ?s ?p 1 } AS ?e) WHERE { VALUES (?s) { (<http://x/a>) } ?s ?p ?o }",
        ),
    ],
)
def test_bind_with_values_finds_the_where_group(query: str, expected: str) -> None:
    bound = bind_with_values(query, {"s": ox.NamedNode("http://x/a")})
    assert bound == expected
    store = ox.Store()
    store.query(bound)  # valid SPARQL


@pytest.mark.parametrize(
    "query", ["CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE ?s", "CONSTRUCT WHERE { ?s ?p ?o } VALUES ?o { 1 }"]
)
def test_bind_with_values_refuses_queries_without_a_pattern(query: str) -> None:
    with pytest.raises(InputError) as error:
        bind_with_values(query, {"s": ox.NamedNode("http://x/a")})
    assert error.value.code == "E380"


# ---------------------------------------------------------------- errors


def test_syntax_errors_point_at_the_users_query(remote: RemoteStore) -> None:
    with pytest.raises(InputError) as error:
        remote.query("SELECT ?s WHERE {\n  ?s ?p \n}")
    assert error.value.code == "E374"
    assert error.value.message.startswith("the server rejected the query: error at 3:")


def test_unreachable_server_and_bad_urls() -> None:
    port = free_port()
    with pytest.raises(StoreError) as error:
        RemoteStore.open(f"http://127.0.0.1:{port}", timeout=5)
    assert error.value.code == "E371"
    assert f"cannot reach the SPARQL server at http://127.0.0.1:{port}/query" in error.value.message
    with pytest.raises(StoreError) as error:
        RemoteStore.open(f"http://reader:s3cret@127.0.0.1:{port}", timeout=5)
    assert error.value.code == "E371" and "s3cret" not in str(error.value)
    for url, code in [
        ("http://", "E370"),
        ("http://127.0.0.1:99999", "E370"),
        (f"http://127.0.0.1:{port}#nosuchserver", "E384"),
    ]:
        with pytest.raises(InputError) as bad:
            RemoteStore.open(url)
        assert bad.value.code == code
    assert is_remote("HTTPS://example.org") and not is_remote("./http-store")


def test_wrong_layout_says_where_the_endpoint_was_expected(server: OxigraphServer) -> None:
    with pytest.raises(StoreError) as error:
        RemoteStore.open(server.url + "/nothing#fuseki")
    assert error.value.code == "E373"
    assert "no SPARQL endpoint at " + server.url + "/nothing/query" in error.value.message


def test_closed_store_says_so(server: OxigraphServer) -> None:
    store = RemoteStore.open(server.url)
    store.close()
    with pytest.raises(StoreError) as error:
        store.stats()
    assert error.value.code == "E379"


def test_a_read_only_server_refuses_writes_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    art = sample_store(folder)
    with OxigraphServer(folder) as server, RemoteStore.open(server.url) as remote:
        assert remote.stats()["statements"] == 5
        with pytest.raises(StoreError) as error:
            remote.remove_article(art.doc_id)
        assert error.value.code == "E372"
        assert "refused the removal of 'wn2025-0001' (HTTP 403" in error.value.message
        assert "it may be read-only" in error.value.message
        assert remote.stats()["statements"] == 5


# ---------------------------------------------------------------- the kg command on a server


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )


def test_kg_commands_on_a_remote_store(server: OxigraphServer, remote: RemoteStore, tmp_path: Path) -> None:
    art = article()
    remote.add_article(art, statements(art), [UNKNOWN], run=RUN)
    with GraphStore.open(None) as local:
        local.add_article(art, statements(art), [UNKNOWN], run=RUN)
        expected_jsonl = [r.to_json() for r in local.iter_statements()]

    result = kg(
        "query",
        "--named",
        "statements-by-source",
        "--param",
        f"source={WSJ.label}",
        "--format",
        "json",
        "--store",
        server.url,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert [r["predicate"]["value"] for r in rows] == ["providesAidTo"]

    exported = tmp_path / "statements.jsonl"
    result = kg("export", "--format", "jsonl", "-o", str(exported), "--store", server.url)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in exported.read_text().splitlines()] == expected_jsonl

    result = kg("validate", "--store", server.url)
    assert result.returncode == 0, result.stderr
    assert "conforms" in result.stdout

    result = kg("remove", art.doc_id, "--store", server.url)
    assert result.returncode == 0, result.stderr
    assert "Removed 1 article graph(s)" in result.stdout
    assert remote.stats()["articles"] == 0
    assert remote.quads(ACTORS_GRAPH)  # actor descriptions stay

    result = kg("query", "ASK {}", "--store", f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 3
    assert result.stderr.startswith("error E371: cannot reach the SPARQL server")
