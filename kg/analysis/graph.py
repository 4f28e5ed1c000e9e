"""Statement records → a networkx graph of actors, with filters and evidence on the edges.

The store hands out statements as :class:`~kg.records.StatementRecord` objects, ``kg extract``
and ``kg export --format jsonl`` as dicts in the JSON Lines shape of docs/statements.md (read into
records by :meth:`~kg.records.StatementRecord.from_json`). :func:`graph_from_statements` folds
them into a
:class:`networkx.MultiDiGraph`: one node per actor IRI and one edge per (subject, object,
predicate, negated, modality), so that several articles saying the same thing become one
edge whose ``sources`` count says how well it is corroborated.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

import networkx as nx

from kg.errors import Errors
from kg.rdf.iris import ACTOR_NS, GKG_NS
from kg.records import ActorRecord, StatementRecord, as_record
from kg.types import MODALITIES
from kg.vocab import PREDICATES, Predicate

__all__ = ["MAX_EVIDENCE", "edge_key", "graph_from_statements"]

MAX_EVIDENCE = 20
"""At most this many evidence sentences are kept on one edge (the most confident first)."""

_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def edge_key(predicate: str, *, negated: bool = False, modality: str = "actual") -> str:
    """The key of the edge that holds statements of this predicate, polarity and modality.

    Actual, asserted statements use the bare predicate name; the others say what they are.

    >>> edge_key("pressures")
    'pressures'
    >>> edge_key("providesAidTo", negated=True)
    'providesAidTo|not'
    >>> edge_key("attacks", modality="possible")
    'attacks|possible'
    """
    key = predicate
    if negated:
        key += "|not"
    if modality != "actual":
        key += f"|{modality}"
    return key


def graph_from_statements(
    records: Iterable[StatementRecord | Mapping[str, Any]],
    *,
    since: Date | str | None = None,
    until: Date | str | None = None,
    predicates: Collection[str] | None = None,
    quad_classes: Collection[int | None] | None = None,
    modalities: Collection[str] | None = None,
    negated: bool | None = False,
    min_confidence: float = 0.0,
    min_sources: int = 1,
    actor: str | None = None,
    hops: int = 1,
) -> nx.MultiDiGraph:
    """Build the actor graph of statement records, keeping those that pass the filters.

    Parameters
    ----------
    records : iterable of StatementRecord or mappings
        Statement records (:meth:`kg.store.BaseStore.iter_statements`), or dicts in the JSON
        Lines shape of docs/statements.md (``subject``, ``predicate`` and ``object`` are required;
        the other keys have defaults). The article keys ``article``, ``headline`` and
        ``source`` are used when present. A statement ``id`` seen twice is counted once.
    since, until : date or ISO string, optional
        Keep statements dated in this closed range. Partial dates (``"2025"``,
        ``"2025-09"``) on either side cover their whole year or month; undated statements
        are left out as soon as either bound is given.
    predicates : collection of str, optional
        Keep only these predicates (local names such as ``"pressures"``).
    quad_classes : collection of int or None, optional
        Keep only these quad classes (1–4); put ``None`` in it to keep structural relations.
    modalities : collection of str, optional
        Keep only these modalities (``actual``, ``intended``, ``possible``).
    negated : bool or None, default False
        False leaves negated statements out, True keeps only them, None keeps both.
    min_confidence : float, default 0.0
        Leave out statements whose confidence is below this.
    min_sources : int, default 1
        After merging, drop edges read in fewer distinct articles than this.
    actor : str, optional
        An actor IRI, key (``"xi-jinping"``) or label (case-insensitive): keep only its ego
        network, the actors within ``hops`` edges of it in either direction.
    hops : int, default 1
        Radius of the ego network.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``type``, ``country``, ``sector`` (the CAMEO
        agent code of a generic actor such as Mali: rebels, else None), ``wikidata`` and ``key``.
        Edges are keyed by :func:`edge_key` and carry ``predicate``, ``plover``,
        ``quad_class``, ``modality``, ``negated``, ``symmetric``, ``statements`` (count),
        ``sources`` (distinct articles), ``first_date``, ``last_date``, ``confidence`` (the
        highest) and ``evidence``: at most :data:`MAX_EVIDENCE` dicts with ``sentence``,
        ``doc_id``, ``article``, ``headline``, ``source``, ``date``, ``attributed_to`` (a
        label), ``confidence`` and ``statement`` (the statement IRI), most confident first.
        Symmetric predicates (``meets``, ``fights``…) are merged into one edge whichever
        way round the text put them, drawn from the actor whose IRI sorts first.
        ``G.graph["statements"]`` is the number of statements kept.

    Raises
    ------
    kg.errors.InputError
        A record without subject, predicate or object, an unknown predicate or modality, a
        bad date or option, or an ``actor`` that matches nothing.

    Examples
    --------
    >>> def actor(key, label):
    ...     return {"id": "https://w3id.org/geokg/actor/" + key, "label": label,
    ...             "type": "State", "wikidata": None, "country": None}
    >>> def said(doc, subject, predicate, obj, day, **extra):
    ...     return {"id": f"{doc}:{predicate}", "doc_id": doc, "subject": subject,
    ...             "predicate": predicate, "object": obj, "date": day,
    ...             "sentence": f"{subject['label']} {predicate} {obj['label']}.",
    ...             "confidence": 0.8, **extra}
    >>> china, taiwan, usa = actor("china", "China"), actor("taiwan", "Taiwan"), actor("usa", "USA")
    >>> records = [
    ...     said("d1", china, "pressures", taiwan, "2025-09-01"),
    ...     said("d2", china, "pressures", taiwan, "2025-09-28"),
    ...     said("d2", usa, "supports", taiwan, "2025-09-28"),
    ...     said("d3", usa, "providesAidTo", taiwan, "2025-10-02", negated=True),
    ... ]
    >>> G = graph_from_statements(records)
    >>> sorted(G.nodes[n]["label"] for n in G)
    ['China', 'Taiwan', 'USA']
    >>> edge = G.edges[china["id"], taiwan["id"], "pressures"]
    >>> edge["statements"], edge["sources"], edge["first_date"], edge["last_date"]
    (2, 2, '2025-09-01', '2025-09-28')
    >>> graph_from_statements(records, min_sources=2).number_of_edges()
    1
    >>> [k for _, _, k in graph_from_statements(records, negated=True).edges(keys=True)]
    ['providesAidTo|not']
    >>> sorted(G.nodes[n]["label"] for n in graph_from_statements(records, actor="china", hops=1))
    ['China', 'Taiwan']
    """
    keep = _Filter.of(
        since=since,
        until=until,
        predicates=predicates,
        quad_classes=quad_classes,
        modalities=modalities,
        negated=negated,
        min_confidence=min_confidence,
    )
    if min_sources < 1:
        raise Errors.E604.error(min_sources=min_sources)
    if hops < 0:
        raise Errors.E612.error(hops=hops)

    G = nx.MultiDiGraph()
    seen_ids: set[str] = set()
    seen_actors: dict[str, ActorRecord] = {}
    articles: dict[tuple[str, str, str], set[str]] = {}
    for number, item in enumerate(records, start=1):
        record = as_record(item, number)
        if actor is not None:
            seen_actors.setdefault(record.subject.id, record.subject)
            seen_actors.setdefault(record.object.id, record.object)
        statement_id = record.id
        if isinstance(statement_id, str) and statement_id:
            if statement_id in seen_ids:
                continue
            seen_ids.add(statement_id)
        facts = _Facts.of(record)
        if keep.accepts(record, facts):
            _add_statement(G, record, facts, articles)

    for _, _, data in G.edges(data=True):
        data["evidence"] = _best(data["evidence"])
    if min_sources > 1:
        weak = [(u, v, k) for u, v, k, n in G.edges(keys=True, data="sources") if n < min_sources]
        G.remove_edges_from(weak)
        G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
    G.graph["statements"] = sum(n for _, _, n in G.edges(data="statements"))
    if actor is not None:
        G = _ego(G, actor, hops=hops, seen=seen_actors)
        G.graph["statements"] = sum(n for _, _, n in G.edges(data="statements"))
    return G


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the filters and the edge need of a record, normalised."""

    predicate: str
    info: Predicate | None
    quad_class: int | None
    modality: str
    confidence: float
    day: str | None

    @classmethod
    def of(cls, record: StatementRecord) -> _Facts:
        predicate = _local_name(record.predicate)
        info = PREDICATES.get(predicate)
        quad = record.quad_class
        if quad is None and info is not None:
            quad = info.quad_class
        return cls(
            predicate,
            info,
            quad,
            str(record.modality or "actual"),
            _confidence(record.confidence),
            _record_date(record.date),
        )


