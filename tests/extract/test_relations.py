"""Sentence → expected statements, one table per construction (textacy style).

Each row lists statements that must be extracted; ``absent`` rows list statements that must
not be (above all the bare positive of a negated statement).
"""

from __future__ import annotations

import pytest

HEADLINES = [
    (
        "Xi Pressures Trump To Oppose Taiwan Independence",
        {("Xi Jinping", "pressures", "Donald Trump", False, "actual")},
    ),
    ("Putin Threatens Ukraine", {("Vladimir Putin", "threatens", "Ukraine", False, "actual")}),
    # names the knowledge base does not know keep their case, so the NER still finds them
    (
        "Senator Quimby Condemns Russia Over Drone Strikes\n\nThe senator spoke on Friday.",
        {("Quimby", "criticizes", "Russia", False, "actual")},
    ),
]

ACTIVE_PASSIVE = [
    ("Russia attacked Ukraine on Thursday.", {("Russia", "attacks", "Ukraine", False, "actual")}),
    ("Trump was pressured by Xi.", {("Xi Jinping", "pressures", "Donald Trump", False, "actual")}),
    ("Israel was condemned by Turkey.", {("Turkey", "criticizes", "Israel", False, "actual")}),
    ("India criticised Pakistan over the attack.", {("India", "criticizes", "Pakistan", False, "actual")}),
]

CONTROL = [
    (
        "Moscow has agreed to supply military equipment and conduct large-scale training exercises "
        "for Chinese airborne forces.",
        {
            ("Russia", "trains", "PLA Airborne Corps", False, "intended"),
            ("Russia", "supplies", "PLA Airborne Corps", False, "intended"),
        },
    ),
    (
        "Chinese President Xi Jinping is preparing to demand that U.S. President Donald Trump "
        "publicly oppose Taiwan's independence.",
        {("Xi Jinping", "demands", "Donald Trump", False, "intended")},
    ),
    ("France is seeking to use its influence to pressure Iran.", {("France", "pressures", "Iran", False, "intended")}),
]

NEGATION = [
    (
        "Trump declined to approve more than $400 million in military aid to Taiwan.",
        {("Donald Trump", "providesAidTo", "Taiwan", True, "actual")},
        {("Donald Trump", "providesAidTo", "Taiwan", False, "actual")},
    ),
    (
        "China would not invade Taiwan.",
        {("China", "attacks", "Taiwan", True, "possible")},
        {("China", "attacks", "Taiwan", False, "actual"), ("China", "attacks", "Taiwan", False, "possible")},
    ),
    (
        "Germany refused to supply tanks to Ukraine.",
        {("Germany", "supplies", "Ukraine", True, "actual")},
        {("Germany", "supplies", "Ukraine", False, "actual")},
    ),
    (
        "Japan did not criticize China.",
        {("Japan", "criticizes", "China", True, "actual")},
        {("Japan", "criticizes", "China", False, "actual")},
    ),
]

MODALITY = [
    ("Iran could attack Israel.", {("Iran", "attacks", "Israel", False, "possible")}),
    ("Turkey will hold talks with Russia.", {("Turkey", "consults", "Russia", False, "intended")}),
    (
        "The upcoming meetings between Trump and Xi are expected to take place over several months.",
        {("Donald Trump", "meets", "Xi Jinping", False, "intended")},
    ),
]

COORDINATION_AND_PREPOSITIONS = [
    (
        "The United States imposed sanctions on Iran and Syria.",
        {
            ("United States", "sanctions", "Iran", False, "actual"),
            ("United States", "sanctions", "Syria", False, "actual"),
        },
    ),
    ("China stepped up pressure on Taipei.", {("China", "pressures", "Taiwan", False, "actual")}),
    ("Russia's sale of fighter jets to India angered Washington.", {("Russia", "supplies", "India", False, "actual")}),
    ("Japan held talks with South Korea.", {("Japan", "consults", "South Korea", False, "actual")}),
]

RECIPROCAL_AND_POSSESSIVE = [
    (
        "Armenia and Azerbaijan accused each other of shelling.",
        {("Armenia", "accuses", "Azerbaijan", False, "actual"), ("Azerbaijan", "accuses", "Armenia", False, "actual")},
    ),
    (
        "Lawyers contested the arrest of Imran Khan by Pakistan.",
        {("Pakistan", "coerces", "Imran Khan", False, "actual")},
    ),
]

