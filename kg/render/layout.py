"""Node positions for graphs too large to lay out in the browser.

A force simulation in the page (vis-network's physics) is fine for a few hundred actors; on
thousands it takes minutes to settle. Above that size :mod:`kg.render.html` places the nodes
here, once, in Python, and turns the page's physics off.

Small graphs use :func:`networkx.spring_layout`. From 500 nodes networkx needs SciPy for it
and its cost grows with the square of the node count, so large graphs use
:func:`mesh_layout`: the same Fruchterman–Reingold forces, with the repulsion of all nodes
computed on a grid by FFT convolution (a particle-mesh method), which costs about
``n + m² log m`` per step for ``n`` nodes on an ``m × m`` grid.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["SPRING_LIMIT", "layout_positions", "mesh_layout"]

SPRING_LIMIT = 500
"""Graphs with fewer nodes than this use :func:`networkx.spring_layout`."""


def layout_positions(G: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of ``G``, centred on the origin and scaled into [-1, 1]².

    Directions, parallel edges and self-loops are ignored; the same graph and seed give the
    same positions.

    >>> pos = layout_positions(nx.path_graph(4))
    >>> sorted(pos) == [0, 1, 2, 3] and all(-1 <= c <= 1 for xy in pos.values() for c in xy)
    True
    """
    simple = _undirected(G)
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(simple)): (0.0, 0.0)}
    if n < SPRING_LIMIT:
        raw = nx.spring_layout(simple, seed=seed)
        coords = np.array([raw[v] for v in simple], dtype=float)
    else:
        coords = mesh_layout(simple, seed=seed)
    coords = _normalise(coords)
    return {v: (float(x), float(y)) for v, (x, y) in zip(simple, coords, strict=True)}


def mesh_layout(G: nx.Graph, *, seed: int = 7, iterations: int = 300, grid: int | None = None) -> np.ndarray:
    """Fruchterman–Reingold positions with grid-approximated repulsion, one row per node.

    Parameters
    ----------
    G : networkx.Graph
        An undirected simple graph; rows follow ``list(G)``.
    seed : int
        Seed of the random start, for reproducible layouts.
    iterations : int
        Number of steps; the step size cools linearly to zero.
    grid : int, optional
        Cells per side of the grid (default about twice the square root of the node count,
        between 64 and 256).

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` array of positions (not normalised).

    >>> mesh_layout(nx.cycle_graph(600), iterations=20).shape
    (600, 2)
    """
    nodes = list(G)
    n = len(nodes)
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    if n < 2:
        return np.zeros((n, 2))
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    m = grid or int(min(256, max(64, 2 * math.ceil(math.sqrt(n)))))
    k = 2.0 / math.sqrt(n)  # ideal distance between nodes spread over [-1, 1]²
    gravity = 0.3  # pulls separate components towards the middle instead of apart
    size = 3 * m  # ≥ 3m − 2: linear, not circular, convolution
    kernel_x, kernel_y = _unit_kernels(m)
    spectrum_x = np.fft.rfft2(kernel_x, s=(size, size))
    spectrum_y = np.fft.rfft2(kernel_y, s=(size, size))

    for step in range(iterations):
        low = pos.min(axis=0)
        span = float((pos.max(axis=0) - low).max()) or 1.0
        h = span / (m - 1) * 1.0001
        cells = (pos - low) / h
        corner = np.clip(np.floor(cells).astype(np.int64), 0, m - 2)
        frac = cells - corner
        flat, weights = _cloud_in_cell(corner, frac, m)
        density = np.bincount(flat.ravel(), weights=weights.ravel(), minlength=m * m)
        density_ft = np.fft.rfft2(density.reshape(m, m), s=(size, size))
        window = slice(m - 1, 2 * m - 1)
        field_x = np.fft.irfft2(density_ft * spectrum_x, s=(size, size))[window, window].ravel()
        field_y = np.fft.irfft2(density_ft * spectrum_y, s=(size, size))[window, window].ravel()
        scale = k * k / h  # the unit kernels are in cells; repulsion is k²/d
        force = np.empty_like(pos)
        force[:, 0] = (field_x[flat] * weights).sum(axis=1) * scale
        force[:, 1] = (field_y[flat] * weights).sum(axis=1) * scale

        # the grid blurs repulsion inside a cell: add it exactly for nodes sharing one, or
        # small components and leaves would collapse onto a single point
        first, second = _same_cell_pairs(flat[:, 0])
        if len(first):
            delta = pos[first] - pos[second]
            d2 = (delta * delta).sum(axis=1)
            stuck = d2 < 1e-18
            if stuck.any():
                delta[stuck] = rng.normal(scale=1e-6, size=(int(stuck.sum()), 2))
                d2[stuck] = (delta[stuck] ** 2).sum(axis=1)
            push = delta * (k * k / d2)[:, None]
            np.add.at(force, first, push)
            np.subtract.at(force, second, push)

        if len(ends):
            delta = pos[ends[:, 1]] - pos[ends[:, 0]]
            pull = delta * (np.hypot(delta[:, 0], delta[:, 1]) / k)[:, None]  # d²/k along d
            np.add.at(force, ends[:, 0], pull)
            np.subtract.at(force, ends[:, 1], pull)
        force -= gravity * (pos - pos.mean(axis=0))

        temperature = 0.3 * span * (1.0 - step / iterations)
        length = np.hypot(force[:, 0], force[:, 1])
        limit = np.minimum(length, temperature) / np.where(length > 0, length, 1.0)
        pos += force * limit[:, None]
    return pos


def _unit_kernels(m: int) -> tuple[np.ndarray, np.ndarray]:
    """Repulsion per unit of density at cell offsets −(m−1)…m−1: d/|d|², zero at d = 0."""
    offsets = np.arange(-(m - 1), m, dtype=float)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[m - 1, m - 1] = 1.0
    kx, ky = dx / r2, dy / r2
    kx[m - 1, m - 1] = ky[m - 1, m - 1] = 0.0
    return kx, ky


def _cloud_in_cell(corner: np.ndarray, frac: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat indices of the four grid points around each node and their bilinear weights."""
    i, j = corner[:, 0], corner[:, 1]
    fx, fy = frac[:, 0], frac[:, 1]
    flat = np.stack([i * m + j, (i + 1) * m + j, i * m + j + 1, (i + 1) * m + j + 1], axis=1)
    weights = np.stack([(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy], axis=1)
    return flat, weights


def _same_cell_pairs(cell: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i, j), i before j, of nodes whose cell numbers are equal."""
    order = np.argsort(cell, kind="stable")
    ranked = cell[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    ends = np.r_[starts[1:], len(ranked)]
    end_of = np.repeat(ends, ends - starts)  # end of its group, for each sorted position
    later = end_of - np.arange(len(ranked)) - 1  # how many group members come after it
    total = int(later.sum())
    if total == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    left = np.repeat(np.arange(len(ranked)), later)
    offset = np.arange(total) - np.repeat(np.cumsum(later) - later, later) + 1
    return order[left], order[left + offset]


def _undirected(G: nx.Graph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return simple


def _normalise(coords: np.ndarray) -> np.ndarray:
    coords = coords - coords.mean(axis=0)
    extent = float(np.abs(coords).max())
    return coords / extent if extent > 0 else coords