@dataclass(frozen=True, slots=True)
class _Filter:
    """The checked filter options of :func:`graph_from_statements`."""

    lower: str | None
    upper: str | None
    predicates: set[str] | None
    quad_classes: set[int | None] | None
    modalities: set[str] | None
    negated: bool | None
    min_confidence: float

    @classmethod
    def of(
        cls,
        *,
        since: Date | str | None,
        until: Date | str | None,
        predicates: Collection[str] | None,
        quad_classes: Collection[int | None] | None,
        modalities: Collection[str] | None,
        negated: bool | None,
        min_confidence: float,
    ) -> _Filter:
        lower, upper = _date_bounds(since, until)
        wanted = (_check_predicates(predicates), _check_quad_classes(quad_classes), _check_modalities(modalities))
        if not 0.0 <= min_confidence <= 1.0:
            raise Errors.E613.error(min_confidence=min_confidence)
        return cls(lower, upper, *wanted, negated, min_confidence)

    def accepts(self, record: StatementRecord, facts: _Facts) -> bool:
        """True when the statement passes every filter."""
        if self.negated is not None and bool(record.negated) != self.negated:
            return False
        if self.predicates is not None and facts.predicate not in self.predicates:
            return False
        if self.quad_classes is not None and facts.quad_class not in self.quad_classes:
            return False
        if self.modalities is not None and facts.modality not in self.modalities:
            return False
        if facts.confidence < self.min_confidence:
            return False
        if self.lower is None and self.upper is None:
            return True
        return _in_range(facts.day, self.lower, self.upper)


