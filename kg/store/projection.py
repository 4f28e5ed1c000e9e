"""Let bound variables of a SELECT query be bound even when the query does not select them.

pyoxigraph substitutes a variable of a SELECT query only when the SELECT clause lists it
(``SELECT ?s WHERE { ?s rdfs:label ?label }`` cannot take a value for ``?label``).
:func:`project_variables` adds such variables to the top-level SELECT clause, so that the
store can bind them and then drop their columns again. Only variable *names* (checked to be
plain SPARQL names) are written into the query; values still go through substitutions.

The scan understands comments, IRIs, strings and parentheses up to the end of the SELECT
clause, which is all it needs: subqueries sit inside braces, after the clause.
"""
from __future__ import annotations

import re

__all__ = ["mentions_variable", "project_variables", "selected_variables"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_VARIABLE = re.compile(r"[?$]([A-Za-z_0-9][A-Za-z0-9_]*)")


def _select_clause(query: str) -> tuple[int, int, int] | None:
    """``(clause_start, projection_start, projection_end)`` of the top-level SELECT, or None.

    None for ASK, CONSTRUCT and DESCRIBE queries and for text this scan cannot follow.
    """
    i, n = 0, len(query)
    select_at = projection_at = -1
    depth = 0
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif char == "<" and (match := _IRI.match(query, i)):
            i = match.end()
        elif char in "'\"" and (match := _STRING.match(query, i)):
            i = match.end()
        elif char == "(":
            depth += 1
            i += 1
        elif char == ")":
            depth -= 1
            i += 1
        elif char == "{":
            return (select_at, projection_at, i) if select_at >= 0 else None
        elif match := _WORD.match(query, i):
            word = match.group().upper()
            if select_at < 0:
                if word == "SELECT":
                    select_at, projection_at = i, match.end()
                elif word in ("ASK", "CONSTRUCT", "DESCRIBE"):
                    return None
            elif depth == 0 and word in ("WHERE", "FROM"):
                return select_at, projection_at, i
            i = match.end()
        else:
            i += 1
    return None


def selected_variables(query: str) -> set[str] | None:
    """Names the top-level SELECT clause lists (``{"*"}`` for ``SELECT *``); None if not a SELECT.

    >>> sorted(selected_variables("SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s"))
    ['n', 's']
    """
    clause = _select_clause(query)
    if clause is None:
        return None
    _, start, end = clause
    projection = query[start:end]
    if re.match(r"\s*(DISTINCT|REDUCED)?\s*\*", projection, re.IGNORECASE):
        return {"*"}
    names = set()
    depth = 0
    for token in re.finditer(r"\(|\)|AS\s+[?$]\w+|[?$]\w+", projection, re.IGNORECASE):
        text = token.group()
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text[0] in "?$" and depth == 0:
            names.add(text[1:])
        elif text[0] not in "?$":  # AS ?name
            names.add(text.split()[-1][1:])
    return names


def mentions_variable(query: str, name: str) -> bool:
    """True when ``?name`` or ``$name`` occurs in the query (outside strings and IRIs)."""
    stripped = _IRI.sub(" ", _STRING.sub(" ", query))
    return any(m.group(1) == name for m in _VARIABLE.finditer(stripped))


def project_variables(query: str, names: list[str]) -> tuple[str, list[str]]:
    """``query`` with the variables ``names`` added to its SELECT clause where missing.

    Returns the new text and the names that were added (empty when nothing changed: not a
    SELECT, ``SELECT *``, or all already selected).

    >>> project_variables("SELECT ?s WHERE { ?s rdfs:label ?label }", ["label"])
    ('SELECT ?s ?label WHERE { ?s rdfs:label ?label }', ['label'])
    """
    for name in names:
        if not _NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a plain SPARQL variable name")
    clause = _select_clause(query)
    selected = selected_variables(query)
    if clause is None or selected is None or "*" in selected:
        return query, []
    missing = [name for name in names if name not in selected]
    if not missing:
        return query, []
    end = clause[2]
    head = query[:end].rstrip()
    addition = "".join(f" ?{name}" for name in missing)
    return f"{head}{addition} {query[end:]}", missing
