"""Shared, loaded-once resources of the spaCy components (knowledge base, lexicon)."""

from __future__ import annotations

from functools import cache

from kg.actors.kb import KnowledgeBase, load_kb

__all__ = ["get_kb"]


@cache
def get_kb(extra: tuple[str, ...] = (), bundled: bool = True) -> KnowledgeBase:
    """The knowledge base for a component configuration, shared by all components of a process.

    ``bundled=False`` loads only the ``extra`` files (tests use it with small fixtures).
    """
    return load_kb(extra) if bundled else load_kb(base=list(extra))
