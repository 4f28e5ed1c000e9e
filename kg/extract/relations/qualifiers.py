"""Negation, modality and attribution of a trigger: pure functions over the parse.

Each reads along the chain of heads from the trigger up to its clause, with the cue words of
``pipelines/cues.toml`` and the ``[qualifiers]`` of ``pipelines/words.toml`` (held by
:class:`~kg.extract.relations.context.RuleData`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.extensions import Mention
from kg.extract.relations.arguments import SUBJ, mentions_at, pobj
from kg.extract.relations.clauses import own_clause
from kg.extract.relations.context import RuleData

__all__ = ["attribution", "clause_chain", "modality", "negated"]

# dependencies along which a negation or a negating verb reaches the trigger
_NEG_PATH = ("xcomp", "conj", "dobj", "obj", "pobj", "prep", "pcomp", "compound", "amod", "nsubjpass")
_NEGATING_PREP = "without"


def clause_chain(tok: Token, data: RuleData) -> list[Token]:
    """The trigger and the heads that govern its reading, up to the clause (not past a report)."""
    chain = [tok]
    cur = tok
    for _ in range(8):
        if cur.dep_ in ("ROOT",) or cur.head is cur:
            break
        if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in data.reporting:
            break
        if cur.dep_ in ("nsubj", "nsubjpass", "csubj") or own_clause(cur):
            break
        cur = cur.head
        chain.append(cur)
    return chain


def negated(tok: Token, data: RuleData) -> bool:
    """Negated by a particle on the trigger or on a verb it complements, or by a negating verb.

    Negation passes down complement chains ("declined to approve … aid", "did not agree to
    supply") but not into clauses ("avoided saying whether the US would defend Taiwan").
    """
    cur = tok
    for n in range(8):
        for c in cur.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in data.neg_particles and cur.pos_ == "NOUN"):
                nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
                if nxt is not None and nxt.lower_ == "only":
                    continue  # "not only … but also"
                return True
        if n > 0 and cur.lemma_.lower() in data.neg_verbs:
            return True
        if cur.dep_ not in _NEG_PATH or cur.head is cur or own_clause(cur):
            return False
        if cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ == _NEGATING_PREP:
            return True
        cur = cur.head
    return False


def modality(tok: Token, sent: Span, data: RuleData) -> str:
    """actual, intended or possible, from modals, governing verbs and cue words."""
    chain = clause_chain(tok, data)
    result = "actual"
    for n, cur in enumerate(chain):
        for c in cur.children:
            word = c.lower_
            if c.dep_ == "aux" and word in data.possible_aux:
                return "possible"
            if c.dep_ == "mark" and word in data.conditional:
                return "possible"
            if c.dep_ in ("amod", "advmod") and word in data.possible_words:
                return "possible"
            if c.dep_ == "aux" and word in data.intended_aux:
                result = "intended"
            if c.dep_ == "amod" and word in data.intended_words:
                result = "intended"
        if (
            n > 0
            and cur.lemma_.lower() in data.intended_verbs
            and chain[n - 1].dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "conj")
        ):
            result = "intended"
        if cur.lower_ in data.intended_heads and n > 0:
            result = "intended"
    if result == "actual":
        before = sent.doc.text[sent.start_char : tok.idx].lower()
        if any(p in before[-60:] for p in data.possible_phrases):
            return "possible"
    return result


def attribution(tok: Token, sent: Span, by_token: dict[int, Mention], data: RuleData) -> Mention | None:
    """Who the text says reported or claimed it: a reporting verb's subject, "according to X"."""
    cur = tok
    for _ in range(10):
        if cur.head is cur:
            break
        came = cur.dep_
        cur = cur.head
        if cur.lemma_.lower() in data.reporting and came in ("ccomp", "parataxis", "advcl", "xcomp", "conj"):
            source = _reporter(cur, by_token, data)
            if source is not None:
                return source
    return _according_to(sent, by_token)


def _reporter(verb: Token, by_token: dict[int, Mention], data: RuleData) -> Mention | None:
    """The actor that is, or is named in, the subject of a reporting verb."""
    subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
    people = data.people_of_state
    ms = mentions_at(subj, by_token, people) if subj is not None else []
    if not ms and subj is not None:
        # "reports from The Wall Street Journal revealed …", "sources at the Pentagon said"
        for prep in subj.children:
            if prep.dep_ == "prep" and prep.lower_ in data.source_preps:
                ms = [m for m in mentions_at(pobj(prep), by_token, people) if not m.place]
                if ms:
                    break
    return ms[0] if ms else None


def _according_to(sent: Span, by_token: dict[int, Mention]) -> Mention | None:
    """The actor of the first "according to X" of the sentence."""
    doc = sent.doc
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "to":
            target = doc[t.i + 2] if t.i + 2 < sent.end else None
            for k in range(t.i + 2, min(t.i + 6, sent.end)):
                if k in by_token:
                    return by_token[k]
            if target is not None:
                return None
    return None
