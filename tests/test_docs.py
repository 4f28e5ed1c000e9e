"""The documentation: links that resolve, the predicate table of the RDF model, no pointer
from the code to documents that users do not have."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from kg.vocab import PREDICATES

REPO = Path(__file__).resolve().parents[1]
PAGES = sorted([REPO / "README.md", *(REPO / "docs").glob("*.md")])
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_CODE_BLOCK = re.compile(r"^```.*?^```", re.S | re.M)


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces → hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = _CODE_BLOCK.sub("", page.read_text(encoding="utf-8"))
    return {_anchor(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.M)}


def _links(page: Path) -> list[str]:
    text = _CODE_BLOCK.sub("", page.read_text(encoding="utf-8"))
    return [m.group(1) for m in _LINK.finditer(text) if not m.group(1).startswith(("http://", "https://", "mailto:"))]


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("How confidence is computed", "how-confidence-is-computed"),
        ("Statements: reification with a node per reading", "statements-reification-with-a-node-per-reading"),
        ("`kg_relations`: who did what to whom", "kg_relations-who-did-what-to-whom"),
        ("How the component is built, and adding a rule family", "how-the-component-is-built-and-adding-a-rule-family"),
    ],
)
def test_anchor_of_a_heading(heading: str, anchor: str) -> None:
    assert _anchor(heading) == anchor


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for link in _links(page):
        target, _, fragment = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        if not path.exists():
            broken.append(link)
        elif fragment and path.suffix == ".md" and fragment not in _anchors(path):
            broken.append(link)
    assert not broken, f"{page.name}: broken links {broken}"


def test_the_new_pages_are_linked_from_the_docs_index() -> None:
    index = (REPO / "docs" / "README.md").read_text(encoding="utf-8")
    for name in ("architecture.md", "statements.md", "known-limits.md", "rdf-model.md"):
        assert f"]({name})" in index


def test_rdf_model_lists_every_event_predicate_with_its_coding() -> None:
    text = (REPO / "docs" / "rdf-model.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `gkg:(\w+)` \| (\w+) \| (\d\d) \| (\d) \| (yes|) \|$", text, re.M)
    documented = {name: (plover, cameo, int(quad), symmetric == "yes") for name, plover, cameo, quad, symmetric in rows}
    expected = {
        p.name: (p.plover, p.cameo, p.quad_class, p.symmetric) for p in PREDICATES.values() if p.plover is not None
    }
    assert documented == expected


_PRIVATE_DOCUMENTS = re.compile(r"\b(ONTOLOGY|STATEMENTS|PITFALLS|STYLE)\.md\b")


def _docstrings_and_comments(source: str) -> list[tuple[int, str]]:
    found = [
        (tok.start[0], tok.string)
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc is not None:
                found.append((node.body[0].lineno, doc))
    return found


def test_docstring_and_comment_scan() -> None:
    source = '"""See ONTOLOGY.md."""\n# STATEMENTS.md\ndef f():\n    """Fine."""\n    return "PITFALLS.md"\n'
    hits = sorted(line for line, text in _docstrings_and_comments(source) if _PRIVATE_DOCUMENTS.search(text))
    assert hits == [1, 2]  # the string returned by f() is not documentation


def test_code_documentation_points_to_documents_in_the_repository() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path in sorted((REPO / "kg").rglob("*.py"))
        for line, text in _docstrings_and_comments(path.read_text(encoding="utf-8"))
        if _PRIVATE_DOCUMENTS.search(text)
    ]
    assert not found, "point these to docs/ instead: " + ", ".join(found)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    command = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"\n    {command}\n" in readme
    for check in ("ruff check", "ruff format --check", "mypy", "lint-imports", "pytest"):
        assert check in command
