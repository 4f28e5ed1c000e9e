"""Titled names: "<state> <title> <name>" gives the person the title's country and office.

"Malian Foreign Minister Abdoulaye Diop" on 2017-03-03: a person the knowledge base does not
hold gets country MLI and the role "Foreign Minister" of Mali (kind official), held on the
article date. A known person keeps the knowledge base's facts, unless the title's state is
neither the person's country nor a state of one of the person's roles: then the text names a
namesake, minted with the title's country (``abdoulaye-diop-mli``). "Former", "ex-", "late"
or "then" before the title give the country only, not a role on the article date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date
from typing import cast

from spacy.tokens import Doc

from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention
from kg.types import Actor, Role, RoleKind

__all__ = ["titled_persons"]

_POSSESSIVE = ("'s", "’s")
_PAST = ("former", "ex", "ex-", "late", "then")


def titled_persons(doc: Doc, mentions: list[Mention], day: Date | None, data: LinkerData) -> list[Mention]:
    """``mentions`` with each person named after a state and a title given that title."""
    persons = {m.start: m for m in mentions if m.actor.type == "Person"}
    updated: dict[str, Actor] = {}
    for m in mentions:
        if m.actor.type != "State" or not m.actor.country:
            continue
        found = _title_after(doc, m.end, data)
        if found is None or found[0] not in persons:
            continue
        end, title, kind = found
        person = persons[end].actor
        if person.key not in updated:
            past = m.start > 0 and doc[m.start - 1].lower_ in _PAST
            new = _titled(person, m.actor, title, kind, None if past else day, data)
            if new is not None:
                updated[person.key] = new
    if not updated:
        return mentions
    return [replace(m, actor=updated[m.actor.key]) if m.actor.key in updated else m for m in mentions]


def _title_after(doc: Doc, i: int, data: LinkerData) -> tuple[int, str, str] | None:
    """(end, title text, kind) of the longest title starting at token ``i``, or None."""
    if i < len(doc) and doc[i].text in _POSSESSIVE:
        i += 1
    for n in (3, 2, 1):
        words = " ".join(t.lower_ for t in doc[i : i + n])
        if i + n <= len(doc) and words in data.title_kind:
            return i + n, doc[i : i + n].text, data.title_kind[words]
    return None


def _titled(person: Actor, state: Actor, title: str, kind: str, day: Date | None, data: LinkerData) -> Actor | None:
    """The person with the title's country and role, a namesake, or None (nothing to add)."""
    held = (day.isoformat(),) * 2 if day is not None else None
    roles = (Role(title, state.key, cast(RoleKind, kind), *held),) if held else ()
    if not person.known:
        if person.country == state.country and (not roles or set(roles) <= set(person.roles)):
            return None
        return replace(person, country=state.country, roles=person.roles + roles)
    if person.country in (None, state.country) or any(r.of == state.key for r in person.roles):
        return None
    namesake = data.kb.mint_namesake(person.label, "Person", state.country)  # type: ignore[arg-type]
    return replace(namesake, roles=roles)
