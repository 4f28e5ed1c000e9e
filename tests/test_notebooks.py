"""The notebooks run from top to bottom, and the helpers of kg.notebook they call work.

The notebooks are executed with nbclient in a temporary working folder (they must not depend
on the folder they are started from), with a timeout per cell. They hold no logic of their
own: no function or class definitions, and they are saved without outputs.
"""

from __future__ import annotations

import ast
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.errors import InputError, KGError
from kg.store import GraphStore
from tests.conftest import ROOT, SEED_ARTICLE

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 240  # seconds; the build cell is the slow one (spaCy over the articles)


def _code_cells(path: Path) -> list[dict[str, Any]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def _source(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


# ---------------------------------------------------------------- the notebooks themselves


def test_both_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_seed_walkthrough.ipynb", "02_corpus_over_time.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_saved_without_outputs(path: Path) -> None:
    for cell in _code_cells(path):
        assert cell.get("outputs") == [], _source(cell)[:60]
        assert cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_holds_no_logic_and_imports_only_kg_and_pandas(path: Path) -> None:
    for cell in _code_cells(path):
        tree = ast.parse(_source(cell))
        for node in ast.walk(tree):
            assert not isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.For, ast.While)
            ), _source(cell)[:80]
            if isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] in ("kg", "pandas") for a in node.names)
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] == "kg"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_from_top_to_bottom(path: Path, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install -e '.[dev]')")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install -e '.[dev]')")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install -e '.[dev]')")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {mime for o in outputs for mime in o.get("data", {})}
    assert "text/html" in kinds  # DataFrames and the map
    maps = [o["data"]["text/html"] for o in outputs if "<iframe srcdoc=" in o.get("data", {}).get("text/html", "")]
    assert maps, "the notebook shows the map inline"
    if path.stem.startswith("02"):
        assert "image/png" in kinds  # the plots
    assert list(tmp_path.iterdir()) == []  # built in memory: nothing written to the working folder


# ---------------------------------------------------------------- the helpers


@pytest.fixture(scope="module")
def store() -> Iterator[GraphStore]:
    from kg.notebook import build

    with build(SEED_ARTICLE, verbose=False) as built:
        yield built


def _record(subject: str, predicate: str, obj: str, day: str | None, **extra: Any) -> dict[str, Any]:
    def actor(label: str) -> dict[str, Any]:
        key = label.lower().replace(" ", "-")
        return {"id": f"https://w3id.org/geokg/actor/{key}", "label": label, "type": "State"}

    quad = {"pressures": 3, "supports": 1, "attacks": 4, "meets": 1, "leaderOf": None}[predicate]
    return {
        "id": f"{subject}|{predicate}|{obj}|{day}",
        "doc_id": "d",
        "subject": actor(subject),
        "predicate": predicate,
        "object": actor(obj),
        "date": day,
        "quad_class": quad,
        "sentence": f"{subject} {predicate} {obj}.",
        "confidence": 0.8,
        **extra,
    }


@pytest.mark.slow
def test_build_in_memory_and_statements_frame(store: GraphStore) -> None:
    from kg.notebook import statements_frame

    assert store.path is None and store.stats()["articles"] == 1
    frame = statements_frame(store)
    assert len(frame) == store.stats()["statements"]
    row = frame[(frame.subject == "Donald Trump") & (frame.predicate == "providesAidTo")].iloc[0]
    assert bool(row.negated) and row.object == "Taiwan" and "declined" in row.sentence
    assert row.subject_id == "https://w3id.org/geokg/actor/donald-trump"
    assert str(frame["quad_class"].dtype) == "Int64"


@pytest.mark.slow
def test_build_into_a_folder_and_again_without_change(tmp_path: Path) -> None:
    from kg.notebook import build

    folder = tmp_path / "store"
    with build([SEED_ARTICLE], store=folder, verbose=False) as first:
        counts = first.stats()
    with GraphStore.open(folder) as opened:
        again = build(SEED_ARTICLE, store=opened, verbose=False)
        assert again is opened and again.stats() == counts


@pytest.mark.slow
def test_build_onto_a_sparql_server_and_read_it_back() -> None:
    from kg.notebook import build, query_frame, statements_frame
    from kg.store import OxigraphServer, RemoteStore

    with OxigraphServer(None) as server:  # in memory, writable, on loopback
        with build(SEED_ARTICLE, store=server.url, verbose=False) as remote:
            assert isinstance(remote, RemoteStore) and remote.stats()["articles"] == 1
            pressures = query_frame(remote, "SELECT ?s ?o WHERE { ?s gkg:pressures ?o }")
            assert pressures.to_dict("records") == [{"s": "actor:xi-jinping", "o": "actor:donald-trump"}]
            assert len(statements_frame(remote)) == remote.stats()["statements"]


