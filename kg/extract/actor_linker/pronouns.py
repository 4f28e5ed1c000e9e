"""Pronouns: "he", "his", "its" → the actor they most probably refer to.

Personal pronouns link to the nearest earlier person (in the same or the previous sentence)
who is not the subject of the pronoun's own clause, only when that person is the only one of
its sentence or the only candidate: no link beats a wrong link. "its" / "their" as a
possessive link to the subject of their clause ("China, for its part, …").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention

__all__ = ["clause_subject", "pronoun_mentions", "quoted_tokens"]

_COLLECTIVE = ("its", "their")
_QUOTES = ('"', "“", "”", "''", "``")


_HOMELAND = ("country", "nation", "homeland")  # "his country" is the person's state


def pronoun_mentions(doc: Doc, mentions: list[Mention], taken: set[int], data: LinkerData) -> list[Mention]:
    """Mentions for the pronouns of ``doc`` not already ``taken``."""
    persons = sorted((m for m in mentions if m.actor.type == "Person"), key=lambda m: m.start)
    sents = list(doc.sents)
    sent_index = {t.i: n for n, s in enumerate(sents) for t in s}
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    quoted = quoted_tokens(doc)
    out: list[Mention] = []
    for tok in doc:
        if tok.lower_ in _COLLECTIVE and tok.dep_ == "poss" and tok.i not in taken:
            # "China, for its part, …", "in its opposition to": the clause's own subject
            subject = clause_subject(tok)
            m = by_token.get(subject.i) if subject is not None else None
            if m is not None and m.actor.type != "Person" and not m.place and m.start < tok.i:
                out.append(Mention(tok.i, tok.i + 1, m.actor, "pronoun"))
            continue
        if tok.lower_ not in data.pronouns or tok.i in taken or tok.i in quoted:
            continue  # inside a quotation "she" is seldom who the narrator last named
        nearest = _antecedent(tok, persons, sents, sent_index, taken)
        if nearest is None:
            continue
        out.append(_possessed(tok, nearest, taken, data))
    return out


def _possessed(tok: Token, person: Mention, taken: set[int], data: LinkerData) -> Mention:
    """The pronoun's mention: "his administration" (the person), "his country" (the person's
    state), or the pronoun alone ("his Russian counterpart")."""
    head = tok.head
    if tok.dep_ != "poss" or any(i in taken for i in range(tok.i + 1, head.i)):
        return Mention(tok.i, tok.i + 1, person.actor, "pronoun")
    if head.lemma_.lower() in _HOMELAND:
        state = data.kb.state_of(person.actor.key)
        if state is not None:
            return Mention(tok.i, head.i + 1, state, "pronoun")
    if head.lemma_.lower() in data.state_agents:
        return Mention(tok.i, head.i + 1, person.actor, "pronoun")
    return Mention(tok.i, tok.i + 1, person.actor, "pronoun")


def _antecedent(
    tok: Token, persons: list[Mention], sents: list, sent_index: dict[int, int], taken: set[int]
) -> Mention | None:
    """The one person a personal pronoun refers to, or None."""
    if tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp":
        reporter = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
        if reporter is not None and reporter.pos_ == "PROPN" and reporter.i not in taken:
            return None  # "Pierce said he favored …": he is Pierce, whom we do not know
    n = sent_index.get(tok.i, 0)
    window_start = sents[max(0, n - 1)].start
    subject = clause_subject(tok)
    candidates = []
    for m in persons:
        if m.start >= tok.i or m.start < window_start:
            continue
        if subject is not None and m.start <= subject.i < m.end and tok.dep_ != "poss":
            continue
        candidates.append(m)
    if not candidates:
        return None
    distinct = {m.actor.key for m in candidates}
    # the nearest person, provided it is the only person in its own sentence
    nearest = candidates[-1]
    same_sent = {m.actor.key for m in candidates if sent_index.get(m.start) == sent_index.get(nearest.start)}
    if len(same_sent) > 1 and len(distinct) > 1:
        return None
    return nearest


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens between quotation marks (straight or curly), paragraph by paragraph."""
    inside = False
    out: set[int] = set()
    for tok in doc:
        if "\n\n" in tok.text or (tok.is_space and "\n" in tok.text):
            inside = False
            continue
        if tok.text in _QUOTES:
            if tok.text == "“":
                inside = True
            elif tok.text == "”":
                inside = False
            else:
                inside = not inside
            continue
        if inside:
            out.add(tok.i)
    return out


def clause_subject(tok: Token) -> Token | None:
    """The subject of the clause ``tok`` is in, or None."""
    head = tok.head
    while head.dep_ not in ("ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj") and head.head is not head:
        head = head.head
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None
