"""Trigger words: which token of a sentence names which predicate (``pipelines/triggers.tsv``,
``pipelines/cameo_verbs.tsv``)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.extensions import Mention
from kg.extract.lexicon import HAND_WRITTEN
from kg.extract.relations.arguments import counted
from kg.extract.relations.context import RuleData, Trigger

__all__ = ["find_trigger", "verb_form"]


def find_trigger(tok: Token, by_token: dict[int, Mention], data: RuleData) -> Trigger | None:
    """The trigger headed by ``tok`` (a verb, particle verb, noun or two-word noun), or None."""
    if tok.i in by_token and by_token[tok.i].kind != "agent":
        return None
    lex = data.lex
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ == "VBZ"):
        return _verb_trigger(tok, lemma, data)
    if tok.pos_ in ("NOUN", "PROPN"):
        for child in tok.children:
            if child.dep_ in ("compound", "amod") and (child.lemma_.lower(), lemma) in lex.compounds:
                return Trigger(tok, lex.compounds[(child.lemma_.lower(), lemma)], "NOUN", (child.i, tok.i))
        if lemma == "game" and any(c.lower_ == "war" for c in tok.children):
            return Trigger(tok, lex.compounds.get(("war", "game")), "NOUN", (tok.i,))  # type: ignore[arg-type]
        predicate = lex.words.get((lemma, "NOUN")) or lex.words.get((tok.lower_, "NOUN"))
        if predicate is None:
            return None
        return Trigger(tok, predicate, "NOUN", (tok.i,))
    return None


def _verb_trigger(tok: Token, lemma: str, data: RuleData) -> Trigger | None:
    """A particle verb ("call on"), a hand-written verb, a CAMEO verb + object pattern ("recall
    ambassador") or a CAMEO verb, in that order; None for a verb carrying a noun trigger."""
    lex = data.lex
    for child in tok.children:
        if child.dep_ in ("prt", "prep") and (lemma, child.lower_) in lex.particle_verbs:
            source = lex.source(f"{lemma} {child.lower_}", "VERB")
            return Trigger(tok, lex.particle_verbs[(lemma, child.lower_)], "VERB", (tok.i, child.i), source)
    if _carries_noun_trigger(tok, data):
        return None
    # an unknown verb may get a lemma of its own ("lambasted" → "lambast"): its inflections
    found = verb_form(tok, data) if tok.pos_ == "VERB" else None
    predicate, source = found or (None, HAND_WRITTEN)
    if predicate is not None and source == HAND_WRITTEN:
        return Trigger(tok, predicate, "VERB", (tok.i,))
    for child in tok.children:
        if child.dep_ in ("dobj", "obj"):
            for word in (child.lemma_.lower(), child.lower_):
                if (lemma, word) in lex.object_triggers:
                    pred, code = lex.object_triggers[(lemma, word)]
                    preps = lex.target_preps.get((lemma, word)) or data.pattern_target_preps
                    return Trigger(tok, pred, "VERB", (tok.i, child.i), code, preps)
    if predicate is None:
        return None
    return Trigger(tok, predicate, "VERB", (tok.i,), source, lex.target_preps.get((lemma, ""), frozenset()))


def _carries_noun_trigger(verb: Token, data: RuleData) -> bool:
    """A light verb (or a CAMEO verb + object pattern) whose object is a nominal trigger, also
    after a quantity ("a new round of tariffs"): the noun decides ("provide support", "slap
    sanctions")."""
    lex = data.lex
    for child in verb.children:
        if child.dep_ not in ("dobj", "obj"):
            continue
        noun = child
        if child.lemma_.lower() in data.quantity:
            noun = next((c for c in counted(child) if c.pos_ == "NOUN"), child)
        if noun.pos_ == "NOUN":
            lemma = noun.lemma_.lower()
            if (lemma, "NOUN") in lex.words or any((c.lemma_.lower(), lemma) in lex.compounds for c in noun.children):
                return data.carries(verb.lemma_.lower(), lemma)
    return False


def verb_form(tok: Token, data: RuleData) -> tuple[str, str] | None:
    """The predicate and source of a word that looks like an inflected trigger verb
    ("pressures", "urged")."""
    word = tok.lower_
    words = data.lex.words
    for cand in (
        tok.lemma_.lower(),
        word,
        word[:-1] if word.endswith("s") else "",
        word[:-2] if word.endswith("es") else "",
        word[:-2] if word.endswith("ed") else "",
        word[:-1] if word.endswith("ed") else "",
    ):
        if cand and (cand, "VERB") in words:
            return words[(cand, "VERB")], data.lex.source(cand, "VERB")
    return None