TITLES = [
    ("Chinese President Xi Jinping spoke on Tuesday.", {("Xi Jinping", "leaderOf", "China", False, "actual")}),
    (
        "Prime Minister of India Narendra Modi arrived on Monday.",
        {("Narendra Modi", "leaderOf", "India", False, "actual")},
    ),
    (
        "French Foreign Minister Jean-Noël Barrot met reporters.",
        {("Jean-Noël Barrot", "officialOf", "France", False, "actual")},
    ),
    (
        "U.S. Ambassador to the United Nations Mike Waltz spoke on Monday.",
        {("Mike Waltz", "officialOf", "United States", False, "actual")},
    ),
    ("Hamas's leader, Yahya Sinwar, was killed.", {("Yahya Sinwar", "leaderOf", "Hamas", False, "actual")}),
    (
        "Liu Pengyu, a spokesman for the Chinese Embassy in the U.S., told reporters the talks went well.",
        {("Liu Pengyu", "spokespersonFor", "Chinese Embassy in the United States", False, "actual")},
    ),
]

PLACES_AND_PHRASAL_OBJECTS = [
    # an attack in a country is an attack on it; towns and people there are not objects
    (
        "Russian missiles killed five people in Bucha and Irpin in northern Ukraine.",
        {("Russian Armed Forces", "attacks", "Ukraine", False, "actual")},
    ),
    (
        "Turkish drone strikes in Qamishli, Syria, killed three fighters.",
        {("Turkey", "attacks", "Syria", False, "actual")},
    ),
    ("Morocco cut off diplomatic relations with Iran.", {("Morocco", "sanctions", "Iran", False, "actual")}),
    (
        "Japan is ready to provide assistance to the Philippines.",
        {("Japan", "providesAidTo", "Philippines", False, "intended")},
    ),
]

STRUCTURAL_VERBS = [
    ("Sweden joined NATO in 2024.", {("Sweden", "memberOf", "North Atlantic Treaty Organization", False, "actual")}),
    ("Ukraine wants to join NATO.", {("Ukraine", "memberOf", "North Atlantic Treaty Organization", False, "intended")}),
]

EVENTS_AND_INSTRUMENTS = [
    # the agent of an event noun that is the subject of a relative clause
    (
        "The Israeli airstrike that killed Hassan Nasrallah shocked Beirut.",
        {("Israel", "attacks", "Hassan Nasrallah", False, "actual")},
    ),
    # a weapon launched by an actor, "targeting" someone
    (
        "Russia fired missiles targeting Ukrainian forces.",
        {("Russia", "attacks", "Armed Forces of Ukraine", False, "actual")},
    ),
    # lifting sanctions is a concession, not a sanction
    ("The European Union lifted sanctions on Syria.", {("European Union", "concedesTo", "Syria", False, "actual")}),
]

# titles given by an office verb ("becomes", "is sworn in as", "appoints X as"), titles with a
# portfolio ("national security minister", "secretary of defense"), and offices held once
TITLES_BY_VERB_AND_PORTFOLIO = [
    ("Mark Carney becomes Prime Minister of Canada.", {("Mark Carney", "leaderOf", "Canada", False, "actual")}, set()),
    (
        "Keir Starmer was elected Prime Minister of the United Kingdom.",
        {("Keir Starmer", "leaderOf", "United Kingdom", False, "actual")},
        set(),
    ),
    (
        "Bart De Wever became the Belgian prime minister.",
        {("Bart De Wever", "leaderOf", "Belgium", False, "actual")},
        set(),
    ),
    (
        "Russia appoints Alexander Darchiev as its new ambassador to the U.S.",
        {("Alexander Darchiev", "officialOf", "Russia", False, "actual")},
        {("Alexander Darchiev", "officialOf", "United States", False, "actual")},
    ),
    (
        "Israeli far-right national security minister Itamar Ben-Gvir visited the site.",
        {("Itamar Ben-Gvir", "officialOf", "Israel", False, "actual")},
        set(),
    ),
    (
        "US secretary of defense Pete Hegseth spoke to reporters.",
        {("Pete Hegseth", "officialOf", "United States", False, "actual")},
        set(),
    ),
    (
        "Emmanuel Macron was the president of France.",
        set(),
        {("Emmanuel Macron", "leaderOf", "France", False, "actual")},
    ),
    (
        "Joe Biden, the former president of the United States, spoke.",
        set(),
        {("Joe Biden", "leaderOf", "United States", False, "actual")},
    ),
    (
        "John Bolton previously served as the US ambassador to the United Nations.",
        set(),
        {
            ("John Bolton", "officialOf", "United States", False, "actual"),
            ("John Bolton", "officialOf", "United Nations", False, "actual"),
        },
    ),
    # hyphenated words stay one word of the title ("far-right", "commander-in-chief")
    (
        "Israeli prime minister Benjamin Netanyahu and far-right national security minister Itamar Ben-Gvir spoke.",
        {("Itamar Ben-Gvir", "officialOf", "Israel", False, "actual")},
        set(),
    ),
    (
        "Ukrainian commander-in-chief Oleksandr Syrskyi reports a new offensive.",
        {("Oleksandr Syrskyi", "officialOf", "Ukraine", False, "actual")},
        {("Oleksandr Syrskyi", "leaderOf", "Ukraine", False, "actual")},
    ),
    # a leader's title with a portfolio names no leader of the state
    ("Israeli security chief Ronen Bar resigned.", set(), {("Ronen Bar", "leaderOf", "Israel", False, "actual")}),
]

