"""Conflict–cooperation balance of actors and dyads, from the quad classes of their relations.

Every event predicate has a quad class (docs/rdf-model.md): 1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict. A :class:`Balance` adds up the statements
of each class; its :attr:`~Balance.score` is ``(cooperation - conflict) / (cooperation +
conflict)``, from -1 (only conflict) to +1 (only cooperation).

Negated edges ("did not provide aid") and structural relations (no quad class) count for
neither side. Which modalities count is up to the graph: build it with
``graph_from_statements(records, modalities=["actual"])`` to count only what happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from kg.errors import Errors

__all__ = ["QUAD_NAMES", "Balance", "actor_balance", "coded_edges", "dyad_balance"]

QUAD_NAMES: dict[int, str] = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}
"""The field of :class:`Balance` that each quad class adds to."""

Direction = Literal["out", "in", "both"]


@dataclass(frozen=True, slots=True)
class Balance:
    """Statements of each quad class, and how far they lean to cooperation or conflict.

    >>> b = Balance(verbal_cooperation=1, verbal_conflict=2, material_conflict=1)
    >>> b.cooperation, b.conflict, b.score
    (1, 3, -0.5)
    >>> (b + Balance(material_cooperation=2)).score
    0.0
    >>> Balance().score is None
    True
    """

    verbal_cooperation: float = 0
    material_cooperation: float = 0
    verbal_conflict: float = 0
    material_conflict: float = 0

    @property
    def cooperation(self) -> float:
        """Statements of quad classes 1 and 2."""
        return self.verbal_cooperation + self.material_cooperation

    @property
    def conflict(self) -> float:
        """Statements of quad classes 3 and 4."""
        return self.verbal_conflict + self.material_conflict

    @property
    def total(self) -> float:
        """All statements counted."""
        return self.cooperation + self.conflict

    @property
    def score(self) -> float | None:
        """``(cooperation - conflict) / (cooperation + conflict)``; None when both are 0."""
        total = self.total
        if not total:
            return None
        return (self.cooperation - self.conflict) / total

    @property
    def leaning(self) -> str:
        """``"cooperation"``, ``"conflict"``, ``"even"`` or ``"none"`` (nothing counted).

        >>> Balance(verbal_conflict=1).leaning, Balance(verbal_cooperation=1, verbal_conflict=1).leaning
        ('conflict', 'even')
        """
        score = self.score
        if score is None:
            return "none"
        if score > 0:
            return "cooperation"
        if score < 0:
            return "conflict"
        return "even"

    def add(self, quad_class: int, amount: float = 1) -> Balance:
        """A new balance with ``amount`` more statements of ``quad_class`` (1–4).

        >>> Balance().add(4, 2).material_conflict
        2
        """
        name = QUAD_NAMES.get(quad_class)
        if name is None:
            raise Errors.E633.error(quad_class=quad_class)
        values = {field: getattr(self, field) for field in QUAD_NAMES.values()}
        values[name] += amount
        return Balance(**values)

    def __add__(self, other: Balance) -> Balance:
        if not isinstance(other, Balance):
            return NotImplemented
        return Balance(**{field: getattr(self, field) + getattr(other, field) for field in QUAD_NAMES.values()})

    def to_json(self) -> dict[str, Any]:
        """The counts, the cooperation and conflict sums and the score (rounded to 4 places)."""
        score = self.score
        return {
            **{field: getattr(self, field) for field in QUAD_NAMES.values()},
            "cooperation": self.cooperation,
            "conflict": self.conflict,
            "score": None if score is None else round(score, 4),
            "leaning": self.leaning,
        }


def coded_edges(G: nx.Graph, *, weight: str | None = "statements") -> Iterator[tuple[Any, Any, int, float, bool]]:
    """The edges that count for a balance: ``(source, target, quad_class, amount, symmetric)``.

    Edges without a quad class 1–4 (structural relations) and negated edges are skipped.
    ``amount`` is the edge attribute ``weight`` (1 when it is None or missing).

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", "pressures", quad_class=3, statements=2)
    'pressures'
    >>> G.add_edge("a", "b", "providesAidTo|not", quad_class=2, negated=True, statements=1)
    'providesAidTo|not'
    >>> G.add_edge("a", "b", "leaderOf", quad_class=None, statements=1)
    'leaderOf'
    >>> list(coded_edges(G))
    [('a', 'b', 3, 2, False)]
    """
    for u, v, data in G.edges(data=True):
        quad = data.get("quad_class")
        if quad not in QUAD_NAMES or data.get("negated"):
            continue
        amount = 1 if weight is None else data.get(weight, 1)
        yield u, v, quad, amount, bool(data.get("symmetric"))


def actor_balance(
    G: nx.Graph, *, weight: str | None = "statements", direction: Direction = "both"
) -> dict[Any, Balance]:
    """The balance of each actor over the relations it takes part in.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements` (edges with
        ``quad_class``, ``negated``, ``symmetric`` and the ``weight`` attribute).
    weight : str or None, default "statements"
        Edge attribute to add up; None counts each relation once.
    direction : {"both", "out", "in"}
        ``"out"`` counts what the actor did, ``"in"`` what was done to it, ``"both"`` either.
        A symmetric relation (``meets``, ``fights``…) is done by and to both actors.

    Returns
    -------
    dict
        Actor → :class:`Balance`, for the actors with at least one counted relation.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("china", "taiwan", "pressures", quad_class=3, statements=3)
    'pressures'
    >>> G.add_edge("usa", "taiwan", "supports", quad_class=1, statements=1)
    'supports'
    >>> G.add_edge("china", "usa", "meets", quad_class=1, statements=1, symmetric=True)
    'meets'
    >>> actor_balance(G)["taiwan"].score
    -0.5
    >>> out = actor_balance(G, direction="out")
    >>> out["china"].conflict, out["china"].cooperation, out["usa"].cooperation
    (3, 1, 2)
    >>> "taiwan" in out
    False
    """
    if direction not in ("out", "in", "both"):
        raise Errors.E632.error(direction=direction)
    found: dict[Any, Balance] = {}
    for u, v, quad, amount, symmetric in coded_edges(G, weight=weight):
        if symmetric or direction == "both":
            ends = {u, v}
        else:
            ends = {u} if direction == "out" else {v}
        for node in ends:
            found[node] = found.get(node, Balance()).add(quad, amount)
    return found


def dyad_balance(
    G: nx.Graph, *, weight: str | None = "statements", directed: bool = False
) -> dict[tuple[Any, Any], Balance]:
    """The balance of each pair of actors over the relations between them.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements`.
    weight : str or None, default "statements"
        Edge attribute to add up; None counts each relation once.
    directed : bool, default False
        False keys dyads by the sorted pair and counts both directions together; True keys
        them by ``(source, target)``, a symmetric relation counting for both directions.

    Returns
    -------
    dict
        ``(a, b)`` → :class:`Balance`; relations of an actor with itself are left out.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("china", "usa", "opposes", quad_class=3, statements=2)
    'opposes'
    >>> G.add_edge("usa", "china", "deters", quad_class=4, statements=1)
    'deters'
    >>> G.add_edge("china", "usa", "meets", quad_class=1, statements=1, symmetric=True)
    'meets'
    >>> dyad_balance(G)[("china", "usa")].to_json()["score"]
    -0.5
    >>> directed = dyad_balance(G, directed=True)
    >>> directed[("usa", "china")].material_conflict, directed[("usa", "china")].cooperation
    (1, 1)
    """
    found: dict[tuple[Any, Any], Balance] = {}
    for u, v, quad, amount, symmetric in coded_edges(G, weight=weight):
        if u == v:
            continue
        if not directed:
            pairs = [_pair(u, v)]
        else:
            pairs = [(u, v), (v, u)] if symmetric else [(u, v)]
        for pair in pairs:
            found[pair] = found.get(pair, Balance()).add(quad, amount)
    return found


def _pair(u: Any, v: Any) -> tuple[Any, Any]:
    """The pair in a fixed order, whichever way round the relation goes."""
    return (u, v) if str(u) <= str(v) else (v, u)
