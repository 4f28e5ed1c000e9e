"""kg.rdf.records: a statement as one object of the JSON Lines format (docs/statements.md)."""

from __future__ import annotations

import json

from kg.rdf.iris import statement_iri
from kg.rdf.records import actor_to_json, statement_to_json
from kg.types import Statement
from tests.store.records import TRUMP, WSJ, XI, article, evidence

ART = article()
SENTENCE = "Trump declined to approve military aid to Taiwan, The Wall Street Journal reported."
DENIED = Statement(
    TRUMP, "providesAidTo", XI, evidence(ART, SENTENCE), negated=True, attributed_to=WSJ, confidence=0.66666
)


def test_actor_object() -> None:
    assert actor_to_json(WSJ) == {
        "id": "https://w3id.org/geokg/actor/the-wall-street-journal",
        "label": "The Wall Street Journal",
        "type": "Media",
        "wikidata": None,
        "country": "USA",
    }


def test_statement_object_keys_in_order_and_values() -> None:
    record = statement_to_json(DENIED)
    assert list(record) == [
        "id",
        "doc_id",
        "subject",
        "predicate",
        "object",
        "plover",
        "quad_class",
        "negated",
        "modality",
        "attributed_to",
        "date",
        "sentence",
        "char_start",
        "char_end",
        "confidence",
        "article",
    ]
    assert record["id"] == statement_iri(DENIED)
    assert record["subject"] == actor_to_json(TRUMP)
    assert (record["plover"], record["quad_class"]) == ("AID", 2)
    assert record["attributed_to"] == {
        "id": "https://w3id.org/geokg/actor/the-wall-street-journal",
        "label": "The Wall Street Journal",
        "type": "Media",
    }
    assert (record["negated"], record["modality"], record["date"]) == (True, "actual", None)
    assert record["confidence"] == 0.667
    assert record["sentence"] == SENTENCE == ART.text[record["char_start"] : record["char_end"]]
    assert record["article"] == ART.sha256
    assert json.loads(json.dumps(record)) == record


def test_unattributed_statement() -> None:
    plain = Statement(XI, "pressures", TRUMP, evidence(ART, SENTENCE))
    assert statement_to_json(plain)["attributed_to"] is None