# a leader's government stands for the state ("the Trump administration"); "his country" is the
# state of the person; what a state deploys is its own force, not a target
GOVERNMENTS_HOMELANDS_AND_FORCES = [
    (
        "The Trump administration sanctioned Venezuela.",
        {("United States", "sanctions", "Venezuela", False, "actual")},
        set(),
    ),
    ("Netanyahu's government criticized Iran.", {("Israel", "criticizes", "Iran", False, "actual")}, set()),
    (
        "Zelensky said Russia attacked his country.",
        {("Russia", "attacks", "Ukraine", False, "actual")},
        {("Russia", "attacks", "Volodymyr Zelenskyy", False, "actual")},
    ),
    ("Russia deployed troops against Ukraine.", {("Russia", "mobilizesAgainst", "Ukraine", False, "actual")}, set()),
    (
        "France deploys the aircraft carrier Charles de Gaulle to the Red Sea.",
        set(),
        {("France", "mobilizesAgainst", "Charles de Gaulle", False, "actual")},
    ),
]

# a noun trigger carried by a light verb through a quantity ("a package of sanctions"), or by
# a participle with its own agent and object ("tariffs imposed on Canada by the United States")
NOMINAL_CARRIERS = [
    (
        "The European Commission proposed a package of sanctions against Belarus.",
        {("European Commission", "sanctions", "Belarus", False, "intended")},
        set(),
    ),
    (
        "Japan slapped a new round of tariffs on China.",
        {("Japan", "sanctions", "China", False, "actual")},
        {("Japan", "attacks", "China", False, "actual")},  # the tariffs decide, not "slap"
    ),
    (
        "Tariffs imposed on Canada by the United States hit car makers.",
        {("United States", "sanctions", "Canada", False, "actual")},
        set(),
    ),
    (
        "Britain welcomed the aid sent to Sudan by Egypt.",
        {("Egypt", "providesAidTo", "Sudan", False, "actual")},
        {("United Kingdom", "providesAidTo", "Sudan", False, "actual")},
    ),
    (
        "Washington criticized the sanctions imposed by the European Union on Iran.",
        {("European Union", "sanctions", "Iran", False, "actual")},
        {("United States", "sanctions", "Iran", False, "actual")},
    ),
    (
        "An agreement signed between Egypt and Sudan took effect.",
        {("Egypt", "agreesWith", "Sudan", False, "actual")},
        set(),
    ),
    # a participle that names no object leaves the agreement to the ones who sign it
    (
        "Cyril Ramaphosa and William Ruto signed an agreement hosted by Donald Trump.",
        {("Cyril Ramaphosa", "agreesWith", "William Ruto", False, "actual")},
        {("Donald Trump", "agreesWith", "Cyril Ramaphosa", False, "actual")},
    ),
]

REPORTED = [
    (
        "Trump claimed that Xi had personally assured him that China would not invade Taiwan.",
        {("Xi Jinping", "assures", "Donald Trump", False, "actual"), ("China", "attacks", "Taiwan", True, "possible")},
    ),
]


