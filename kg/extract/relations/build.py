"""Relations from a trigger's subjects and objects, with their qualifiers and confidence."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.extensions import Mention, Relation
from kg.extract.lexicon import HAND_WRITTEN
from kg.extract.relations.arguments import mentions_at, pobj
from kg.extract.relations.clauses import denier, gerund_frame
from kg.extract.relations.context import SentenceContext, Trigger
from kg.extract.relations.qualifiers import attribution, modality, negated
from kg.extract.relations.scoring import BASE, linked, score, types_fit
from kg.vocab import PREDICATES

__all__ = ["emit"]


def emit(
    ctx: SentenceContext,
    trig: Trigger,
    predicate: str,
    subjects: list[Mention],
    objects: list[tuple[Mention, str]],
    *,
    coordinated: bool = False,
) -> Iterator[Relation]:
    """Every fitting (subject, object) pair as a relation of ``predicate``.

    ``objects`` pairs each object with the rule that found it ("verb", "noun", "nested",
    "pattern": a CAMEO pattern's target preposition); the
    relation's rule is that with the trigger's source: "verb (hand-written)", "noun (CAMEO 163)".
    Both arguments of a CAMEO trigger must be linked actors (:func:`~.scoring.linked`).
    Coordinated subjects of a symmetric predicate with no object relate to each other
    ("Iran and Iraq signed a deal").
    """
    tok = trig.token
    if not objects and coordinated and len(subjects) >= 2 and PREDICATES[predicate].symmetric:
        objects = [(m, "noun" if tok.pos_ == "NOUN" else "verb") for m in subjects[1:]]
        subjects = subjects[:1]
    if not subjects or not objects:
        return
    data, sent = ctx.data, ctx.sent
    denied = _denier(ctx, tok)
    is_negated = negated(tok, data) or denied is not None
    mode = modality(tok, sent, data)
    attributed = denied or attribution(tok, sent, ctx.by_token, data) or _teller(ctx, tok)
    guarded = trig.source != HAND_WRITTEN
    for s in subjects:
        if s.place or (guarded and not linked(s)):
            continue
        # a denial stays the denier's claim, also about itself ("Moscow denied that it …")
        source = attributed if attributed is None or attributed.actor.key != s.actor.key or denied else None
        for o, how in objects:
            if not _fits(ctx, predicate, s, o, how) or (guarded and not linked(o)):
                continue
            pred = _reading(ctx, predicate, s, o)
            yield Relation(
                subject=s,
                predicate=pred,
                object=o,
                sent_start=sent.start,
                sent_end=sent.end,
                negated=is_negated,
                modality=mode,
                attributed_to=source,
                rule=f"{how} ({trig.source})",
                trigger=trig.tokens,
                confidence=score(BASE[how], s, o),
            )


def _denier(ctx: SentenceContext, tok: Token) -> Mention | None:
    """The actor denying what the trigger's clause says, if it is a denial's object."""
    subj = denier(tok, ctx.data.lex)
    found = [m for m in mentions_at(subj, ctx.by_token, ctx.data.people_of_state) if not m.place]
    return found[0] if found else None


def _teller(ctx: SentenceContext, tok: Token) -> Mention | None:
    """Who tells the act of "accused Sudan of arming …": the accuser."""
    frame = gerund_frame(tok)
    if frame is None:
        return None
    teller = frame[1]
    subj = next((c for c in teller.children if c.dep_ == "nsubj"), None)
    if subj is None:  # "Russia was accused by Poland of …"
        subj = pobj(next((c for c in teller.children if c.dep_ == "agent"), None))
    found = [m for m in mentions_at(subj, ctx.by_token, ctx.data.people_of_state) if not m.place]
    return found[0] if found else None


def _fits(ctx: SentenceContext, predicate: str, s: Mention, o: Mention, how: str) -> bool:
    """A place object only for predicates that take places or after a CAMEO pattern's target
    preposition ("recalled its ambassador from Venezuela"); allowed types; no self-relation."""
    takes_place = predicate in ctx.data.place_objects or how == "pattern"
    if o.place and (not takes_place or o.actor.type != "State" or not o.actor.known):
        return False
    if not types_fit(predicate, s.actor.type, o.actor.type):
        return False
    return o.actor.key != s.actor.key


def _reading(ctx: SentenceContext, predicate: str, s: Mention, o: Mention) -> str:
    """Between persons and parties some event words are verbal ("Democrats attacked Trump")."""
    readings = ctx.data.person_readings
    if predicate in readings and o.actor.type == "Person" and s.actor.type in ("Person", "Organization"):
        return readings[predicate]
    return predicate
