"""The actor graph as one self-contained, offline and script-safe HTML page.

pyvis' own templates cannot be used for text taken from news articles: they insert labels
and titles without escaping, set tooltips with ``innerHTML`` and load scripts and styles
from CDNs (docs/known-limits.md). This module writes the page itself instead:

- vis-network is inlined from the copy that the pyvis wheel ships, with its source-map
  comment removed, so opening the page makes no network request;
- the graph goes in as JSON inside ``<script type="application/json">``, with ``<``, ``>``,
  ``&``, ``/`` and U+2028/U+2029 escaped, and ``app.js`` builds every tooltip, legend
  entry and filter from DOM nodes and ``textContent``;
- a Content-Security-Policy allows only the page's own two scripts (by hash) and no
  connection, image, font or frame from anywhere.

Styling (node size by degree centrality, colours by actor type and quad class, dashes by
modality) is computed here, so the page script only draws.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import Errors
from kg.render.large import COMMUNITY_LABELS, LARGE_LIMIT, LargeView, large_view, spread
from kg.render.layout import layout_positions
from kg.vocab import PREDICATES

__all__ = [
    "GENERIC_COLOUR",
    "GENERIC_LEGEND",
    "LARGE_LIMIT",
    "LAYOUT_LIMIT",
    "NEGATED_COLOUR",
    "QUAD_CLASSES",
    "TYPE_COLOURS",
    "html_page",
    "page_data",
    "render_html",
    "script_json",
]

LAYOUT_LIMIT = LARGE_LIMIT
"""Graphs with more nodes than this are laid out in Python and drawn without physics (and
shown as a large map: :mod:`kg.render.large`)."""

TYPE_COLOURS: dict[str, str] = {
    "State": "#4e79a7",
    "Person": "#f1ce63",
    "GovernmentBody": "#86bcb6",
    "ArmedForce": "#8c6d31",
    "InternationalOrganization": "#b07aa1",
    "Organization": "#ff9da7",
    "Media": "#9c9ede",
}
_OTHER_TYPE_COLOUR = "#c7c7c7"
GENERIC_COLOUR = "#59a14f"
"""Generic actors (a state and a sector, "Mali: rebels") are drawn as diamonds of this colour."""
GENERIC_LEGEND = "Generic actor (state: sector)"
_GENERIC = "generic"  # their key among the types present

QUAD_CLASSES: dict[int | None, tuple[str, str]] = {
    1: ("verbal cooperation", "#43a047"),
    2: ("material cooperation", "#1e88e5"),
    3: ("verbal conflict", "#fb8c00"),
    4: ("material conflict", "#e53935"),
    None: ("structural", "#9e9e9e"),
}
"""Quad class → (name, edge colour); ``None`` is the structural relations."""

NEGATED_COLOUR = "#7b1fa2"

_DASHES: dict[str, list[int] | bool] = {"actual": False, "intended": [10, 6], "possible": [4, 6]}
_NEGATED_DASHES = [2, 5]
_EDGE_LABEL_LIMIT = 200  # above this many edges, only negated edges carry a label
_LABEL_LENGTH = 48
_VIS_JS = ("pyvis", "lib/vis-9.1.2/vis-network.min.js")
_SOURCE_MAP = re.compile(r"^\s*(//[#@]\s*sourceMappingURL=.*|/\*[#@]\s*sourceMappingURL=.*?\*/)\s*$", re.M)
_FONT = "system-ui, sans-serif"
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
# typed as str.maketrans declares its table (a dict is invariant in its value type)
_JSON_ESCAPES: dict[str, str | int | None] = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "/": "\\/",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def render_html(
    G: nx.Graph,
    path: str | Path,
    *,
    title: str = "geokg",
    show_negated: bool = False,
    physics: bool | None = None,
    large: bool | None = None,
) -> Path:
    """Write the graph as one self-contained HTML page and return its path.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`kg.analysis.graph_from_statements` (other graphs work too;
        missing attributes get defaults).
    path : str or Path
        The file to write; missing parent folders are created.
    title : str
        Page title and heading (escaped, so any text is safe).
    show_negated : bool
        Draw negated relations (purple, dotted, labelled "not …"); by default they are left
        out of the page.
    physics : bool, optional
        True lets the browser lay the graph out (the simulation stops once stable); False
        places nodes in Python and draws them still. By default graphs of up to
        :data:`LAYOUT_LIMIT` nodes use the browser.
    large : bool, optional
        True draws a large map (:mod:`kg.render.large`): the largest connected part only,
        with the other parts behind a toggle, its communities collapsed into cluster nodes
        that open on a click, and positions computed in Python. By default maps of more than
        :data:`LARGE_LIMIT` actors are drawn so, unless ``physics`` is True.

    Returns
    -------
    Path
        ``path``, written as UTF-8.

    Raises
    ------
    kg.errors.KGError
        E616 when the vis-network copy of pyvis is missing, E610 when it is unusable, E351
        when the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", "pressures", predicate="pressures", quad_class=3)
    'pressures'
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = render_html(G, Path(folder) / "map.html").read_text(encoding="utf-8")
    >>> "<script src" in page, "vis-network" in page
    (False, True)
    """
    target = Path(path)
    page = html_page(G, title=title, show_negated=show_negated, physics=physics, large=large)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise Errors.E351.error(target=target, reason=exc.strerror or exc) from None
    return target


def html_page(
    G: nx.Graph,
    *,
    title: str = "geokg",
    show_negated: bool = False,
    physics: bool | None = None,
    large: bool | None = None,
) -> str:
    """The page :func:`render_html` writes, as a string (for notebooks: an iframe ``srcdoc``)."""
    data = page_data(G, show_negated=show_negated, physics=physics, large=large)
    empty = not data["nodes"]
    app_js = _asset("app.js")
    scripts = [] if empty else [_vis_js()]
    scripts.append(app_js)
    hashes = " ".join(f"'sha256-{_sha256(js)}'" for js in scripts)
    csp = (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )
    escaped_title = html.escape(title, quote=True)
    values = {
        "CSP": csp,
        "TITLE": escaped_title,
        "MAP_HIDDEN": " hidden" if empty else "",
        "EMPTY_HIDDEN": "" if empty else " hidden",
        "EMPTY_MESSAGE": html.escape(data["empty"] or "", quote=True),
        "DATA": script_json(data),
        "SCRIPTS": "\n".join(f"<script>{js}</script>" for js in scripts),
    }
    # one pass: text put in by a placeholder is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("template.html"))


def script_json(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no character of it can end the element.

    >>> script_json({"label": "</script><b>&"})
    '{"label":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(script_json({"label": "</script><b>&"}))["label"]
    '</script><b>&'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(str.maketrans(_JSON_ESCAPES))


def page_data(
    G: nx.Graph, *, show_negated: bool = False, physics: bool | None = None, large: bool | None = None
) -> dict[str, Any]:
    """Everything the page script draws: styled nodes and edges, filters, legend, options.

    Actor IRIs and statement IRIs stay out of it: nodes are numbered, and the page shows
    labels, types, countries, Wikidata ids, sentences, document ids and dates. ``large``
    (see :func:`render_html`) adds ``"large"``: the communities, the central actors and the
    size of what is hidden; ``nodeInfo[i]["main"]`` says whether a node is in the largest
    connected part.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", "attacks", predicate="attacks", quad_class=4)
    'attacks'
    >>> data = page_data(G)
    >>> [n["label"] for n in data["nodes"]], data["edges"][0]["color"]["color"], data["large"]
    (['a', 'b'], '#e53935', None)
    """
    kept, hidden_negated = _kept_edges(G, show_negated=show_negated)
    order, isolated = _visible_nodes(G, kept)
    simple = nx.Graph()
    simple.add_nodes_from(order)
    simple.add_edges_from((u, v) for u, v, _ in kept if u != v)
    if large is None:
        large = len(order) > LARGE_LIMIT and physics is not True
    use_physics = (len(order) <= LAYOUT_LIMIT if physics is None else physics) and not large
    centrality = nx.degree_centrality(simple) if len(order) > 1 else dict.fromkeys(order, 0.0)
    view = None
    if large and order:
        labels = {n: _short(_text(G.nodes[n].get("label")) or _text(n)) for n in order}
        view = large_view(simple, centrality, labels=labels)
    if view is not None:
        positions = view.positions
    elif use_physics:
        positions = {}
    else:
        half = spread(len(order))
        positions = {v: (x * half, y * half) for v, (x, y) in layout_positions(simple).items()}
    nodes, node_info, types_present = _style_nodes(G, order, simple, kept, isolated, positions, centrality)
    ids = {n: i for i, n in enumerate(order)}
    edges, edge_info, quads = _style_edges(kept, ids, directed=G.is_directed())
    if view is not None:
        for n, info in zip(order, node_info, strict=True):
            info["main"] = n in view.main
    return {
        "summary": _summary(nodes, edges, edge_info, hidden_negated),
        "empty": _empty_message(nodes, hidden_negated),
        "physics": use_physics,
        "large": None if view is None else _large_data(view, ids, node_info),
        "nodes": nodes,
        "nodeInfo": node_info,
        "edges": edges,
        "edgeInfo": edge_info,
        "predicates": _predicate_filters(edge_info, quads),
        "negatedShown": any(e["negated"] for e in edge_info),
        "legend": _legend(types_present, edge_info),
        "options": _options(len(nodes), len(edges), use_physics),
    }


def _large_data(view: LargeView, ids: Mapping[Hashable, int], node_info: list[dict[str, Any]]) -> dict[str, Any]:
    """The communities (member numbers, most central first), the central actors and what is hidden."""
    hidden = [info for info in node_info if not info["main"]]
    return {
        "communities": [[ids[n] for n in members] for members in view.communities],
        "communityLabels": COMMUNITY_LABELS,
        "central": [ids[n] for n in view.central],
        "mainActors": len(node_info) - len(hidden),
        "minorActors": len(hidden),
        "minorGroups": view.minor_groups,
    }


# ------------------------------------------------------------------ filtering


_Edge = tuple[Hashable, Hashable, dict[str, Any]]


def _kept_edges(G: nx.Graph, *, show_negated: bool) -> tuple[list[_Edge], int]:
    """The edges to draw, and how many negated ones are left out."""
    hidden_negated = 0
    kept: list[_Edge] = []
    edge_iter = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    for edge in edge_iter:
        u, v, attrs = edge[0], edge[1], edge[-1]
        if attrs.get("negated") and not show_negated:
            hidden_negated += 1
            continue
        kept.append((u, v, attrs))
    return kept, hidden_negated


def _visible_nodes(G: nx.Graph, kept: list[_Edge]) -> tuple[list[Hashable], set[Hashable]]:
    """The nodes to draw in graph order (ends of kept edges and isolated nodes), and the isolated."""
    isolated = {n for n in G if G.degree(n) == 0}
    visible = set(isolated)
    for u, v, _ in kept:
        visible.update((u, v))
    return [n for n in G if n in visible], isolated


# ------------------------------------------------------------------ nodes


def _style_nodes(
    G: nx.Graph,
    order: list[Hashable],
    simple: nx.Graph,
    kept: list[_Edge],
    isolated: set[Hashable],
    positions: Mapping[Hashable, tuple[float, float]],
    centrality: Mapping[Hashable, float],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
    """vis-network nodes sized by degree centrality and coloured by type, with tooltip facts;
    generic actors (with a ``sector``) are green diamonds.

    Returns the nodes, their tooltip facts and the actor types present (type, or
    ``"generic"``, → colour).
    """
    top = max(centrality.values(), default=0.0) or 1.0
    statements = Counter[Hashable]()
    for u, v, attrs in kept:
        count = _int(attrs.get("statements"), 1)
        statements[u] += count
        if v != u:
            statements[v] += count
    nodes: list[dict[str, Any]] = []
    node_info: list[dict[str, Any]] = []
    types_present: dict[str, str] = {}
    for number, n in enumerate(order):
        attrs = G.nodes[n]
        label = _text(attrs.get("label")) or _text(n)
        kind = _text(attrs.get("type")) or None
        sector = _text(attrs.get("sector")) or None
        colour = GENERIC_COLOUR if sector else TYPE_COLOURS.get(kind or "", _OTHER_TYPE_COLOUR)
        types_present[_GENERIC if sector else kind or "other"] = colour
        node_info.append(
            {
                "label": label,
                "type": kind,
                "sector": sector,
                "country": _text(attrs.get("country")) or None,
                "wikidata": _text(attrs.get("wikidata")) or None,
                "relations": simple.degree(n),
                "statements": statements[n],
                "isolated": n in isolated,
            }
        )
        node = _node(number, label, colour, math.sqrt(centrality.get(n, 0.0) / top))
        if sector:
            node["shape"] = "diamond"
        if n in positions:
            x, y = positions[n]
            node["x"], node["y"] = round(x, 1), round(y, 1)
        nodes.append(node)
    return nodes, node_info, types_present


def _node(number: int, label: str, colour: str, share: float) -> dict[str, Any]:
    """One vis-network node; ``share`` (0–1) of the largest centrality sets size and font."""
    return {
        "id": number,
        "label": _short(label),
        "shape": "dot",
        "size": round(8 + 26 * share, 2),
        "font": {"size": round(12 + 8 * share, 1)},
        "color": {
            "background": colour,
            "border": "#555555",
            "highlight": {"background": colour, "border": "#000000"},
            "hover": {"background": colour, "border": "#000000"},
        },
    }


# ------------------------------------------------------------------ edges


def _style_edges(
    kept: list[_Edge], ids: Mapping[Hashable, int], *, directed: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[int | None]]:
    """vis-network edges coloured by quad class, dashed by modality, curved when parallel.

    Returns the edges, their tooltip facts and their quad classes, in the same order.
    """
    pairs: dict[frozenset[Hashable], int] = Counter(frozenset((u, v)) for u, v, _ in kept)
    seen_in_pair: Counter[frozenset[Hashable]] = Counter()
    label_all = len(kept) <= _EDGE_LABEL_LIMIT
    edges: list[dict[str, Any]] = []
    edge_info: list[dict[str, Any]] = []
    quads: list[int | None] = []
    for number, (u, v, attrs) in enumerate(kept):
        info, quad = _edge_info(attrs, directed=directed)
        edge_info.append(info)
        quads.append(quad)
        negated, colour = info["negated"], QUAD_CLASSES[quad][1]
        shown = NEGATED_COLOUR if negated else colour
        edge: dict[str, Any] = {
            "id": number,
            "from": ids[u],
            "to": ids[v],
            "color": {"color": shown, "highlight": shown, "hover": shown, "opacity": 0.9},
            "dashes": _NEGATED_DASHES if negated else _DASHES.get(info["modality"], [4, 6]),
            "width": round(1 + min(6.0, 1.5 * math.log2(max(info["sources"], 1))), 2),
            "arrows": {"to": {"enabled": directed and not info["symmetric"], "scaleFactor": 0.6}},
        }
        if label_all or negated:
            edge["label"] = info["text"]
        pair = frozenset((u, v))
        if pairs[pair] > 1 and u != v:
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW",
                "roundness": round(0.12 + 0.12 * seen_in_pair[pair], 2),
            }
            seen_in_pair[pair] += 1
        edges.append(edge)
    return edges, edge_info, quads


def _edge_info(attrs: Mapping[str, Any], *, directed: bool) -> tuple[dict[str, Any], int | None]:
    """What an edge's tooltip and the filters show, and its quad class (None: structural)."""
    name = _text(attrs.get("predicate")) or "related"
    info = PREDICATES.get(name)
    quad = attrs.get("quad_class", info.quad_class if info else None)
    quad = quad if quad in QUAD_CLASSES else None
    negated = bool(attrs.get("negated"))
    modality = _text(attrs.get("modality")) or "actual"
    text = ("not " if negated else "") + (info.label if info else name)
    if modality != "actual":
        text += f" ({modality})"
    return {
        "predicate": name,
        "text": text,
        "plover": _text(attrs.get("plover")) or (info.plover if info else None),
        "quad": QUAD_CLASSES[quad][0],
        "modality": modality,
        "negated": negated,
        "symmetric": bool(attrs.get("symmetric", info.symmetric if info else not directed)),
        "statements": _int(attrs.get("statements"), 1),
        "sources": _int(attrs.get("sources"), 1),
        "firstDate": _text(attrs.get("first_date")) or None,
        "lastDate": _text(attrs.get("last_date")) or None,
        "confidence": _number(attrs.get("confidence")),
        "evidence": [_evidence(e) for e in attrs.get("evidence") or [] if isinstance(e, Mapping)],
    }, quad


