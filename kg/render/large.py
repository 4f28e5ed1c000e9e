"""What a map of many actors shows first: the largest connected part, in communities.

A map of a few hundred actors or more drawn node by node is a hairball, circled by a ring of
small groups (pairs of actors named together in one article and nowhere else). Above
:data:`LARGE_LIMIT` actors :mod:`kg.render.html` therefore draws the page from a
:class:`LargeView`:

- the **largest connected part** of the graph is shown; the other connected parts are
  packed in rows below it and hidden until the reader asks for them;
- the largest part is split into **communities** (Louvain modularity, seeded, so the same
  graph gives the same page); each community of :data:`MIN_COMMUNITY` actors or more starts
  collapsed into one cluster node, labelled by its most central actor and its size;
- the :data:`CENTRAL_LABELS` most central actors keep their labels at every zoom.

Positions are computed here (the page draws without physics): the largest part with
:func:`kg.render.layout.layout_positions`, each small part on its own.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from kg.render.layout import layout_positions

__all__ = ["CENTRAL_LABELS", "LARGE_LIMIT", "MIN_COMMUNITY", "LargeView", "cluster_radius", "large_view", "spread"]

LARGE_LIMIT = 300
"""Maps of more actors than this show the largest connected part, in collapsed communities."""

MIN_COMMUNITY = 3
"""Communities of fewer actors than this are drawn as plain actors, never collapsed."""

CENTRAL_LABELS = 40
"""How many of the most central actors keep a readable label at every zoom."""

_SEED = 7
_GAP = 80.0  # canvas units between packed small parts


@dataclass
class LargeView:
    """The largest connected part, its communities, the central actors and every position.

    Attributes
    ----------
    main : set
        The nodes of the largest connected part.
    communities : list of list
        Communities of the largest part with at least :data:`MIN_COMMUNITY` members, largest
        first; each lists its members by decreasing centrality (the first names it).
    central : list
        The most central nodes, most central first.
    positions : dict
        Canvas coordinates of every node.
    minor_groups : int
        How many connected parts are left out of the default view.
    """

    main: set[Hashable]
    communities: list[list[Hashable]]
    central: list[Hashable]
    positions: dict[Hashable, tuple[float, float]] = field(default_factory=dict)
    minor_groups: int = 0


def spread(n: int) -> float:
    """Half the width, in canvas units, of a layout of ``n`` nodes.

    >>> spread(4), round(spread(2500))
    (300.0, 3000)
    """
    return max(300.0, 60.0 * math.sqrt(n))


def large_view(simple: nx.Graph, centrality: Mapping[Hashable, float], *, seed: int = _SEED) -> LargeView:
    """Split ``simple`` (undirected, no self-loops) into what a large map shows and hides.

    Ties are broken by the order of the nodes in the graph, so the same graph and seed always
    give the same view.

    >>> G = nx.disjoint_union(nx.complete_graph(5), nx.path_graph(2))
    >>> view = large_view(G, nx.degree_centrality(G))
    >>> sorted(view.main), view.minor_groups, [len(c) for c in view.communities]
    ([0, 1, 2, 3, 4], 1, [5])
    """
    rank = {v: i for i, v in enumerate(simple)}
    parts = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(rank[v] for v in c)))
    if not parts:
        return LargeView(set(), [], [])
    main = set(parts[0])

    def by_centrality(nodes: set[Hashable]) -> list[Hashable]:
        return sorted(nodes, key=lambda v: (-centrality.get(v, 0.0), rank[v]))

    found = nx.community.louvain_communities(simple.subgraph(main), seed=seed) if len(main) > 1 else [main]
    communities = [by_centrality(set(c)) for c in found if len(c) >= MIN_COMMUNITY]
    communities.sort(key=lambda c: (-len(c), rank[c[0]]))
    central = by_centrality(set(simple))[:CENTRAL_LABELS]
    positions = _place(simple, parts, communities)
    return LargeView(main, communities, central, positions, len(parts) - 1)


def cluster_radius(members: int) -> float:
    """The radius of a collapsed community's node, in canvas units (the page draws it so too)."""
    return 16 + 8 * math.sqrt(members)


def _place(
    simple: nx.Graph, parts: list[set[Hashable]], communities: list[list[Hashable]]
) -> dict[Hashable, tuple[float, float]]:
    """The largest part centred on the origin, its communities moved apart so that their
    cluster nodes do not overlap; the other parts in rows below it, largest first."""
    main = simple.subgraph(parts[0])
    half = spread(len(main))
    positions = {v: (x * half, y * half) for v, (x, y) in layout_positions(main, seed=_SEED).items()}
    _separate(positions, communities, margin=half / 8)
    xs = [x for x, _ in positions.values()]
    left, width = min(xs), max(max(xs) - min(xs), 2 * spread(1))
    x, y, row_height = left, max(y for _, y in positions.values()) + 2 * _GAP, 0.0
    for part in parts[1:]:
        radius = 30.0 * math.sqrt(len(part)) if len(part) > 1 else 0.0
        if x > left and x + 2 * radius > left + width:
            x, y, row_height = left, y + row_height + _GAP, 0.0
        sub = simple.subgraph(part)
        for v, (px, py) in layout_positions(sub, seed=_SEED).items():
            positions[v] = (x + radius + px * radius, y + radius + py * radius)
        x += 2 * radius + _GAP
        row_height = max(row_height, 2 * radius)
    return positions


def _separate(
    positions: dict[Hashable, tuple[float, float]], communities: list[list[Hashable]], *, margin: float
) -> None:
    """Move whole communities (every member by the same step) until the discs of their
    cluster nodes, widened by ``margin`` for the labels, no longer overlap.

    The labels keep their size on screen, so the margin grows with the layout: ``half / 8``
    is about 50 pixels when the whole part fills a window 800 pixels wide.
    """
    if len(communities) < 2:
        return
    centres = np.array([np.mean([positions[v] for v in c], axis=0) for c in communities])
    radii = np.array([cluster_radius(len(c)) + margin for c in communities])
    start = centres.copy()
    reach = radii[:, None] + radii[None, :]
    for _ in range(200):
        delta = centres[:, None, :] - centres[None, :, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(distance, np.inf)
        overlap = np.clip(reach - distance, 0, None)
        if not overlap.any():
            break
        direction = delta / np.where(distance > 1e-9, distance, 1.0)[..., None]
        centres += 0.5 * (direction * overlap[..., None]).sum(axis=1)
    for members, (dx, dy) in zip(communities, centres - start, strict=True):
        for v in members:
            x, y = positions[v]
            positions[v] = (x + float(dx), y + float(dy))