def _check(triples, text, expected, absent=frozenset()):
    got = triples(text)
    missing = set(expected) - got
    assert not missing, f"missing {missing} in {got}"
    wrong = set(absent) & got
    assert not wrong, f"must not extract {wrong}"


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_headlines(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected"), ACTIVE_PASSIVE)
def test_active_and_passive(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected"), CONTROL)
def test_control_and_raising(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected", "absent"), NEGATION)
def test_negation_never_gives_the_bare_positive(triples, text, expected, absent):
    _check(triples, text, expected, absent)


@pytest.mark.parametrize(("text", "expected"), MODALITY)
def test_modality(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected"), COORDINATION_AND_PREPOSITIONS)
def test_coordination_prepositions_and_nominal_events(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected"), [r for r in RECIPROCAL_AND_POSSESSIVE if r[1]])
def test_reciprocals_and_possessive_patients(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_titles_and_appositions(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected"), PLACES_AND_PHRASAL_OBJECTS)
def test_places_and_phrasal_objects(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected"), STRUCTURAL_VERBS)
def test_structural_relations_from_verbs(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected"), EVENTS_AND_INSTRUMENTS)
def test_events_instruments_and_reversals(triples, text, expected):
    _check(triples, text, expected)


@pytest.mark.parametrize(("text", "expected", "absent"), TITLES_BY_VERB_AND_PORTFOLIO)
def test_titles_given_by_verbs_and_with_portfolios(triples, text, expected, absent):
    _check(triples, text, expected, absent)


@pytest.mark.parametrize(("text", "expected", "absent"), GOVERNMENTS_HOMELANDS_AND_FORCES)
def test_governments_homelands_and_forces(triples, text, expected, absent):
    _check(triples, text, expected, absent)


@pytest.mark.parametrize(("text", "expected", "absent"), NOMINAL_CARRIERS)
def test_nouns_carried_through_quantities_and_participles(triples, text, expected, absent):
    _check(triples, text, expected, absent)


@pytest.mark.parametrize(("text", "expected"), REPORTED)
def test_reported_speech(triples, text, expected):
    _check(triples, text, expected)


def test_attribution_according_to(extractor):
    from kg.types import Article

    [st] = [
        s
        for s in extractor.extract(Article(doc_id="t", text="According to Reuters, Israel attacked Hezbollah."))
        if s.predicate == "attacks"
    ]
    assert st.attributed_to is not None and st.attributed_to.label == "Reuters"


def test_place_is_not_an_actor(triples):
    got = triples("Diplomats from Iran and Oman held talks in Istanbul.")
    assert not any(o == "Turkey" or s == "Turkey" for s, _, o, _, _ in got)


PRECISION = [
    # between politicians "attack" is verbal
    (
        "Democrats continued to attack Trump on his taxes.",
        set(),
        {("Democratic Party", "attacks", "Donald Trump", False, "actual")},
    ),
    # an embedded question is not a demand
    ("Trump repeatedly asked why Biden did not act.", set(), {("Donald Trump", "urges", "Joe Biden", False, "actual")}),
    # a law is not an actor
    (
        "Governor Kay Ivey signed the Alabama Human Life Protection Act.",
        set(),
        {("Kay Ivey", "agreesWith", "Alabama Human Life Protection Act", False, "actual")},
    ),
    # a bureau chief is not a leader of the city the bureau is in
    (
        "The debate was moderated by USA Today Washington Bureau Chief Susan Page.",
        set(),
        {("Susan Page", "leaderOf", "United States", False, "actual")},
    ),
    # the sales opposed are not China's own
    (
        "Beijing opposes any arms sales to Taiwan.",
        {("China", "opposes", "Taiwan", False, "actual")},
        {("China", "supplies", "Taiwan", False, "actual")},
    ),
    # calling someone names is no consultation; leading in the polls is no leadership
    ("Biden called Trump a clown.", set(), {("Joe Biden", "consults", "Donald Trump", False, "actual")}),
    ("Biden leads Trump in the polls.", set(), {("Joe Biden", "leaderOf", "Donald Trump", False, "actual")}),
    # "New Jersey" is not Jersey
    (
        "Chris Christie, the governor of New Jersey, criticized Biden.",
        set(),
        {("Chris Christie", "officialOf", "Jersey", False, "actual")},
    ),
    # a demonym on an ordinary noun does not make the state the object
    (
        "German prosecutors arrested a Chinese couple in Munich.",
        set(),
        {("Germany", "coerces", "China", False, "actual")},
    ),
    # a participle's agent is its subject, not the main clause's ("a plea filed by X against his arrest")
    (
        "The court rejected a plea filed by Imran Khan against his arrest.",
        set(),
        {("Pakistan", "coerces", "Imran Khan", False, "actual")},
    ),
]


@pytest.mark.parametrize(("text", "expected", "absent"), PRECISION)
def test_precision_guards(triples, text, expected, absent):
    _check(triples, text, expected, absent)


def test_attribution_to_the_source_of_reports_and_the_sentence_date(extractor):
    from datetime import date

    from kg.types import Article

    text = (
        "On March 3, 2026, reports from Reuters revealed that Japan had agreed to supply "
        "radar systems to the Philippines."
    )
    [st] = [
        s for s in extractor.extract(Article(doc_id="t", text=text, date=date(2026, 3, 5))) if s.predicate == "supplies"
    ]
    assert st.attributed_to is not None and st.attributed_to.label == "Reuters"
    assert st.date == "2026-03-03"
    assert st.modality == "intended"


def test_article_date_when_the_sentence_has_none(extractor):
    from datetime import date

    from kg.types import Article

    [st] = extractor.extract(Article(doc_id="t", text="Russia attacked Ukraine.", date=date(2026, 3, 5)))
    assert st.date == "2026-03-05"
