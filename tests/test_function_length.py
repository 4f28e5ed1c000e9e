"""Every function of kg/ fits on a screen: at most 60 lines of code, or a written reason.

Lines of code are the lines of a function that are neither blank nor only a comment, without
its docstring. A function that is longer on purpose (a table, say) carries the reason in a
comment on its ``def`` line, on the line just above it, or above its decorators::

    # long-function: one branch per output format, in the order of the docs
    def render(...):
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kg

KG = Path(kg.__file__).parent
MAX_LINES = 60
MARKER = "# long-function:"


def _code_lines(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    docstring: range = range(0)
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        docstring = range(first.lineno, (first.end_lineno or first.lineno) + 1)
    count = 0
    for number in range(node.lineno, (node.end_lineno or node.lineno) + 1):
        text = lines[number - 1].strip()
        if number not in docstring and text and not text.startswith("#"):
            count += 1
    return count


def _has_reason(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    top = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    candidates = [lines[number - 1] for number in {node.lineno, node.lineno - 1, top - 1} if number >= 1]
    return any(MARKER in line and line.split(MARKER, 1)[1].strip() for line in candidates)


def long_functions(source: str, name: str = "<source>") -> list[str]:
    """``name:line function (n lines)`` for each function over the limit without a reason."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            n = _code_lines(lines, node)
            if n > MAX_LINES and not _has_reason(lines, node):
                found.append(f"{name}:{node.lineno} {node.name} ({n} lines)")
    return found


def _function(n_statements: int, *, above: str = "", docstring_lines: int = 0, comments: int = 0) -> str:
    body = ['    """' + "\n" * docstring_lines + '    """'] if docstring_lines else []
    body += ["    # a comment"] * comments + [""] * 3
    body += [f"    x{i} = {i}" for i in range(n_statements)]
    return (above + "\n" if above else "") + "def f():\n" + "\n".join(body) + "\n"


@pytest.mark.parametrize(
    ("source", "too_long"),
    [
        (_function(59), False),  # 60 lines with the def line
        (_function(60), True),
        (_function(59, docstring_lines=20, comments=20), False),  # docstring, comments, blanks
        (_function(80, above="# long-function: a table of cases, one line each"), False),
        (_function(80, above="# long-function:"), True),  # a marker without a reason
        (_function(80, above="@decorator\n# long-function: between the decorators and the def"), False),
        (_function(80, above="# long-function: two lines above\n\n@decorator"), True),
        (_function(80, above="# long-function: above the decorators\n@decorator"), False),
        ("class C:\n    async " + _function(70).replace("\n", "\n    "), True),
    ],
)
def test_the_length_check(source: str, too_long: bool) -> None:
    assert bool(long_functions(source)) is too_long


def test_no_function_of_kg_is_too_long_without_a_reason() -> None:
    found = [
        problem
        for path in sorted(KG.rglob("*.py"))
        for problem in long_functions(path.read_text(encoding="utf-8"), str(path.relative_to(KG)))
    ]
    assert not found, "split these functions, or say why not after '# long-function:':\n" + "\n".join(found)
