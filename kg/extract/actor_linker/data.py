"""What the linking rules share: the knowledge base and the word lists of the lexicon.

Word lists come from ``pipelines/cues.toml`` (agents, places, titles),
``pipelines/words.toml`` (``[linking]``) and ``pipelines/agents.tsv`` (agent phrases); the
national armed forces of each state are found once in the knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.actors.generic import AgentWords, load_agent_words
from kg.actors.kb import KnowledgeBase
from kg.extract.lexicon import Lexicon
from kg.types import Actor

__all__ = ["LinkerData", "main_forces", "title_prefix_pattern"]


@dataclass(frozen=True, slots=True)
class LinkerData:
    """The knowledge base, lexicon and word sets the linking rules read."""

    kb: KnowledgeBase
    lexicon: Lexicon
    state_agents: frozenset[str]
    force_agents: frozenset[str]
    leader_agents: frozenset[str]
    locative: frozenset[str]
    title_kind: dict[str, str]
    #: state key → its national armed forces ("Russian missiles" → Russian Armed Forces)
    main_force: dict[str, Actor]
    #: actor type → head words of organisation names of that type, in lexicon order
    type_by_head: dict[str, frozenset[str]]
    generic: frozenset[str]
    documents: frozenset[str]
    pronouns: frozenset[str]
    title_prefix: re.Pattern[str]
    #: agent phrases of ``agents.tsv`` → sector ("Malian rebels" → Mali: rebels)
    agents: AgentWords

    @classmethod
    def build(cls, kb: KnowledgeBase, lexicon: Lexicon, agents: AgentWords | None = None) -> LinkerData:
        """Read the lists of ``lexicon`` and find each state's armed forces in ``kb``;
        ``agents`` defaults to the bundled ``pipelines/agents.tsv``."""
        cue, words = lexicon.cue, lexicon.word_list
        titles = lexicon.cues.get("titles", {})
        heads = lexicon.lists.get("linking", {}).get("type_by_head", {})
        return cls(
            kb=kb,
            lexicon=lexicon,
            state_agents=cue("agents", "state_agents"),
            force_agents=cue("agents", "force_agents"),
            leader_agents=cue("agents", "leader_agents"),
            locative=cue("places", "locative_preps"),
            title_kind=lexicon.title_kinds,
            main_force=main_forces(kb),
            type_by_head={actor_type: frozenset(ws) for actor_type, ws in heads.items()},
            generic=words("linking", "generic"),
            documents=words("linking", "documents"),
            pronouns=words("linking", "pronouns"),
            title_prefix=title_prefix_pattern(titles.get("name_prefix_modifiers", []), titles.get("name_prefixes", [])),
            agents=agents if agents is not None else load_agent_words(),
        )


def main_forces(kb: KnowledgeBase) -> dict[str, Actor]:
    """Among the armed forces directly under each state, the one named like armed forces."""
    out: dict[str, Actor] = {}
    best: dict[str, tuple[int, str]] = {}
    for actor in kb.actors.values():
        if actor.type == "ArmedForce" and actor.part_of and kb.actors.get(actor.part_of, actor).type == "State":
            names = " ".join((actor.label, *actor.aliases)).lower()
            score = 2 * ("armed forces" in names or "defense forces" in names or "defence force" in names)
            score += "military" in names
            rank = (-score, actor.key)
            if actor.part_of not in best or rank < best[actor.part_of]:
                best[actor.part_of] = rank
                out[actor.part_of] = actor
    return out


def title_prefix_pattern(modifiers: list[str], titles: list[str]) -> re.Pattern[str]:
    """A title with optional modifiers at the start of a name ("the former President ").

    >>> title_prefix_pattern(["former"], ["president", "mr.", "mr"]).sub("", "Former President Xi")
    'Xi'
    """
    mods = "|".join(re.escape(w) for w in modifiers)
    names = "|".join(re.escape(w) for w in titles)
    return re.compile(rf"^(?:(?:{mods})\s+)*(?:{names})\s+", re.IGNORECASE)
