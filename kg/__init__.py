"""geokg: news articles → a knowledge graph of geopolitical actors.

Who did what to whom, when, according to whom, and on what evidence.

The public API, importable from ``kg`` itself:

- :class:`Extractor` (:mod:`kg.extract.pipeline`): loads the spaCy pipeline once and turns
  articles into statements;
- :class:`Article` and :class:`Statement` (:mod:`kg.types`): the input and output records;
- :func:`open_store` (:mod:`kg.store`): an embedded Oxigraph store (a folder, or in memory) or
  a SPARQL server;
- :func:`build` (:func:`kg.builder.build_store`): articles → statements → one store
  transaction per article.

The names are loaded on first use, so ``import kg`` stays cheap (it loads neither spaCy nor
pyoxigraph):

>>> import kg
>>> kg.Article(doc_id="a1", text="Russia attacked Ukraine.").doc_id
'a1'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg._version import __version__

if TYPE_CHECKING:
    from kg.builder import build_store as build
    from kg.extract.pipeline import Extractor
    from kg.store import open_store
    from kg.types import Article, Statement

__all__ = ["Article", "Extractor", "Statement", "__version__", "build", "open_store"]


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562) and keep it in the package namespace."""
    value: Any
    if name == "Extractor":
        from kg.extract.pipeline import Extractor as value
    elif name == "Article":
        from kg.types import Article as value
    elif name == "Statement":
        from kg.types import Statement as value
    elif name == "open_store":
        from kg.store import open_store as value
    elif name == "build":
        from kg.builder import build_store as value
    else:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
