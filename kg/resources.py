"""Where the data folders are: ``ontology/`` and ``pipelines/``.

In a source checkout (and an editable install) they sit at the top of the repository; a
wheel carries them inside the package as ``kg/_data/``. Code asks here, never builds paths.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.errors import Errors

__all__ = ["data_path", "ontology_path", "pipelines_path"]

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_path(folder: str) -> Path:
    """Folder ``ontology``, ``pipelines`` or ``seeds``, wherever this installation keeps it."""
    for candidate in (_PACKAGE / "_data" / folder, _PACKAGE.parent / folder):
        if candidate.is_dir():
            return candidate
    raise Errors.E001.error(folder=folder)


def ontology_path(*parts: str) -> Path:
    """A file under ``ontology/``."""
    return data_path("ontology").joinpath(*parts)


def pipelines_path(*parts: str) -> Path:
    """A file under ``pipelines/``."""
    return data_path("pipelines").joinpath(*parts)


def seeds_path() -> Path:
    """The bundled seed articles (``seeds/``)."""
    return data_path("seeds")
