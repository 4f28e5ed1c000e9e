"""The actor graph for other tools: GraphML and GEXF (Gephi, yEd, Cytoscape) and CSV tables.

The graph of :func:`kg.analysis.graph_from_statements` holds values these formats cannot
store: ``None``, lists of evidence dicts. :func:`flat_graph` makes a copy they can: ``None``
left out, the best evidence sentence as ``sentence``, all evidence as JSON text in
``evidence``, other lists and dicts as JSON text, characters XML forbids removed, and a
``weight`` (the statement count) that Gephi uses as edge weight. Node keys become
``actor_key``, since GEXF readers take ``key`` for the key of a multigraph edge.

Files are written whole or not at all (:func:`kg.export.atomic_output`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from kg.errors import Errors
from kg.export.atomic import atomic_output

__all__ = [
    "EDGE_COLUMNS",
    "GRAPH_FORMATS",
    "NODE_COLUMNS",
    "export_graph",
    "flat_graph",
    "graph_format",
    "write_csv_tables",
    "write_gexf",
    "write_graphml",
]

GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv")
"""Formats :func:`export_graph` writes; ``csv`` is a folder with ``nodes.csv`` and ``edges.csv``."""

NODE_COLUMNS: tuple[str, ...] = ("id", "actor_key", "label", "type", "country", "wikidata")
"""Columns of ``nodes.csv`` before the extra node attributes (measures) given."""

EDGE_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "target",
    "source_label",
    "target_label",
    "relation",
    "predicate",
    "plover",
    "quad_class",
    "modality",
    "negated",
    "symmetric",
    "statements",
    "sources",
    "weight",
    "first_date",
    "last_date",
    "confidence",
    "sentence",
    "evidence",
)
"""Columns of ``edges.csv``; ``id`` is the GraphML edge id, ``relation`` the edge key."""

# characters XML 1.0 does not allow in a document (control characters, lone surrogates…)
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _flat(value: Any) -> str | int | float | bool | None:
    """A value GraphML and GEXF can store: scalars as they are, containers as JSON text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, Mapping | list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return _text(json.dumps(items, ensure_ascii=False, default=str))
    return _text(str(value))


def _flat_attributes(data: Mapping[str, Any]) -> dict[str, Any]:
    flat = {}
    for name, value in data.items():
        value = _flat(value)
        if value is not None:
            flat[_text(str(name))] = value
    return flat


def flat_graph(
    G: nx.Graph,
    *,
    node_attributes: Mapping[str, Mapping[Any, Any]] | None = None,
    weight: str | None = "statements",
) -> nx.MultiDiGraph:
    """A copy of the actor graph whose attributes GraphML, GEXF and CSV can all store.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements`.
    node_attributes : mapping, optional
        More node attributes, name → {node → value}, e.g. ``{"pagerank": pagerank(G)}``.
    weight : str or None, default "statements"
        Edge attribute copied into ``weight`` (as a float); None sets every weight to 1.

    Returns
    -------
    networkx.MultiDiGraph
        Same nodes and edge keys. Nodes carry ``label`` and ``actor_key`` (from ``key``);
        edges ``relation`` (the edge key), ``weight``, ``sentence`` (the best evidence) and
        ``evidence`` (JSON text). No value is None, a list or a dict.

    Examples
    --------
    >>> G = nx.MultiDiGraph(statements=1)
    >>> G.add_node("https://w3id.org/geokg/actor/china", label="China", key="china", country=None)
    >>> G.add_node("https://w3id.org/geokg/actor/taiwan", label="Taiwan", key="taiwan")
    >>> _ = G.add_edge("https://w3id.org/geokg/actor/china", "https://w3id.org/geokg/actor/taiwan",
    ...                "pressures", predicate="pressures", statements=2, first_date=None,
    ...                evidence=[{"sentence": "China pressures Taiwan.", "doc_id": "d1"}])
    >>> F = flat_graph(G)
    >>> F.nodes["https://w3id.org/geokg/actor/china"]
    {'label': 'China', 'actor_key': 'china'}
    >>> edge = next(iter(F.edges(data=True)))[2]
    >>> edge["weight"], edge["sentence"], edge["relation"], "first_date" in edge
    (2.0, 'China pressures Taiwan.', 'pressures', False)
    >>> json.loads(edge["evidence"])[0]["doc_id"]
    'd1'
    """
    extra = node_attributes or {}
    F = nx.MultiDiGraph()
    F.graph.update(_flat_attributes(G.graph))
    for node, data in G.nodes(data=True):
        attrs = dict(data)
        if "key" in attrs:
            attrs["actor_key"] = attrs.pop("key")
        attrs.setdefault("label", str(node))
        for name, values in extra.items():
            if node in values:
                attrs[name] = values[node]
        F.add_node(node, **_flat_attributes(attrs))
    if G.is_multigraph():
        edges = G.edges(keys=True, data=True)
    else:
        edges = ((u, v, data.get("predicate", "related"), data) for u, v, data in G.edges(data=True))
    for u, v, key, data in edges:
        attrs = dict(data)
        evidence = attrs.get("evidence")
        if isinstance(evidence, list | tuple) and evidence and isinstance(evidence[0], Mapping):
            attrs["sentence"] = evidence[0].get("sentence")
        attrs["relation"] = str(key)
        amount = 1 if weight is None else data.get(weight, 1)
        attrs["weight"] = float(amount) if isinstance(amount, int | float) else 1.0
        attrs.setdefault("label", str(key))
        F.add_edge(u, v, key, **_flat_attributes(attrs))
    return F