# ------------------------------------------------------------------ legend and summary


def _predicate_filters(edge_info: list[dict[str, Any]], quads: list[int | None]) -> list[dict[str, Any]]:
    """One filter entry per predicate drawn, by quad class (structural last), then label."""
    predicates: dict[str, dict[str, Any]] = {}
    for info, quad in zip(edge_info, quads, strict=True):
        name = info["predicate"]
        known = PREDICATES.get(name)
        slot = predicates.setdefault(
            name,
            {
                "name": name,
                "label": known.label if known else name,
                "color": QUAD_CLASSES[quad][1],
                "quad": quad,
                "relations": 0,
            },
        )
        slot["relations"] += 1
    filters = sorted(predicates.values(), key=lambda p: (5 if p["quad"] is None else p["quad"], p["label"]))
    return [{k: p[k] for k in ("name", "label", "color", "relations")} for p in filters]


def _legend(types_present: Mapping[str, str], edge_info: list[dict[str, Any]]) -> dict[str, Any]:
    """Actor types, quad classes and modalities that the page draws."""
    quads_present = {e["quad"] for e in edge_info}
    return {
        "types": [{"label": _type_label(k), "color": c} for k, c in sorted(types_present.items()) if k != _GENERIC]
        + [
            {"label": GENERIC_LEGEND, "color": c, "shape": "diamond"} for k, c in types_present.items() if k == _GENERIC
        ],
        "quads": [{"label": name, "color": colour} for name, colour in QUAD_CLASSES.values() if name in quads_present],
        "modalities": sorted({e["modality"] for e in edge_info} - {"actual"}),
    }


