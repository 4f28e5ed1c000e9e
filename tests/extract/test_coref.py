"""In-document coreference (``kg_coref``): text → expected statements, and the clusters.

Rows list statements that must be extracted and statements that must not be (a pronoun
linked to the wrong actor, or to an actor when it refers to a thing).
"""

from __future__ import annotations

import pytest
import spacy

from kg.extract.coref.component import CLUSTER_PREFIX
from kg.types import Article

PRONOUNS = [
    # plural "they" after a group of conjoined actors: both act
    (
        "The foreign ministers of Chile and Peru met in Lima. They urged Bolivia to reopen the border.",
        {("Chile", "urges", "Bolivia", False, "actual"), ("Peru", "urges", "Bolivia", False, "actual")},
        set(),
    ),
    (
        "Russia and China said they would hold talks with India.",
        {("Russia", "consults", "India", False, "possible"), ("China", "consults", "India", False, "possible")},
        set(),
    ),
    # "it" after the subject of the previous sentence
    (
        "Japan protested to China on Monday. It accused Beijing of violating its airspace.",
        {("Japan", "accuses", "China", False, "actual")},
        {("China", "accuses", "China", False, "actual")},
    ),
    # "he" in the reported clause is the reporter
    (
        "Donald Trump said he would impose sanctions on Iran.",
        {("Donald Trump", "sanctions", "Iran", False, "possible")},
        set(),
    ),
    # the subject of the previous sentence, not its object
    (
        "Xi Jinping met Vladimir Putin in Moscow. He praised Russia.",
        {("Xi Jinping", "supports", "Russia", False, "actual")},
        {("Vladimir Putin", "supports", "Russia", False, "actual")},
    ),
]

NOTHING = [  # (text, (predicate, object) that no statement may have)
    # "it" is the budget, a thing, not Congress
    (
        "For the budget to pass, Congress must approve it and Trump must sign it.",
        ("agreesWith", "United States Congress"),
    ),
    # an object pronoun with two candidates before it: no link beats a wrong link
    ("Ukraine shot down a Russian drone. Russia attacked it again on Friday.", ("attacks", "Ukraine")),
    # no actor before "it"
    ("The committee approved the budget. It criticized Iran.", ("criticizes", "Iran")),
    # an object "them" is no single body: the tax returns, not the IRS
    (
        "Trump has cited an Internal Revenue Service audit as prohibiting him from releasing them.",
        ("concedesTo", "Internal Revenue Service"),
    ),
]

SPEAKERS = [
    # first person inside a quotation: "we" is the speaker's state on the article date
    (
        '"We will not back down," Lula said of the tariffs. "We condemn the United States."',
        {("Brazil", "criticizes", "United States", False, "actual")},
    ),
    (
        'President of Ukraine Volodymyr Zelenskyy said, "We condemn Iran."',
        {("Ukraine", "criticizes", "Iran", False, "actual")},
    ),
]

EVENTS = [
    # "the move" / "the decision" as a subject: the actor that acted in the sentence before
    (
        "Israel struck Gaza. The decision drew criticism from France.",
        {("France", "criticizes", "Israel", False, "actual")},
        set(),
    ),
    (
        "Vietnam seized a Chinese boat. The move drew condemnation from Beijing.",
        {("China", "criticizes", "Vietnam", False, "actual")},
        set(),
    ),
    # received acts: the "from" actor acts on the subject, never the other way round
    (
        "Israel drew criticism from France.",
        {("France", "criticizes", "Israel", False, "actual")},
        {("Israel", "criticizes", "France", False, "actual")},
    ),
    # "the plan" with no acting actor before it: nothing
    ("The plan drew criticism from France.", set(), set()),
]

DESCRIPTIONS = [
    (
        "Russia's foreign ministry criticized France. The ministry said it would summon the French ambassador.",
        "Ministry of Foreign Affairs of Russia",
        ["The ministry", "it"],
    ),
    # a resolved pronoun is a referent of later ones: "its" is the subject "It", Japan
    ("Japan protested to China on Monday. It accused Beijing of violating its airspace.", "Japan", ["It", "its"]),
]


@pytest.mark.parametrize(("text", "expected", "absent"), PRONOUNS)
def test_pronouns(triples, text: str, expected: set, absent: set) -> None:  # type: ignore[no-untyped-def]
    got = triples(text)
    assert expected <= got
    assert not absent & got


@pytest.mark.parametrize(("text", "absent"), NOTHING)
def test_pronouns_that_must_not_link(triples, text: str, absent: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert not [t for t in triples(text) if (t[1], t[2]) == absent]


@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_first_person_in_quotations(triples, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert expected <= triples(text)


@pytest.mark.parametrize(("text", "expected", "absent"), EVENTS)
def test_event_descriptions(triples, text: str, expected: set, absent: set) -> None:  # type: ignore[no-untyped-def]
    got = triples(text)
    assert expected <= got
    assert not absent & got
    if not expected:
        assert not got


@pytest.mark.parametrize(("text", "actor", "anaphors"), DESCRIPTIONS)
def test_clusters_where_spacy_coref_writes_them(extractor, text: str, actor: str, anaphors: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = extractor.nlp(extractor.make_doc(Article(doc_id="t", text=text)))
    clusters = [group for key, group in doc.spans.items() if key.startswith(CLUSTER_PREFIX + "_")]
    assert [key for key in doc.spans if key.startswith(CLUSTER_PREFIX)] == [
        f"{CLUSTER_PREFIX}_{n}" for n in range(1, len(clusters) + 1)
    ]
    texts = [[span.text for span in group] for group in clusters]
    assert any(all(a in t for a in anaphors) for t in texts), texts
    linked = {(doc[m.start : m.end].text, m.actor.label) for m in doc._.kg_mentions}
    assert {(a, actor) for a in anaphors} <= linked


def test_component_declares_what_it_reads_and_writes() -> None:
    nlp = spacy.blank("en")
    import kg.extract.coref  # noqa: F401  (registers the factory)

    meta = nlp.get_factory_meta("kg_coref")
    assert "doc._.kg_mentions" in meta.requires
    assert {"doc._.kg_mentions", "doc.spans"} <= set(meta.assigns)


def test_switched_off_it_links_nothing(extractor) -> None:  # type: ignore[no-untyped-def]
    coref = extractor.nlp.get_pipe("kg_coref")
    text = "Japan protested to China on Monday. It accused Beijing of violating its airspace."
    doc = extractor.nlp.make_doc(text)
    for name, proc in extractor.nlp.pipeline:
        if name == "kg_coref":
            break
        doc = proc(doc)
    before = list(doc._.kg_mentions)
    old = coref.pronouns, coref.speakers, coref.descriptions
    try:
        coref.pronouns = coref.speakers = coref.descriptions = False
        doc = coref(doc)
    finally:
        coref.pronouns, coref.speakers, coref.descriptions = old
    assert doc._.kg_mentions == before
    assert not [k for k in doc.spans if k.startswith(CLUSTER_PREFIX)]
