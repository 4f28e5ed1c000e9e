"""Generic actors ("Malian rebels" → Mali: rebels) and titles that give a person's country.

Tables of phrases → the generic actor (key, label, type, sector) or the state / armed forces
they stand for, phrases that make none, the agent data files, persons named after a state
and a title, and titles without a name resolved on the article date (from a ``.jsonl``
field and from a header line).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.actors.generic import (
    AgentWords,
    Sector,
    generic_actor,
    generic_key,
    load_agent_words,
)
from kg.errors import InputError
from kg.extract.actor_linker.component import ActorLinker
from kg.extract.actor_linker.generic import generic_mention
from kg.extract.actor_linker.titles import titled_persons
from kg.ingest.readers import read_articles
from kg.resources import pipelines_path
from kg.types import Actor, Article, Role


@pytest.fixture(scope="module")
def linked(extractor):
    """Text → (doc, linker, entity mentions, taken token indices), the pipeline up to the NER."""
    ner_at = extractor.nlp.pipe_names.index("ner")
    linker: ActorLinker = extractor.nlp.get_pipe("kg_actor_linker")

    def run(text: str, day: date | None = date(2025, 9, 29)):
        doc = extractor.make_doc(Article(doc_id="t", text=text, date=day))
        for _, proc in extractor.nlp.pipeline[: ner_at + 1]:
            doc = proc(doc)
        mentions = linker._entities(doc)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        return doc, linker, mentions, taken

    return run


@pytest.fixture(scope="module")
def mentions(extractor):
    """Text → (phrase, key, label, type, sector) of the agent and armed-force mentions the
    whole linker makes ("Israeli troops" is a name of the Israel Defense Forces)."""

    def run(text: str, day: date = date(2025, 9, 29)):
        doc = extractor.nlp(extractor.make_doc(Article(doc_id="t", text=text, date=day)))
        return {
            (doc[m.start : m.end].text, m.actor.key, m.actor.label, m.actor.type, m.actor.sector)
            for m in doc._.kg_mentions
            if m.kind == "agent" or m.actor.type == "ArmedForce"
        }

    return run


# ---------------------------------------------------------------- phrases → generic actors

GENERIC = [
    ("Kenyan police fired tear gas.", ("Kenyan police", "ken-cop", "Kenya: police", "GovernmentBody", "COP")),
    ("Malian rebels attacked Kidal.", ("Malian rebels", "mli-reb", "Mali: rebels", "Organization", "REB")),
    ("Chilean students marched.", ("Chilean students", "chl-edu", "Chile: education", "Organization", "EDU")),
    ("Haitian gangs attacked a town.", ("Haitian gangs", "hti-crm", "Haiti: criminals", "Organization", "CRM")),
    (
        "The Venezuelan opposition protested.",
        ("Venezuelan opposition", "ven-opp", "Venezuela: opposition", "Organization", "OPP"),
    ),
    ("Nigerian troops attacked a village.", ("Nigerian troops", "nga-mil", "Nigeria: military", "ArmedForce", "MIL")),
    (
        "Israeli settlers attacked a village.",
        ("Israeli settlers", "isr-cvl", "Israel: civilians", "Organization", "CVL"),
    ),
    (
        "Cambodian protesters gathered.",
        ("Cambodian protesters", "khm-opp", "Cambodia: opposition", "Organization", "OPP"),
    ),
    # "security forces" is MIL and COP in Phoenix: the sector listed first (MIL) wins
    (
        "Thai security forces arrested them.",
        ("Thai security forces", "tha-mil", "Thailand: military", "ArmedForce", "MIL"),
    ),
    ("Kenya's police arrested him.", ("Kenya's police", "ken-cop", "Kenya: police", "GovernmentBody", "COP")),
    # agents_added.tsv: military intelligence is intelligence, not the military
    (
        "Russia's military intelligence denied it.",
        ("Russia's military intelligence", "rus-spy", "Russia: intelligence", "GovernmentBody", "SPY"),
    ),
    # "<agent phrase> in/of <state>"
    ("Rebels in Mali attacked Kidal.", ("Rebels in Mali", "mli-reb", "Mali: rebels", "Organization", "REB")),
    (
        "A court in Georgia sentenced him.",
        ("court in Georgia", "geo-jud", "Georgia: judiciary", "GovernmentBody", "JUD"),
    ),
    ("The army of Nigeria attacked them.", ("army of Nigeria", "nga-mil", "Nigeria: military", "ArmedForce", "MIL")),
]


@pytest.mark.parametrize(("text", "expected"), GENERIC)
def test_phrases_become_generic_actors(mentions, text, expected):
    assert mentions(text) == {expected}


def test_the_generic_rule_on_its_own(linked):
    doc, linker, found, taken = linked("Haitian gangs attacked Chilean students.")
    rows = {
        (doc[g.start : g.end].text, g.actor.key)
        for g in (generic_mention(doc, m, taken, linker.data) for m in found if m.actor.type == "State")
        if g
    }
    assert rows == {("Haitian gangs", "hti-crm"), ("Chilean students", "chl-edu")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # MIL → the national armed forces when the knowledge base has them
        ("Israeli troops entered Jenin.", ("Israeli troops", "israel-defense-forces", "ArmedForce", None)),
        ("Russian forces shelled Kharkiv.", ("Russian forces", "russian-armed-forces", "ArmedForce", None)),
        # GOV words stand for the state itself
        ("Chinese officials criticized Japan.", ("Chinese officials", "china", "State", None)),
        ("The Kenyan government protested.", ("Kenyan government", "kenya", "State", None)),
        ("Peruvian diplomats protested.", ("Peruvian diplomats", "peru", "State", None)),
        # a state agent of cues.toml without a national force in the KB: the generic actor
        ("Malian jets bombed a village.", ("Malian jets", "mli-mil", "ArmedForce", "MIL")),
    ],
)
def test_gov_and_mil_phrases(mentions, text, expected):
    phrase, key, actor_type, sector = expected
    assert {(p, k, t, s) for p, k, _, t, s in mentions(text)} == {(phrase, key, actor_type, sector)}


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan President William Ruto spoke.",  # a title before a name
        "Police said the rebels attacked the town.",  # no nationality
        "The rebels attacked the town.",
        "He went to a Kenyan police station.",  # the agent word modifies another noun
        "Kenyan police chief Japhet Koome spoke.",  # a title before a name
        "On Monday, United States Senator from Vermont Bernie Sanders endorsed Joe Biden.",
        "Robert Mugabe, former president of Zimbabwe, has died.",
        "Russia attacked Ukraine.",
        "Flights were cancelled by American Airlines and JetBlue.",  # a capitalised name
        "It was the first non-Iranian oil tanker to cross.",  # "non-"
        "He became the first South American athlete to win a medal.",  # part of a longer name
        "An Al Jazeera reporter in Kenya noted the reports.",  # one person in a place
        "A jury convicted Michael Avenatti, the US lawyer, of fraud.",  # describes a person
    ],
)
def test_phrases_that_make_no_generic_actor(mentions, text):
    assert {row for row in mentions(text) if row[4] is not None} == set()


def test_a_generic_actor_is_never_merged_with_a_named_one(mentions):
    rows = mentions("Malian rebels and the Islamic State in the Greater Sahara attacked Kidal.")
    assert {(k, s) for _, k, _, _, s in rows} == {("mli-reb", "REB")}


def test_statements_between_a_generic_actor_and_its_own_state_are_kept(triples):
    found = triples("Malian rebels attacked the Malian army near Kidal.")
    assert ("Mali: rebels", "attacks", "Mali: military", False, "actual") in found


# ---------------------------------------------------------------- data and records


def test_agent_words_from_the_bundled_files():
    words = load_agent_words()
    assert isinstance(words, AgentWords) and words.longest >= 3
    assert words.get("police") == Sector("COP", "police", "GovernmentBody")
    assert words.get("rebels").code == "REB" and words.get("rebel").code == "REB"
    assert words.get("government").code == "GOV"
    assert words.get("security forces").code == "MIL"
    assert words.get("military intelligence").code == "SPY"
    assert words.get("opposition").code == "OPP"
    assert words.get("astronauts") is None


def test_agent_words_of_a_lexicon_folder(tmp_path: Path):
    bundled = pipelines_path()
    (tmp_path / "agent_sectors.tsv").write_text((bundled / "agent_sectors.tsv").read_text())
    (tmp_path / "agents.tsv").write_text(
        "phrase\tnumber\tcode\tsector\tword\tclass\ncoast guard\tsingular\tMIL\tMIL\tmilitary\tArmedForce\n"
    )
    words = load_agent_words(str(tmp_path))
    assert words.phrases == {"coast guard": Sector("MIL", "military", "ArmedForce")}
    (tmp_path / "agents.tsv").write_text("phrase\tnumber\tcode\tsector\tword\tclass\nnavy\tsingular\tXYZ\n")
    load_agent_words.cache_clear()
    with pytest.raises(InputError, match="E219"):
        load_agent_words(str(tmp_path))
    load_agent_words.cache_clear()


@pytest.mark.parametrize(
    ("state", "sector", "phrase", "expected"),
    [
        (
            Actor("mali", "Mali", "State", country="MLI"),
            Sector("REB", "rebels", "Organization"),
            "Malian rebels",
            Actor(
                "mli-reb",
                "Mali: rebels",
                "Organization",
                country="MLI",
                aliases=("Malian rebels",),
                part_of="mali",
                sector="REB",
                known=False,
            ),
        ),
        (
            Actor("kenya", "Kenya", "State", country="KEN"),
            Sector("COP", "police", "GovernmentBody"),
            "Kenyan police",
            Actor(
                "ken-cop",
                "Kenya: police",
                "GovernmentBody",
                country="KEN",
                aliases=("Kenyan police",),
                part_of="kenya",
                sector="COP",
                known=False,
            ),
        ),
    ],
)
def test_generic_actor_records(state, sector, phrase, expected):
    assert generic_actor(state, sector, phrase) == expected
    assert generic_key(state.country, sector.code) == expected.key


@pytest.mark.parametrize(
    ("state", "sector"),
    [
        (Actor("kenya", "Kenya", "State", country="KEN"), Sector("GOV", "-", "State")),  # GOV is the state
        (Actor("atlantis", "Atlantis", "State"), Sector("REB", "rebels", "Organization")),  # no country code
    ],
)
def test_no_generic_actor_without_a_country_or_for_gov(state, sector):
    with pytest.raises(InputError, match="E208"):
        generic_actor(state, sector, "x")


# ---------------------------------------------------------------- titles

DAY = date(2017, 3, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # not in the knowledge base: the title's country and office, held on the article date
        (
            "Zambian Defence Minister Davies Chama visited Lusaka.",
            ("davies-chama", "ZMB", (Role("Defence Minister", "zambia", "official", "2017-03-03", "2017-03-03"),)),
        ),
        (
            "Kenya's President Jomo Mwangi Otieno spoke.",
            ("jomo-mwangi-otieno", "KEN", (Role("President", "kenya", "leader", "2017-03-03", "2017-03-03"),)),
        ),
        # the knowledge base's Abdoulaye Diop is Senegalese: the Malian minister is a namesake
        (
            "Malian Foreign Minister Abdoulaye Diop met him.",
            ("abdoulaye-diop-mli", "MLI", (Role("Foreign Minister", "mali", "official", "2017-03-03", "2017-03-03"),)),
        ),
        # "former": the country, no office on the article date
        ("Former Zambian Defence Minister Davies Chama spoke.", ("davies-chama", "ZMB", ())),
    ],
)
def test_a_title_gives_an_unknown_person_country_and_role(linked, text, expected):
    doc, linker, found, _ = linked(text, DAY)
    persons = {
        (m.actor.key, m.actor.country, m.actor.roles)
        for m in titled_persons(doc, found, DAY, linker.data)
        if m.actor.type == "Person"
    }
    assert persons == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Chinese President Xi Jinping spoke.",  # known, Chinese: the knowledge base's facts stay
        "Davies Chama visited Lusaka.",  # no title
        "President Jomo Mwangi Otieno spoke.",  # a title without a state gives no country
    ],
)
def test_titles_that_change_nothing(linked, text):
    doc, linker, found, _ = linked(text, DAY)
    assert titled_persons(doc, found, DAY, linker.data) == found


def test_the_surname_later_is_the_same_titled_person(extractor):
    doc = extractor.nlp(
        extractor.make_doc(
            Article(
                doc_id="t", text="Zambian Defence Minister Davies Chama arrived. Chama met Kenyan police.", date=DAY
            )
        )
    )
    chama = {m.actor for m in doc._.kg_mentions if m.actor.key == "davies-chama"}
    assert len(chama) == 1 and next(iter(chama)).country == "ZMB"


HEADER_TEXT = "Today : {day}\nWorld News\n\nForeign Office news\n\nThe British foreign secretary criticized Russia.\n"


@pytest.mark.parametrize(
    ("day", "holder"),
    [
        ("Mar 3, 2017", "Boris Johnson"),
        ("Jun 1, 2022", "Liz Truss"),
    ],
)
def test_a_title_without_a_name_resolves_on_the_header_date(extractor, tmp_path, day, holder):
    path = tmp_path / "a.txt"
    path.write_text(HEADER_TEXT.format(day=day))
    [article] = read_articles([path])
    subjects = {s.subject.label for s in extractor.extract(article) if s.predicate == "criticizes"}
    assert subjects == {holder}


@pytest.mark.parametrize(("day", "holder"), [("2017-03-03", "Boris Johnson"), ("2022-06-01", "Liz Truss")])
def test_a_title_without_a_name_resolves_on_the_jsonl_date(extractor, tmp_path, day, holder):
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": "The British foreign secretary criticized Russia.", "date": day}) + "\n"
    )
    [article] = read_articles([path])
    assert article.date == date.fromisoformat(day)
    subjects = {s.subject.label for s in extractor.extract(article) if s.predicate == "criticizes"}
    assert subjects == {holder}
