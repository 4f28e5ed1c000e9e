"""Generic actors: a state with an agent phrase of ``pipelines/agents.tsv``.

"Kenyan police" → Kenya: police, "Malian rebels" → Mali: rebels, "rebels in Mali" → Mali:
rebels (docs/rdf-model.md, "Generic actors"). The sector decides what the phrase stands for:

- GOV ("the Kenyan government", "Peruvian diplomats") → the state itself;
- MIL ("Nigerian troops") → the state's national armed forces when the knowledge base has
  them, else the generic actor (Nigeria: military);
- any other sector → the generic actor of the state and the sector.

No mention comes from a title or a person's description: a phrase followed by a name
("Kenyan police chief John Doe"), a title with a name in its phrase ("U.S. senator from
Vermont Bernie Sanders"), a phrase in apposition to a person ("Avenatti, the US lawyer") or
"<title> of <state>" in apposition ("Mugabe, former president of Zimbabwe"); nor from a
capitalised agent word, part of a name ("American Airlines", "Swedish Parliament"), a state
word inside another ("non-Iranian", "South American"), a phrase that modifies another noun
("a Kenyan police station") or "<agent> in <state>" naming one person ("a reporter in
Kenya": where one person is; "rebels in Mali" and "a court in Georgia" are groups).
One-word agents that ``cues.toml`` lists as state agents ("spokesman", "jets") are left to
:mod:`~kg.extract.actor_linker.agents`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.actors.generic import GOV, Sector, generic_actor
from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention
from kg.types import Actor

__all__ = ["generic_mention"]

_POSSESSIVE = ("'s", "’s")
_STATE_DEPS = ("amod", "compound", "poss", "nmod", "npadvmod")
#: prepositions of "<agent phrase> in/of <state>" ("rebels in Mali", "the army of Nigeria")
_AFTER_PREPS = ("in", "of")


def generic_mention(doc: Doc, m: Mention, taken: set[int], data: LinkerData) -> Mention | None:
    """The mention of state ``m`` with an agent phrase before or after it, or None."""
    if _inside_longer_name(doc, m.start, taken):
        return None
    found = _phrase_after(doc, m, taken, data) or _phrase_before(doc, m, taken, data)
    if found is None:
        return None
    start, end, sector = found
    phrase = doc[start:end].text
    return Mention(start, end, _actor_for(m.actor, sector, phrase, data), "agent")


def _inside_longer_name(doc: Doc, start: int, taken: set[int]) -> bool:
    """ "non-Iranian", "South American": the state word is part of another word or name."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.text in ("-", "non-") or before.lower_ == "non":
        return True
    return (
        before.text[:1].isupper()
        and not before.is_sent_start
        and before.i not in taken
        and before.pos_ in ("PROPN", "ADJ")
    )


def _actor_for(state: Actor, sector: Sector, phrase: str, data: LinkerData) -> Actor:
    if sector.code == GOV or not state.country:
        return state
    if sector.code == "MIL" and state.key in data.main_force:
        return data.main_force[state.key]
    return generic_actor(state, sector, phrase)


def _phrase_after(doc: Doc, m: Mention, taken: set[int], data: LinkerData) -> tuple[int, int, Sector] | None:
    """ "Malian rebels", "Kenya's police": the longest agent phrase right after the state."""
    i = m.end + (m.end < len(doc) and doc[m.end].text in _POSSESSIVE)
    root = doc[m.start : m.end].root
    if root.dep_ not in _STATE_DEPS:
        return None
    for n in range(min(data.agents.longest, len(doc) - i), 0, -1):
        span = doc[i : i + n]
        sector = data.agents.get(" ".join(t.lower_ for t in span))
        if sector is None or any(t.i in taken for t in span):
            continue
        if n == 1 and span[0].lemma_.lower() in data.state_agents | data.force_agents:
            return None  # geokg's own state agents ("spokesman", "jets"): agents.py
        if root.head.i not in range(i, i + n) or not _is_group(doc, span[-1], taken, data):
            return None
        return m.start, i + n, sector
    return None


def _phrase_before(doc: Doc, m: Mention, taken: set[int], data: LinkerData) -> tuple[int, int, Sector] | None:
    """ "rebels in Mali", "the army of Nigeria": an agent phrase, in/of, then the state."""
    root = doc[m.start : m.end].root
    prep = m.start - 1
    if (
        m.kind == "capital"
        or prep < 1
        or root.dep_ != "pobj"
        or root.head.i != prep
        or doc[prep].lower_ not in _AFTER_PREPS
        or (m.end < len(doc) and doc[m.end].text in _POSSESSIVE)
    ):
        return None
    for n in range(min(data.agents.longest, prep), 0, -1):
        span: Span = doc[prep - n : prep]
        sector = data.agents.get(" ".join(t.lower_ for t in span))
        if sector is None or any(t.i in taken for t in span):
            continue
        head = span[-1]
        if (
            doc[prep].head.i != head.i
            or head.pos_ not in ("NOUN", "PROPN")
            or sector.code in (GOV, "ELI")
            or head.dep_ == "appos"
            or (doc[prep].lower_ == "in" and not _group_in(span, sector, data))
        ):
            return None  # "Mugabe, former president of Zimbabwe": a title, read by the relation rules
        return prep - n, m.end, sector
    return None


def _group_in(span: Span, sector: Sector, data: LinkerData) -> bool:
    """ "rebels in Mali", "a court in Georgia" name the group; "a reporter in Kenya" one person:
    a plural phrase, or a body (a sector of state bodies) that is no person's title."""
    words = span.text.lower()
    return words in data.agents.plurals or (
        sector.actor_type in ("GovernmentBody", "ArmedForce") and words not in data.title_kind
    )


def _is_group(doc: Doc, tok: Token, taken: set[int], data: LinkerData) -> bool:
    """The agent phrase ending at ``tok`` names the group: a noun, no name or noun after it,
    and no person's title ("United States Senator from Vermont Bernie Sanders")."""
    if (
        tok.pos_ not in ("NOUN", "PROPN")
        or tok.dep_ == "compound"
        or (tok.text[:1].isupper() and not tok.is_sent_start)
    ):
        return False  # "American Airlines", "Swedish Parliament": a name, not the generic group
    if tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON":
        return False  # "Michael Avenatti, the US lawyer": describes a person
    if tok.lower_ in data.title_kind and any(_names_holder(t, tok) for t in doc[tok.i + 1 : tok.i + 6]):
        return False
    nxt = tok.i + 1
    return not (
        nxt < len(doc)
        and (
            nxt in taken
            or doc[nxt].ent_type_ == "PERSON"
            or (doc[nxt].pos_ == "PROPN" and doc[nxt].dep_ in ("compound", "appos"))
        )
    )


def _names_holder(tok: Token, title: Token) -> bool:
    """``tok`` is a name that hangs on ``title`` through nouns and prepositions only
    ("senator from Vermont Bernie Sanders"), not through a verb ("prosecutor investigating X")."""
    if tok.ent_type_ != "PERSON":
        return False
    while tok.i != title.i:
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True
