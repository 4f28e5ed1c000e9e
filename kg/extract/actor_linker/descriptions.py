"""Definite descriptions: "the island" → Taiwan, "the kingdom" → Saudi Arabia.

A description of ``pipelines/descriptors.tsv`` refers back to an actor of its type named in
the three sentences before it: to any of the listed actors, or, for a description open to
any actor of the type, only when one such actor was named.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.actor_linker.data import LinkerData
from kg.extract.extensions import Mention

__all__ = ["description_mentions", "sentence_window_start"]


def description_mentions(doc: Doc, mentions: list[Mention], taken: set[int], data: LinkerData) -> list[Mention]:
    """Mentions for the definite descriptions of ``doc``; marks their tokens ``taken``."""
    descriptors = data.lexicon.descriptors
    if not descriptors:
        return []
    out: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for tok in doc:
        if tok.lower_ != "the" or tok.i + 1 >= len(doc) or tok.i in taken:
            continue
        for n in (2, 1):
            end = tok.i + 1 + n
            if end > len(doc) or any(i in taken for i in range(tok.i + 1, end)):
                continue
            words = " ".join(t.lower_ for t in doc[tok.i + 1 : end])
            if words not in descriptors:
                continue
            if (end < len(doc) and doc[end].lower_ in ("of", "'s", "’s")) or doc[end - 1].pos_ not in ("NOUN", "PROPN"):
                break  # "the country of origin", "the nation's": not a plain reference
            actor_type, keys = descriptors[words]
            window_start = sentence_window_start(doc, tok.i, 3)
            candidates = [
                m
                for m in ordered
                if window_start <= m.start < tok.i
                and m.actor.type == actor_type
                and (keys is None or m.actor.key in keys)
            ]
            distinct = {m.actor.key for m in candidates}
            if candidates and (keys is not None or len(distinct) == 1):
                out.append(Mention(tok.i, end, candidates[-1].actor, "description"))
                taken.update(range(tok.i, end))
            break
    return out


def sentence_window_start(doc: Doc, i: int, back: int) -> int:
    """Token index where the sentence ``back`` sentences before token ``i`` starts."""
    sent = doc[i].sent
    for _ in range(back):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start
