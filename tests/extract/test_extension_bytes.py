"""geokg's doc extensions survive msgpack: Doc.to_bytes round-trips and spaCy's n_process works."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from spacy.tokens import Doc

from kg.extract.extensions import Mention, Relation, decode_msgpack, encode_msgpack
from kg.extract.pipeline import Extractor
from kg.ingest import read_articles
from kg.types import Actor, Article, Role

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds" / "wikinews").glob("*.txt"))[:6]


def values(doc: Doc) -> tuple[object, object, object]:
    return doc._.kg_mentions, doc._.kg_relations, doc._.kg_date


def test_records_and_dates_encode_to_plain_maps_and_back() -> None:
    actor = Actor("xi-jinping", "Xi Jinping", "Person", aliases=("Xi",), roles=(Role("president", of="china"),))
    state = Actor("china", "China", "State", known=False, sector="GOV")
    subject, place = Mention(0, 2, actor, "name"), Mention(5, 6, state, "capital", place=True)
    relation = Relation(subject, "visits", place, 0, 7, attributed_to=place, trigger=(3, 4), notes=("a", "b"))
    for value in (actor, subject, relation, datetime.date(2025, 9, 28)):
        encoded = encode_msgpack(value)
        assert isinstance(encoded, dict)
        assert decode_msgpack(encoded) == value
    assert encode_msgpack("text") == "text" and decode_msgpack({"a": 1}) == {"a": 1}
    assert encode_msgpack(datetime.datetime(2025, 1, 1), chain=str) == "2025-01-01 00:00:00"  # not ours


def test_a_processed_doc_round_trips_through_bytes(extractor: Extractor) -> None:
    article = Article(doc_id="t", text="Xi Jinping met Vladimir Putin in Moscow.", date=datetime.date(2025, 9, 29))
    doc = extractor.nlp(extractor.make_doc(article))
    assert doc._.kg_relations and doc._.kg_date == datetime.date(2025, 9, 29)
    again = Doc(extractor.nlp.vocab).from_bytes(doc.to_bytes())
    assert values(again) == values(doc)
    assert type(again._.kg_mentions) is list and type(again._.kg_relations[0].trigger) is tuple
    assert extractor.statements(article, again) == extractor.statements(article, doc)


@pytest.mark.slow
def test_spacy_n_process_gives_the_values_and_statements_of_one_process(extractor: Extractor) -> None:
    if len(SEEDS) < 6:
        pytest.skip("the Wikinews seed articles are not in this checkout")
    articles = list(read_articles([str(path) for path in SEEDS]))
    texts = [article.text for article in articles]
    one = list(extractor.nlp.pipe(texts, n_process=1, batch_size=2))
    two = list(extractor.nlp.pipe(texts, n_process=2, batch_size=2))
    assert [values(doc) for doc in two] == [values(doc) for doc in one]
    assert sum(len(doc._.kg_relations) for doc in one) > 5
    assert any(doc._.kg_date for doc in one)  # the tokenizer read dates from the headers
    docs = [extractor.make_doc(article) for article in articles]  # Docs with the article date go out too
    piped = extractor.nlp.pipe(docs, n_process=2, batch_size=2)
    by_two = [extractor.statements(article, doc) for article, doc in zip(articles, piped, strict=True)]
    assert by_two == [extractor.extract(article) for article in articles]
