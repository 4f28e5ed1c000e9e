"""The rules of the actor linker, each on its own: sentence → the mentions that rule adds.

Each row runs the pipeline up to the NER, then one module of ``kg.extract.actor_linker``.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.actor_linker.agents import agent_mention
from kg.extract.actor_linker.component import ActorLinker
from kg.extract.actor_linker.descriptions import description_mentions
from kg.extract.actor_linker.entities import looks_like_name, type_from_head
from kg.extract.actor_linker.pronouns import pronoun_mentions
from kg.extract.actor_linker.roles import role_mention
from kg.types import Article


@pytest.fixture(scope="module")
def linked(extractor):
    """Text → (doc, the linker, the entity mentions, the taken token indices)."""
    ner_at = extractor.nlp.pipe_names.index("ner")
    linker: ActorLinker = extractor.nlp.get_pipe("kg_actor_linker")

    def run(text: str, day: date = date(2025, 9, 29)):
        doc = extractor.make_doc(Article(doc_id="t", text=text, date=day))
        for _, proc in extractor.nlp.pipeline[: ner_at + 1]:
            doc = proc(doc)
        mentions = linker._entities(doc)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        return doc, linker, mentions, taken

    return run


def _rows(doc, mentions):
    return {(doc[m.start : m.end].text, m.actor.key, m.kind) for m in mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hungarian officials criticized Russia.", {("Hungarian officials", "hungary", "agent")}),
        ("Beijing's foreign ministry protested.", {("Beijing's foreign ministry", "china", "agent")}),
        ("Chinese President Xi Jinping spoke.", set()),  # a title before a name, no agent
        ("Russia attacked Ukraine.", set()),
    ],
)
def test_state_agents(linked, text, expected):
    doc, linker, mentions, taken = linked(text)
    found = [agent_mention(doc, m, taken, linker.data) for m in mentions if m.actor.type == "State"]
    assert _rows(doc, [m for m in found if m is not None]) == expected


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("The U.S. president criticized Iran.", date(2022, 6, 1), {("U.S. president", "joe-biden", "role")}),
        ("The U.S. president criticized Iran.", date(2019, 6, 1), {("U.S. president", "donald-trump", "role")}),
        ("Chinese President Xi Jinping spoke.", date(2025, 6, 1), set()),  # a name follows the title
        ("Russia attacked Ukraine.", date(2025, 6, 1), set()),
    ],
)
def test_role_descriptions(linked, text, day, expected):
    doc, linker, mentions, taken = linked(text, day)
    found = [role_mention(doc, m, day, taken, linker.data) for m in mentions if m.actor.type == "State"]
    assert _rows(doc, [m for m in found if m is not None]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xi Jinping arrived in Moscow. He criticized Japan.", {("He", "xi-jinping", "pronoun")}),
        # two persons in the sentence before: no link beats a wrong link
        ("Xi Jinping met Vladimir Putin. He criticized Japan.", set()),
        ("China, for its part, criticized Japan.", {("its", "china", "pronoun")}),
        ("He criticized Japan.", set()),
    ],
)
def test_pronouns(linked, text, expected):
    doc, linker, mentions, taken = linked(text)
    assert _rows(doc, pronoun_mentions(doc, mentions, taken, linker.data)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China sent warships near Taiwan. The island protested.", {("The island", "taiwan", "description")}),
        ("The island protested.", set()),
    ],
)
def test_descriptions(linked, text, expected):
    doc, linker, mentions, taken = linked(text)
    assert _rows(doc, description_mentions(doc, mentions, taken, linker.data)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese Embassy", "GovernmentBody"),
        ("Azov Brigade", "ArmedForce"),
        ("The Straits Times", "Media"),
        ("Acme Holdings", "Organization"),
    ],
)
def test_type_from_head(extractor, text, expected):
    doc = extractor.nlp(text)
    assert type_from_head(doc[:], extractor.nlp.get_pipe("kg_actor_linker").data) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese Embassy", True),
        ("Bank of", False),
        ("5G Alliance", False),
        ("x", False),
        ("", False),
    ],
)
def test_looks_like_name(text, expected):
    assert looks_like_name(text) is expected
