"""Errors that say what went wrong and what to do.

Every error geokg raises on purpose is a :class:`KGError` with a code; the CLI prints it as
one line (``error E012: ...``) and exits non-zero, never with a traceback.
"""
from __future__ import annotations

__all__ = ["InputError", "KGError", "StoreError"]


class KGError(Exception):
    """An error with a code and a message that tells the user how to fix it."""

    exit_code = 1

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # picklable, so an error raised in a worker process reaches the parent intact
        return (type(self), (self.code, self.message))


class InputError(KGError):
    """Input that cannot be read: missing file, bad JSON, wrong encoding, unknown format."""

    exit_code = 2


class StoreError(KGError):
    """A store that cannot be opened, is locked by another process, or rejected a write."""

    exit_code = 3
