"""Turning the inputs a user names into the files to read, in a stable order.

An input is one of:

* ``-``: standard input;
* an existing file: read as ``.txt`` or ``.jsonl`` by its extension (any letter case);
  other extensions are an error (E103);
* an existing folder: its ``.txt`` and ``.jsonl`` files, **recursively**; within each folder
  the files come first, in name order, then the subfolders, in name order. Hidden files and
  folders (names starting with ``.``) and symbolic links to folders are skipped; files of
  other types are ignored. A folder without any article file is an error (E101);
* a glob pattern (``seeds/*.txt``, ``corpus/**/*.txt``, with ``**`` crossing folders) that the
  shell did not expand: its matching ``.txt`` and ``.jsonl`` files, sorted by path; matched
  folders and other files are ignored; no match is an error (E102).

A path that exists is never treated as a pattern, so a file named ``report[1].txt`` works.
Each source also carries its ``name``: the file's path relative to the input that named it
(the folder, or the fixed folder part of a pattern; a file named directly is its own file
name). Readers record that name as the article source, so that where the files lie on this
machine never reaches the graph.
Everything is lazy: a folder is walked, and an error raised, only when the reader gets there.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from kg.errors import Errors
from kg.ingest import codes

__all__ = ["ARTICLE_SUFFIXES", "STDIN", "Source", "expand_input", "kind_of"]

STDIN = "-"
ARTICLE_SUFFIXES: dict[str, Literal["txt", "jsonl"]] = {".txt": "txt", ".jsonl": "jsonl"}

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to read: a text file, a JSON Lines file, or standard input."""

    kind: Literal["txt", "jsonl", "stdin"]
    path: str
    name: str = ""  # the path relative to the input that named it (see the module docstring)


def kind_of(path: str) -> Literal["txt", "jsonl"] | None:
    """The reader for a file name, or None when it is not an article file.

    >>> kind_of("corpus/A.TXT"), kind_of("x.jsonl"), kind_of("INDEX.tsv")
    ('txt', 'jsonl', None)
    """
    return ARTICLE_SUFFIXES.get(os.path.splitext(path)[1].lower())


def _walk(folder: str) -> Iterator[Source]:
    def on_error(exc: OSError) -> None:
        raise Errors.E132.error(place=codes.where(exc.filename or folder), reason=exc.strerror or exc)

    for top, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            kind = kind_of(name)
            if kind is not None and not name.startswith("."):
                path = os.path.join(top, name)
                yield Source(kind, path, _relative(path, folder))


def _relative(path: str, base: str) -> str:
    """``path`` relative to the folder ``base``, with ``/`` separators."""
    return os.path.relpath(path, base).replace(os.sep, "/")


def _fixed_folder(pattern: str) -> str:
    """The folder part of a pattern before its first wildcard.

    >>> _fixed_folder("corpus/**/*.txt"), _fixed_folder("*.jsonl")
    ('corpus', '.')
    """
    head: list[str] = []
    for part in pattern.replace(os.sep, "/").split("/"):
        if _GLOB_CHARS & set(part):
            break
        head.append(part)
    return "/".join(head) or "."


def expand_input(spec: str) -> Iterator[Source]:
    """The sources named by one input, lazily and in a stable order (see the module docstring).

    Raises
    ------
    kg.errors.InputError
        E100 (no such path), E101 (folder without articles), E102 (pattern without matches),
        E103 (file of another type).
    """
    if spec == STDIN:
        yield Source("stdin", STDIN, "<stdin>")
        return
    place = codes.where(spec)
    if os.path.isdir(spec):
        found = False
        for source in _walk(spec):
            found = True
            yield source
        if not found:
            raise Errors.E101.error(place=place)
        return
    if os.path.exists(spec):
        kind = kind_of(spec)
        if kind is None:
            raise Errors.E103.error(place=place)
        yield Source(kind, spec, os.path.basename(spec))
        return
    if _GLOB_CHARS & set(spec):
        matches: list[Source] = []
        base = _fixed_folder(spec)
        for path in glob.iglob(spec, recursive=True):
            found_kind = kind_of(path)
            if found_kind is not None and os.path.isfile(path):
                matches.append(Source(found_kind, path, _relative(path, base)))
        matches.sort(key=lambda source: source.path)
        if not matches:
            raise Errors.E102.error(place=place)
        yield from matches
        return
    raise Errors.E100.error(place=place)