@pytest.mark.slow
def test_build_store_summary_and_replace(tmp_path: Path) -> None:
    from kg.builder import BuildSummary, build_store
    from kg.extract.pipeline import Extractor
    from kg.ingest import read_articles
    from kg.types import Article

    extractor = Extractor()
    seen: list[tuple[str, int, bool]] = []
    with GraphStore.open(None) as st:
        first = build_store(
            read_articles([SEED_ARTICLE]),
            st,
            extractor=extractor,
            on_article=lambda a, s, w: seen.append((a.doc_id, len(s), w)),
        )
        assert isinstance(first, BuildSummary)
        assert (first.articles, first.written) == (1, 1) and first.statements == seen[0][1] > 10
        assert first.store["articles"] == 1 and first.to_dict()["store"] == first.store
        second = build_store(read_articles([SEED_ARTICLE]), st, extractor=extractor)
        assert (second.articles, second.written) == (1, 0)  # unchanged: not rewritten
        other = Article(doc_id="other", text="Russia attacked Ukraine.")
        third = build_store([other], st, extractor=extractor, replace=True)
        assert third.store["articles"] == 1 and not st.has_article("000_f816f7051cb6ef20")


def test_build_needs_inputs() -> None:
    from kg.notebook import build

    with pytest.raises(InputError) as err:
        build([], verbose=False)
    assert err.value.code == "E802"


def test_extractor_refuses_a_missing_actor_file(tmp_path: Path) -> None:
    from kg.notebook import extractor

    with pytest.raises(InputError) as err:
        extractor(actors=[tmp_path / "nope.jsonl"])
    assert err.value.code == "E150"


@pytest.mark.slow
def test_query_frame_select_ask_and_construct_with_bindings(store: GraphStore) -> None:
    from kg.notebook import named_query_frame, query_frame

    frame = query_frame(store, "SELECT ?s ?o WHERE { ?s gkg:pressures ?o }")
    assert frame.to_dict("records") == [{"s": "actor:xi-jinping", "o": "actor:donald-trump"}]
    full = query_frame(store, "SELECT ?s WHERE { ?s gkg:pressures ?o }", prefixed=False)
    assert full.s.tolist() == ["https://w3id.org/geokg/actor/xi-jinping"]
    bound = query_frame(store, "SELECT ?a WHERE { ?a rdfs:label ?name }", name="Taiwan")
    assert bound.a.tolist() == ["actor:taiwan"]
    assert query_frame(store, "ASK { actor:donald-trump gkg:providesAidTo actor:taiwan }").ask.tolist() == [False]
    graph = query_frame(store, "CONSTRUCT { ?s gkg:pressures ?o } WHERE { ?s gkg:pressures ?o }")
    assert list(graph.columns) == ["subject", "predicate", "object"] and len(graph) == 1
    numbers = query_frame(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s a gkg:Statement }")
    assert numbers.n.tolist() == [store.stats()["statements"]]
    about = named_query_frame(store, "relations-of-actor", actor="Xi Jinping")
    assert len(about) >= 3 and set(about.columns) >= {"subject", "predicate", "object", "evidence"}
    with pytest.raises(InputError) as err:
        named_query_frame(store, "no-such-query")
    assert err.value.code == "E163"


@pytest.mark.slow
def test_measure_tables_of_the_seed_graph(store: GraphStore) -> None:
    from kg.notebook import actor_graph, balance_frame, centrality_frame, communities_frame, dyads_frame, timeline_frame

    G = actor_graph(store)
    central = centrality_frame(G, top=None)
    assert len(central) == G.number_of_nodes()
    assert central.pagerank.sum() == pytest.approx(1.0, abs=1e-3)
    assert list(central.pagerank) == sorted(central.pagerank, reverse=True)
    assert len(centrality_frame(G, top=3)) == 3
    communities = communities_frame(G)
    assert communities["size"].sum() == G.number_of_nodes()
    assert communities.index.tolist() == list(range(len(communities)))
    balance = balance_frame(G, top=None)
    assert balance.loc["China", "conflict"] >= 1
    dyads = dyads_frame(G, top=5)
    assert len(dyads) <= 5 and {"Xi Jinping", "Donald Trump"} <= set(dyads.a) | set(dyads.b)
    timeline = timeline_frame(G, "Xi Jinping", "Donald Trump")
    assert "pressures" in set(timeline.relation) and list(timeline.date) == sorted(timeline.date)


def test_activity_frame_counts_event_statements_per_period() -> None:
    from kg.notebook import activity_frame

    records = [
        _record("China", "pressures", "Taiwan", "2019-05-02"),
        _record("China", "supports", "Russia", "2019-05-30"),
        _record("Taiwan", "pressures", "China", "2020-01-09"),
        _record("China", "attacks", "Taiwan", None),  # undated: not counted
        _record("Xi", "leaderOf", "China", "2019-05-02"),  # structural: not counted
        _record("China", "attacks", "Taiwan", "2019-05-03", negated=True),  # negated
    ]
    frame = activity_frame(records, unit="month")
    assert frame.to_dict() == {
        "China": {"2019-05": 2, "2020-01": 1},
        "Taiwan": {"2019-05": 1, "2020-01": 1},
        "Russia": {"2019-05": 1, "2020-01": 0},
    }
    by_year = activity_frame(records, unit="year", actors=["Taiwan"], structural=True, negated=True)
    assert by_year.to_dict() == {"Taiwan": {"2019": 2, "2020": 1}}
    assert activity_frame(records, top=1).columns.tolist() == ["China"]
    with pytest.raises(InputError) as err:
        activity_frame(records, unit="week")  # type: ignore[arg-type]
    assert err.value.code == "E638"
    with pytest.raises(InputError) as err:
        activity_frame(42)  # type: ignore[arg-type]
    assert err.value.code == "E803"


