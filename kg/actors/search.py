"""Find actors of the knowledge base by name, alias, key or Wikidata id (``kg actors``).

Matches are ranked the way a reader expects: the actor whose name, alias, short name, key or
Wikidata id *is* the text first, then names with a word that starts with it, then names that
merely contain it; within a rank, shorter names first (the closer match), then alphabetical.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.actors.kb import KnowledgeBase, name_key
from kg.types import Actor

__all__ = ["ActorMatches", "find_actors", "search_actors"]

EXACT, SHORT_NAME, WORD_PREFIX, SUBSTRING = range(4)


@dataclass(frozen=True, slots=True)
class ActorMatches:
    """The best ``limit`` matches of a search and how many more there were."""

    actors: list[Actor]
    more: int = 0


def _rank(actor: Actor, wanted: str, short: set[str]) -> int | None:
    names = [name_key(n) for n in (actor.label, *actor.aliases)]
    if wanted in names or wanted == actor.key or (actor.wikidata or "").casefold() == wanted:
        return EXACT
    if actor.key in short:
        return SHORT_NAME
    if any(word.startswith(wanted) for n in names for word in n.split()):
        return WORD_PREFIX
    if any(wanted in n for n in names):
        return SUBSTRING
    return None


def find_actors(kb: KnowledgeBase, text: str, *, limit: int = 10) -> ActorMatches:
    """Actors matching ``text``, best first, with the number of matches beyond ``limit``.

    >>> from kg.actors.kb import KnowledgeBase
    >>> kb = KnowledgeBase.from_records([
    ...     {"key": "alexis-tsipras", "label": "Alexis Tsipras", "type": "Person"},
    ...     {"key": "xiang-li", "label": "Xiang Li", "type": "Person"},
    ...     {"key": "xi-jinping", "label": "Xi Jinping", "type": "Person",
    ...      "wikidata": "Q15031", "short_names": ["Xi"]}])
    >>> [a.label for a in find_actors(kb, "xi").actors]
    ['Xi Jinping', 'Xiang Li', 'Alexis Tsipras']
    >>> find_actors(kb, "xi", limit=1).more
    2
    >>> [a.key for a in find_actors(kb, "Q15031").actors]
    ['xi-jinping']
    """
    wanted = name_key(text)
    if not wanted:
        return ActorMatches([])
    short = {key for name, key in kb.short_names.items() if name_key(name) == wanted}
    ranked: list[tuple[int, int, str, Actor]] = []
    for actor in kb.actors.values():
        rank = _rank(actor, wanted, short)
        if rank is not None:
            ranked.append((rank, len(actor.label), actor.label, actor))
    ranked.sort(key=lambda r: r[:3])
    return ActorMatches([r[3] for r in ranked[:limit]], max(0, len(ranked) - limit))


def search_actors(kb: KnowledgeBase, text: str, *, limit: int = 10) -> list[Actor]:
    """The best ``limit`` actors matching ``text`` (see :func:`find_actors`).

    >>> from kg.actors.kb import KnowledgeBase
    >>> kb = KnowledgeBase.from_records([{"key": "xi-jinping", "label": "Xi Jinping", "type": "Person",
    ...                                  "wikidata": "Q15031", "aliases": ["Xi"]}])
    >>> [a.label for a in search_actors(kb, "xi")]
    ['Xi Jinping']
    """
    return find_actors(kb, text, limit=limit).actors
