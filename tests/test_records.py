"""The read-side statement record: JSON Lines objects in, the same objects out, typed in between."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from kg.errors import InputError
from kg.rdf.iris import statement_iri
from kg.rdf.records import statement_record, statement_to_json
from kg.records import (
    ActorRecord,
    ArticleInfo,
    AttributionRecord,
    StatementRecord,
    as_record,
)
from kg.store import GraphStore
from tests.store.records import RUN, article, statements

CHINA = {
    "id": "https://w3id.org/geokg/actor/china",
    "label": "China",
    "type": "State",
    "wikidata": "Q148",
    "country": "CHN",
}
REBELS = {
    "id": "https://w3id.org/geokg/actor/rebels",
    "label": "rebels",
    "type": "Organization",
    "wikidata": None,
    "country": None,
    "sector": "REB",
}
FULL = {
    "id": "s1",
    "doc_id": "d1",
    "subject": CHINA,
    "predicate": "attacks",
    "object": REBELS,
    "plover": "ASSAULT",
    "quad_class": 4,
    "negated": True,
    "modality": "possible",
    "attributed_to": {"id": "a:wsj", "label": "WSJ", "type": "Media"},
    "date": "2025-09",
    "sentence": "China may not attack rebels.",
    "char_start": 3,
    "char_end": 31,
    "confidence": 0.75,
    "article": "ab",
}


@pytest.mark.parametrize(
    "line",
    [
        FULL,
        {**FULL, "attributed_to": None, "date": None, "plover": None, "quad_class": None},
        {**FULL, "headline": "H", "url": None, "source": "wsj.jsonl"},
    ],
)
def test_from_json_then_to_json_gives_the_same_object_in_the_same_key_order(line: dict[str, Any]) -> None:
    record = StatementRecord.from_json(line)
    assert json.dumps(record.to_json()) == json.dumps(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            FULL,
            StatementRecord(
                ActorRecord(CHINA["id"], "China", "State", "Q148", "CHN"),
                "attacks",
                ActorRecord(REBELS["id"], "rebels", "Organization", sector="REB"),
                id="s1",
                doc_id="d1",
                plover="ASSAULT",
                quad_class=4,
                negated=True,
                modality="possible",
                attributed_to=AttributionRecord("a:wsj", "WSJ", "Media"),
                date="2025-09",
                sentence="China may not attack rebels.",
                char_start=3,
                char_end=31,
                confidence=0.75,
                article="ab",
            ),
        ),
        # a hand-written record: only the required keys; a date object; a bare attribution
        (
            {
                "subject": {"id": "a:x"},
                "predicate": "meets",
                "object": {"id": "a:y", "label": "Y"},
                "date": date(2020, 1, 2),
                "attributed_to": "Reuters",
                "rule": "svo",
            },
            StatementRecord(
                ActorRecord("a:x"),
                "meets",
                ActorRecord("a:y", "Y"),
                date="2020-01-02",
                attributed_to=AttributionRecord("Reuters", "Reuters"),
            ),
        ),
        ({**FULL, "headline": "H"}, replace(StatementRecord.from_json(FULL), info=ArticleInfo("H", None, None))),
    ],
)
def test_from_json_reads_each_field(line: dict[str, Any], expected: StatementRecord) -> None:
    assert StatementRecord.from_json(line) == expected


def test_article_info_is_read_through_properties() -> None:
    record = StatementRecord.from_json({**FULL, "headline": "H", "url": "u", "source": "s"})
    assert (record.headline, record.url, record.source) == ("H", "u", "s")
    plain = StatementRecord.from_json(FULL)
    assert (plain.headline, plain.url, plain.source, plain.info) == (None, None, None, None)


@pytest.mark.parametrize(
    ("item", "code", "message"),
    [
        ("not a record", "E615", "is a str, not an object"),
        ({"predicate": "meets", "object": {"id": "a:y"}}, "E605", "has no subject with an 'id'"),
        ({"subject": {"id": "a:x"}, "predicate": "meets", "object": {"label": "Y"}}, "E605", "has no object"),
        ({"subject": {"id": "a:x"}, "predicate": "", "object": {"id": "a:y"}}, "E614", "has no 'predicate'"),
    ],
)
def test_as_record_rejects_what_is_not_a_statement(item: Any, code: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        as_record(item, 7)
    assert caught.value.code == code and "record 7" in str(caught.value)


def test_as_record_keeps_a_record() -> None:
    record = StatementRecord.from_json(FULL)
    assert as_record(record) is record


def test_records_are_frozen() -> None:
    record = StatementRecord.from_json(FULL)
    with pytest.raises(AttributeError):
        record.predicate = "meets"  # type: ignore[misc]


def test_store_records_and_write_side_dicts_agree() -> None:
    art = article()
    stmts = statements(art)
    with GraphStore.open(None) as store:
        store.add_article(art, stmts, run=RUN)
        records = list(store.iter_statements())
    assert records and all(isinstance(r, StatementRecord) for r in records)
    assert all(StatementRecord.from_json(r.to_json()) == r for r in records)
    # the write side gives the same dict through the record, once the article keys are left out
    for st in stmts:
        line = statement_to_json(st)
        assert statement_record(st).to_json() == line
        assert StatementRecord.from_json(line).to_json() == line
    by_id = {r.id: r for r in records}
    dated = [st for st in stmts if st.date is not None]  # a store dates the others
    assert dated
    for st in dated:
        stored = by_id[statement_iri(st)].to_json()
        assert [stored.pop(key) for key in ("headline", "url", "source")] == [art.title, art.url, art.source]
        assert stored == statement_to_json(st)
