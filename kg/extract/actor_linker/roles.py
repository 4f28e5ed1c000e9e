"""Role descriptions: a state with a title and no name → who held that office on the date.

"the Chinese leader" in 2019 → Xi Jinping; "the U.S. president" depends on the year;
"Russia's foreign minister" → the foreign minister of Russia then. No single holder, no link.
"""

from __future__ import annotations

from datetime import date as Date

from spacy.tokens import Doc

from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention
from kg.types import Actor

__all__ = ["role_mention"]

_POSSESSIVE = ("'s", "’s")


def role_mention(doc: Doc, m: Mention, day: Date | None, taken: set[int], data: LinkerData) -> Mention | None:
    """The office holder that state ``m`` with a title stands for, or None."""
    i = m.end
    if i < len(doc) and doc[i].text in _POSSESSIVE:
        i += 1
    best: tuple[int, str] | None = None
    for n in (3, 2, 1):
        words = " ".join(t.lower_ for t in doc[i : i + n])
        if i + n <= len(doc) and words in data.title_kind:
            best = (n, words)
            break
    if best is None:
        return None
    n, title = best
    end = i + n
    if end < len(doc) and (end in taken or doc[end].ent_type_ == "PERSON" or doc[end].pos_ == "PROPN"):
        return None  # a name follows: "Chinese President Xi Jinping" is handled as a title
    holder = _single_holder(data, data.title_kind[title], title, m.actor.key, day)
    return Mention(m.start, end, holder, "role") if holder is not None else None


def _single_holder(data: LinkerData, kind: str, title: str, state: str, day: Date | None) -> Actor | None:
    """The one person holding an office of ``kind`` named ``title`` for ``state`` on ``day``."""
    holders = data.kb.holders(kind, state, day)
    if kind == "official":
        words = set(title.split()) - {"minister", "secretary"}
        holders = [
            p
            for p in holders
            if any(
                r.of == state
                and r.holds_on(day)
                and title.split()[-1] in r.office.lower()
                and all(
                    w in r.office.lower() or (w in ("defense", "defence") and "defen" in r.office.lower())
                    for w in words
                )
                for r in p.roles
            )
        ]
    if len(holders) != 1:
        if kind == "leader" and title in ("leader", "president") and holders:
            presidents = [p for p in holders if any("president" in r.office.lower() for r in p.roles)]
            holders = presidents if len(presidents) == 1 else holders
        if len(holders) != 1:
            return None
    return holders[0]
