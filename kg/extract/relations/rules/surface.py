"""The surface fallback: actor, trigger verb, actor in a row.

In headlines and short sentences the parse is often wrong ("Xi Pressures Trump …"); this rule
reads the word order instead, in sentences of at most ``max_surface_tokens`` tokens, for
verbs that gave no relation through the parse.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.extensions import Relation
from kg.extract.lexicon import HAND_WRITTEN
from kg.extract.relations.context import SentenceContext
from kg.extract.relations.rules import rule
from kg.extract.relations.scoring import BASE, linked, score, types_fit
from kg.extract.relations.triggers import verb_form

__all__ = ["surface_relations"]


@rule("surface", per="sentence")
def surface_relations(ctx: SentenceContext) -> Iterator[Relation]:
    """Actor, trigger verb, actor in a row: headlines and misparsed short sentences."""
    sent, by_token = ctx.sent, ctx.by_token
    if len(sent) > ctx.max_surface_tokens:
        return
    for tok in sent:
        if tok.i in ctx.fired or tok.i in by_token:
            continue
        found = verb_form(tok, ctx.data)
        if found is None:
            continue
        predicate, source = found
        left, modality = _left_edge(ctx, tok)
        right = _right_edge(ctx, tok, predicate)
        subj, obj = by_token.get(left), by_token.get(right)
        if subj is None or obj is None or subj.place or obj.place or "demonym" in (subj.kind, obj.kind):
            continue
        if subj.end - 1 != left or obj.start != right or not types_fit(predicate, subj.actor.type, obj.actor.type):
            continue
        if source != HAND_WRITTEN and not (linked(subj) and linked(obj)):
            continue
        yield Relation(
            subject=subj,
            predicate=predicate,
            object=obj,
            sent_start=sent.start,
            sent_end=sent.end,
            modality=modality,
            rule=f"surface ({source})",
            trigger=(tok.i,),
            confidence=score(BASE["surface"], subj, obj),
        )


def _left_edge(ctx: SentenceContext, tok: Token) -> tuple[int, str]:
    """The token before the verb, past "to" (then intended) and adverbs; and the modality."""
    doc, start = ctx.doc, ctx.sent.start
    left = tok.i - 1
    modality = "actual"
    if left >= start and doc[left].lower_ == "to":
        modality = "intended"
        left -= 1
    while left >= start and doc[left].pos_ == "ADV":
        left -= 1
    return left, modality


def _right_edge(ctx: SentenceContext, tok: Token, predicate: str) -> int:
    """The token after the verb, past determiners, adjectives, adverbs and a frame preposition."""
    doc, end, by_token = ctx.doc, ctx.sent.end, ctx.by_token
    right = tok.i + 1
    while right < end and doc[right].pos_ in ("DET", "ADJ", "ADV") and right not in by_token:
        right += 1
    if right < end and doc[right].lower_ in ctx.data.frame(predicate).verb_preps:
        right += 1
    return right
