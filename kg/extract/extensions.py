"""Custom attributes the geokg components read and write (``Doc._.kg_*``).

``kg_mentions`` and ``kg_relations`` hold lists of the frozen dataclasses below (with
:class:`kg.types.Actor` inside), ``kg_date`` a :class:`datetime.date`. spaCy serialises
``Doc.user_data``, where these values live, with msgpack (``Doc.to_bytes``, and so
``nlp.pipe(..., n_process=2)``, which sends docs between processes as bytes): this module
registers a msgpack encoder and decoder for them in srsly's registries, so a doc carrying
them round-trips with the same values, in any pipeline that imports geokg's components.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

import srsly
from spacy.tokens import Doc

from kg.types import Actor, Role

__all__ = ["PARSED_MENTIONS", "Mention", "Relation", "decode_msgpack", "encode_msgpack", "register_extensions"]

PARSED_MENTIONS = [
    "doc._.kg_mentions",
    "token.dep",
    "token.head",
    "token.lemma",
    "token.pos",
    "token.tag",
    "token.is_sent_start",
]
"""What a component that reads linked mentions in a parsed doc ``requires`` (spaCy's
factory declaration): the mentions, the parse, lemmas, tags and sentences."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mentioned at tokens ``start:end`` of a doc.

    kind: how it was found: name, capital, demonym, short (surname of a prominent person),
    minted (not in the knowledge base), agent ("Hungarian officials"), role ("the Chinese
    leader"), pronoun ("him", "his administration").
    place: the mention is a place here ("talks in Istanbul"), not an actor acting.
    """

    start: int
    end: int
    actor: Actor
    kind: str
    place: bool = False


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation read from one sentence, before it becomes a :class:`kg.types.Statement`."""

    subject: Mention
    predicate: str
    object: Mention
    sent_start: int  # token index of the sentence start
    sent_end: int
    negated: bool = False
    modality: str = "actual"
    attributed_to: Mention | None = None
    rule: str = ""
    trigger: tuple[int, ...] = ()
    confidence: float = 0.5
    notes: tuple[str, ...] = field(default=())


_TAG = "__geokg__"  # the key that marks an encoded geokg value in a msgpack map
_TYPES: dict[str, Any] = {cls.__name__: cls for cls in (Mention, Relation, Actor, Role)}


def encode_msgpack(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack encoder: a geokg record or a date as a plain map, anything else to ``chain``.

    A record becomes ``{"__geokg__": class name, "v": [field values]}`` (nested records are
    encoded in their turn), a date ``{"__geokg__": "date", "v": "2025-09-28"}``.
    """
    name = type(obj).__name__
    if name in _TYPES and isinstance(obj, _TYPES[name]):
        return {_TAG: name, "v": [getattr(obj, f.name) for f in dataclasses.fields(obj)]}
    if type(obj) is datetime.date:
        return {_TAG: "date", "v": obj.isoformat()}
    return obj if chain is None else chain(obj)


def decode_msgpack(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack decoder, the inverse of :func:`encode_msgpack` (other maps go to ``chain``).

    msgpack has no tuples: the sequence fields of the records (all tuples) come back as lists
    and are made tuples again.
    """
    name = obj.get(_TAG) if isinstance(obj, dict) else None
    if name == "date":
        return datetime.date.fromisoformat(obj["v"])
    if name in _TYPES:
        return _TYPES[name](*(tuple(v) if isinstance(v, list) else v for v in obj["v"]))
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("geokg", func=encode_msgpack)
srsly.msgpack_decoders.register("geokg", func=decode_msgpack)


def register_extensions() -> None:
    """Register the ``Doc._`` attributes once per process (idempotent)."""
    for name, default in (("kg_mentions", None), ("kg_relations", None), ("kg_date", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