def _add_statement(
    G: nx.MultiDiGraph,
    record: StatementRecord,
    facts: _Facts,
    articles: dict[tuple[str, str, str], set[str]],
) -> None:
    """Count one kept statement on its edge (made when missing), with its evidence."""
    subject, obj = record.subject, record.object
    symmetric = bool(facts.info and facts.info.symmetric)
    if symmetric and obj.id < subject.id:
        subject, obj = obj, subject
    for node in (subject, obj):
        if node.id not in G:
            G.add_node(node.id, **_node_attributes(node))
    negated = bool(record.negated)
    key = edge_key(facts.predicate, negated=negated, modality=facts.modality)
    if not G.has_edge(subject.id, obj.id, key):
        G.add_edge(
            subject.id,
            obj.id,
            key,
            predicate=facts.predicate,
            plover=record.plover or (facts.info.plover if facts.info else None),
            quad_class=facts.quad_class,
            modality=facts.modality,
            negated=negated,
            symmetric=symmetric,
            statements=0,
            sources=0,
            first_date=None,
            last_date=None,
            confidence=0.0,
            evidence=[],
        )
    data = G.edges[subject.id, obj.id, key]
    seen = articles.setdefault((subject.id, obj.id, key), set())
    seen.add(str(record.article or record.doc_id or ""))
    data["statements"] += 1
    data["sources"] = len(seen)
    data["confidence"] = max(data["confidence"], facts.confidence)
    day = facts.day
    if day is not None:
        if data["first_date"] is None or day < data["first_date"]:
            data["first_date"] = day
        if data["last_date"] is None or day > data["last_date"]:
            data["last_date"] = day
    _add_evidence(data["evidence"], _evidence(record, day, facts.confidence))


# ------------------------------------------------------------------ records


def _local_name(predicate: str) -> str:
    """``pressures`` from ``pressures``, ``gkg:pressures`` or the full predicate IRI."""
    for prefix in (GKG_NS, "gkg:"):
        if predicate.startswith(prefix):
            return predicate[len(prefix) :]
    return predicate


def _node_attributes(actor: ActorRecord) -> dict[str, Any]:
    iri = str(actor.id)
    return {
        "label": str(actor.label or _key(iri)),
        "type": actor.type,
        "country": actor.country,
        "sector": actor.sector,
        "wikidata": actor.wikidata,
        "key": _key(iri),
    }


