"""Titles shared across a coordination: nationality and "counterparts".

* "Polish Prime Minister Donald Tusk and defence minister Władysław Kosiniak-Kamysz": the
  second title has no state of its own; it shares the first one's (Kosiniak-Kamysz
  officialOf Poland).
* "Kenyan President William Ruto and his Ugandan and Tanzanian counterparts, Yoweri Museveni
  and Samia Suluhu Hassan": a counterpart holds the first person's kind of office in the
  state its demonym names; several demonyms and names pair in order, as "respectively" does
  (Museveni leaderOf Uganda, Hassan leaderOf Tanzania).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.extensions import Mention, Relation
from kg.extract.relations.arguments import conjuncts
from kg.extract.relations.context import SentenceContext
from kg.extract.relations.rules import rule
from kg.extract.relations.rules.titles import _title_before, _words_before, title_kind, title_relation

__all__ = ["shared_title_relations"]

_COUNTERPART = ("counterpart", "counterparts")


@rule("shared_titles", per="sentence")
def shared_title_relations(ctx: SentenceContext) -> Iterator[Relation]:
    """Offices of the second person of a coordination, and of counterparts."""
    persons = _persons(ctx)
    titled = {m.start: found for m in persons if (found := _title_before(ctx, m)) is not None}
    for m in persons:
        if m.start in titled:
            continue
        first = _coordinated_with(ctx, m, persons)
        if first is not None and first.start in titled:
            kind = _own_title(ctx, m)
            org = titled[first.start][1]
            if kind and org.actor.type == "State":
                yield title_relation(ctx, m, kind, org, (m.start - 1,))
    for tok in ctx.sent:
        if tok.lower_ in _COUNTERPART:
            yield from _counterparts(ctx, tok, persons, titled)


def _persons(ctx: SentenceContext) -> list[Mention]:
    sent, by_token = ctx.sent, ctx.by_token
    found = {
        m.start: m
        for i, m in by_token.items()
        if sent.start <= i < sent.end and m.actor.type == "Person" and m.kind in ("name", "minted", "short")
    }
    return sorted(found.values(), key=lambda m: m.start)


def _coordinated_with(ctx: SentenceContext, m: Mention, persons: list[Mention]) -> Mention | None:
    """The person ``m`` is coordinated with ("Tusk and defence minister X": Tusk)."""
    root = ctx.doc[m.start : m.end].root
    if root.dep_ == "conj":
        return next((p for p in persons if p.start <= root.head.i < p.end), None)
    # the parser missed the coordination: "NAME and TITLE NAME"
    j, _ = _words_before(ctx.sent, m.start, ctx.by_token)
    return next((p for p in persons if p.end == j - 1 and ctx.doc[j - 1].lower_ == "and"), None)


def _own_title(ctx: SentenceContext, m: Mention) -> str | None:
    """The kind of the title right before ``m`` when no actor stands in it ("defence minister")."""
    j, words = _words_before(ctx.sent, m.start, ctx.by_token)
    if j - 1 < ctx.sent.start or ctx.doc[j - 1].lower_ != "and":
        return None
    return title_kind(" ".join(words), ctx.data)


def _counterparts(
    ctx: SentenceContext, tok: Token, persons: list[Mention], titled: dict[int, tuple]
) -> Iterator[Relation]:
    """The counterparts' offices: the states their demonyms name, their names in order."""
    # the demonyms' own mentions ("his Russian counterpart" may be one mention of "his")
    demonyms = {m.start: m for m in ctx.doc._.kg_mentions or [] if m.kind == "demonym" and m.actor.type == "State"}
    states: list[Mention] = []
    for c in tok.children:
        if c.dep_ in ("amod", "nmod", "compound"):
            states += [demonyms[t.i] for t in (c, *conjuncts(c)) if t.i in demonyms]
    names = [p for p in persons if p.start > tok.i and p.start <= tok.i + 2]
    if names:
        head = ctx.doc[names[0].start : names[0].end].root
        names += [p for p in persons for t in conjuncts(head) if p.start <= t.i < p.end]
    before = [titled[p.start] for p in persons if p.start < tok.i and p.start in titled]
    if not states or len(states) != len(names) or not before:
        return
    kind = before[0][0]
    for person, state in zip(names, states, strict=True):
        yield title_relation(ctx, person, kind, state, (tok.i,))
