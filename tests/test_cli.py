"""The kg command end to end on the bundled seed article: build, SPARQL, exports, HTML."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.slow


def kg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, input=stdin, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kg") / "store"
    result = kg("build", str(SEED_ARTICLE), "--store", str(path))
    assert result.returncode == 0, result.stderr
    assert "statements" in result.stdout
    return path


def _select(store: Path, sparql: str) -> list[dict]:
    result = kg("query", sparql, "--format", "json", "--store", str(store))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["results"]["bindings"]


PREFIXES = """PREFIX gkg: <https://w3id.org/geokg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX actor: <https://w3id.org/geokg/actor/>
"""


def test_headline_statement_is_a_direct_triple(store):
    rows = _select(store, PREFIXES + "SELECT ?s ?o WHERE { ?s gkg:pressures ?o }")
    pairs = {(r["s"]["value"].rsplit("/", 1)[1], r["o"]["value"].rsplit("/", 1)[1]) for r in rows}
    assert ("xi-jinping", "donald-trump") in pairs


def test_russia_trains_pla_airborne_forces_intended(store):
    rows = _select(
        store,
        PREFIXES
        + """SELECT ?m WHERE {
        ?st rdf:subject actor:russia ; rdf:predicate gkg:trains ; rdf:object ?o ; gkg:modality ?m .
        ?o gkg:partOf* ?part . FILTER(?part = actor:china || ?o = actor:pla-airborne-corps) }""",
    )
    assert rows, "Russia trains PLA airborne forces is missing"
    assert {r["m"]["value"].rsplit("#", 1)[1] for r in rows} == {"Intended"}
    direct = _select(store, PREFIXES + "SELECT ?o WHERE { actor:russia gkg:trains ?o }")
    assert not direct, "an intended statement must not produce a direct triple"


def test_negated_aid_has_no_bare_triple(store):
    rows = _select(
        store,
        PREFIXES
        + """SELECT ?st WHERE { ?st rdf:subject actor:donald-trump ;
        rdf:predicate gkg:providesAidTo ; rdf:object actor:taiwan ; gkg:negated true }""",
    )
    assert rows
    assert not _select(store, PREFIXES + "SELECT * WHERE { actor:donald-trump gkg:providesAidTo actor:taiwan }")


def test_one_named_graph_per_article(store):
    rows = _select(store, PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?st a gkg:Statement } }")
    assert len(rows) == 1 and rows[0]["g"]["value"].startswith("https://w3id.org/geokg/article/")


@pytest.mark.parametrize(("fmt", "rdf_format"), [("ttl", "turtle"), ("nq", "nquads")])
def test_exports_reparse_with_rdflib(store, tmp_path, fmt, rdf_format):
    out = tmp_path / f"graph.{fmt}"
    result = kg("export", "--format", fmt, "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    graph = rdflib.Dataset() if fmt == "nq" else rdflib.Graph()
    graph.parse(out, format=rdf_format)
    assert len(graph) > 100


def test_jsonl_export_matches_extract(store, tmp_path):
    exported = kg("export", "--format", "jsonl", "--store", str(store))
    extracted = kg("extract", str(SEED_ARTICLE))
    assert exported.returncode == 0 and extracted.returncode == 0
    ids = lambda text: {json.loads(line)["id"] for line in text.splitlines() if line.strip()}  # noqa: E731
    assert ids(exported.stdout) == ids(extracted.stdout) != set()


def test_render_is_offline(store, tmp_path):
    out = tmp_path / "graph.html"
    result = kg("render", "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "vis.Network" in html or "vis-network" in html
    import re

    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*[\"']?https?://", html, re.I)


def test_render_large_forces_the_large_view(store, tmp_path):
    import json
    import re

    def large_block(*flags: str) -> object:
        out = tmp_path / "graph.html"
        result = kg("render", "-o", str(out), "--store", str(store), *flags)
        assert result.returncode == 0, result.stderr
        page = out.read_text(encoding="utf-8")
        data = re.search(r'<script id="geokg-data" type="application/json">(.*?)</script>', page, re.S)
        assert data is not None
        return json.loads(data.group(1)).get("large")

    assert large_block("--large")  # a small store drawn as a large map: communities and all
    assert not large_block()  # by default only above 300 actors


def test_bad_input_is_one_line_and_nonzero(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Russia attacked Ukraine."}\nnot json\n', encoding="utf-8")
    result = kg("extract", str(bad), "--on-error", "fail")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error E")
    skipped = kg("extract", str(bad))  # the default: the good line is kept, the bad one listed
    assert skipped.returncode == 1 and "Traceback" not in skipped.stderr
    assert skipped.stderr.splitlines()[-1].strip().startswith("E110: ")
    missing = kg("extract", str(tmp_path / "nope.txt"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr


def test_query_on_missing_store_says_what_to_do(tmp_path):
    result = kg("query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(tmp_path / "none"))
    assert result.returncode != 0
    assert "kg build" in result.stderr


def test_named_query_with_parameter(store):
    result = kg(
        "query",
        "--named",
        "relations-of-actor",
        "--param",
        "actor=Xi Jinping",
        "--format",
        "csv",
        "--store",
        str(store),
    )
    assert result.returncode == 0, result.stderr
    assert "pressures" in result.stdout
