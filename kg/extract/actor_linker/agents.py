"""State agents: a state with an agent noun stands for the state or its armed forces.

"Hungarian officials", "Beijing's foreign ministry", "the Chinese government" → the state;
"Russian jets", "Israeli drones" → the state's national armed forces, or the generic actor
State: military when the knowledge base has none. Runs after
:mod:`~kg.extract.actor_linker.generic`, which reads the agent phrases of ``agents.tsv``.
A leader's name with a government noun stands for the state the leader leads: "the Trump
administration", "the Assad regime" (:func:`leader_agent_mention`).
"""

from __future__ import annotations

from datetime import date as Date

from spacy.tokens import Doc, Token

from kg.actors.generic import generic_actor
from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention
from kg.types import Actor

__all__ = ["agent_mention", "leader_agent_mention"]


def _agent_noun(doc: Doc, m: Mention, taken: set[int], deps: tuple[str, ...]) -> Token | None:
    """The noun that mention ``m`` modifies (by one of ``deps``), after it with nothing taken
    in between, or None."""
    root = doc[m.start : m.end].root
    noun = root.head
    if root.dep_ not in deps or noun.i < m.end or noun.i in taken or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(i in taken for i in range(m.end, noun.i)):
        return None
    return noun


def agent_mention(doc: Doc, m: Mention, taken: set[int], data: LinkerData) -> Mention | None:
    """The mention of state ``m`` with its agent noun, or None."""
    noun = _agent_noun(doc, m, taken, ("amod", "compound", "poss", "nmod"))
    if noun is None:
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


def leader_agent_mention(doc: Doc, m: Mention, day: Date | None, taken: set[int], data: LinkerData) -> Mention | None:
    """The state that person ``m`` leads, for "the Trump administration", "Netanyahu's
    government": the one state of the person's leader roles held on ``day``, or else of all
    their leader roles ("the Obama administration" in 2025 is still the United States)."""
    noun = _agent_noun(doc, m, taken, ("compound", "poss"))
    if noun is None or noun.lemma_.lower() not in data.leader_agents:
        return None
    state = _led_state(m.actor, day, data)
    return Mention(m.start, noun.i + 1, state, "agent") if state is not None else None


def _led_state(person: Actor, day: Date | None, data: LinkerData) -> Actor | None:
    """The one state of the person's leader roles held on ``day``, or else of all their
    leader roles; None when there is not exactly one."""
    leads = [r for r in person.roles if r.kind == "leader"]
    states = {r.of for r in leads if r.of and r.holds_on(day)} or {r.of for r in leads if r.of}
    state = data.kb.actors.get(states.pop()) if len(states) == 1 else None
    return state if state is not None and state.type == "State" else None
