"""The public API of ``kg``: five names and ``__version__``, loaded on first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg

REPO = Path(__file__).resolve().parents[1]


def test_import_kg_loads_neither_spacy_nor_pyoxigraph() -> None:
    code = (
        "import sys, kg; kg.__version__; kg.Article; kg.Statement\n"
        "print(sorted(m for m in ('spacy', 'pyoxigraph', 'rdflib') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("name", "module", "qualname"),
    [
        ("Extractor", "kg.extract.pipeline", "Extractor"),
        ("Article", "kg.types", "Article"),
        ("Statement", "kg.types", "Statement"),
        ("open_store", "kg.store", "open_store"),
        ("build", "kg.builder", "build_store"),
    ],
)
def test_public_names_are_the_library_objects(name: str, module: str, qualname: str) -> None:
    value = getattr(kg, name)
    assert (value.__module__, value.__qualname__) == (module, qualname)
    assert value is getattr(sys.modules[module], qualname)


def test_all_lists_exactly_the_public_names() -> None:
    assert sorted(kg.__all__) == ["Article", "Extractor", "Statement", "__version__", "build", "open_store"]
    assert set(kg.__all__) <= set(dir(kg))


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'extractor'"):
        kg.extractor  # noqa: B018  (the attribute access is the test)


def test_version_is_the_package_version() -> None:
    assert kg.__version__.count(".") == 2
    assert 'path = "kg/_version.py"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_the_package_is_marked_typed() -> None:
    assert (Path(kg.__file__).parent / "py.typed").is_file()
