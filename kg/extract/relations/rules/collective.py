"""Collective subjects: a symmetric act of a group relates every pair of its members.

"Delegations of Chile, Peru and Bolivia met in Lima" is Chile meets Peru, Chile meets
Bolivia and Peru meets Bolivia; "Sheinbaum and Trump announce they have agreed to delay …"
(they = both) is Sheinbaum agreesWith Trump. The group is the verb's (inherited) subject with
its conjuncts, the actors of an "of" phrase under a plural subject ("the foreign ministers of
Chile and Peru", "the navies of Japan and India"), or a pronoun that coreference resolved to
several actors. Only a verb with no object of its own gives pairs: "Chile and Peru urged
Bolivia" is two relations with Bolivia, which the verb rule writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from spacy.tokens import Token

from kg.extract.extensions import Mention, Relation
from kg.extract.relations.arguments import OBJ, mentions_at, pobj, subject_of
from kg.extract.relations.build import emit
from kg.extract.relations.context import SentenceContext, Trigger
from kg.extract.relations.groups import groups
from kg.extract.relations.rules import rule
from kg.vocab import PREDICATES

__all__ = ["collective_relations", "group_of"]


@rule("collective", per="trigger")
def collective_relations(ctx: SentenceContext, trig: Trigger) -> Iterator[Relation]:
    """Every pair of a group subject of a symmetric verb with no object."""
    tok = trig.token
    if trig.pos != "VERB" or not PREDICATES[trig.predicate].symmetric or _has_object(tok, ctx):
        return
    subj = subject_of(tok, ctx.data.object_control)
    members = group_of(subj, ctx) if subj is not None else []
    for a, b in combinations(members, 2):
        yield from emit(ctx, trig, trig.predicate, [a], [(b, "verb")])


def group_of(tok: Token, ctx: SentenceContext) -> list[Mention]:
    """The distinct actors a subject token stands for, when it stands for two or more."""
    by_token, people = ctx.by_token, ctx.data.people_of_state
    found = mentions_at(tok, by_token, people)
    if len(found) < 2 and tok.tag_ in ("NNS", "NNPS"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                found = mentions_at(pobj(c), by_token, people)
    if len(found) < 2 and tok.i in by_token:
        m = by_token[tok.i]
        found = groups(ctx.doc._.kg_mentions or []).get((m.start, m.end), found)
    distinct: dict[str, Mention] = {}
    for m in found:
        if not m.place:
            distinct.setdefault(m.actor.key, m)
    return list(distinct.values()) if len(distinct) >= 2 else []


def _has_object(tok: Token, ctx: SentenceContext) -> bool:
    """The verb has an actor as direct object or after a preposition that is not locative."""
    for c in tok.children:
        target = c if c.dep_ in OBJ else pobj(c) if c.dep_ == "prep" and c.lower_ not in ctx.data.locative else None
        if target is not None and any(t.i in ctx.by_token and not ctx.by_token[t.i].place for t in target.subtree):
            return True
    return False
