"""Relations of a group: an argument that stands for several actors acts for each of them.

Coreference gives "They urged Bolivia …" after "The foreign ministers of Chile and Peru met"
one mention per actor at the same tokens; the rules read the first, and this step repeats
the relation for every other actor of the group (both Chile and Peru urge Bolivia).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from kg.extract.extensions import Mention, Relation

__all__ = ["expand_groups", "groups"]


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
