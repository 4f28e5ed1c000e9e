"""``kg actors``: look actors up in the knowledge base."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.common import ActorsOpt, out
from kg.errors import Errors

__all__ = ["actors"]


def actors(
    search: Annotated[str, typer.Argument(help="Name, alias, key or Wikidata id to look for.")],
    actors: ActorsOpt = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="Show at most this many actors.")] = 10,
) -> None:
    """Show actors of the knowledge base: label, type, aliases, roles with dates, Wikidata id."""
    from kg.actors.kb import load_kb
    from kg.actors.search import find_actors
    from kg.rdf.iris import actor_iri

    kb = load_kb([str(p) for p in actors or ()])
    matches = find_actors(kb, search, limit=limit)
    found = matches.actors
    if not found:
        raise Errors.E170.error(search=search)
    for actor in found:
        out.print(f"[bold]{actor.label}[/bold]  ({actor.type}, {actor_iri(actor.key)})")
        if actor.wikidata:
            out.print(f"  Wikidata: {actor.wikidata}", markup=False)
        if actor.country:
            out.print(f"  country: {actor.country}", markup=False)
        if actor.part_of:
            parent = kb.get(actor.part_of)
            out.print(f"  part of: {parent.label if parent else actor.part_of}", markup=False)
        if actor.aliases:
            out.print(f"  aliases: {', '.join(actor.aliases[:20])}", markup=False)
        for role in actor.roles:
            of = kb.get(role.of)
            span = f"{role.start or '?'} – {role.end or 'now'}"
            out.print(f"  {role.kind}: {role.office}{' (' + of.label + ')' if of else ''}, {span}", markup=False)
    if matches.more:
        out.print(f"{matches.more} more; use --limit {limit + matches.more} to see them all.", markup=False)
