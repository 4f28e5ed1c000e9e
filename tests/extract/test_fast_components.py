"""geokg's kg_attribute_ruler and kg_lemmatizer give exactly what spaCy's sourced
attribute_ruler and lemmatizer give: the same token attributes, hence the same statements."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from kg.extract.attribute_ruler import TableAttributeRuler
from kg.extract.lemmatizer import MemoLemmatizer
from kg.extract.model_data import component_data
from kg.extract.pipeline import DEFAULT_MODEL, ExtractConfig, Extractor
from kg.ingest import read_articles
from kg.resources import pipelines_path
from tests.conftest import SHARED

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]

# sentences for the patterns of several tokens, the spaces, pronouns and auxiliaries
TRICKY = [
    "I ain't gonna sign it, y'all, and we gotta leave. Let's go! C'mon, they're here.",
    "There is a treaty. There were talks.\n\n  \nIt has been signed; he'd have done it.",
    "She gets what she got. Nothin' doin' 'em 'nuff, ol' somethin' goin' 'll",
    "Did he? He did it himself, and so did they: that is what they'd said.",
    "The ministers , whose  talks  failed ,\tsaid that nobody would come.",
]


def _sourced_config(tmp: Path) -> str:
    text = pipelines_path("geokg.cfg").read_text()
    for name in ("attribute_ruler", "lemmatizer"):
        text = re.sub(
            rf"\[components\.{name}\]\n(?:[^\[\n][^\n]*\n)*", f"[components.{name}]\nsource = ${{paths.model}}\n", text
        )
    path = tmp / "sourced.cfg"
    path.write_text(text)
    return str(path)


@pytest.fixture(scope="module")
def sourced(tmp_path_factory) -> Extractor:
    """The geokg pipeline with spaCy's own attribute_ruler and lemmatizer from the model."""
    extractor = Extractor(ExtractConfig(config=_sourced_config(tmp_path_factory.mktemp("cfg"))))
    assert type(extractor.nlp.get_pipe("attribute_ruler")) is AttributeRuler
    return extractor


@pytest.fixture(scope="module")
def model():
    return spacy.load(DEFAULT_MODEL)


def _texts(shared: Path | None) -> list[str]:
    texts = list(TRICKY) + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.rglob("*.txt"))[:5]]
    if shared is not None:
        for folder, n in (("wikinews", 10), ("current_events", 10)):
            texts += [p.read_text(encoding="utf-8") for p in sorted((shared / "corpus" / folder).glob("*.txt"))[:n]]
    return texts


def test_the_geokg_pipeline_uses_the_table_ruler_and_memo_lemmatizer(extractor):
    assert type(extractor.nlp.get_pipe("attribute_ruler")) is TableAttributeRuler
    assert type(extractor.nlp.get_pipe("lemmatizer")) is MemoLemmatizer
    spacy_ruler = AttributeRuler(extractor.nlp.vocab).from_disk(
        component_data(DEFAULT_MODEL, "attribute_ruler"), exclude=["vocab"]
    )
    assert extractor.nlp.get_pipe("attribute_ruler").patterns == spacy_ruler.patterns  # the model's own


def test_token_attributes_are_those_of_spacys_components(model):
    ours_ruler = TableAttributeRuler(model.vocab).from_disk(
        component_data(DEFAULT_MODEL, "attribute_ruler"), exclude=["vocab"]
    )
    ours_lemmatizer = MemoLemmatizer(model.vocab, None, mode="rule").from_disk(
        component_data(DEFAULT_MODEL, "lemmatizer"), exclude=["vocab"]
    )
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(model.pipe(TRICKY * 2))
    for doc in docs:
        theirs, ours = doc.copy(), doc.copy()
        model.get_pipe("lemmatizer")(model.get_pipe("attribute_ruler")(theirs))
        ours_lemmatizer(ours_ruler(ours))
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in ours] == [
            (t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in theirs
        ]
    lemmas = {t.lower_: t.lemma_ for t in ours_lemmatizer(ours_ruler(docs[0].copy()))}
    assert lemmas["ai"] == "be" and lemmas["gon"] == "go" and lemmas["ta"] == "to"  # several-token patterns


def test_statements_and_tokens_equal_the_sourced_pipeline(extractor, sourced, request):
    shared = request.getfixturevalue("shared_dir") if SHARED.is_dir() else None
    texts = _texts(shared)
    for ours, theirs in zip(extractor.nlp.pipe(texts), sourced.nlp.pipe(texts), strict=True):
        assert (ours.to_array(ATTRS) == theirs.to_array(ATTRS)).all(), ours.text[:80]
    articles = list(read_articles([str(SEEDS)]))
    assert [s for _, st in extractor.pipe(articles) for s in st] == [s for _, st in sourced.pipe(articles) for s in st]
    if shared is None:
        pytest.skip("../shared is not present: compared the seeds and sentences only, not the corpus articles")


def test_the_components_work_in_anyones_pipeline(tmp_path):
    nlp = spacy.load(DEFAULT_MODEL)
    text = "They're gonna meet the ministers, who've signed it."
    expected = [(t.pos_, str(t.morph), t.lemma_) for t in nlp(text)]
    nlp.replace_pipe("attribute_ruler", "kg_attribute_ruler", config={"data_from": DEFAULT_MODEL})
    nlp.replace_pipe("lemmatizer", "kg_lemmatizer", config={"data_from": DEFAULT_MODEL})
    assert [(t.pos_, str(t.morph), t.lemma_) for t in nlp(text)] == expected
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert len(again.get_pipe("attribute_ruler").attrs) == len(nlp.get_pipe("attribute_ruler").attrs)  # not doubled
    assert [(t.pos_, str(t.morph), t.lemma_) for t in again(text)] == expected


def test_patterns_added_later_and_new_tables_take_effect(model):
    ruler = TableAttributeRuler(model.vocab)
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN"})
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = model("The ministers met.")
    assert ruler(doc.copy())[1].pos_ == "NOUN"
    ruler.add([[{"LOWER": "the"}, {"LOWER": "ministers"}]], {"LEMMA": "envoy"}, index=-1)
    ruler.add([[{"LOWER": {"REGEX": "^min"}}]], {"POS": "PROPN"})
    out = ruler(doc.copy())
    assert (out[1].pos_, out[1].lemma_) == ("PROPN", "envoy")
    ruler.add([[{"LOWER": "met"}]], {"LEMMA": "x"}, index=3)
    with pytest.raises(ValueError, match="E1001"):
        ruler(doc.copy())
    lemmatizer = MemoLemmatizer(model.vocab, None, mode="lookup")
    lemmatizer.initialize(lookups=_lookups({"ministers": "minister"}))
    assert lemmatizer(doc.copy())[1].lemma_ == "minister"
    lemmatizer.initialize(lookups=_lookups({"ministers": "envoy"}))
    assert lemmatizer(doc.copy())[1].lemma_ == "envoy"  # the memo was cleared


def _lookups(table: dict[str, str]):
    from spacy.lookups import Lookups

    lookups = Lookups()
    lookups.add_table("lemma_lookup", table)
    return lookups


def test_an_unknown_model_is_spacys_error():
    with pytest.raises(OSError, match="E050"):
        component_data("no_such_model_xyz", "attribute_ruler")
    with pytest.raises(ValueError, match="no 'nothing' component"):
        component_data(DEFAULT_MODEL, "nothing")
