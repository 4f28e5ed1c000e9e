"""How the messages of the input readers name a place.

Every error raised while reading input is a :class:`kg.errors.InputError` with a one-line
message that names the file (and line, for JSON Lines) and says what to do. Its code, one of
the range E100–E149, and its message are defined in the catalogue :class:`kg.errors.Errors`
(listed in ``docs/errors.md``).
"""

from __future__ import annotations

from os import PathLike

__all__ = ["where"]


def where(path: str | PathLike[str], line: int | None = None) -> str:
    """The place an error message starts with: ``'a.jsonl', line 3`` or ``'a.txt'``.

    The path is quoted with :func:`repr` so that odd file names stay on one line.

    >>> where("corpus/a.jsonl", 3)
    "'corpus/a.jsonl', line 3"
    """
    place = repr(str(path))
    return place if line is None else f"{place}, line {line}"
