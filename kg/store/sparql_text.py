"""Reading SPARQL query text: its form, SELECT clause, top-level pattern and variables.

Both stores rewrite query text a little before running it: :class:`~kg.store.GraphStore`
adds bound variables to the SELECT clause (pyoxigraph substitutes only selected variables)
and :class:`~kg.store.RemoteStore` joins a ``VALUES`` block to the top-level WHERE group.
Both need *where* things are in the text, which no parser at hand gives (Oxigraph's parser
keeps no offsets; rdflib's cannot read Oxigraph's ``LATERAL`` and costs 15-35 ms per query),
so one small lexer (:func:`tokens`) reads comments, IRIs, strings, variables and words, and
:func:`outline` finds the parts in one pass over its tokens.

What the query *means* comes from Oxigraph's parser where it can: the variables a SELECT
projects (:func:`selected_variables`) are those of the parsed query whenever the text parses
with the geokg prefixes (about 0.1-0.4 ms; evaluation is lazy, so nothing is read); text it
cannot parse (another server's dialect) falls back to the lexer.

>>> outline("PREFIX ex: <http://e.org/#> select ?s { ?s ?p 'a {' }").form
'SELECT'
>>> sorted(selected_variables("SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s"))
['n', 's']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

import pyoxigraph as ox

from kg.terms import PREFIXES

__all__ = [
    "Outline",
    "Token",
    "is_update",
    "mentions_variable",
    "outline",
    "project_variables",
    "query_form",
    "selected_variables",
    "tokens",
    "where_group",
]

TokenKind = Literal["iri", "string", "var", "word", "number", "punct"]
QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

_FORMS: dict[str, QueryForm] = {"SELECT": "SELECT", "ASK": "ASK", "CONSTRUCT": "CONSTRUCT", "DESCRIBE": "DESCRIBE"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*(?:\"\"\"|$)"
    r"|'(?:[^'\\\n]|\\.)*(?:'|$)|\"(?:[^\"\\\n]|\\.)*(?:\"|$)",
    re.DOTALL,
)
_VAR = re.compile(r"[?$]([A-Za-z0-9_]+)")
# keywords, prefixed names (ex:a.b, :x, _:b1) and the "a" of a triple; a final dot ends a triple
_WORD = re.compile(r"[A-Za-z_][\w-]*(?::(?:[\w\-.]*[\w-])?)?|:(?:[\w\-.]*[\w-])?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


class Token(NamedTuple):
    """One lexical unit of a query: its kind, text and offsets."""

    kind: TokenKind
    text: str
    start: int
    end: int


def tokens(query: str) -> Iterator[Token]:
    """The tokens of ``query``; whitespace and ``#`` comments are skipped.

    >>> [t.text for t in tokens('SELECT ?s # ?hidden\\n{ ?s ex:p "# {" }')]
    ['SELECT', '?s', '{', '?s', 'ex:p', '"# {"', '}']
    """
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
            continue
        if char == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        kind: TokenKind = "punct"
        end = i + 1
        if char == "<" and (match := _IRI.match(query, i)):
            kind, end = "iri", match.end()
        elif char in "'\"" and (match := _STRING.match(query, i)):
            kind, end = "string", match.end()
        elif char in "?$" and (match := _VAR.match(query, i)):
            kind, end = "var", match.end()
        elif match := _WORD.match(query, i):
            kind, end = "word", match.end()
        elif match := _NUMBER.match(query, i):
            kind, end = "number", match.end()
        yield Token(kind, query[i:end], i, end)
        i = end


@dataclass(frozen=True, slots=True)
class Outline:
    """Where the parts of a query are.

    ``form`` is None for text without a query form (an update, or not SPARQL);
    ``projection`` the ``(start, end)`` of the top-level SELECT clause from after the keyword
    to the end of its last token (None when not a SELECT); ``star`` tells ``SELECT *``; ``groups``
    the offsets of the braces of each top-level group; ``short_construct`` the ``CONSTRUCT WHERE { … }`` form.
    """

    form: QueryForm | None
    projection: tuple[int, int] | None
    star: bool
    groups: tuple[tuple[int, int], ...]
    short_construct: bool


def outline(query: str) -> Outline:
    """One pass over the tokens of ``query``: its form, SELECT clause and top-level groups."""
    form: QueryForm | None = None
    braces = parens = 0
    opened = -1
    groups: list[tuple[int, int]] = []
    clause_start = clause_end = -1
    clause_last = -1  # end of the last token of the SELECT clause
    star = short_construct = False
    first_in_clause = False
    last_word = ""
    for token in tokens(query):
        text = token.text
        top = braces == 0 and parens == 0
        if clause_start >= 0 and clause_end < 0:
            upper = text.upper()
            if top and (text == "{" or upper in ("WHERE", "FROM")):
                clause_end = clause_last
            else:
                clause_last = token.end
                if first_in_clause and upper not in ("DISTINCT", "REDUCED"):
                    star, first_in_clause = text == "*", False
        if token.kind == "punct":
            if text == "(":
                parens += 1
            elif text == ")":
                parens -= 1
            elif text == "{":
                opened = token.start if top else opened
                braces += 1
                last_word = "{"
            elif text == "}":
                braces -= 1
                if braces == 0 and parens == 0 and opened >= 0:
                    groups.append((opened, token.start))
                    opened = -1
        elif token.kind == "word" and top:
            upper = text.upper()
            if form is None and upper in _FORMS:
                form = _FORMS[upper]
                if upper == "SELECT":
                    clause_start = clause_last = token.end
                    first_in_clause = True
            elif upper == "WHERE" and form == "CONSTRUCT" and last_word == "CONSTRUCT":
                short_construct = True
            last_word = upper
    projection = (clause_start, clause_end) if clause_start >= 0 and clause_end >= 0 else None
    return Outline(form, projection, star, tuple(groups), short_construct)


def query_form(query: str) -> QueryForm | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (in capitals), or None.

    >>> query_form("prefix ex: <http://e.org/> ask { ?s ex:select ?o }")
    'ASK'
    """
    return outline(query).form


