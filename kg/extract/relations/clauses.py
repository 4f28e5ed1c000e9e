"""Clause boundaries for the qualifiers: negation scope, denials and raised subjects.

* A conjunct with a subject of its own, or after "but", is a clause of its own: "Russia did
  not attack Ukraine, but it threatened Poland" negates the attack only (:func:`own_clause`).
* What a denial's clause says is denied by the denier: "Moscow denied that it had attacked
  Ukraine's grid" is Russia attacks Ukraine, negated, attributed to Russia
  (:func:`denier`; the verbs are ``denial_verbs`` of ``[negation]`` in ``pipelines/cues.toml``).
* A raising verb in the passive passes its subject to its infinitive: "Modi is expected to
  meet Albanese" (:func:`raised_subject`).
* A gerund after "of" / "for" that completes a verb with an object is that object's act, as
  the verb's subject tells it: "Ruto accused Sudan of arming the rebels" is Sudan arming them,
  reported by Ruto, never Ruto (:func:`gerund_frame`).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon

__all__ = ["denial_verbs", "denier", "gerund_frame", "own_clause", "raised_subject"]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_CONTRAST = ("but", "yet")
_GERUND_PREPS = ("of", "for")


def own_clause(tok: Token) -> bool:
    """``tok`` is a coordinated verb with its own subject, or set against the verb before it
    ("did not attack Ukraine but threatened Poland"): a clause, not a shared verb phrase."""
    if tok.dep_ != "conj" or tok.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in _SUBJECTS for c in tok.children):
        return True
    return any(c.dep_ == "cc" and c.lower_ in _CONTRAST and c.i < tok.i for c in tok.head.children)


_DENIAL: dict[int, frozenset[str]] = {}


def denial_verbs(lexicon: Lexicon) -> frozenset[str]:
    """``denial_verbs`` of the lexicon's cues (read once per lexicon)."""
    if id(lexicon) not in _DENIAL:
        _DENIAL[id(lexicon)] = lexicon.cue("negation", "denial_verbs")
    return _DENIAL[id(lexicon)]


def denier(tok: Token, lexicon: Lexicon) -> Token | None:
    """The subject of the denial the clause of ``tok`` is the object of ("X denied that …")."""
    verbs = denial_verbs(lexicon)
    if not verbs:
        return None
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i or cur.dep_ in _SUBJECTS or own_clause(cur):
            return None
        came, cur = cur.dep_, cur.head
        if came == "ccomp" and cur.lemma_.lower() in verbs:
            return next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if came not in ("xcomp", "conj", "aux", "advcl", "prep", "pobj", "pcomp", "dobj"):
            return None
    return None


def raised_subject(verb: Token) -> Token | None:
    """The passive subject of the verb whose infinitive ``verb`` is ("Modi is expected to meet")."""
    if verb.dep_ != "xcomp" or verb.head.i == verb.i:
        return None
    head = verb.head
    if not any(c.dep_ == "auxpass" for c in head.children):
        return None
    return next((c for c in head.children if c.dep_ == "nsubjpass"), None)


def gerund_frame(verb: Token) -> tuple[Token, Token] | None:
    """(the object that acts, the verb that tells it) when ``verb`` is, or is coordinated
    with, a gerund after "of" / "for" completing a verb that has a direct object (or, in the
    passive, a subject: "Russia is accused of attacking Ukraine")."""
    cur = verb
    while cur.dep_ == "conj" and cur.head.i != cur.i and not own_clause(cur):
        cur = cur.head
    if cur.dep_ != "pcomp" or cur.tag_ != "VBG":
        return None
    prep = cur.head
    if prep.dep_ != "prep" or prep.lower_ not in _GERUND_PREPS or prep.head.i == prep.i:
        return None
    teller = prep.head
    obj = next((c for c in teller.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None and any(c.dep_ == "auxpass" for c in teller.children):
        obj = next((c for c in teller.children if c.dep_ == "nsubjpass"), None)  # "X is accused of …"
    return (obj, teller) if obj is not None else None
