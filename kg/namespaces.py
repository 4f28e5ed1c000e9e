"""The geokg vocabulary as rdflib objects, for code that builds or reads graphs with rdflib.

Every namespace IRI and term is defined once, as a plain string, in :mod:`kg.terms` (which the
store, the RDF conversion and ``kg query`` use without loading rdflib); this module offers the
same terms as rdflib ``URIRef`` and ``Namespace`` objects, and re-exports the plain strings.

:class:`GKG` lists every term that ``ontology/geokg.ttl`` defines (a test keeps the two in
step), so a misspelt term fails instead of producing a silent new IRI:

>>> GKG.pressures
rdflib.term.URIRef('https://w3id.org/geokg/ontology#pressures')
>>> ACTOR["xi-jinping"]
rdflib.term.URIRef('https://w3id.org/geokg/actor/xi-jinping')

pyoxigraph writers turn a term into a node with :func:`named_node`:

>>> named_node(GKG.Statement)
<NamedNode value=https://w3id.org/geokg/ontology#Statement>

:data:`PREFIXES` is the plain ``prefix -> namespace`` mapping (no rdflib objects) that the store
uses for SPARQL queries and Turtle/TriG output; :func:`bind_namespaces` binds the same
prefixes on an rdflib graph.
"""

from __future__ import annotations

import types

from rdflib import Graph, Namespace, URIRef
from rdflib import namespace as _rdflib_namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.terms import (
    ACTOR_NS,
    ARTICLE_NS,
    GKG_NS,
    GRAPH_NS,
    PREFIXES,
    RUN_NS,
    SCHEMA_NS,
    STATEMENT_NS,
    WD_NS,
    XSD_NS,
    Vocabulary,
    named_node,
)
from kg.terms import GKG as _GKG
from kg.terms import SCHEMA as _SCHEMA

__all__ = [
    "ACTOR",
    "ACTOR_NS",
    "ARTICLE",
    "ARTICLE_NS",
    "DCTERMS",
    "GKG",
    "GKG_NS",
    "GRAPH_NS",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RUN",
    "RUN_NS",
    "SCHEMA",
    "SCHEMA_NS",
    "SKOS",
    "STATEMENT_NS",
    "STMT",
    "WD",
    "WD_NS",
    "XSD",
    "XSD_NS",
    "bind_namespaces",
    "named_node",
]


def _checked(terms: type[Vocabulary], doc: str) -> type[_rdflib_namespace.DefinedNamespace]:
    """The rdflib form of a vocabulary of :mod:`kg.terms`: a ``DefinedNamespace`` with the same
    terms, whose unknown names fail (``_fail``)."""
    body = {
        "__doc__": doc,
        "__module__": __name__,
        "__annotations__": dict.fromkeys(terms, URIRef),
        "_fail": True,
        "_NS": Namespace(terms._NS),
    }
    return types.new_class(terms.__name__, (_rdflib_namespace.DefinedNamespace,), exec_body=lambda ns: ns.update(body))


GKG = _checked(_GKG, "The geokg ontology (``https://w3id.org/geokg/ontology#``), one attribute per term.")
SCHEMA = _checked(_SCHEMA, "The schema.org terms geokg writes or reads (``https://schema.org/``): a typo fails.")

ACTOR = Namespace(ACTOR_NS)
STMT = Namespace(STATEMENT_NS)
ARTICLE = Namespace(ARTICLE_NS)
RUN = Namespace(RUN_NS)
# plain namespaces (index them: ``XSD["date"]``); rdflib's own XSD class warns on every
# unknown attribute lookup
XSD = Namespace(XSD_NS)
WD = Namespace(WD_NS)


def bind_namespaces(graph: Graph, *, replace: bool = True) -> Graph:
    """Bind the geokg prefixes (:data:`PREFIXES`) on ``graph`` and return it.

    With ``replace`` (the default) a prefix the graph already binds to another namespace is
    rebound to the geokg one, so ``gkg:`` always means the geokg ontology.

    >>> g = bind_namespaces(Graph())
    >>> dict(g.namespaces())["gkg"]
    rdflib.term.URIRef('https://w3id.org/geokg/ontology#')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=replace)
    return graph