def _summary(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    edge_info: list[dict[str, Any]],
    hidden_negated: int,
) -> str:
    summary = f"{len(nodes)} actors · {len(edges)} relations · {sum(e['statements'] for e in edge_info)} statements"
    if hidden_negated:
        summary += f" · {hidden_negated} negated relations not shown"
    return summary


def _empty_message(nodes: list[dict[str, Any]], hidden_negated: int) -> str | None:
    if nodes:
        return None
    if hidden_negated:
        return f"Nothing to show: all {hidden_negated} relations are negated; render with show_negated to draw them."
    return "Nothing to show: the graph has no actors."


# ------------------------------------------------------------------ pieces


def _options(nodes: int, edges: int, use_physics: bool) -> dict[str, Any]:
    """vis-network options: still drawing for laid-out graphs, a settling simulation else."""
    physics: dict[str, Any] = {"enabled": False}
    if use_physics:
        physics = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 110,
                "avoidOverlap": 0.3,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 600 if nodes <= 150 else 300,
                "updateInterval": 25,
                "fit": True,
            },
        }
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": use_physics and nodes <= 100},
        "physics": physics,
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": edges > 1000,
            "hideEdgesOnZoom": edges > 3000,
            "multiselect": True,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"face": _FONT, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 8}},
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "font": {
                "size": 10,
                "face": _FONT,
                "color": "#444444",
                "align": "middle",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
    }