def graph_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The export format: ``fmt`` when given, else read from the file suffix of ``path``.

    >>> graph_format("out/actors.gexf"), graph_format("tables", "csv")
    ('gexf', 'csv')
    """
    if fmt is not None:
        name = fmt.strip().lower()
        if name not in GRAPH_FORMATS:
            raise Errors.E625.error(fmt=fmt, graph_formats=", ".join(GRAPH_FORMATS))
        return name
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("graphml", "gexf"):
        return suffix
    raise Errors.E626.error(path=os.fspath(path))


def _write_xml(G: nx.MultiDiGraph, path: str | os.PathLike[str], writer: str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise Errors.E627.error(target=target, writer=writer)
    with atomic_output(target) as stream:
        _write_xml_stream(G, stream, writer)
    return target


def _write_xml_stream(G: nx.MultiDiGraph, stream: BinaryIO, writer: str) -> None:
    if writer == "graphml":
        # edge ids must be unique in a GraphML document; edge keys are unique per pair only
        numbered = nx.MultiDiGraph()
        numbered.graph.update(G.graph)
        numbered.add_nodes_from(G.nodes(data=True))
        for number, (u, v, data) in enumerate(G.edges(data=True)):
            numbered.add_edge(u, v, f"e{number}", **data)
        nx.write_graphml(numbered, stream, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(G, stream, encoding="utf-8", prettyprint=True)


def write_graphml(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    node_attributes: Mapping[str, Mapping[Any, Any]] | None = None,
) -> Path:
    """Write the actor graph as GraphML (yEd, Gephi, Cytoscape, ``networkx.read_graphml``).

    Node ids are the actor IRIs; edge ids are ``e0``, ``e1``… in edge order, and the edge
    key is kept in ``relation``. ``node_attributes`` as in :func:`flat_graph`.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", "pressures", statements=2, evidence=[])
    >>> path = write_graphml(G, Path(tempfile.mkdtemp()) / "actors.graphml")
    >>> H = nx.read_graphml(path, force_multigraph=True)
    >>> list(H.edges(keys=True, data="relation"))
    [('a', 'b', 'e0', 'pressures')]
    """
    return _write_xml(flat_graph(G, node_attributes=node_attributes), path, "graphml")


def write_gexf(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    node_attributes: Mapping[str, Mapping[Any, Any]] | None = None,
) -> Path:
    """Write the actor graph as GEXF 1.2 (Gephi): labels and weights where Gephi looks.

    Node ``label`` and edge ``label``/``weight`` become GEXF's own fields; the edge key is
    kept as ``networkx_key`` (and ``relation``). ``node_attributes`` as in
    :func:`flat_graph`.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="China")
    >>> _ = G.add_edge("a", "b", "pressures", statements=2)
    >>> path = write_gexf(G, Path(tempfile.mkdtemp()) / "actors.gexf")
    >>> H = nx.read_gexf(path)
    >>> H.nodes["a"]["label"], list(H.edges(data="weight"))
    ('China', [('a', 'b', 2.0)])
    """
    return _write_xml(flat_graph(G, node_attributes=node_attributes), path, "gexf")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_table(path: Path, header: list[str], rows: list[dict[str, Any]]) -> None:
    with atomic_output(path) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        writer = csv.DictWriter(text, fieldnames=header, lineterminator="\r\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({name: _cell(row.get(name)) for name in header})
        text.flush()
        text.detach()


def write_csv_tables(
    G: nx.Graph,
    folder: str | os.PathLike[str],
    *,
    node_attributes: Mapping[str, Mapping[Any, Any]] | None = None,
) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``edges.csv`` (UTF-8, with a header) into ``folder``.

    ``nodes.csv`` has :data:`NODE_COLUMNS` then one column per name of
    ``node_attributes``; ``edges.csv`` has :data:`EDGE_COLUMNS`. The folder is created if
    missing. Values are those of :func:`flat_graph`; booleans are ``true``/``false``.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="China")
    >>> G.add_node("b", label="Taiwan")
    >>> _ = G.add_edge("a", "b", "pressures", predicate="pressures", negated=False, statements=2)
    >>> nodes, edges = write_csv_tables(G, tempfile.mkdtemp(), node_attributes={"rank": {"a": 1}})
    >>> nodes.read_text(encoding="utf-8").splitlines()[:2]
    ['id,actor_key,label,type,country,wikidata,rank', 'a,,China,,,,1']
    >>> row = next(csv.DictReader(edges.open(encoding="utf-8")))
    >>> row["source_label"], row["target_label"], row["predicate"], row["negated"], row["weight"]
    ('China', 'Taiwan', 'pressures', 'false', '2.0')
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise Errors.E631.error(target=target)
    F = flat_graph(G, node_attributes=node_attributes)
    extra = [name for name in (node_attributes or {}) if name not in NODE_COLUMNS]
    node_rows = [{"id": node, **data} for node, data in F.nodes(data=True)]
    edge_rows = [
        {
            "id": f"e{number}",
            "source": u,
            "target": v,
            "source_label": F.nodes[u].get("label"),
            "target_label": F.nodes[v].get("label"),
            **data,
        }
        for number, (u, v, data) in enumerate(F.edges(data=True))
    ]
    nodes_path, edges_path = target / "nodes.csv", target / "edges.csv"
    _write_table(nodes_path, [*NODE_COLUMNS, *extra], node_rows)
    _write_table(edges_path, list(EDGE_COLUMNS), edge_rows)
    return nodes_path, edges_path


def export_graph(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    node_attributes: Mapping[str, Mapping[Any, Any]] | None = None,
) -> list[Path]:
    """Write the actor graph as GraphML, GEXF or CSV tables; return the files written.

    Parameters
    ----------
    G : networkx graph
        An actor graph of :func:`kg.analysis.graph_from_statements`.
    path : path
        The file to write (``graphml``, ``gexf``), or the folder for ``csv``.
    fmt : {"graphml", "gexf", "csv"}, optional
        The format; by default read from the suffix of ``path``.
    node_attributes : mapping, optional
        More node attributes, name → {node → value} (measures such as PageRank).

    Raises
    ------
    kg.errors.InputError
        An unknown format (E625), a path whose format cannot be told (E626), a folder given
        for a file or a file for a folder (E627, E631).
    kg.errors.KGError
        A path that cannot be written (E351).

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", "meets", statements=1)
    >>> [p.name for p in export_graph(G, Path(tempfile.mkdtemp()) / "g.gexf")]
    ['g.gexf']
    """
    name = graph_format(path, fmt)
    if name == "graphml":
        return [write_graphml(G, path, node_attributes=node_attributes)]
    if name == "gexf":
        return [write_gexf(G, path, node_attributes=node_attributes)]
    return list(write_csv_tables(G, path, node_attributes=node_attributes))
