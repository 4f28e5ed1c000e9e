"""Bodies another state qualifies: a namesake of that state, not the known body of the name.

"the Democratic Party in South Korea", "Canada's New Democratic Party", "the Congress of Peru":
the knowledge base knows a Democratic Party and a Congress of the United States, but a state
named right after ("of", "in") or before (a possessive or a demonym, past the other words of
a longer name) says the body is another country's. The mention then gets a namesake of that
country (``democratic-party-kor``, :meth:`kg.actors.kb.KnowledgeBase.mint_namesake`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention
from kg.types import Actor

__all__ = ["requalified"]

_BODIES = ("Organization", "GovernmentBody", "ArmedForce")
_POSSESSIVE = ("'s", "’s")


def requalified(doc: Doc, mentions: list[Mention], data: LinkerData) -> list[Mention]:
    """``mentions``, with each body that another state qualifies replaced by a namesake."""
    states = {i: m.actor for m in mentions if m.actor.type == "State" for i in range(m.start, m.end)}
    return [_requalify(doc, m, states, data) for m in mentions]


def _requalify(doc: Doc, m: Mention, states: dict[int, Actor], data: LinkerData) -> Mention:
    if m.actor.type not in _BODIES or not m.actor.country or m.kind not in ("name", "short"):
        return m
    state = _qualifier(doc, m, states)
    if state is None or not state.country or state.country == m.actor.country:
        return m
    namesake = data.kb.mint_namesake(doc[m.start : m.end].text, m.actor.type, state.country)
    return Mention(m.start, m.end, namesake, "minted")


def _qualifier(doc: Doc, m: Mention, states: dict[int, Actor]) -> Actor | None:
    """The state named right after the body ("of / in (the) STATE") or before it ("STATE's",
    a demonym), past the capitalised words of a longer name ("Canada's New Democratic
    Party")."""
    k = m.end
    if k + 1 < len(doc) and doc[k].lower_ in ("of", "in"):
        k += 2 if doc[k + 1].lower_ == "the" else 1
        if k in states:
            return states[k]
    i = m.start - 1
    while i >= 0 and i not in states and doc[i].pos_ == "PROPN" and doc[i].is_title:
        i -= 1
    if i >= 0 and doc[i].text in _POSSESSIVE:
        i -= 1
    return states.get(i) if i >= 0 else None
