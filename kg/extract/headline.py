"""Title-case headlines → sentence case, keeping every character offset.

The small English model reads "Xi Pressures Trump To Oppose Taiwan Independence" as a string
of proper nouns. Before parsing, geokg lower-cases the ordinary words of such lines
("Xi pressures Trump to oppose Taiwan independence"), keeping the case of names the actor
knowledge base knows and of acronyms. Only ASCII letters change case, so the text keeps its
length and every offset in the parsed text is an offset in the original.
"""

from __future__ import annotations

import re
from collections.abc import Collection

__all__ = ["is_title_case", "sentence_case_headlines"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_SMALL = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "as", "vs", "vs."}


def is_title_case(line: str) -> bool:
    """True for a headline-like line whose words are mostly capitalised.

    >>> is_title_case("Xi Pressures Trump To Oppose Taiwan Independence")
    True
    >>> is_title_case("Xi met Trump in Busan on Thursday.")
    False
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 200 or stripped[-1] in ".;:":
        return False
    words = [w for w in _WORD.findall(stripped) if w.lower() not in _SMALL]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.8


def sentence_case_headlines(text: str, keep: Collection[str], common: Collection[str] = ()) -> str:
    """Lower-case ordinary words of title-case lines; same length as ``text``.

    ``keep`` holds words whose case matters (tokens of known actor names). A word is
    lower-cased when it is a small function word, is in ``common`` (for example trigger
    verbs), or appears in lower case elsewhere in the text; other capitalised words are
    probably names and keep their case ("Zelenskyy Meets Erdogan" keeps both names).

    >>> sentence_case_headlines("Xi Pressures Trump To Oppose Taiwan Independence\\n\\nBody.",
    ...                         {"Xi", "Trump", "Taiwan"}, {"pressures", "oppose", "independence"})
    'Xi pressures Trump to oppose Taiwan independence\\n\\nBody.'
    """
    lines = text.split("\n")
    body_words = {w for line in lines if not is_title_case(line) for w in _WORD.findall(line) if w.islower()}
    ordinary = body_words | set(common) | _SMALL
    out: list[str] = []
    for line in lines:
        if is_title_case(line):
            first = True

            def fix(match: re.Match[str]) -> str:
                nonlocal first
                word = match.group(0)
                was_first, first = first, False
                if was_first or word in keep or word.isupper() or not word.isascii():
                    return word
                if word.lower() not in ordinary:
                    return word
                return word[0].lower() + word[1:]

            line = _WORD.sub(fix, line)
        out.append(line)
    result = "\n".join(out)
    assert len(result) == len(text)
    return result
