"""Every query of docs/sparql-cookbook.md runs against the seed article and answers.

A query answers when a SELECT returns at least one row, an ASK true and a CONSTRUCT at least
one triple. The cookbook marks the exceptions with an HTML comment on the line before the
block: ``<!-- cookbook: expect false -->`` (an ASK whose answer is false) and
``<!-- cookbook: may be empty -->`` (the query only has to run).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import GraphStore
from tests.conftest import ROOT, SEED_ARTICLE

pytestmark = pytest.mark.slow

COOKBOOK = ROOT / "docs" / "sparql-cookbook.md"
_BLOCK = re.compile(r"^(?:<!-- cookbook: (?P<mark>[a-z ]+) -->\n)?```sparql\n(?P<query>.*?)^```", re.M | re.S)
_MARKS = {None, "expect false", "may be empty"}


def cookbook_queries(path: Path = COOKBOOK) -> list[tuple[str, str | None, str]]:
    """``(heading, mark, query)`` for each sparql block, the heading being the section's."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in _BLOCK.finditer(text):
        headings = re.findall(r"^## (.+)$", text[: match.start()], re.M)
        found.append((headings[-1] if headings else "", match.group("mark"), match.group("query")))
    return found


QUERIES = cookbook_queries()


@pytest.fixture(scope="module")
def seed_store() -> Iterator[GraphStore]:
    from kg.builder import build_store
    from kg.extract.pipeline import Extractor
    from kg.ingest import read_articles

    with GraphStore.open(None) as store:
        summary = build_store(read_articles([SEED_ARTICLE]), store, extractor=Extractor())
        assert summary.statements > 10
        yield store


def test_the_cookbook_has_at_least_ten_questions_each_with_its_own_section() -> None:
    assert len(QUERIES) >= 10
    headings = [heading for heading, _, _ in QUERIES]
    assert len(set(headings)) == len(headings), "one query per section"
    assert all(re.match(r"\d+\. .+", h) for h in headings), headings
    assert {mark for _, mark, _ in QUERIES} <= _MARKS


@pytest.mark.parametrize(("heading", "mark", "query"), QUERIES, ids=[h.split(".")[0] for h, _, _ in QUERIES])
def test_query_answers_on_the_seed_article(seed_store: GraphStore, heading: str, mark: str | None, query: str) -> None:
    result = seed_store.query(query)
    if mark == "may be empty":
        return
    if result.kind == "ask":
        assert result.boolean is (mark != "expect false"), heading
    else:
        assert mark is None, f"{heading}: only an ASK can be marked 'expect false'"
        assert len(result) >= 1, f"{heading}: no answer on the seed article"


@pytest.mark.parametrize(
    ("heading", "query"), [(h, q) for h, _, q in QUERIES], ids=[h.split(".")[0] for h, _, _ in QUERIES]
)
def test_query_declares_its_prefixes(seed_store: GraphStore, heading: str, query: str) -> None:
    # the cookbook promises queries that run on any endpoint, where no prefix is predeclared
    try:
        seed_store.oxigraph.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:  # an undeclared prefix is a syntax error
        pytest.fail(f"{heading}: {exc}")


def test_the_expected_answers_of_the_seed_article(seed_store: GraphStore) -> None:
    by_number = {h.split(".")[0]: q for h, _, q in QUERIES}
    pressures = seed_store.query(by_number["1"]).dicts()
    assert {"who": "Xi Jinping", "whom": "Donald Trump"} in pressures
    negated = seed_store.query(by_number["3"]).dicts()
    assert any(
        r["subject"] == "Donald Trump" and r["relation"] == "providesAidTo" and r["object"] == "Taiwan" for r in negated
    )
    sources = {r["source"] for r in seed_store.query(by_number["6"]).dicts()}
    assert "The Telegraph" in sources


def test_a_block_marker_is_read(tmp_path: Path) -> None:
    page = tmp_path / "cookbook.md"
    page.write_text(
        "## 1. First\n\n```sparql\nASK {}\n```\n\n## 2. Second\n\n<!-- cookbook: may be empty -->\n"
        "```sparql\nSELECT * WHERE { ?s ?p ?o }\n```\n",
        encoding="utf-8",
    )
    assert cookbook_queries(page) == [
        ("1. First", None, "ASK {}\n"),
        ("2. Second", "may be empty", "SELECT * WHERE { ?s ?p ?o }\n"),
    ]


def test_pyoxigraph_reports_an_undeclared_prefix_as_a_syntax_error() -> None:
    # the prefix test above relies on this
    with pytest.raises(SyntaxError):
        ox.Store().query("SELECT ?s WHERE { ?s gkg:pressures ?o }")
