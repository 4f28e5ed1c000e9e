"""Command-line values without pydantic: the command class of every ``kg`` command.

typer (0.2x) converts every value of the command line through a pydantic ``TypeAdapter`` it
builds for each parameter of the command that runs, even for a plain text option, so
``kg query`` would spend a third of its start-up importing pydantic. :class:`Command` gives
its text parameters (``str`` and ``list[str]``, as typer would convert them: the text itself)
a plain conversion, and defers typer's own conversion of every other parameter to the moment
a value arrives (a ``--file`` that is not given never loads pydantic). Values, errors and help
stay exactly typer's.

This relies on how typer converts values (``typer._coercion``, the ``_runtime_param`` of
each parameter); with a typer that converts them differently, :class:`Command` changes
nothing and typer converts as it always does.
"""

from __future__ import annotations

import importlib
from typing import Any

from typer.core import TyperCommand, TyperGroup

__all__ = ["Command", "Group"]


def _typer_coercion() -> Any:
    """typer's module of value conversions, or None for a typer without one."""
    try:
        return importlib.import_module("typer._coercion")
    except ImportError:
        return None


_COERCION = _typer_coercion()
#: typer's conversion of one parameter, when this typer converts values the expected way
RuntimeParam: Any = getattr(_COERCION, "RuntimeParam", None) if hasattr(_COERCION, "build_runtime_param") else None

if RuntimeParam is not None:

    class _Deferred(RuntimeParam):
        """typer's own conversion of a value, built when a value first needs it."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            converter = _COERCION.build_runtime_param(param.type_descriptor)
            param._runtime_param = converter
            return converter.coerce(value, param=param, ctx=ctx)

    class _Text(_Deferred):
        """A ``str`` or ``list[str]`` parameter: text comes through as it is (typer's adapter
        does no more to it); any other value goes to typer's own conversion."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            is_list = getattr(self.annotation, "__origin__", None) is list
            if is_list and isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
                return list(value)
            if not is_list and isinstance(value, str):
                return value
            return super()._coerce_value(value, param, ctx)


def _is_text(annotation: Any, info: Any) -> bool:
    """True for ``str`` and ``list[str]`` without a custom parser (typer's adapter is then
    ``str`` of the value, item by item for a list)."""
    if getattr(info, "parser", None) is not None:
        return False
    return annotation is str or (getattr(annotation, "__origin__", None) is list and annotation.__args__ == (str,))


def _without_pydantic(params: list[Any]) -> None:
    """Give each typer parameter of ``params`` the conversion of the module notes."""
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue  # not a typer parameter of the expected shape, or converted already
        if descriptor.file_annotation is not None:
            continue  # an open file: typer's own conversion, which needs no pydantic
        kind = _Text if _is_text(descriptor.annotation, descriptor.parameter_info) else _Deferred
        param._runtime_param = kind(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)


class _TextWithoutPydantic:
    """Mixed into a typer command or group: its parameters, the help option included, do not
    load pydantic for text (see the module notes)."""

    params: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _without_pydantic(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        _without_pydantic([option])
        return option


class Command(_TextWithoutPydantic, TyperCommand):
    """A typer command whose parameters do not load pydantic for text (see the module notes)."""


class Group(_TextWithoutPydantic, TyperGroup):
    """The typer group of ``kg``, its options converted as :class:`Command` converts them."""
