"""Verb triggers: a verb with its subject and objects from the parse.

The subject is inherited through control, coordination and adverbial clauses ("Moscow has
agreed to supply … and conduct …"); objects are the direct object, the prepositions the
predicate's frame names ("talks with X", "pressure on X"), the subject of a clausal object
("demand that Trump oppose …", "urge Taipei to increase …"); passives are swapped ("Trump
was pressured by Xi").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.extensions import Mention, Relation
from kg.extract.lexicon import Frame
from kg.extract.relations.arguments import (
    OBJ,
    agent_of_event,
    conjuncts,
    is_question,
    mentions_at,
    nested,
    pobj,
    reciprocal,
    subject_of,
    territory,
)
from kg.extract.relations.build import emit
from kg.extract.relations.context import SentenceContext, Trigger
from kg.extract.relations.rules import rule

__all__ = ["verb_relations"]

Objects = list[tuple[Mention, str]]


@rule("verb", per="trigger")
def verb_relations(ctx: SentenceContext, trig: Trigger) -> Iterator[Relation]:
    """Relations of a verb trigger."""
    if trig.pos != "VERB":
        return
    tok, predicate, by_token = trig.token, trig.predicate, ctx.by_token
    frame = ctx.data.frame(predicate)
    people = ctx.data.people_of_state
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        subjects, objects = _passive(tok, by_token, people)
    else:
        subjects, objects = _active(ctx, tok, predicate, frame)
    objects += _prep_objects(ctx, trig, frame)
    if not any(how == "verb" for _, how in objects):
        objects += _shared_objects(tok, frame, by_token, people)
    if frame.clausal_object and not objects:
        objects += _clausal_objects(tok, by_token, people)
    if len(subjects) >= 2 and reciprocal(tok):
        objects += [(m, "verb") for m in subjects]
    yield from emit(ctx, trig, predicate, subjects, objects, coordinated=len(subjects) >= 2)


def _passive(tok: Token, by_token: dict[int, Mention], people: frozenset[str]) -> tuple[list[Mention], Objects]:
    """The "by" agent is the subject, the passive subject the object."""
    subjects: list[Mention] = []
    objects: Objects = []
    for c in tok.children:
        if c.dep_ == "agent":
            subjects += mentions_at(pobj(c), by_token, people)
        if c.dep_ == "nsubjpass":
            objects += [(m, "verb") for m in mentions_at(c, by_token, people)]
    return subjects, objects


def _active(ctx: SentenceContext, tok: Token, predicate: str, frame: Frame) -> tuple[list[Mention], Objects]:
    """The (inherited) subject or the agent of an event subject, and the direct objects."""
    by_token, data = ctx.by_token, ctx.data
    people = data.people_of_state
    subjects: list[Mention] = []
    objects: Objects = []
    subj = subject_of(tok, data.object_control)
    if subj is not None:
        subjects += mentions_at(subj, by_token, people) or agent_of_event(subj, by_token, data)
    for c in tok.children:
        if c.dep_ in OBJ and frame.direct_object:
            found = mentions_at(c, by_token, people)
            objects += [(m, "verb") for m in found]
            if not found and predicate in data.nested_predicates:
                objects += [(m, "nested") for m in nested(c, by_token, people)]
    return subjects, objects


def _prep_objects(ctx: SentenceContext, trig: Trigger, frame: Frame) -> Objects:
    """Objects of the frame's prepositions, on the verb or on its non-actor object; those of a
    CAMEO pattern's prepositions that the frame does not name are found by "pattern"."""
    by_token, locative, people = ctx.by_token, ctx.data.locative, ctx.data.people_of_state
    tok, doc = trig.token, ctx.doc
    particle = {doc[i].lower_ for i in trig.tokens[1:]}
    preps = frame.verb_preps | trig.preps

    def how(word: str) -> str:
        return "verb" if word in frame.verb_preps or word in particle else "pattern"

    objects: Objects = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in locative and c.lower_ in preps:
            objects += [(m, how(c.lower_)) for m in territory(pobj(c), by_token)]
        elif c.dep_ == "prep" and (c.lower_ in preps or c.lower_ in particle):
            objects += [(m, how(c.lower_)) for m in mentions_at(pobj(c), by_token, people)]
        elif (c.dep_ in ("dobj", "obj") or (c.dep_ == "prt" and c.i in trig.tokens)) and c.i not in by_token:
            if c.dep_ == "prt":
                c = pobj(c) or c
            # "broke off relations with Nicaragua", "cut ties with Israel": the phrase
            # hangs off the verb's object
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ in preps:
                    found = (
                        territory(pobj(g), by_token) if g.lower_ in locative else mentions_at(pobj(g), by_token, people)
                    )
                    objects += [(m, how(g.lower_)) for m in found]
    return objects


def _shared_objects(tok: Token, frame: Frame, by_token: dict[int, Mention], people: frozenset[str]) -> Objects:
    """ "supply equipment and conduct exercises for Chinese airborne forces": the trailing
    phrase of the last conjunct belongs to both verbs."""
    objects: Objects = []
    for conj in conjuncts(tok):
        for c in conj.children:
            if c.dep_ == "prep" and c.lower_ in frame.verb_preps and c.i > conj.i:
                objects += [(m, "verb") for m in mentions_at(pobj(c), by_token, people)]
            elif c.dep_ in ("dobj", "obj") and not any(g.dep_ in ("dobj", "obj") for g in tok.children):
                objects += [(m, "verb") for m in mentions_at(c, by_token, people)]
    return objects


def _clausal_objects(tok: Token, by_token: dict[int, Mention], people: frozenset[str]) -> Objects:
    """The subject of a clausal object: "demand that Trump oppose …", "urge Taipei to …"."""
    objects: Objects = []
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp") and not is_question(c):
            s = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if s is not None:
                objects += [(m, "verb") for m in mentions_at(s, by_token, people)]
    return objects
