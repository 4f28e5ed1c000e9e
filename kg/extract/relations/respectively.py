"""'Respectively': coordinated subjects and objects pair up in order.

"France and Germany signed treaties with Italy and Spain respectively" is France–Italy and
Germany–Spain, not every pair. When a sentence has "respectively" and a trigger relates n
subjects to n objects, only the i-th subject with the i-th object is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.tokens import Span

from kg.extract.extensions import Relation

__all__ = ["pair_respectively"]


def pair_respectively(relations: Iterable[Relation], sent: Span) -> list[Relation]:
    """``relations`` of one sentence, the cross products of a "respectively" paired in order."""
    out = list(relations)
    if not any(t.lower_ == "respectively" for t in sent):
        return out
    by_trigger: dict[tuple[tuple[int, ...], str], list[Relation]] = defaultdict(list)
    for r in out:
        by_trigger[(r.trigger, r.predicate)].append(r)
    drop: set[int] = set()
    for group in by_trigger.values():
        subjects = sorted({r.subject.start for r in group})
        objects = sorted({r.object.start for r in group})
        if len(subjects) < 2 or len(subjects) != len(objects):
            continue
        drop.update(id(r) for r in group if subjects.index(r.subject.start) != objects.index(r.object.start))
    return [r for r in out if id(r) not in drop]
