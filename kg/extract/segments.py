"""Long articles are read in segments of bounded size.

spaCy's parser and geokg's rules work sentence by sentence, but their memory grows with the
document, and a text with no sentence punctuation is one very long "sentence". An article
longer than :data:`SEGMENT_CHARS` is therefore cut into segments, each read as its own
``Doc``: at the last paragraph break that fits, else at the last sentence end, else at the
last white space, else (a run of letters longer than a segment) where the limit falls.
Statements keep offsets into the whole article. Nothing is lost but relations that would
span a cut, and news articles are far shorter than a segment (the longest of the seed and
development articles has 29,450 characters).
"""

from __future__ import annotations

import re

__all__ = ["SEGMENT_CHARS", "segments"]

SEGMENT_CHARS = 50_000

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def _cut(window: str) -> int:
    """Where to end a segment that begins ``window``: the best break in its second half."""
    floor = len(window) // 2
    for breaker in ("\n\n", "\n"):
        at = window.rfind(breaker, floor)
        if at >= 0:
            return at + len(breaker)
    ends = [m.end() for m in _SENTENCE_END.finditer(window, floor)]
    if ends:
        return ends[-1]
    at = max(window.rfind(" ", floor), window.rfind("\t", floor))
    return at + 1 if at >= 0 else len(window)


def segments(text: str, limit: int = SEGMENT_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of consecutive segments of ``text``, none longer than ``limit``.

    >>> segments("short text")
    [(0, 10)]
    >>> text = "First para.\\n\\nSecond one. It goes on.\\n\\nThird."
    >>> [text[s:e] for s, e in segments(text, limit=40)]
    ['First para.\\n\\nSecond one. It goes on.\\n\\n', 'Third.']
    >>> [text[s:e] for s, e in segments(text, limit=30)]  # no paragraph break late enough
    ['First para.\\n\\nSecond one. ', 'It goes on.\\n\\nThird.']
    >>> [e - s for s, e in segments("x" * 25, limit=10)]
    [10, 10, 5]
    """
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = start + _cut(text[start : start + limit])
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out