def test_period_changes_lists_appeared_vanished_and_turns() -> None:
    from kg.notebook import period_changes

    records = [
        _record("China", "supports", "Russia", "2019-03-01"),
        _record("China", "meets", "Iran", "2019-04-01"),
        _record("China", "pressures", "Russia", "2020-02-01"),
        _record("China", "pressures", "Russia", "2020-03-01", doc_id="e"),
        _record("China", "meets", "Iran", "2020-04-01", id="again"),
    ]
    frame = period_changes(records, "2019", "2020")
    rows = {(r.change, r.source, r.relation, r.target, r.statements) for r in frame.itertuples()}
    assert rows == {("appeared", "China", "pressures", "Russia", 2), ("vanished", "China", "supports", "Russia", 1)}
    assert frame.attrs["kept"] == 1
    assert frame.attrs["to_conflict"] == [("China", "Russia")] and frame.attrs["to_cooperation"] == []


def test_statements_frame_from_records_keeps_rule_and_attribution() -> None:
    from kg.notebook import statements_frame

    frame = statements_frame(
        [_record("China", "pressures", "Taiwan", "2019-01-01", rule="verb", attributed_to={"label": "Reuters"})]
    )
    row = frame.iloc[0]
    assert (row.rule, row.attributed_to, row.quad_class, row.negated) == ("verb", "Reuters", 3, False)
    assert statements_frame([]).columns.tolist()[:5] == ["date", "doc_id", "subject", "predicate", "object"]


def test_plots_return_figures() -> None:
    from matplotlib.figure import Figure

    from kg.analysis import graph_from_statements
    from kg.notebook import activity_frame, plot_activity, plot_dyad

    records = [
        _record("China", "pressures", "Taiwan", "2019-05-02"),
        _record("China", "supports", "Taiwan", "2019-06-02"),
        _record("Taiwan", "attacks", "China", "2019-06-03"),
    ]
    figure = plot_activity(activity_frame(records))
    assert isinstance(figure, Figure) and len(figure.axes[0].lines) == 2
    dyad = plot_dyad(graph_from_statements(records), "China", "Taiwan")
    heights = sorted(round(p.get_height()) for p in dyad.axes[0].patches)
    assert heights == [-1, -1, 0, 0, 0, 1]  # conflict below zero, cooperation above
    assert isinstance(plot_activity(activity_frame([])), Figure)


def test_map_iframe_escapes_article_text_and_show_map_wraps_it() -> None:
    from IPython.display import HTML

    from kg.notebook import map_iframe, show_map

    G = nx.MultiDiGraph()
    hostile = '"></iframe><script>alert(1)</script>'
    G.add_node("a", label=hostile, type="State")
    G.add_node("b", label="B", type="State")
    G.add_edge(
        "a",
        "b",
        "pressures",
        predicate="pressures",
        quad_class=3,
        statements=1,
        evidence=[{"sentence": hostile, "doc_id": "d", "confidence": 0.5}],
    )
    frame = map_iframe(G, height=420, title=hostile)
    assert frame.count("<iframe") == 1 and frame.count("</iframe>") == 1
    assert "<script" not in frame and "height: 420px" in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame)
    assert srcdoc is not None
    page = html.unescape(srcdoc.group(1))
    from kg.render import html_page

    assert page == html_page(G, title=hostile)
    shown = show_map(G, height=300)
    assert isinstance(shown, HTML) and "<iframe srcdoc=" in shown.data
    for bad in (0, 50, 300.5, True):
        with pytest.raises(InputError) as err:
            map_iframe(G, height=bad)  # type: ignore[arg-type]
        assert err.value.code == "E806"


def test_a_missing_optional_package_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import kg.notebook

    monkeypatch.setitem(sys.modules, "pandas", None)  # "import pandas" now raises ImportError
    with pytest.raises(KGError) as err:
        kg.notebook.statements_frame([])
    assert err.value.code == "E800" and "geokg[notebooks]" in err.value.message
    monkeypatch.setitem(sys.modules, "IPython.display", None)
    with pytest.raises(KGError) as err:
        kg.notebook.show_map(nx.MultiDiGraph())
    assert err.value.code == "E800" and err.value.message.startswith("ipython is not installed")


def test_seeds_path_points_at_the_bundled_articles() -> None:
    from kg.notebook import seeds_path

    assert seeds_path("000_f816f7051cb6ef20.txt") == SEED_ARTICLE.resolve()
    assert len(list(seeds_path("wikinews").glob("*.txt"))) >= 20
