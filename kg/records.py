"""The read-side statement record: one statement as a store gives it back, typed.

:meth:`kg.store.BaseStore.iter_statements` yields :class:`StatementRecord` objects; analysis,
exports and the notebook helpers read their attributes. :meth:`StatementRecord.to_json` is the
object of the JSON Lines format (docs/statements.md), key for key and in the same order, and
:meth:`StatementRecord.from_json` reads such an object back, so that ``kg extract`` output and
``kg export --format jsonl`` lines become records too.

This module belongs to the types layer: it imports nothing from the rest of geokg but
:mod:`kg.errors`.

>>> line = {"id": "s1", "doc_id": "d1",
...         "subject": {"id": "a:china", "label": "China", "type": "State",
...                     "wikidata": "Q148", "country": "CHN"},
...         "predicate": "pressures",
...         "object": {"id": "a:taiwan", "label": "Taiwan", "type": "State",
...                    "wikidata": None, "country": None},
...         "plover": "DEMAND", "quad_class": 3, "negated": False, "modality": "actual",
...         "attributed_to": None, "date": "2025-09-28", "sentence": "China pressures Taiwan.",
...         "char_start": 0, "char_end": 23, "confidence": 0.8, "article": "ab12"}
>>> record = StatementRecord.from_json(line)
>>> record.subject.label, record.quad_class, record.headline
('China', 3, None)
>>> record.to_json() == line
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from kg.errors import Errors

__all__ = ["ActorRecord", "ArticleInfo", "AttributionRecord", "StatementRecord", "as_record"]


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """The subject or object of a statement: the actor object of docs/statements.md.

    ``sector`` is the CAMEO agent code of a generic actor; :meth:`to_json` writes it only
    when it is known, as the format allows.
    """

    id: str
    label: str = ""
    type: str | None = None
    wikidata: str | None = None
    country: str | None = None
    sector: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ActorRecord:
        """An actor object; ``id`` is required, the other keys default to unknown."""
        return cls(
            id=str(data["id"]),
            label=str(data.get("label") or ""),
            type=data.get("type"),
            wikidata=data.get("wikidata"),
            country=data.get("country"),
            sector=data.get("sector"),
        )

    def to_json(self) -> dict[str, Any]:
        """``id``, ``label``, ``type``, ``wikidata``, ``country`` (and ``sector`` when known)."""
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "wikidata": self.wikidata,
            "country": self.country,
        }
        if self.sector is not None:
            data["sector"] = self.sector
        return data


@dataclass(frozen=True, slots=True)
class AttributionRecord:
    """Who a statement is attributed to (``attributed_to``): ``id``, ``label`` and ``type``."""

    id: str
    label: str = ""
    type: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str) -> AttributionRecord:
        """The attribution object, or a bare label or IRI as some hand-written records give."""
        if isinstance(data, str):
            return cls(id=data, label=data)
        return cls(
            id=str(data.get("id") or data.get("label") or ""),
            label=str(data.get("label") or data.get("id") or ""),
            type=data.get("type"),
        )

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "type": self.type}


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What a store knows of the article a statement was read in, beyond its hash."""

    headline: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """One statement read back from a store (or from a JSON Lines line), with its evidence.

    The fields are the keys of the JSON Lines format (docs/statements.md). ``info`` holds the article's ``headline``,
    ``url`` and ``source`` that :meth:`~kg.store.BaseStore.iter_statements` adds; it is None
    for records of ``kg extract``, whose lines do not carry those keys. Fields that a
    hand-written record may leave out (``id``, ``doc_id``, ``sentence``, the offsets,
    ``confidence``, ``article``) are None when it does.
    """

    subject: ActorRecord
    predicate: str
    object: ActorRecord
    id: str | None = None
    doc_id: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    negated: bool = False
    modality: str = "actual"
    attributed_to: AttributionRecord | None = None
    date: str | None = None
    sentence: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    confidence: float | None = None
    article: str | None = None
    info: ArticleInfo | None = None

    @property
    def headline(self) -> str | None:
        """Headline of the article, when the store knows it."""
        return self.info.headline if self.info else None

    @property
    def url(self) -> str | None:
        """URL of the article, when the store knows it."""
        return self.info.url if self.info else None

    @property
    def source(self) -> str | None:
        """Source (outlet or input file) of the article, when the store knows it."""
        return self.info.source if self.info else None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StatementRecord:
        """A record from one object of the JSON Lines format.

        ``subject`` and ``object`` (objects with an ``id``) and ``predicate`` are required;
        the other keys may be missing. A ``date`` given as a :class:`datetime.date` becomes
        its ISO text. Keys outside the format (``rule``, ``trigger``…) are not kept.
        """
        attributed = data.get("attributed_to")
        day = data.get("date")
        has_info = any(key in data for key in ("headline", "url", "source"))
        return cls(
            subject=ActorRecord.from_json(data["subject"]),
            predicate=str(data["predicate"]),
            object=ActorRecord.from_json(data["object"]),
            id=data.get("id"),
            doc_id=data.get("doc_id"),
            plover=data.get("plover"),
            quad_class=data.get("quad_class"),
            negated=bool(data.get("negated", False)),
            modality=str(data.get("modality") or "actual"),
            attributed_to=AttributionRecord.from_json(attributed) if attributed else None,
            date=day.isoformat()[:10] if isinstance(day, Date) else day,
            sentence=data.get("sentence"),
            char_start=data.get("char_start"),
            char_end=data.get("char_end"),
            confidence=data.get("confidence"),
            article=data.get("article"),
            info=ArticleInfo(data.get("headline"), data.get("url"), data.get("source")) if has_info else None,
        )

    def to_json(self) -> dict[str, Any]:
        """The object of the JSON Lines format, keys in the order of docs/statements.md.

        ``headline``, ``url`` and ``source`` come last, and only when :attr:`info` is set.
        """
        data: dict[str, Any] = {
            "id": self.id,
            "doc_id": self.doc_id,
            "subject": self.subject.to_json(),
            "predicate": self.predicate,
            "object": self.object.to_json(),
            "plover": self.plover,
            "quad_class": self.quad_class,
            "negated": self.negated,
            "modality": self.modality,
            "attributed_to": self.attributed_to.to_json() if self.attributed_to else None,
            "date": self.date,
            "sentence": self.sentence,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "confidence": self.confidence,
            "article": self.article,
        }
        if self.info is not None:
            data["headline"] = self.info.headline
            data["url"] = self.info.url
            data["source"] = self.info.source
        return data


