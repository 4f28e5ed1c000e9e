"""The loaded geokg pipeline on a plain text gives what ``kg extract`` gives: headline
recasing and the article date are steps of the pipeline (its tokenizer), not of the caller."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.ingest.text import article_from_text
from kg.rdf.iris import statement_iri
from kg.types import Article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_f816f7051cb6ef20.txt"


def _iris(extractor, article: Article, doc) -> list[str]:
    return sorted(statement_iri(s) for s in extractor.statements(article, doc))


def test_nlp_of_the_seed_article_gives_the_statements_of_extract(extractor):
    article = article_from_text(SEED.read_text(encoding="utf-8"), doc_id="seed")
    assert article.date == date(2025, 9, 29)
    doc = extractor.nlp(article.text)
    assert doc._.kg_date == article.date
    assert doc.text != article.text and len(doc.text) == len(article.text)  # the headline is recased
    expected = extractor.extract(article)
    assert expected
    assert _iris(extractor, article, doc) == sorted(statement_iri(s) for s in expected)
    relations = [
        (r.subject.actor.key, r.predicate, r.object.actor.key, r.rule, r.trigger, r.confidence)
        for r in doc._.kg_relations
    ]
    again = extractor.nlp(extractor.make_doc(article))
    assert relations == [
        (r.subject.actor.key, r.predicate, r.object.actor.key, r.rule, r.trigger, r.confidence)
        for r in again._.kg_relations
    ]


@pytest.mark.parametrize(
    ("header", "president"),
    [
        ("Friday, January 4, 2019", "Donald Trump"),
        ("2022-06-01", "Joe Biden"),
        ("", None),  # no date: the same statements as kg extract, whoever they name
    ],
)
def test_the_date_in_the_text_picks_the_office_holder(extractor, header, president):
    text = f"Tehran Talks Stall\n{header}\n\nThe U.S. president criticized Iran."
    article = article_from_text(text, doc_id="t")
    doc = extractor.nlp(article.text)
    assert doc._.kg_date == article.date
    got = {s.subject.label for s in extractor.statements(article, doc) if s.predicate == "criticizes"}
    if president is not None:
        assert got == {president}
    assert _iris(extractor, article, doc) == sorted(statement_iri(s) for s in extractor.extract(article))


def test_a_date_given_by_the_caller_wins_over_the_text(extractor):
    text = "Tehran Talks Stall\n2022-06-01\n\nThe U.S. president criticized Iran."
    doc = extractor.nlp.make_doc(text)
    assert doc._.kg_date == date(2022, 6, 1)
    doc._.kg_date = date(2019, 6, 1)
    doc = extractor.nlp(doc)
    assert {r.subject.actor.label for r in doc._.kg_relations} == {"Donald Trump"}


def test_the_tokenizer_keeps_offsets_and_normalises_line_ends(extractor):
    text = "Xi Pressures Trump To Oppose Taiwan Independence\r\n\r\nBody text here.  "
    doc = extractor.nlp.make_doc(text)
    normalised = "Xi Pressures Trump To Oppose Taiwan Independence\n\nBody text here."
    assert len(doc.text) == len(normalised) and doc.text.lower() == normalised.lower()
    assert doc.text.startswith("Xi pressures Trump")
    assert doc._.kg_date is None


def test_a_config_without_the_tokenizer_section_still_recases_headlines(extractor, tmp_path):
    import re

    from kg.extract.pipeline import ExtractConfig, Extractor
    from kg.extract.tokenizer import HeadlineTokenizer
    from kg.resources import pipelines_path

    cfg = pipelines_path("geokg.cfg").read_text(encoding="utf-8")
    old = re.sub(r"\[nlp\.tokenizer\]\n(?:[^\[\n][^\n]*\n)*", "", cfg)
    assert "kg.HeadlineTokenizer" not in old
    (tmp_path / "old.cfg").write_text(old, encoding="utf-8")
    own = Extractor(ExtractConfig(config=str(tmp_path / "old.cfg")))
    assert isinstance(own.nlp.tokenizer, HeadlineTokenizer)
    article = Article(doc_id="t", text="Xi Pressures Trump To Oppose Taiwan Independence", date=date(2025, 9, 29))
    assert (
        sorted(statement_iri(s) for s in own.extract(article))
        == sorted(statement_iri(s) for s in extractor.extract(article))
        != []
    )
