"""State agents: a state with an agent noun stands for the state or its armed forces.

"Hungarian officials", "Beijing's foreign ministry", "the Chinese government" → the state;
"Russian jets", "Israeli drones" → the state's national armed forces, or the generic actor
State: military when the knowledge base has none. Runs after
:mod:`~kg.extract.actor_linker.generic`, which reads the agent phrases of ``agents.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.actors.generic import generic_actor
from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention

__all__ = ["agent_mention"]


def agent_mention(doc: Doc, m: Mention, taken: set[int], data: LinkerData) -> Mention | None:
    """The mention of state ``m`` with its agent noun, or None."""
    root = doc[m.start : m.end].root
    noun = root.head
    if noun.i in taken or noun.i < m.end or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if root.dep_ not in ("amod", "compound", "poss", "nmod"):
        return None
    if any(i in taken for i in range(m.end, noun.i)):
        return None
    lemma = noun.lemma_.lower()
    if (noun.dep_ == "compound" and noun.head.ent_type_ == "PERSON") or (
        noun.i + 1 in taken and doc[noun.i + 1].ent_type_ == "PERSON"
    ):
        return None  # "Chinese President Xi Jinping": a title, read by the relation rules
    if lemma in data.state_agents:
        return Mention(m.start, noun.i + 1, m.actor, "agent")
    if lemma in data.force_agents:
        force = data.main_force.get(m.actor.key)
        if force is None and m.actor.country and "MIL" in data.agents.sectors:
            force = generic_actor(m.actor, data.agents.sectors["MIL"], doc[m.start : noun.i + 1].text)
        return Mention(m.start, noun.i + 1, force or m.actor, "agent")
    return None