def _evidence(item: Mapping[str, Any]) -> dict[str, Any]:
    """What a tooltip shows of one piece of evidence (no IRIs, no article hashes)."""
    return {
        "sentence": _text(item.get("sentence")),
        "docId": _text(item.get("doc_id")) or None,
        "headline": _text(item.get("headline")) or None,
        "source": _text(item.get("source")) or None,
        "attributedTo": _text(item.get("attributed_to")) or None,
        "date": _text(item.get("date")) or None,
        "confidence": _number(item.get("confidence")),
    }


def _type_label(kind: str) -> str:
    """``InternationalOrganization`` → ``International organization``."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).split()
    return " ".join([words[0]] + [w.lower() for w in words[1:]]) if words else kind


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_LENGTH else label[: _LABEL_LENGTH - 1].rstrip() + "…"


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 3) if math.isfinite(number) else None


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _asset(name: str) -> str:
    """A file shipped next to this module (the page template and its script)."""
    return resources.files("kg.render").joinpath(name).read_text(encoding="utf-8")


@cache
def _vis_js() -> str:
    """vis-network from the pyvis wheel, made safe to inline and silent on the network."""
    package, name = _VIS_JS
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        raise Errors.E616.error(package=package, name=name) from None
    text = _SOURCE_MAP.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).rstrip() + "\n"
    if re.search(r"</script|<!--", text, re.I):
        raise Errors.E610.error(package=package, name=name)
    return text
