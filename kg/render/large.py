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
- the :data:`CENTRAL_LABELS` most central actors and the :data:`COMMUNITY_LABELS` largest
  communities keep their labels at every zoom (the labels of the other communities grow and
  shrink with the view, as the actors' do).

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

__all__ = [
    "CENTRAL_LABELS",
    "COMMUNITY_LABELS",
    "LARGE_LIMIT",
    "MIN_COMMUNITY",
    "LargeView",
    "cluster_radius",
    "large_view",
    "spread",
]

LARGE_LIMIT = 300
"""Maps of more actors than this show the largest connected part, in collapsed communities."""

MIN_COMMUNITY = 3
"""Communities of fewer actors than this are drawn as plain actors, never collapsed."""

CENTRAL_LABELS = 40
"""How many of the most central actors keep a readable label at every zoom."""

COMMUNITY_LABELS = 25
"""How many of the largest communities keep a readable label at every zoom (more do not fit
in a window without overlapping)."""

_SEED = 7
_GAP = 80.0  # canvas units between packed small parts
_LABEL_PX = 18  # the on-screen size of a community's label (app.js: clusterFont)
_VIEW_WIDTH, _VIEW_HEIGHT = 880, 560  # the view (in a window of 1200 × 800 pixels) they are measured for


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


def large_view(
    simple: nx.Graph,
    centrality: Mapping[Hashable, float],
    *,
    labels: Mapping[Hashable, str] | None = None,
    seed: int = _SEED,
) -> LargeView:
    """Split ``simple`` (undirected, no self-loops) into what a large map shows and hides.

    ``labels`` (node → label) give the widths of the communities' labels, which are kept
    from overlapping. Ties are broken by the order of the nodes in the graph, so the same graph and seed always
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

    # on integers: Louvain walks sets of nodes, and a set of strings has another order in
    # every Python process (hash randomisation), which would change the communities
    numbered = nx.convert_node_labels_to_integers(_induced(simple, main), label_attribute="node")
    found = nx.community.louvain_communities(numbered, seed=seed) if len(main) > 1 else [set(numbered)]
    communities = [by_centrality({numbered.nodes[i]["node"] for i in c}) for c in found if len(c) >= MIN_COMMUNITY]
    communities.sort(key=lambda c: (-len(c), rank[c[0]]))
    central = by_centrality(set(simple))[:CENTRAL_LABELS]
    positions = _place(simple, parts, communities, labels or {})
    return LargeView(main, communities, central, positions, len(parts) - 1)


def cluster_radius(members: int) -> float:
    """The radius of a collapsed community's node, in canvas units (the page draws it so too)."""
    return 16 + 8 * math.sqrt(members)


def _place(
    simple: nx.Graph, parts: list[set[Hashable]], communities: list[list[Hashable]], labels: Mapping[Hashable, str]
) -> dict[Hashable, tuple[float, float]]:
    """The largest part centred on the origin, its communities moved apart so that their
    cluster nodes do not overlap; the other parts in rows below it, largest first."""
    main = _induced(simple, parts[0])
    half = spread(len(main))
    positions = {v: (x * half, y * half) for v, (x, y) in layout_positions(main, seed=_SEED).items()}
    _separate(positions, communities, labels)
    xs = [x for x, _ in positions.values()]
    left, width = min(xs), max(max(xs) - min(xs), 2 * spread(1))
    x, y, row_height = left, max(y for _, y in positions.values()) + 2 * _GAP, 0.0
    for part in parts[1:]:
        radius = 30.0 * math.sqrt(len(part)) if len(part) > 1 else 0.0
        if x > left and x + 2 * radius > left + width:
            x, y, row_height = left, y + row_height + _GAP, 0.0
        sub = _induced(simple, part)
        for v, (px, py) in layout_positions(sub, seed=_SEED).items():
            positions[v] = (x + radius + px * radius, y + radius + py * radius)
        x += 2 * radius + _GAP
        row_height = max(row_height, 2 * radius)
    return positions


def _separate(
    positions: dict[Hashable, tuple[float, float]],
    communities: list[list[Hashable]],
    labels: Mapping[Hashable, str],
) -> None:
    """Move whole communities (every member by the same step) until the boxes of their
    cluster nodes and labels no longer overlap.

    A cluster label keeps its size on screen (:data:`_LABEL_PX` pixels high, about
    ``0.62 × 18`` pixels a character) whatever the zoom, so its box is measured in pixels of
    the view that fits the whole part in :data:`_VIEW_WIDTH` × :data:`_VIEW_HEIGHT` pixels; as the communities move
    apart the view zooms out and the boxes grow, so the boxes are measured again each round.
    """
    if len(communities) < 2:
        return
    centres = np.array([np.mean([positions[v] for v in c], axis=0) for c in communities])
    start = centres.copy()
    radii = np.array([cluster_radius(len(c)) for c in communities])
    chars = np.array(
        [len(f"{labels.get(c[0], '')} +{len(c) - 1}") if k < COMMUNITY_LABELS else 0 for k, c in enumerate(communities)]
    )
    for _ in range(4):
        width, height = np.ptp(centres, axis=0) + 2 * radii.max()
        unit = max(width / _VIEW_WIDTH, height / _VIEW_HEIGHT)  # canvas units per pixel when fitted
        half_width = np.maximum(radii, 0.5 * 0.62 * _LABEL_PX * chars * unit) + 6 * unit
        top = radii + 6 * unit
        bottom = radii + np.where(chars > 0, _LABEL_PX + 10, 6) * unit
        if not _push_apart(centres, half_width, top, bottom):
            break
    for members, (dx, dy) in zip(communities, centres - start, strict=True):
        for v in members:
            x, y = positions[v]
            positions[v] = (x + float(dx), y + float(dy))


def _push_apart(centres: np.ndarray, half_width: np.ndarray, top: np.ndarray, bottom: np.ndarray) -> bool:
    """Move overlapping boxes apart along the axis where they overlap less; whether any did."""
    moved = False
    n = len(centres)
    tie = np.sign(np.subtract.outer(np.arange(n), np.arange(n))).astype(float)  # apart when centres meet
    for _ in range(300):
        dx = centres[:, None, 0] - centres[None, :, 0]
        dy = centres[:, None, 1] - centres[None, :, 1]
        over_x = half_width[:, None] + half_width[None, :] - np.abs(dx)
        # canvas y grows downwards: i below j overlaps when i's top reaches j's bottom
        over_y = np.where(dy >= 0, top[:, None] + bottom[None, :], bottom[:, None] + top[None, :]) - np.abs(dy)
        hit = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        moved = True
        along_x = hit & (over_x <= over_y)
        along_y = hit & ~along_x
        sign_x = np.where(dx > 0, 1.0, np.where(dx < 0, -1.0, tie))
        sign_y = np.where(dy > 0, 1.0, np.where(dy < 0, -1.0, tie))
        centres[:, 0] += 0.5 * np.where(along_x, sign_x * (over_x + 1e-6), 0.0).sum(axis=1)
        centres[:, 1] += 0.5 * np.where(along_y, sign_y * (over_y + 1e-6), 0.0).sum(axis=1)
    return moved


def _induced(simple: nx.Graph, nodes: set[Hashable]) -> nx.Graph:
    """The subgraph on ``nodes``, in the order of ``simple`` (``Graph.subgraph`` iterates a
    small node set in the order of the set, which for strings changes from process to process)."""
    sub = nx.Graph()
    sub.add_nodes_from(v for v in simple if v in nodes)
    sub.add_edges_from((u, v) for u in list(sub) for v in simple[u] if v in nodes)
    return sub
