"""Does a SPARQL text make the server fetch a URL? (``SERVICE`` calls and ``LOAD`` updates)

Federated queries (``SERVICE <url> { … }``) make the store send a request to any address the
query names and put the reply, or the error it caused, into the answer: from a server, that is
a request forgery. geokg runs them only when asked (``kg query --allow-federation``,
``kg serve --allow-federation``, ``store.query(…, federation=True)``).

The check reads the text with the one SPARQL lexer of geokg (:func:`kg.store.sparql_text.tokens`),
so the keywords count only outside strings, IRIs and comments, after undoing ``\\uXXXX``
escapes as SPARQL parsers do before they read the text.

>>> remote_call("SELECT * WHERE { service <http://127.0.0.1:9/> { ?s ?p ?o } }")
'SERVICE'
>>> remote_call('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE in a comment') is None
True
"""

from __future__ import annotations

import re

from kg.store.sparql_text import tokens

__all__ = ["remote_call", "unescape_codepoints"]

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FETCHING = frozenset({"SERVICE", "LOAD"})


def unescape_codepoints(text: str) -> str:
    """``text`` with the SPARQL codepoint escapes ``\\uXXXX`` and ``\\UXXXXXXXX`` replaced.

    >>> unescape_codepoints("SERVI\\\\u0043E")
    'SERVICE'
    """

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, text)


def remote_call(sparql: str) -> str | None:
    """``"SERVICE"`` or ``"LOAD"`` when the query or update fetches a URL; None when it does not."""
    for token in tokens(unescape_codepoints(sparql)):
        if token.kind == "word" and token.text.upper() in _FETCHING:
            return token.text.upper()
    return None