def as_record(item: StatementRecord | Mapping[str, Any], number: int = 1) -> StatementRecord:
    """A record as it is, or a dict of the JSON Lines format read into one.

    ``number`` (the position of ``item`` among its records, from 1) goes into the message of
    the :class:`~kg.errors.InputError` (E605, E614, E615) raised for an item that is not a statement.

    >>> as_record({"subject": {"id": "a:x"}, "predicate": "meets", "object": {"id": "a:y"}}).object
    ActorRecord(id='a:y', label='', type=None, wikidata=None, country=None, sector=None)
    >>> as_record({"subject": {"label": "X"}, "predicate": "meets", "object": {"id": "a:y"}}, 3)
    Traceback (most recent call last):
    kg.errors.InputError: E605: statement record 3 has no subject with an 'id'; records must follow docs/statements.md
    """
    if isinstance(item, StatementRecord):
        return item
    if not isinstance(item, Mapping):
        raise Errors.E615.error(number=number, type_name=type(item).__name__)
    for role in ("subject", "object"):
        value = item.get(role)
        if not isinstance(value, Mapping) or not value.get("id"):
            raise Errors.E605.error(number=number, role=role)
    predicate = item.get("predicate")
    if not isinstance(predicate, str) or not predicate:
        raise Errors.E614.error(number=number)
    return StatementRecord.from_json(item)
