"""Noun triggers: a nominal event with its agent and object.

The agent comes from a possessive or demonym ("Russia's sale", "a Chinese invasion"), a "by"
phrase, the subject of the verb that carries the noun ("hold talks", "declined to approve
… aid to Taiwan") or the agent of a participle that does ("sanctions imposed on Iran by the
EU"); the object from the frame's prepositions, and "between X and Y" for symmetric
relations. A reversing carrier undoes the event ("lifted sanctions on Iran").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.extensions import Mention, Relation
from kg.extract.lexicon import Frame
from kg.extract.relations.arguments import (
    carrier,
    mentions_at,
    nested,
    pobj,
    quantity_modifiers,
    subject_of,
    territory,
)
from kg.extract.relations.build import emit
from kg.extract.relations.context import SentenceContext, Trigger
from kg.extract.relations.rules import rule
from kg.vocab import PREDICATES

__all__ = ["noun_relations"]

Objects = list[tuple[Mention, str]]


@rule("noun", per="trigger")
def noun_relations(ctx: SentenceContext, trig: Trigger) -> Iterator[Relation]:
    """Relations of a noun trigger."""
    if trig.pos != "NOUN":
        return
    tok, predicate, data, by_token = trig.token, trig.predicate, ctx.data, ctx.by_token
    frame = data.frame(predicate)
    people = data.people_of_state
    subjects, objects = _modifier_arguments(ctx, trig, frame)
    coordinated = False
    verb = carrier(tok, data)
    if verb is not None and predicate in data.reversible and verb.lemma_.lower() in data.reversal_verbs:
        predicate = data.reversed_predicate  # "lifted sanctions on Iran" is a concession
    if verb is not None:
        for c in [*verb.children, *quantity_modifiers(tok, data)]:
            if c.dep_ == "prep" and c.lower_ in frame.noun_preps and c.i > tok.i:
                objects += [(m, "noun") for m in mentions_at(pobj(c), by_token, people)]
        has_possessor = any(c.dep_ == "poss" for c in tok.children) and frame.possessive == "agent"
        if not subjects and not has_possessor:
            subj = subject_of(verb, data.object_control) if verb.pos_ in ("VERB", "AUX") else None
            if subj is not None:
                carried = mentions_at(subj, by_token, people)
                subjects += carried
                coordinated = len(carried) >= 2
    yield from emit(ctx, trig, predicate, subjects, objects, coordinated=coordinated)


def _modifier_arguments(ctx: SentenceContext, trig: Trigger, frame: Frame) -> tuple[list[Mention], Objects]:
    """Subjects and objects from the noun's own modifiers and prepositions."""
    by_token, data, predicate = ctx.by_token, ctx.data, trig.predicate
    people = data.people_of_state
    subjects: list[Mention] = []
    objects: Objects = []
    for c in trig.token.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and data.carries(c.lemma_.lower(), trig.token.lemma_.lower()):
            by_participle = _participle_arguments(ctx, c, predicate, frame)
            subjects += by_participle[0]
            objects += by_participle[1]
        elif c.dep_ in ("poss", "compound", "amod", "nmod") and c.i not in trig.tokens:
            found = [m for m in mentions_at(c, by_token, people) if not m.place and (c.dep_ == "poss" or m.actor.known)]
            if frame.possessive == "patient" and c.dep_ == "poss":
                objects += [(m, "noun") for m in found]  # "his arrest": he is arrested
            else:
                subjects += found
        elif c.dep_ == "prep":
            word = c.lower_
            target = pobj(c)
            if word == "by":
                subjects += mentions_at(target, by_token, people)
            elif word == "between" and PREDICATES[predicate].symmetric:
                pair = _between(mentions_at(target, by_token, people))
                subjects += pair[0]
                objects += pair[1]
            elif word in frame.noun_preps and word in data.locative:
                objects += [(m, "noun") for m in territory(target, by_token)]
            elif word in frame.noun_preps:
                found = mentions_at(target, by_token, people)
                objects += [(m, "noun") for m in found]
                if not found and target is not None and predicate in data.nested_predicates:
                    objects += [(m, "nested") for m in nested(target, by_token, people)]
    return subjects, objects


def _participle_arguments(
    ctx: SentenceContext, verb: Token, predicate: str, frame: Frame
) -> tuple[list[Mention], Objects]:
    """The agent and objects of a participle that carries the noun ("sanctions imposed on Iran
    by the European Union", "aid sent to Kyiv by Berlin", "an agreement signed between Bahrain
    and Malaysia"); nothing when it names no object ("a summit hosted by Trump")."""
    by_token, people = ctx.by_token, ctx.data.people_of_state
    subjects: list[Mention] = []
    objects: Objects = []
    for c in verb.children:
        found = mentions_at(pobj(c), by_token, people) if c.dep_ in ("agent", "prep") else []
        if c.dep_ == "agent":
            subjects += found
        elif c.lower_ == "between":
            pair = _between(found) if PREDICATES[predicate].symmetric else ([], [])
            subjects += pair[0]
            objects += pair[1]
        elif c.lower_ in frame.noun_preps and c.lower_ not in ctx.data.locative:
            objects += [(m, "noun") for m in found]
    return (subjects, objects) if objects else ([], [])


def _between(found: list[Mention]) -> tuple[list[Mention], Objects]:
    """ "between X and Y" of a symmetric relation: X the subject, the others its objects."""
    return ([found[0]], [(m, "noun") for m in found[1:]]) if len(found) >= 2 else ([], [])
