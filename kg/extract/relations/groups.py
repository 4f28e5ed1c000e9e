"""Relations of a group: an argument that stands for several actors acts for each of them.

Coreference gives "They urged Bolivia …" after "The foreign ministers of Chile and Peru met"
one mention per actor at the same tokens; the rules read the first, and this step repeats
the relation for every other actor of the group (both Chile and Peru urge Bolivia).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Token

from kg.extract.extensions import Mention, Relation

__all__ = ["expand_groups", "groups", "misparsed_conjuncts"]


def groups(mentions: Iterable[Mention]) -> dict[tuple[int, int], list[Mention]]:
    """Spans that several mentions of different actors share, with those mentions."""
    at: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        if all(o.actor.key != m.actor.key for o in at[(m.start, m.end)]):
            at[(m.start, m.end)].append(m)
    return {span: ms for span, ms in at.items() if len(ms) > 1}


def expand_groups(relations: Iterable[Relation], shared: dict[tuple[int, int], list[Mention]]) -> Iterator[Relation]:
    """Every relation, and its copies for the other actors of a group subject or object."""
    for rel in relations:
        subjects = shared.get((rel.subject.start, rel.subject.end), [rel.subject])
        objects = shared.get((rel.object.start, rel.object.end), [rel.object])
        if len(subjects) == 1 and len(objects) == 1:
            yield rel
            continue
        for s in subjects:
            for o in objects:
                if s.actor.key != o.actor.key:
                    yield replace(rel, subject=s, object=o)


def misparsed_conjuncts(tok: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """Actors the parser hung off a name as its modifier though "and" joins them: "Fornost
    and the evil Gondor", "Arnor, Calenardhon and the Gondor" (Fornost an ``nmod`` of Gondor,
    with the "and" under it)."""
    head = by_token.get(tok.i)
    out: list[Mention] = []
    for c in tok.children:
        if c.dep_ not in ("nmod", "compound") or c.i >= tok.i or c.i not in by_token:
            continue
        m = by_token[c.i]
        joined = any(g.dep_ == "cc" and g.lower_ == "and" for t in (c, *c.conjuncts) for g in t.children)
        if joined and head is not None and m.actor.type == head.actor.type and m.actor.key != head.actor.key:
            out += [by_token[t.i] for t in (c, *c.conjuncts) if t.i in by_token and t.i < tok.i]
    return out
