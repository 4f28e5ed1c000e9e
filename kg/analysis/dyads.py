"""Dyads, the pairs of actors: the most active ones and the timeline of one of them.

Activity counts statements of event relations between two actors, both directions together
unless asked otherwise. Structural relations (``leaderOf``, ``memberOf``…) say who belongs to
whom, not what happened, and are left out unless ``structural=True``.

The timeline of a dyad is read from the evidence kept on its edges: one event per statement,
with its date, direction, relation and sentence. An edge keeps at most
:data:`kg.analysis.graph.MAX_EVIDENCE` evidence sentences, so a much-reported relation may have
more statements than events; :attr:`DyadTimeline.omitted` says how many.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from kg.actors.search import ActorName, resolve_actor
from kg.analysis.balance import QUAD_NAMES, Balance
from kg.errors import Errors
from kg.rdf.iris import ACTOR_NS

__all__ = [
    "DyadActivity",
    "DyadTimeline",
    "TimelineEvent",
    "dyad_timeline",
    "find_actor",
    "most_active_dyads",
]


@dataclass(frozen=True, slots=True)
class DyadActivity:
    """What two actors did to each other: statements, relations, dates and balance.

    ``source`` and ``target`` are in sorted order for undirected dyads.
    """

    source: Any
    target: Any
    statements: int
    relations: int
    predicates: tuple[tuple[str, int], ...]
    first_date: str | None
    last_date: str | None
    balance: Balance

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (predicates as an object of counts, most frequent first)."""
        return {
            "source": self.source,
            "target": self.target,
            "statements": self.statements,
            "relations": self.relations,
            "predicates": dict(self.predicates),
            "first_date": self.first_date,
            "last_date": self.last_date,
            "balance": self.balance.to_json(),
        }


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One statement between the two actors of a dyad, as kept in an edge's evidence."""

    date: str | None
    source: Any
    target: Any
    predicate: str
    relation: str
    quad_class: int | None
    negated: bool
    modality: str
    sentence: str
    doc_id: str | None
    confidence: float
    statement: str | None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the event."""
        return {
            "date": self.date,
            "source": self.source,
            "target": self.target,
            "predicate": self.predicate,
            "relation": self.relation,
            "quad_class": self.quad_class,
            "negated": self.negated,
            "modality": self.modality,
            "sentence": self.sentence,
            "doc_id": self.doc_id,
            "confidence": self.confidence,
            "statement": self.statement,
        }


@dataclass(frozen=True, slots=True)
class DyadTimeline:
    """The events between two actors, oldest first (undated events last)."""

    a: Any
    b: Any
    events: tuple[TimelineEvent, ...]
    omitted: int = 0

    def by_period(self, unit: Literal["year", "month", "day"] = "month") -> list[tuple[str, int, Balance]]:
        """Events per year, month or day: ``(period, events, balance)``, oldest first.

        Partial dates stay as precise as they are (``"2025"`` is its own period when counting
        by month); undated events make the period ``"undated"``, which comes last.

        >>> e = [TimelineEvent(d, "a", "b", "opposes", "opposes", 3, False, "actual", "", None,
        ...                    0.5, None) for d in ("2025-09-01", "2025-09-28", "2025-10-02")]
        >>> [(p, n, b.conflict) for p, n, b in DyadTimeline("a", "b", tuple(e)).by_period()]
        [('2025-09', 2, 2), ('2025-10', 1, 1)]
        """
        width = {"year": 4, "month": 7, "day": 10}.get(unit)
        if width is None:
            raise Errors.E638.error(unit=unit)
        counts: dict[str, int] = {}
        balances: dict[str, Balance] = {}
        for event in self.events:
            period = event.date[:width] if event.date else "undated"
            counts[period] = counts.get(period, 0) + 1
            balance = balances.get(period, Balance())
            if event.quad_class in QUAD_NAMES and not event.negated:
                balance = balance.add(event.quad_class)
            balances[period] = balance
        order = sorted(counts, key=lambda p: (p == "undated", p))
        return [(period, counts[period], balances[period]) for period in order]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: the two actors, the events and how many were not kept."""
        return {
            "a": self.a,
            "b": self.b,
            "events": [event.to_json() for event in self.events],
            "omitted": self.omitted,
        }


