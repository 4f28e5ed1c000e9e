"""Import layers: the typed records know nothing of the RDF side."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kg

KG = Path(kg.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("types.py", ("kg.rdf", "kg.vocab", "kg.store", "rdflib", "pyoxigraph")),
        ("terms.py", ("kg.", "rdflib")),  # the bottom of the vocabulary, for the query path
        ("vocab.py", ("kg.rdf.iris", "kg.rdf.convert", "kg.types")),
    ],
)
def test_module_does_not_import(module: str, forbidden: tuple[str, ...]) -> None:
    imported = _imported_modules(KG / module)
    assert not [name for name in imported if name.startswith(forbidden)]


def test_namespaces_build_on_the_plain_terms_only() -> None:
    imported = _imported_modules(KG / "namespaces.py")
    assert sorted(name for name in imported if name.startswith("kg")) == ["kg.terms"]


def test_the_ast_scan_sees_lazy_imports(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from kg.rdf.iris import actor_iri\n    import kg.vocab\n")
    assert _imported_modules(source) == {"kg.rdf.iris", "kg.vocab"}
