"""Find actors of the knowledge base by name, alias, key or Wikidata id (``kg actors``)."""
from __future__ import annotations

from kg.actors.kb import KnowledgeBase, name_key
from kg.types import Actor

__all__ = ["search_actors"]


def search_actors(kb: KnowledgeBase, text: str, *, limit: int = 10) -> list[Actor]:
    """Actors matching ``text``: exact name or alias first, then key, Wikidata id, substrings.

    >>> from kg.actors.kb import KnowledgeBase
    >>> kb = KnowledgeBase.from_records([{"key": "xi-jinping", "label": "Xi Jinping", "type": "Person",
    ...                                  "wikidata": "Q15031", "aliases": ["Xi"]}])
    >>> [a.label for a in search_actors(kb, "xi")]
    ['Xi Jinping']
    >>> [a.key for a in search_actors(kb, "Q15031")]
    ['xi-jinping']
    """
    wanted = name_key(text)
    if not wanted:
        return []
    ranked: list[tuple[int, str, Actor]] = []
    for actor in kb.actors.values():
        names = [name_key(n) for n in (actor.label, *actor.aliases)]
        if wanted in names:
            rank = 0
        elif wanted == actor.key or (actor.wikidata or "").casefold() == wanted:
            rank = 1
        elif any(wanted in n for n in names):
            rank = 2
        else:
            continue
        ranked.append((rank, actor.label, actor))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [a for _, _, a in ranked[:limit]]
