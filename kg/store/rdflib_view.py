"""An rdflib :class:`~rdflib.Dataset` over an embedded store, for notebooks and rdflib tools.

The Dataset reads and writes the very same pyoxigraph store through oxrdflib (no copy), and its
SPARQL queries run in Oxigraph, not in rdflib's much slower engine. The geokg prefixes are
bound, and the default graph of queries is the union of all graphs, as in ``kg query``.

>>> from kg.store import GraphStore
>>> with GraphStore.open(None) as store:
...     ds = rdflib_dataset(store)
...     bool(ds.query("ASK { ?s ?p ?o }"))
False
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oxrdflib import OxigraphStore
from rdflib import Dataset

from kg.errors import Errors
from kg.namespaces import bind_namespaces

if TYPE_CHECKING:
    from kg.store.embedded import GraphStore

__all__ = ["rdflib_dataset"]


def rdflib_dataset(store: GraphStore, *, union: bool = True) -> Dataset:
    """An rdflib Dataset backed by ``store`` (an open :class:`~kg.store.GraphStore`).

    Parameters
    ----------
    store
        The embedded store; it stays owned by the caller (close the GraphStore, not the
        Dataset). A :class:`~kg.store.RemoteStore` has no rdflib view: use rdflib's
        ``SPARQLStore`` on its query endpoint instead.
    union
        Queries and ``ds.triples(...)`` see the union of all graphs (default); with False they see
        the default graph only, which geokg leaves empty.

    Returns
    -------
    rdflib.Dataset
        ``ds.graph(article_iri)`` is one article's graph; ``ds.query(...)`` runs in Oxigraph with
        the geokg prefixes (``gkg:``, ``actor:``, …) bound.
    """
    oxigraph = getattr(store, "oxigraph", None)
    if oxigraph is None:
        raise Errors.E391.error()
    dataset = Dataset(store=OxigraphStore(store=oxigraph), default_union=union)
    bind_namespaces(dataset)
    return dataset
