"""Membership: "Brazil is not a member of G7", "Lithuania, a member of NATO", "the Congo River
Alliance, which includes M23", "BRICS is a group of Brazil, Russia, …", "Morgan Tsvangirai of
the MDC" → memberOf.

The words are data: ``[membership]`` of ``pipelines/words.toml`` (the member nouns, the verbs
of including, and the actor classes a group can be). Negation and modality come from the
shared qualifiers, read on the verb that carries the member noun.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.extensions import Mention, Relation
from kg.extract.relations.arguments import mentions_at, pobj
from kg.extract.relations.build import emit
from kg.extract.relations.context import SentenceContext, Trigger
from kg.extract.relations.rules import rule

__all__ = ["membership_relations"]

_GROUPS = ("InternationalOrganization", "Organization", "GovernmentBody")


@rule("membership", per="sentence")
def membership_relations(ctx: SentenceContext) -> Iterator[Relation]:
    """memberOf from member nouns, verbs of including, and "PERSON of the PARTY"."""
    data = ctx.data
    for tok in ctx.sent:
        lemma = tok.lemma_.lower()
        if lemma in data.member_nouns and tok.pos_ == "NOUN":
            yield from _member_noun(ctx, tok)
        elif lemma in data.including_verbs and tok.pos_ == "VERB":
            yield from _including(ctx, tok)
        elif lemma in data.group_nouns and tok.pos_ == "NOUN":
            yield from _group_of(ctx, tok)
    yield from _person_of_group(ctx)


def _groups(ctx: SentenceContext, tok: Token | None) -> list[Mention]:
    people = ctx.data.people_of_state
    return [m for m in mentions_at(tok, ctx.by_token, people) if m.actor.type in _GROUPS and not m.place]


def _member_noun(ctx: SentenceContext, noun: Token) -> Iterator[Relation]:
    """ "X is (not) a member of Y", "X, a member of Y", "X became a member of Y"."""
    groups = _groups(ctx, _of(noun))
    described = _described(noun) if groups else None
    if described is None:
        return
    what, carrier = described
    members = [m for m in mentions_at(what, ctx.by_token, ctx.data.people_of_state) if not m.place]
    trig = Trigger(carrier, "memberOf", "NOUN", (noun.i,))
    yield from emit(ctx, trig, "memberOf", members, [(g, "noun") for g in groups])


def _of(noun: Token) -> Token | None:
    """The object of the noun's "of" ("a member **of** NATO", "a group **of** seven countries")."""
    return pobj(next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None))


def _described(noun: Token) -> tuple[Token | None, Token] | None:
    """What the noun describes, and the token that carries negation and modality: the head of
    an apposition ("Lithuania, a member of …"), or the subject of a verb whose complement the
    noun is ("X is / became a member of …"; not "X deported members of …"); else None."""
    if noun.dep_ == "appos":
        return noun.head, noun
    becomes = noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("become", "remain")
    if (noun.dep_ in ("attr", "oprd") and noun.head.pos_ in ("AUX", "VERB")) or becomes:
        return next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None), noun.head
    return None


def _including(ctx: SentenceContext, verb: Token) -> Iterator[Relation]:
    """ "the Congo River Alliance, which includes M23": the object is a member of the subject."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subj = verb.head
    groups = _groups(ctx, subj)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    members = [m for m in mentions_at(obj, ctx.by_token, ctx.data.people_of_state) if not m.place]
    if groups and members:
        trig = Trigger(verb, "memberOf", "VERB", (verb.i,))
        for group in groups:
            yield from emit(ctx, trig, "memberOf", members, [(group, "verb")])


def _group_of(ctx: SentenceContext, noun: Token) -> Iterator[Relation]:
    """ "G7 is a group of seven countries, the United Kingdom, …", "BRICS, a group of Brazil,
    Russia, …": the actors after "of" are members of the group the noun describes."""
    described = _described(noun)
    if described is None:
        return
    what, carrier = described
    members = [m for m in mentions_at(_of(noun), ctx.by_token, ctx.data.people_of_state) if not m.place]
    trig = Trigger(carrier, "memberOf", "NOUN", (noun.i,))
    for group in _groups(ctx, what) if members else []:
        others = [m for m in members if m.actor.key != group.actor.key]
        yield from emit(ctx, trig, "memberOf", others, [(group, "noun")])


def _person_of_group(ctx: SentenceContext) -> Iterator[Relation]:
    """ "Morgan Tsvangirai of the MDC": a person, "of", a party or organisation."""
    doc, by_token = ctx.doc, ctx.by_token
    seen: set[int] = set()
    for m in by_token.values():
        if m.start in seen or not (ctx.sent.start <= m.start < ctx.sent.end) or m.actor.type != "Person":
            continue
        seen.add(m.start)
        k = m.end
        if k + 1 < ctx.sent.end and doc[k].lower_ == "of":
            k += 1 + (doc[k + 1].lower_ == "the")
            group = by_token.get(k)
            if group is not None and group.actor.type in ("Organization",) and not group.place:
                trig = Trigger(doc[m.end], "memberOf", "NOUN", (m.end,))
                yield from emit(ctx, trig, "memberOf", [m], [(group, "noun")])
