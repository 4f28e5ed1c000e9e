"""Where a component's data lies inside a spaCy pipeline (an installed package or a folder).

geokg's table-driven attribute ruler and memoising lemmatizer read the patterns and tables
of the model's own ``attribute_ruler`` and ``lemmatizer`` from there, so that no data of the
model is copied into geokg and another model brings its own.
"""

from __future__ import annotations

from pathlib import Path

from spacy import util
from spacy.errors import Errors as SpacyErrors

__all__ = ["component_data"]


def component_data(model: str, component: str) -> Path:
    """The folder of ``component`` in the spaCy pipeline ``model``.

    ``model`` is the name of an installed pipeline package (``en_core_web_sm``) or the folder
    of a saved pipeline, as in a ``source`` of a spaCy config. An unknown model raises the
    ``OSError`` spaCy raises for it (E050); a model without the component a ``ValueError``.
    """
    if util.is_package(model):
        package = util.get_package_path(model)
        meta = util.get_model_meta(package)
        root = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    elif Path(model).is_dir():
        root = Path(model)
    else:
        raise OSError(SpacyErrors.E050.format(name=model))
    folder = root / component
    if not folder.is_dir():
        raise ValueError(f"the spaCy pipeline {model!r} has no {component!r} component (no folder {folder})")
    return folder