def _key(iri: str) -> str:
    """The actor key of an IRI (its last path segment outside the geokg namespace)."""
    if iri.startswith(ACTOR_NS):
        return iri[len(ACTOR_NS) :]
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _confidence(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _record_date(value: Any) -> str | None:
    """The ISO date (or year, or year-month) of a record; None when it has no usable date."""
    if isinstance(value, Date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    match = _ISO_PREFIX.match(value.strip())
    return match.group(0) if match else None


def _evidence(record: StatementRecord, day: str | None, confidence: float) -> dict[str, Any]:
    attributed = record.attributed_to
    return {
        "sentence": str(record.sentence or ""),
        "doc_id": record.doc_id,
        "article": record.article,
        "headline": record.headline,
        "source": record.source,
        "date": day,
        "attributed_to": (attributed.label or attributed.id) if attributed else None,
        "confidence": confidence,
        "statement": record.id,
    }


def _rank(evidence: Mapping[str, Any]) -> tuple[float, str, str]:
    # most confident first, then the newest, then by document for a stable order
    return (-evidence["confidence"], _invert(evidence["date"] or ""), str(evidence["doc_id"]))


def _invert(text: str) -> str:
    """A string that sorts in the reverse order of ``text`` (for ISO dates, newest first)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text) + "\U0010ffff"


def _best(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(evidence, key=_rank)[:MAX_EVIDENCE]


def _add_evidence(evidence: list[dict[str, Any]], item: dict[str, Any]) -> None:
    evidence.append(item)
    if len(evidence) > 2 * MAX_EVIDENCE:  # bound the memory of edges read many times
        evidence[:] = _best(evidence)


# ------------------------------------------------------------------ filters


def _date_bounds(since: Date | str | None, until: Date | str | None) -> tuple[str | None, str | None]:
    """Lowest first day and highest last day of the range, as comparable ISO strings."""
    lower = _bound(since, "since")
    upper = _bound(until, "until")
    if lower is not None and upper is not None and _start(lower) > _end(upper):
        raise Errors.E608.error(lower=lower, upper=upper)
    return lower, upper


def _bound(value: Date | str | None, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, Date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if not _ISO_PREFIX.fullmatch(text):
        raise Errors.E600.error(name=name, value=value)
    try:
        Date.fromisoformat(_start(text).replace("-00", "-01"))
    except ValueError:
        raise Errors.E609.error(name=name, value=value) from None
    return text


def _start(day: str) -> str:
    """First day covered by a full or partial ISO date, in a form that sorts as dates do."""
    return (day + "-00-00")[:10]


def _end(day: str) -> str:
    """Last day covered by a full or partial ISO date, in a form that sorts as dates do."""
    return (day + "-99-99")[:10]


def _in_range(day: str | None, lower: str | None, upper: str | None) -> bool:
    """True when a (possibly partial) date overlaps the closed range [lower, upper]."""
    if day is None:
        return False
    if lower is not None and _end(day) < _start(lower):
        return False
    if upper is not None and _start(day) > _end(upper):
        return False
    return True


def _check_predicates(predicates: Collection[str] | None) -> set[str] | None:
    if predicates is None:
        return None
    names = {_local_name(p) for p in ([predicates] if isinstance(predicates, str) else predicates)}
    unknown = sorted(names - PREDICATES.keys())
    if unknown:
        raise Errors.E601.error(unknown=", ".join(unknown), predicates=", ".join(sorted(PREDICATES)))
    return names


def _check_quad_classes(quads: Collection[int | None] | None) -> set[int | None] | None:
    if quads is None:
        return None
    wanted = set(quads)
    if not wanted <= {1, 2, 3, 4, None}:
        raise Errors.E603.error(wrong=sorted(map(str, wanted - {1, 2, 3, 4, None})))
    return wanted


def _check_modalities(modalities: Collection[str] | None) -> set[str] | None:
    if modalities is None:
        return None
    wanted = {modalities} if isinstance(modalities, str) else set(modalities)
    unknown = sorted(wanted - set(MODALITIES))
    if unknown:
        raise Errors.E602.error(unknown=", ".join(unknown), modalities=", ".join(MODALITIES))
    return wanted


def _matches(query: str, iri: str, label: str | None) -> bool:
    wanted = query.strip().casefold()
    return wanted in {iri.casefold(), _key(iri).casefold(), (label or "").strip().casefold()}


def _ego(G: nx.MultiDiGraph, query: str, *, hops: int, seen: Mapping[str, ActorRecord]) -> nx.MultiDiGraph:
    """The union of the ego networks of every node that ``query`` names."""
    centres = [n for n, label in G.nodes(data="label") if _matches(query, n, label)]
    if not centres:
        if any(_matches(query, iri, a.label) for iri, a in seen.items()):
            raise Errors.E607.error(query=query)
        raise Errors.E606.error(query=query)
    keep: set[str] = set()
    for centre in centres:
        keep.update(nx.ego_graph(G, centre, radius=hops, undirected=True))
    ego = G.subgraph(keep).copy()
    ego.graph["actor"] = centres
    return ego
