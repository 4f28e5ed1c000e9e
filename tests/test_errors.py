"""The error catalogue: each code defined once, used somewhere, filled right, documented."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

from kg.errors import (
    RANGES,
    ErrorCode,
    Errors,
    InputError,
    KGError,
    StoreError,
    UnexpectedError,
    catalogue,
    catalogue_markdown,
)

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "kg" / "errors.py"
ERROR_CLASSES = {"KGError", "InputError", "StoreError", "UnexpectedError"}
# string constants that look like codes but are not geokg's: spaCy's own error code
FOREIGN_CODES = {("kg/extract/pipeline.py", "E050")}


# where geokg raises its errors: the package, and the maintainer tools that rebuild its data
SOURCE_FOLDERS = ("kg", "ontology/tools", "pipelines/tools")


def _sources() -> dict[str, ast.Module]:
    """Every module of :data:`SOURCE_FOLDERS` but the catalogue, parsed, by path relative to
    the repository."""
    return {
        path.relative_to(ROOT).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for folder in SOURCE_FOLDERS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != CATALOGUE
    }


def _raise_sites() -> list[tuple[str, int, str, ast.Call]]:
    """``Errors.EXXX.error(...)`` calls in :data:`SOURCE_FOLDERS`: path, line, code, call."""
    sites = []
    for path, tree in _sources().items():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "error"
                and isinstance(node.func.value, ast.Attribute)
                and isinstance(node.func.value.value, ast.Name)
                and node.func.value.value.id == "Errors"
            ):
                sites.append((path, node.lineno, node.func.value.attr, node))
    return sites


def test_no_code_is_defined_twice() -> None:
    tree = ast.parse(CATALOGUE.read_text(encoding="utf-8"))
    (body,) = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Errors"]
    names = [
        target.id
        for node in body.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]
    twice = sorted({name for name in names if names.count(name) > 1})
    assert not twice, f"defined more than once in Errors: {twice}"
    assert names == sorted(names), "keep the catalogue in the order of the codes"
    assert set(names) == set(catalogue())


def test_every_code_is_well_formed_and_in_a_range() -> None:
    prefixes = [prefix for prefix, _ in RANGES]
    for code, spec in catalogue().items():
        assert re.fullmatch(r"E\d{3}", code) and spec.code == code
        assert issubclass(spec.kind, KGError) and spec.exit_code == spec.kind.exit_code
        assert code[:2] in prefixes, f"{code} is in no range of RANGES"
        assert spec.template.strip() == spec.template and spec.template, code


def test_every_code_is_raised_somewhere() -> None:
    used = {code for _, _, code, _ in _raise_sites()}
    named = {
        match
        for path in (ROOT / "kg").rglob("*.py")
        if path != CATALOGUE
        for match in re.findall(r"\bErrors\.(E\d{3})\b", path.read_text(encoding="utf-8"))
    }
    unused = sorted(set(catalogue()) - used)
    assert not unused, f"catalogued but never raised: {unused}"
    unknown = sorted(named - set(catalogue()))
    assert not unknown, f"used but not catalogued: {unknown}"


def test_no_code_is_written_inline() -> None:
    inline = []
    for path, tree in _sources().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ERROR_CLASSES:
                inline.append(f"{path}:{node.lineno}: {node.func.id}(...)")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.fullmatch(r"E\d{3}", node.value)
                and (path, node.value) not in FOREIGN_CODES
            ):
                inline.append(f"{path}:{node.lineno}: {node.value!r}")
        text = (ROOT / path).read_text(encoding="utf-8")
        inline += [f"{path}: {match}" for match in re.findall(r"Error\(\s*[\"']E\d{3}", text)]
    assert not inline, "raise through kg.errors.Errors instead:\n" + "\n".join(inline)


def test_every_raise_site_fills_exactly_the_fields_of_its_template() -> None:
    codes = catalogue()
    wrong = []
    for path, line, code, call in _raise_sites():
        if code not in codes:
            wrong.append(f"{path}:{line}: {code} is not catalogued")
            continue
        names = {keyword.arg for keyword in call.keywords}
        if call.args or None in names or names != codes[code].fields:
            wrong.append(
                f"{path}:{line}: {code} takes {sorted(codes[code].fields)}, "
                f"got {sorted(map(str, names))} and {len(call.args)} positional"
            )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("fields", [{}, {"model": "x", "extra": 1}, {"modle": "x"}])
def test_a_missing_or_unknown_field_fails_loudly(fields: dict[str, object]) -> None:
    with pytest.raises(TypeError, match=r"E401 takes the fields \['model'\]"):
        Errors.E401.error(**fields)


@pytest.mark.parametrize(
    ("spec", "fields", "cls", "exit_code", "text"),
    [
        (Errors.E401, {"model": "xx_model"}, KGError, 1, "E401: spaCy model 'xx_model' is not installed"),
        (Errors.E106, {"place": "'b.txt'"}, InputError, 2, "E106: 'b.txt': the article is empty;"),
        (Errors.E107, {"place": "'a.txt'", "max_chars": 2_000_000}, InputError, 2, "longer than 2,000,000 characters"),
        (Errors.E307, {}, StoreError, 3, "E307: this store is closed"),
        (Errors.E380, {}, InputError, 2, "it has no WHERE { … } pattern"),
        (
            Errors.E999,
            {"kind": "ZeroDivisionError", "detail": ZeroDivisionError("division by zero")},
            UnexpectedError,
            70,
            "E999: unexpected ZeroDivisionError: division by zero (run again",
        ),
    ],
)
def test_error_fills_the_template_with_the_class_of_the_code(
    spec: ErrorCode[KGError], fields: dict[str, object], cls: type, exit_code: int, text: str
) -> None:
    error = spec.error(**fields)
    assert type(error) is cls and error.exit_code == exit_code == spec.exit_code
    assert error.code == spec.code and text in str(error)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls and (copy.code, copy.message) == (error.code, error.message)


def test_a_field_of_the_wrong_type_for_its_format_surfaces() -> None:
    with pytest.raises(ValueError):
        Errors.E107.error(place="'a.txt'", max_chars="many")


def test_the_docs_page_is_the_catalogue() -> None:
    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert page == catalogue_markdown(), (
        "docs/errors.md differs from the catalogue; write it again with: python -c "
        "\"from kg.errors import catalogue_markdown; print(catalogue_markdown(), end='')\" "
        "> docs/errors.md"
    )
    assert "(errors.md)" in (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for code in catalogue():
        assert f"| {code} |" in page


def test_no_two_codes_name_the_same_failure() -> None:
    """One failure, one code: two codes with the same message (fields aside) are one."""
    seen: dict[str, str] = {}
    for code, spec in catalogue().items():
        shape = re.sub(r"\{[^}]*\}", "{}", spec.template)
        assert shape not in seen, f"{code} repeats {seen[shape]}: {spec.template}"
        seen[shape] = code
