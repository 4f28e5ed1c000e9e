"""Which actor descriptions go into the store with an article's statements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.actors.kb import KnowledgeBase
from kg.types import Actor, Statement

__all__ = ["actors_for"]


def actors_for(statements: Iterable[Statement], kb: KnowledgeBase) -> list[Actor]:
    """Actors of the statements plus what their descriptions point to.

    That is: subjects, objects and sources, the bodies they are part of (up to the state),
    and the states or bodies their roles belong to, so every IRI in an actor description is
    itself described. A generic actor seen as several phrases ("Malian rebels", "rebels in
    Mali") gets them all as aliases. Sorted by key for a stable order.
    """
    found: dict[str, Actor] = {}
    todo: list[Actor] = []
    for st in statements:
        todo += [st.subject, st.object]
        if st.attributed_to is not None:
            todo.append(st.attributed_to)
    while todo:
        actor = todo.pop()
        if actor.key in found:
            _add_aliases(found, actor)
            continue
        found[actor.key] = actor
        refs = [actor.part_of] + [r.of for r in actor.roles]
        todo += [kb[ref] for ref in refs if ref and ref in kb and ref not in found]
    return [found[k] for k in sorted(found)]


def _add_aliases(found: dict[str, Actor], actor: Actor) -> None:
    """Join the phrases of a generic actor met again to the one found first."""
    first = found[actor.key]
    if actor.sector and first.sector:
        new = tuple(a for a in actor.aliases if a not in first.aliases)
        if new:
            found[actor.key] = replace(first, aliases=first.aliases + new)
