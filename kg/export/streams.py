"""Adapting the stream a caller gives (text or binary) to the one a writer needs."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, BinaryIO, TextIO

__all__ = ["as_binary", "as_text", "is_binary"]


def is_binary(stream: IO[Any]) -> bool:
    """True when ``stream`` takes bytes (a file opened ``"wb"``, :class:`io.BytesIO`, …)."""
    if isinstance(stream, io.TextIOBase):
        return False
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        return True
    mode = getattr(stream, "mode", None)
    if isinstance(mode, str):
        return "b" in mode
    return not hasattr(stream, "encoding")


@contextmanager
def as_text(stream: IO[Any], *, newline: str | None = None) -> Iterator[TextIO]:
    """``stream`` itself when it takes text, else a UTF-8 text view of it (left open)."""
    if not is_binary(stream):
        yield stream  # type: ignore[misc]
        return
    wrapper = io.TextIOWrapper(stream, encoding="utf-8", newline=newline, write_through=True)
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()


@contextmanager
def as_binary(stream: IO[Any]) -> Iterator[BinaryIO]:
    """``stream`` itself when it takes bytes, else a byte view that writes UTF-8 text to it."""
    if is_binary(stream):
        yield stream  # type: ignore[misc]
        return
    underlying = getattr(stream, "buffer", None)
    if underlying is not None:  # sys.stdout and text files: write to their byte buffer
        stream.flush()
        yield underlying
        underlying.flush()
        return
    buffer = io.BytesIO()
    yield buffer
    stream.write(buffer.getvalue().decode("utf-8"))