_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


def is_update(query: str) -> bool:
    """True when ``query`` is a SPARQL Update (its first keyword after the prologue).

    >>> is_update("PREFIX ex: <http://e.org/>  insert data { ex:a ex:b ex:c }")
    True
    >>> is_update("SELECT * WHERE { ?s ?p ?o }  # delete nothing")
    False
    """
    for token in tokens(query):
        if token.kind == "word" and token.text.upper() not in ("PREFIX", "BASE") and not token.text.endswith(":"):
            return token.text.upper() in _UPDATES
    return False


def mentions_variable(query: str, name: str) -> bool:
    """True when ``?name`` or ``$name`` occurs in the query (outside strings, IRIs, comments)."""
    return any(t.kind == "var" and t.text[1:] == name for t in tokens(query))


def selected_variables(query: str, *, parse: bool = True) -> set[str] | None:
    """Names the top-level SELECT clause lists (``{"*"}`` for ``SELECT *``); None if not a SELECT.

    With ``parse`` the names come from Oxigraph's parser when the text parses; otherwise (or
    when it does not) from the tokens of the clause.
    """
    shape = outline(query)
    if shape.form != "SELECT" or shape.projection is None:
        return None
    if shape.star:
        return {"*"}
    parsed = _parsed_variables(query) if parse else None
    if parsed is not None:
        return parsed
    start, end = shape.projection
    names: set[str] = set()
    depth = 0
    after_as = False
    for token in tokens(query[start:end]):
        if token.text in ("(", ")"):
            depth += 1 if token.text == "(" else -1
        elif token.kind == "var" and (depth == 0 or after_as):
            names.add(token.text[1:])
        after_as = token.kind == "word" and token.text.upper() == "AS"
    return names


def _parsed_variables(query: str) -> set[str] | None:
    """The projected variables of a SELECT as Oxigraph parses it, or None when it does not."""
    try:  # an empty store: the query is parsed and planned, and evaluation is lazy
        result = ox.Store().query(query, prefixes=PREFIXES)
    except (SyntaxError, ValueError, OSError):
        return None
    if not isinstance(result, ox.QuerySolutions):
        return None
    return {variable.value for variable in result.variables}


def project_variables(query: str, names: list[str]) -> tuple[str, list[str]]:
    """``query`` with the variables ``names`` added to its SELECT clause where missing.

    Returns the new text and the names that were added (empty when nothing changed: not a
    SELECT, ``SELECT *``, or all already selected). Only names checked to be plain SPARQL
    names are written.

    >>> project_variables("SELECT ?s WHERE { ?s rdfs:label ?label }", ["label"])
    ('SELECT ?s ?label WHERE { ?s rdfs:label ?label }', ['label'])
    """
    for name in names:
        if not _NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a plain SPARQL variable name")
    projection = outline(query).projection
    selected = selected_variables(query)
    if projection is None or selected is None or "*" in selected:
        return query, []
    missing = [name for name in names if name not in selected]
    if not missing:
        return query, []
    end = projection[1]
    addition = "".join(f" ?{name}" for name in missing)
    return f"{query[:end]}{addition}{query[end:]}", missing


def where_group(query: str) -> tuple[int, int, bool] | None:
    """``(open, close, is_subselect)``: offsets of the braces of the query's WHERE group.

    ``is_subselect`` tells a group that holds only a subquery. None when the query has no
    such group (``CONSTRUCT WHERE`` short form, ``DESCRIBE`` without a pattern, no form).

    >>> where_group("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    (29, 40, False)
    """
    shape = outline(query)
    wanted = 1 if shape.form == "CONSTRUCT" else 0
    if shape.form is None or shape.short_construct or len(shape.groups) <= wanted:
        return None
    start, end = shape.groups[wanted]
    first = next(tokens(query[start + 1 : end]), None)
    return start, end, first is not None and first.text.upper() == "SELECT"
