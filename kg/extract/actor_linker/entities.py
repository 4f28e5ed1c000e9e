"""Entity linking: an entity of ``doc.ents`` → a mention of a known or minted actor.

Names the knowledge base knows (alias, capital, seat, demonym, short name), surnames of
persons named in full earlier, and other PERSON / ORG entities as minted actors typed by
their head word ("Embassy" → GovernmentBody). Unknown GPE / NORP / LOC are no actors.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention
from kg.types import Actor

__all__ = ["link_entity", "looks_like_name", "trim", "type_from_head"]

_ARTICLES = ("the", "a", "an")
_POSSESSIVE_ENDS = ("'s", "’s", "'")
# a name does not end in a function word ("Bank of", "Friends of the")
_OPEN_ENDS = ("of", "the", "and", "for", "in", "on", "at", "to")


def link_entity(ent: Span, full_names: dict[str, Actor], data: LinkerData, *, mint: bool) -> Mention | None:
    """The mention an entity stands for, or None; ``full_names``: surname → person named in full."""
    kb = data.kb
    if ent.kb_id_ and ent.kb_id_ in kb:
        return _known_entity(ent, data)
    label = ent.label_
    if label not in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    span = trim(ent, data)
    if span is None:
        return None
    text = span.text
    if label == "PERSON":
        if len(span) == 1 and text in full_names:
            return Mention(span.start, span.end, full_names[text], "short")
        known = kb.lookup(text)
        if known is not None and known.type == "Person":
            return Mention(span.start, span.end, known, "name")
        if not mint or not looks_like_name(text):
            return None
        return Mention(span.start, span.end, kb.mint(text, "Person"), "minted")
    known = kb.lookup(text)
    if known is not None:
        kind = "demonym" if label == "NORP" else "name"
        return Mention(span.start, span.end, known, kind)
    if label == "ORG" and (
        span[0].lower_ in data.title_kind or text.lower() in data.generic or span[-1].lower_ in data.documents
    ):
        return None  # "Secretary of State", "State": a title or a common word, not a body
    if label == "ORG" and span.end < len(ent.doc) and _starts_title(ent.doc, span.end, data):
        return None  # "National Security Advisor X", "Defense Minister X": part of a title
    if label == "ORG" and mint and looks_like_name(text):
        actor_type = type_from_head(span, data)
        country = _country_from_modifier(span, data)
        return Mention(span.start, span.end, kb.mint(text, actor_type, country=country), "minted")
    return None


def _known_entity(ent: Span, data: LinkerData) -> Mention:
    """An entity the actor ruler matched, with the kind of name it is."""
    kb = data.kb
    actor = kb[ent.kb_id_]
    text = ent.text
    kind = "name"
    if text in kb.demonyms and kb.demonyms[text] == actor.key:
        kind = "demonym"
    elif text in kb.capitals and kb.capitals[text] == actor.key and text not in kb.surface:
        kind = "capital"
    elif text in kb.short_names:
        kind = "short"
    return Mention(ent.start, ent.end, actor, kind)


def _starts_title(doc: Doc, i: int, data: LinkerData) -> bool:
    words = [t.lower_ for t in doc[i : i + 3]]
    return any(" ".join(words[:n]) in data.title_kind for n in (3, 2, 1))


def _country_from_modifier(span: Span, data: LinkerData) -> str | None:
    kb = data.kb
    for tok in span:
        actor = kb.lookup(tok.text) if tok.text in kb.demonyms or tok.text in kb.surface else None
        if actor is not None and actor.type == "State":
            return actor.country
    return None


def trim(ent: Span, data: LinkerData) -> Span | None:
    """Drop a leading determiner or title and a trailing possessive from an entity."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in _ARTICLES or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE_ENDS or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    text = doc[start:end].text
    stripped = data.title_prefix.sub("", text)
    if stripped != text and stripped:
        cut = len(text) - len(stripped)
        span = doc.char_span(doc[start].idx + cut, doc[end - 1].idx + len(doc[end - 1]), alignment_mode="expand")
        if span is not None and len(span):
            return span
    return doc[start:end]


def looks_like_name(text: str) -> bool:
    """Capitalised, short, no digits, not ending in a function word.

    >>> looks_like_name("Chinese Embassy"), looks_like_name("Bank of"), looks_like_name("5G")
    (True, False, False)
    """
    words = text.split()
    return (
        bool(words)
        and len(text) >= 2
        and len(text) <= 80
        and text[0].isupper()
        and not any(ch.isdigit() for ch in text)
        and len(words) <= 8
        and words[-1].lower() not in _OPEN_ENDS
    )


def type_from_head(span: Span, data: LinkerData) -> str:
    """The actor type of a minted organisation from its head word; Organization by default."""
    head = span[-1].lower_
    for actor_type, heads in data.type_by_head.items():
        if head in heads or any(t.lower_ in heads for t in span if t.i == span.root.i):
            return actor_type
    return "Organization"
