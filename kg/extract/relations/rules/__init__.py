"""The registry of relation rules: a name in ``pipelines/geokg.cfg`` → a generator of relations.

A rule is a generator of :class:`~kg.extract.extensions.Relation`. A *trigger* rule is called
for every trigger of a sentence, in token order, as ``rule(ctx, trigger)``; a *sentence* rule
once per sentence, after the trigger rules, as ``rule(ctx)``. To add a family of rules, write a
module here that registers its generator with :func:`rule` and import it below, then name it
in the ``rules`` setting of the ``kg_relations`` component.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from kg.errors import Errors
from kg.extract.extensions import Relation

__all__ = ["RULES", "Rule", "get_rule", "rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its name, whether it runs per trigger or per sentence, its generator."""

    name: str
    per: Literal["trigger", "sentence"]
    func: Callable[..., Iterator[Relation]]


RULES: dict[str, Rule] = {}


def rule(name: str, per: Literal["trigger", "sentence"]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated generator as the rule ``name``."""

    def register(func: Callable[..., Iterator[Relation]]) -> Callable[..., Iterator[Relation]]:
        RULES[name] = Rule(name, per, func)
        return func

    return register


def get_rule(name: str) -> Rule:
    """The rule registered as ``name``."""
    if name not in RULES:
        raise Errors.E403.error(name=name, rules=", ".join(sorted(RULES)))
    return RULES[name]


# the rule families; importing them registers them (last: they import the registry above)
from kg.extract.relations.rules import (  # noqa: E402, F401
    collective,
    membership,
    noun,
    received,
    shared_titles,
    surface,
    titles,
    verb,
)
