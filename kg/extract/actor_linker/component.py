"""The ``kg_actor_linker`` component: runs the linking rules in order over a doc."""

from __future__ import annotations

from datetime import date as Date

from spacy.language import Language
from spacy.tokens import Doc

from kg.actors.generic import AgentWords, load_agent_words
from kg.actors.kb import KnowledgeBase
from kg.extract.actor_linker.agents import agent_mention, leader_agent_mention
from kg.extract.actor_linker.data import LinkerData
from kg.extract.actor_linker.descriptions import description_mentions
from kg.extract.actor_linker.entities import link_entity
from kg.extract.actor_linker.generic import generic_mention
from kg.extract.actor_linker.pronouns import pronoun_mentions
from kg.extract.actor_linker.qualified import requalified
from kg.extract.actor_linker.roles import role_mention
from kg.extract.actor_linker.titles import titled_persons
from kg.extract.extensions import Mention
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.resources import get_kb
from kg.types import Actor

__all__ = ["ActorLinker", "make_actor_linker"]


class ActorLinker:
    """Links entities, state agents, roles, pronouns and descriptions to actors."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lexicon: Lexicon,
        *,
        mint: bool = True,
        pronouns: bool = True,
        roles: bool = True,
        agents: AgentWords | None = None,
    ) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self.mint = mint
        self.pronouns = pronouns
        self.roles = roles
        self.data = LinkerData.build(kb, lexicon, agents)

    def __call__(self, doc: Doc) -> Doc:
        mentions = titled_persons(doc, requalified(doc, self._entities(doc), self.data), doc._.kg_date, self.data)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions.extend(self._described(doc, mentions, doc._.kg_date, taken))
        if self.pronouns:
            mentions.extend(pronoun_mentions(doc, mentions, taken, self.data))
            mentions.extend(description_mentions(doc, mentions, taken, self.data))
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.kg_mentions = [self._mark_place(doc, m) for m in mentions]
        return doc

    def _entities(self, doc: Doc) -> list[Mention]:
        """A mention for every entity that links; surnames of persons named in full link back."""
        mentions: list[Mention] = []
        full_names: dict[str, Actor] = {}  # surname → person named in full earlier
        for ent in doc.ents:
            mention = link_entity(ent, full_names, self.data, mint=self.mint)
            if mention is None:
                continue
            if mention.actor.type == "Person" and mention.end - mention.start >= 2:
                # the surname is last in "Donald Trump", first in "Liu Pengyu"
                full_names.setdefault(doc[mention.end - 1].text, mention.actor)
                full_names.setdefault(doc[mention.start].text, mention.actor)
            mentions.append(mention)
        return mentions

    def _described(self, doc: Doc, mentions: list[Mention], day: Date | None, taken: set[int]) -> list[Mention]:
        """What states and leaders stand for with the words after them: role descriptions
        ("the Chinese leader"), agent phrases ("Malian rebels", "Hungarian officials"), state
        agents ("Russian jets") and leaders' governments ("the Trump administration")."""
        extra: list[Mention] = []
        for m in mentions:
            found = self._description(doc, m, day, taken)
            if found is not None:
                extra.append(found)
                taken.update(range(found.start, found.end))
        return extra

    def _description(self, doc: Doc, m: Mention, day: Date | None, taken: set[int]) -> Mention | None:
        if m.actor.type == "Person":
            return leader_agent_mention(doc, m, day, taken, self.data)
        if m.actor.type != "State":
            return None
        found = role_mention(doc, m, day, taken, self.data) if self.roles else None
        return found or generic_mention(doc, m, taken, self.data) or agent_mention(doc, m, taken, self.data)

    def _mark_place(self, doc: Doc, m: Mention) -> Mention:
        """Capitals and countries after a locative preposition are places ("talks in Istanbul")."""
        if m.actor.type != "State" and m.kind != "capital":
            return m
        root = doc[m.start : m.end].root
        if root.dep_ == "pobj" and root.head.lower_ in self.data.locative:
            return Mention(m.start, m.end, m.actor, m.kind, place=True)
        return m


@Language.factory(
    "kg_actor_linker",
    requires=[
        "doc.ents",
        "doc._.kg_date",
        "token.ent_kb_id",
        "token.ent_type",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.pos",
        "token.is_sent_start",
    ],
    assigns=["doc._.kg_mentions"],
    default_config={"actors": [], "bundled": True, "mint": True, "pronouns": True, "roles": True, "lexicon": None},
)
def make_actor_linker(
    nlp: Language,
    name: str,
    actors: list[str],
    bundled: bool,
    mint: bool,
    pronouns: bool,
    roles: bool,
    lexicon: str | None,
) -> ActorLinker:
    """Link entities to canonical actors; place after ``ner``."""
    return ActorLinker(
        get_kb(tuple(actors), bundled),
        load_lexicon(lexicon),
        mint=mint,
        pronouns=pronouns,
        roles=roles,
        agents=load_agent_words(lexicon),
    )
