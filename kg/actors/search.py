"""Find actors of the knowledge base by name, alias, key or Wikidata id (``kg actors``).

Matches are ranked the way a reader expects: the actor whose name, alias, short name, key or
Wikidata id *is* the text first, then names with a word that starts with it, then names that
merely contain it; within a rank, shorter names first (the closer match), then alphabetical.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from kg.actors.kb import KnowledgeBase, name_key
from kg.errors import Errors
from kg.types import Actor

__all__ = ["ActorMatches", "ActorName", "find_actors", "resolve_actor", "search_actors"]

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


@dataclass(frozen=True, slots=True)
class ActorName:
    """One actor as a user may name it: by IRI, key, label or one of its aliases."""

    iri: str
    key: str
    label: str
    aliases: tuple[str, ...] = ()


def resolve_actor(query: str, actors: Iterable[ActorName], *, among: str = "the store") -> ActorName:
    """The one actor that ``query`` names: its IRI or key, else its label, else an alias.

    The same rule serves ``kg query --named`` parameters, ``kg render --actor``,
    ``kg analyze --dyad`` and the notebook helpers. Case and surrounding spaces do not count.

    Raises
    ------
    kg.errors.InputError
        E623 when nothing matches (with the closest labels as suggestions), E624 when a label
        or alias names several actors, E630 for an empty name.

    Examples
    --------
    >>> xi = ActorName("https://w3id.org/geokg/actor/xi-jinping", "xi-jinping", "Xi Jinping", ("Xi",))
    >>> cn = ActorName("https://w3id.org/geokg/actor/china", "china", "China", ("PRC",))
    >>> [resolve_actor(q, [xi, cn]).key for q in ("xi-jinping", " XI JINPING ", "xi", "prc")]
    ['xi-jinping', 'xi-jinping', 'xi-jinping', 'china']
    >>> resolve_actor("Xi Jinpin", [xi, cn])
    Traceback (most recent call last):
    kg.errors.InputError: E623: no actor in the store is named 'Xi Jinpin'; did you mean Xi Jinping?
    """
    wanted = query.strip().casefold()
    if not wanted:
        raise Errors.E630.error()
    pool = list(actors)
    for matches in (
        [a for a in pool if a.iri.casefold() == wanted or a.key.casefold() == wanted],
        [a for a in pool if a.label.strip().casefold() == wanted],
        [a for a in pool if any(alias.strip().casefold() == wanted for alias in a.aliases)],
    ):
        distinct = {a.iri: a for a in matches}
        if len(distinct) == 1:
            return next(iter(distinct.values()))
        if distinct:
            raise Errors.E624.error(query=query, count=len(distinct), actors=", ".join(sorted(distinct)))
    raise Errors.E623.error(among=among, query=query, hint=_suggestions(wanted, pool))


def _suggestions(wanted: str, pool: list[ActorName]) -> str:
    labels = {a.label.casefold(): a.label for a in pool if a.label}
    close = difflib.get_close_matches(wanted, list(labels), n=3, cutoff=0.6)
    close += [key for key in labels if wanted in key and key not in close][: 3 - len(close)]
    if not close:
        return "; give an IRI, key (xi-jinping) or label (kg actors NAME searches the knowledge base)"
    return f"; did you mean {', '.join(labels[c] for c in close)}?"
