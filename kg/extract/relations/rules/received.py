"""Received acts: "X drew criticism from Y" is Y criticizes X.

A nominal trigger that is the object of a receiving verb (``[received] verbs`` of
``pipelines/cues.toml``: draw, face, attract, prompt …) with a "from" phrase has the "from"
actor as its agent and the verb's subject (an actor, an actor's act: "Israel's strike", or
"the move" resolved by coreference) as its object.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from kg.extract.extensions import Relation
from kg.extract.relations.arguments import agent_of_event, mentions_at, pobj, subject_of
from kg.extract.relations.build import emit
from kg.extract.relations.context import SentenceContext, Trigger
from kg.extract.relations.rules import rule

__all__ = ["received_relations"]

_VERBS: dict[int, frozenset[str]] = {}


@rule("received", per="trigger")
def received_relations(ctx: SentenceContext, trig: Trigger) -> Iterator[Relation]:
    """The "from" actor acts on the receiving verb's subject."""
    tok, data, by_token = trig.token, ctx.data, ctx.by_token
    if trig.pos != "NOUN" or tok.dep_ not in ("dobj", "obj"):
        return
    verb = tok.head
    if id(data) not in _VERBS:
        _VERBS[id(data)] = data.lex.cue("received", "verbs")
    if verb.lemma_.lower() not in _VERBS[id(data)]:
        return
    source = next((c for c in (*tok.children, *verb.children) if c.dep_ == "prep" and c.lower_ == "from"), None)
    # "from" is locative elsewhere ("returned from Paris"); here it names who acts
    agents = [replace(m, place=False) for m in mentions_at(pobj(source), by_token, data.people_of_state)]
    subj = subject_of(verb, data.object_control)
    if not agents or subj is None or subj.head.i != verb.i:
        return  # only the verb's own subject: "…, which sparked criticism" is left alone
    targets = mentions_at(subj, by_token, data.people_of_state) or agent_of_event(subj, by_token, data)
    yield from emit(ctx, trig, trig.predicate, agents, [(m, "noun") for m in targets])
