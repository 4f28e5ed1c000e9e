"""kg.export: every format re-parses, streams of both kinds work, files are written whole."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from kg.errors import InputError, KGError
from kg.export import CSV_COLUMNS, EXPORT_FORMATS, export
from kg.rdf.iris import ACTORS_GRAPH
from kg.records import ActorRecord, StatementRecord
from kg.store import GraphStore
from tests.store.records import RUN, UNKNOWN, article, statements

# rdflib's own parsers use its deprecated ConjunctiveGraph internally
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}


@pytest.fixture()
def store() -> Iterator[GraphStore]:
    with GraphStore.open(None) as opened:
        first = article()
        second = article(
            first.text + '\nA "quoted" line with a tab\tand ünïcode.',
            doc_id="d2",
            title='Title with "quotes" and <angle> brackets',
        )
        opened.add_article(first, statements(first), [UNKNOWN], run=RUN)
        opened.add_article(second, statements(second), run=RUN)
        yield opened


def distinct_triples(store: GraphStore) -> int:
    return len({(q.subject, q.predicate, q.object) for q in store.quads()})


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_merged_rdf_exports_reparse(store: GraphStore, fmt: str) -> None:
    out = io.BytesIO()
    export(store, fmt, out)
    graph = Graph().parse(data=out.getvalue(), format=RDFLIB_FORMAT[fmt])
    assert len(graph) == distinct_triples(store)
    if fmt == "ttl":
        assert b"@prefix gkg: <https://w3id.org/geokg/ontology#>" in out.getvalue()


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_dataset_exports_keep_the_named_graphs(store: GraphStore, fmt: str) -> None:
    out = io.BytesIO()
    export(store, fmt, out)
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format=RDFLIB_FORMAT[fmt])
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {a["iri"] for a in store.articles()} | {ACTORS_GRAPH, "https://w3id.org/geokg/graph/ontology"}
    assert sum(len(g) for g in dataset.graphs()) == len(store.quads())
    pressures = list(dataset.quads((None, URIRef("https://w3id.org/geokg/ontology#pressures"), None, None)))
    assert len(pressures) == 2  # one direct triple per article


def test_jsonl_is_iter_statements(store: GraphStore) -> None:
    out = io.StringIO()
    export(store, "jsonl", out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [r.to_json() for r in store.iter_statements()]
    assert len(lines) == 10


def test_jsonl_for_one_document(store: GraphStore) -> None:
    out = io.StringIO()
    export(store, "jsonl", out, doc_id="d2")
    assert {json.loads(line)["doc_id"] for line in out.getvalue().splitlines()} == {"d2"}


def test_csv_has_one_flat_row_per_statement(store: GraphStore) -> None:
    out = io.StringIO()
    export(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = list(store.iter_statements())
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row["id"] == record.id
        assert row["subject_label"] == record.subject.label
        assert row["object_wikidata"] == (record.object.wikidata or "")
        assert row["negated"] == ("true" if record.negated else "false")
        assert row["attributed_to_label"] == (record.attributed_to.label if record.attributed_to else "")
        assert row["sentence"] == record.sentence  # quotes, tabs and commas survive
        assert float(row["confidence"]) == record.confidence


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_text_and_binary_streams_give_the_same_bytes(store: GraphStore, fmt: str) -> None:
    binary = io.BytesIO()
    export(store, fmt, binary)
    text = io.StringIO(newline="")
    export(store, fmt, text)
    assert text.getvalue().encode("utf-8") == binary.getvalue()


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_path_output_is_complete_and_leaves_no_temporary_file(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out" / f"kg.{fmt}"
    export(store, fmt, target)
    stream = io.BytesIO()
    export(store, fmt, stream)
    assert target.read_bytes() == stream.getvalue()
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_failed_export_keeps_the_previous_file(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kg.jsonl"
    target.write_text("previous export\n")

    def broken(*, doc_id: str | None = None) -> Iterator[StatementRecord]:
        yield StatementRecord(ActorRecord("a:x", "X"), "meets", ActorRecord("a:y", "Y"), id="first")
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "iter_statements", broken)
    with pytest.raises(RuntimeError):
        export(store, "jsonl", target)
    assert target.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.jsonl"]


def test_unwritable_target(store: GraphStore, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(KGError) as error:
        export(store, "nt", blocker / "kg.nt")
    assert error.value.code == "E351"


def test_unknown_format_and_misplaced_doc_id(store: GraphStore) -> None:
    with pytest.raises(InputError) as error:
        export(store, "xlsx", io.BytesIO())
    assert error.value.code == "E350"
    with pytest.raises(InputError) as error:
        export(store, "ttl", io.BytesIO(), doc_id="d2")
    assert error.value.code == "E352"


def test_format_aliases(store: GraphStore) -> None:
    a, b = io.BytesIO(), io.BytesIO()
    export(store, "turtle", a)
    export(store, "ttl", b)
    assert a.getvalue() == b.getvalue()


def test_empty_store_exports() -> None:
    with GraphStore.open(None) as empty:
        for fmt in EXPORT_FORMATS:
            out = io.BytesIO()
            export(empty, fmt, out)
            if fmt == "csv":
                assert out.getvalue().decode().splitlines() == [",".join(CSV_COLUMNS)]
            elif fmt == "jsonl":
                assert out.getvalue() == b""
            else:
                dataset = Dataset()
                dataset.parse(data=out.getvalue(), format=RDFLIB_FORMAT[fmt])
                assert len(dataset) == 0
