"""The difference between two periods: relations that appeared or vanished, dyads that turned.

Build one graph per period with ``graph_from_statements(records, since=..., until=...)`` and
compare them with :func:`compare_periods`. A relation is an edge of the actor graph: source,
target and edge key (predicate, polarity and modality), so "China pressures Taiwan" and "China
possibly pressures Taiwan" are different relations. A dyad *turned to conflict* when its
:class:`~kg.analysis.balance.Balance` leaned to cooperation in the first period and to
conflict in the second; a dyad missing from either period did not turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analysis.balance import QUAD_NAMES, Balance, dyad_balance
from kg.errors import Errors

__all__ = ["BalanceTurn", "PeriodDiff", "RelationChange", "compare_periods", "parse_period"]

_DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_PERIOD = re.compile(rf"\s*({_DAY})?\s*(?::|\.\.)\s*({_DAY})?\s*")


def parse_period(text: str) -> tuple[str | None, str | None]:
    """``(since, until)`` of a period written ``START:END`` (either end may be left out).

    Each end is an ISO date, year-month or year, as ``--since``/``--until`` take them;
    ``START..END`` works too.

    >>> parse_period("2025-01:2025-06")
    ('2025-01', '2025-06')
    >>> parse_period("2025-09-01:")
    ('2025-09-01', None)
    >>> parse_period("2024")
    ('2024', '2024')
    """
    text = text.strip()
    if re.fullmatch(_DAY, text):
        return text, text
    match = _PERIOD.fullmatch(text)
    if match is None or not (match.group(1) or match.group(2)):
        raise Errors.E620.error(text=text)
    return match.group(1), match.group(2)


@dataclass(frozen=True, slots=True)
class RelationChange:
    """A relation found in one period and not the other, with its statements there."""

    source: Any
    target: Any
    relation: str
    predicate: str
    quad_class: int | None
    negated: bool
    modality: str
    statements: int

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the relation."""
        return {
            "source": self.source,
            "target": self.target,
            "relation": self.relation,
            "predicate": self.predicate,
            "quad_class": self.quad_class,
            "negated": self.negated,
            "modality": self.modality,
            "statements": self.statements,
        }


@dataclass(frozen=True, slots=True)
class BalanceTurn:
    """A dyad whose balance changed sides between the two periods."""

    a: Any
    b: Any
    before: Balance
    after: Balance

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with both balances."""
        return {"a": self.a, "b": self.b, "before": self.before.to_json(), "after": self.after.to_json()}


@dataclass(frozen=True, slots=True)
class PeriodDiff:
    """What changed from the first period to the second."""

    appeared: tuple[RelationChange, ...]
    vanished: tuple[RelationChange, ...]
    kept: int
    to_conflict: tuple[BalanceTurn, ...]
    to_cooperation: tuple[BalanceTurn, ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the lists and the number of relations found in both."""
        return {
            "appeared": [r.to_json() for r in self.appeared],
            "vanished": [r.to_json() for r in self.vanished],
            "kept": self.kept,
            "to_conflict": [t.to_json() for t in self.to_conflict],
            "to_cooperation": [t.to_json() for t in self.to_cooperation],
        }


def compare_periods(
    before: nx.MultiDiGraph,
    after: nx.MultiDiGraph,
    *,
    weight: str | None = "statements",
    directed: bool = False,
    structural: bool = False,
) -> PeriodDiff:
    """Relations that appeared or vanished, and dyads that turned, from ``before`` to ``after``.

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        Actor graphs of the two periods, built by
        :func:`kg.analysis.graph_from_statements` with the same filters but ``since`` and
        ``until``.
    weight : str or None, default "statements"
        Edge attribute that the balances add up; None counts relations.
    directed : bool, default False
        Compare the balance of ``a → b`` and ``b → a`` apart rather than of the pair.
    structural : bool, default False
        Also list structural relations (``leaderOf``…) that appeared or vanished.

    Returns
    -------
    PeriodDiff
        ``appeared`` and ``vanished`` most-reported first; ``kept`` the number of relations
        in both; ``to_conflict`` and ``to_cooperation`` the dyads that changed sides, the
        largest swing first.

    Examples
    --------
    >>> def graph(*edges):
    ...     G = nx.MultiDiGraph()
    ...     for u, v, predicate, quad, n in edges:
    ...         G.add_edge(u, v, predicate, predicate=predicate, quad_class=quad, statements=n)
    ...     return G
    >>> first = graph(("china", "usa", "negotiatesWith", 1, 3), ("russia", "china", "supplies", 2, 1))
    >>> second = graph(("china", "usa", "negotiatesWith", 1, 1), ("china", "usa", "sanctions", 4, 2),
    ...                ("russia", "china", "supplies", 2, 1))
    >>> diff = compare_periods(first, second)
    >>> [(r.source, r.predicate) for r in diff.appeared], diff.vanished, diff.kept
    ([('china', 'sanctions')], (), 2)
    >>> [(t.a, t.b, t.before.leaning, t.after.leaning) for t in diff.to_conflict]
    [('china', 'usa', 'cooperation', 'conflict')]
    """
    old = _relations(before, structural=structural)
    new = _relations(after, structural=structural)
    appeared = [_change(after, *rel) for rel in new.keys() - old.keys()]
    vanished = [_change(before, *rel) for rel in old.keys() - new.keys()]
    balance_before = dyad_balance(before, weight=weight, directed=directed)
    balance_after = dyad_balance(after, weight=weight, directed=directed)
    to_conflict: list[BalanceTurn] = []
    to_cooperation: list[BalanceTurn] = []
    for pair in balance_before.keys() & balance_after.keys():
        was, now = balance_before[pair], balance_after[pair]
        if was.leaning == "cooperation" and now.leaning == "conflict":
            to_conflict.append(BalanceTurn(pair[0], pair[1], was, now))
        elif was.leaning == "conflict" and now.leaning == "cooperation":
            to_cooperation.append(BalanceTurn(pair[0], pair[1], was, now))
    return PeriodDiff(
        appeared=tuple(sorted(appeared, key=_change_order)),
        vanished=tuple(sorted(vanished, key=_change_order)),
        kept=len(old.keys() & new.keys()),
        to_conflict=tuple(sorted(to_conflict, key=_turn_order)),
        to_cooperation=tuple(sorted(to_cooperation, key=_turn_order)),
    )


def _relations(G: nx.MultiDiGraph, *, structural: bool) -> dict[tuple[Any, Any, Any], None]:
    if not G.is_multigraph():
        raise Errors.E639.error()
    return {
        (u, v, k): None for u, v, k, quad in G.edges(keys=True, data="quad_class") if structural or quad in QUAD_NAMES
    }


def _change(G: nx.MultiDiGraph, u: Any, v: Any, key: Any) -> RelationChange:
    data = G.edges[u, v, key]
    return RelationChange(
        source=u,
        target=v,
        relation=str(key),
        predicate=str(data.get("predicate") or key),
        quad_class=data.get("quad_class"),
        negated=bool(data.get("negated")),
        modality=str(data.get("modality") or "actual"),
        statements=int(data.get("statements", 1)),
    )


def _change_order(change: RelationChange) -> tuple[int, str, str, str]:
    return (-change.statements, str(change.source), str(change.target), change.relation)


def _turn_order(turn: BalanceTurn) -> tuple[float, str, str]:
    swing = abs((turn.after.score or 0.0) - (turn.before.score or 0.0))
    return (-swing, str(turn.a), str(turn.b))
