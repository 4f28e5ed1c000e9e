"""Writing output files whole or not at all.

:func:`atomic_output` writes to a hidden temporary file next to the target and renames it over
the target only when writing succeeded, so a reader never sees a half-written export and a
failed export leaves any earlier file in place.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import Errors

__all__ = ["atomic_output"]


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream that becomes the file ``path`` when the ``with`` block ends normally.

    Missing parent folders are created. On an exception the temporary file is removed and
    ``path`` is left as it was. The file gets the usual permissions (umask applies).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_output(target) as stream:
    ...     _ = stream.write(b"done")
    >>> target.read_bytes()
    b'done'
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        stream = open(temporary, "xb")
    except OSError as error:
        raise Errors.E351.error(target=target, reason=error.strerror or error) from error
    try:
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