def find_actor(G: nx.Graph, query: str) -> Any:
    """The node of ``G`` that ``query`` names: its IRI, key (``xi-jinping``) or label.

    Matching ignores case and surrounding spaces. An IRI or key wins over a label.

    Raises
    ------
    kg.errors.InputError
        E623 when nothing matches, E624 when a label names several actors.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://w3id.org/geokg/actor/china", label="China", key="china")
    >>> find_actor(G, "china"), find_actor(G, " CHINA ") == find_actor(G, "china")
    ('https://w3id.org/geokg/actor/china', True)
    """
    names = {str(n): n for n in G}
    pool = [
        ActorName(
            str(n), _key(G, n), str(G.nodes[n].get("label") or "").strip(), tuple(G.nodes[n].get("aliases") or ())
        )
        for n in G
    ]
    found = resolve_actor(query, pool, among="the graph (after the filters)")
    return names[found.iri]


def _key(G: nx.Graph, node: Any) -> str:
    key = G.nodes[node].get("key")
    if key:
        return str(key)
    text = str(node)
    return text[len(ACTOR_NS) :] if text.startswith(ACTOR_NS) else text.rstrip("/").rsplit("/", 1)[-1]


def _is_structural(data: dict[str, Any]) -> bool:
    return data.get("quad_class") not in QUAD_NAMES


def most_active_dyads(
    G: nx.Graph,
    *,
    top: int | None = 10,
    weight: str | None = "statements",
    directed: bool = False,
    structural: bool = False,
) -> list[DyadActivity]:
    """The pairs of actors with the most statements between them.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements`.
    top : int or None, default 10
        How many dyads to return; None for all.
    weight : str or None, default "statements"
        Edge attribute that measures activity; None counts relations.
    directed : bool, default False
        False adds up both directions of a pair; True keeps ``a → b`` and ``b → a`` apart (a
        symmetric relation then counts for both).
    structural : bool, default False
        Also count structural relations (``leaderOf``…).

    Returns
    -------
    list of DyadActivity
        Most active first; ties by number of relations, then by the pair's node names.
        ``balance`` leaves negated relations out; activity counts them when the graph holds
        them.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("china", "taiwan", "pressures", quad_class=3, statements=3,
    ...            first_date="2025-09-01", last_date="2025-09-28")
    'pressures'
    >>> G.add_edge("taiwan", "china", "opposes", quad_class=3, statements=1,
    ...            first_date="2025-10-02", last_date="2025-10-02")
    'opposes'
    >>> G.add_edge("usa", "taiwan", "supports", quad_class=1, statements=2)
    'supports'
    >>> G.add_edge("xi", "china", "leaderOf", quad_class=None, statements=9)
    'leaderOf'
    >>> best = most_active_dyads(G, top=1)[0]
    >>> best.source, best.target, best.statements, best.first_date, best.last_date
    ('china', 'taiwan', 4, '2025-09-01', '2025-10-02')
    >>> dict(best.predicates), best.balance.score
    ({'pressures': 3, 'opposes': 1}, -1.0)
    """
    if top is not None and top < 0:
        raise Errors.E637.error(top=top)
    totals: dict[tuple[Any, Any], dict[str, Any]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if u == v or (not structural and _is_structural(data)):
            continue
        if directed:
            pairs = [(u, v), (v, u)] if data.get("symmetric") else [(u, v)]
        else:
            pairs = [(u, v) if str(u) <= str(v) else (v, u)]
        amount = 1 if weight is None else data.get(weight, 1)
        for pair in pairs:
            slot = totals.setdefault(
                pair,
                {
                    "statements": 0,
                    "relations": 0,
                    "predicates": Counter(),
                    "first": None,
                    "last": None,
                    "balance": Balance(),
                },
            )
            slot["statements"] += amount
            slot["relations"] += 1
            slot["predicates"][data.get("predicate", key)] += amount
            first, last = data.get("first_date"), data.get("last_date")
            if first and (slot["first"] is None or first < slot["first"]):
                slot["first"] = first
            if last and (slot["last"] is None or last > slot["last"]):
                slot["last"] = last
            if not _is_structural(data) and not data.get("negated"):
                slot["balance"] = slot["balance"].add(data["quad_class"], amount)
    found = [
        DyadActivity(
            source=pair[0],
            target=pair[1],
            statements=slot["statements"],
            relations=slot["relations"],
            predicates=tuple(sorted(slot["predicates"].items(), key=lambda kv: (-kv[1], kv[0]))),
            first_date=slot["first"],
            last_date=slot["last"],
            balance=slot["balance"],
        )
        for pair, slot in totals.items()
    ]
    found.sort(key=lambda d: (-d.statements, -d.relations, str(d.source), str(d.target)))
    return found if top is None else found[:top]


def dyad_timeline(G: nx.Graph, a: str, b: str, *, directed: bool = False, structural: bool = False) -> DyadTimeline:
    """The statements between actors ``a`` and ``b``, in date order, from the edges' evidence.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements` (edges with
        ``evidence``).
    a, b : str
        The two actors: node, IRI, key or label (see :func:`find_actor`).
    directed : bool, default False
        True keeps only what ``a`` did to ``b`` (and symmetric relations between them).
    structural : bool, default False
        Also list structural relations (``leaderOf``…).

    Returns
    -------
    DyadTimeline
        Events oldest first; undated events last; same-day events by document and
        relation. ``omitted`` counts statements whose evidence the edges did not keep.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for node in ("china", "usa"):
    ...     G.add_node(node, label=node.upper())
    >>> G.add_edge("usa", "china", "deters", predicate="deters", quad_class=4, statements=1,
    ...            evidence=[{"date": "2025-09-29", "sentence": "The US deters China.",
    ...                       "doc_id": "d2", "confidence": 0.7}])
    'deters'
    >>> G.add_edge("china", "usa", "opposes", predicate="opposes", quad_class=3, statements=2,
    ...            evidence=[{"date": "2025-08-01", "sentence": "China opposes the US.",
    ...                       "doc_id": "d1", "confidence": 0.6}])
    'opposes'
    >>> timeline = dyad_timeline(G, "China", "USA")
    >>> [(e.date, e.source, e.predicate) for e in timeline.events]
    [('2025-08-01', 'china', 'opposes'), ('2025-09-29', 'usa', 'deters')]
    >>> timeline.omitted
    1
    >>> [e.predicate for e in dyad_timeline(G, "usa", "china", directed=True).events]
    ['deters']
    """
    first = find_actor(G, a) if a not in G else a
    second = find_actor(G, b) if b not in G else b
    if first == second:
        raise Errors.E629.error(a=a)
    events: list[TimelineEvent] = []
    omitted = 0
    for u, v in ((first, second), (second, first)):
        if not G.has_edge(u, v):
            continue
        edges = G[u][v].items() if G.is_multigraph() else [(None, G[u][v])]
        for key, data in edges:
            if directed and (u, v) != (first, second) and not data.get("symmetric"):
                continue
            if not structural and _is_structural(data):
                continue
            evidence = list(data.get("evidence") or ())
            omitted += max(0, int(data.get("statements", len(evidence))) - len(evidence))
            predicate = str(data.get("predicate") or key)
            for item in evidence:
                events.append(
                    TimelineEvent(
                        date=item.get("date"),
                        source=u,
                        target=v,
                        predicate=predicate,
                        relation=str(key if key is not None else predicate),
                        quad_class=data.get("quad_class"),
                        negated=bool(data.get("negated")),
                        modality=str(data.get("modality") or "actual"),
                        sentence=str(item.get("sentence") or ""),
                        doc_id=item.get("doc_id"),
                        confidence=float(item.get("confidence") or 0.0),
                        statement=item.get("statement"),
                    )
                )
        if not G.is_directed():
            break
    events.sort(key=lambda e: (e.date is None, e.date or "", str(e.doc_id), e.relation, e.sentence))
    return DyadTimeline(a=first, b=second, events=tuple(events), omitted=omitted)
