"""The geokg vocabulary: every namespace IRI, defined once, and the checked ontology terms.

This module is in the bottom layer of geokg (it imports nothing else of it):
:mod:`kg.rdf.iris` (which mints IRIs), :mod:`kg.vocab`, :mod:`kg.rdf.convert` and the stores
take their namespaces from here.

:class:`GKG` lists every term that ``ontology/geokg.ttl`` defines (a test keeps the two in
step), so a misspelt term fails at import time instead of producing a silent new IRI:

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

from functools import cache

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib import namespace as _rdflib_namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

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

#: the namespaces of docs/rdf-model.md ("Namespaces")
GKG_NS = "https://w3id.org/geokg/ontology#"
ACTOR_NS = "https://w3id.org/geokg/actor/"
STATEMENT_NS = "https://w3id.org/geokg/statement/"
ARTICLE_NS = "https://w3id.org/geokg/article/"
RUN_NS = "https://w3id.org/geokg/run/"
GRAPH_NS = "https://w3id.org/geokg/graph/"
SCHEMA_NS = "https://schema.org/"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
WD_NS = "http://www.wikidata.org/entity/"


class GKG(_rdflib_namespace.DefinedNamespace):
    """The geokg ontology (``https://w3id.org/geokg/ontology#``), one attribute per term."""

    _fail = True
    _NS = Namespace(GKG_NS)

    # annotation properties
    ploverType: URIRef
    cameoRoot: URIRef
    quadClass: URIRef

    # actor classes
    Actor: URIRef
    State: URIRef
    Person: URIRef
    GovernmentBody: URIRef
    ArmedForce: URIRef
    InternationalOrganization: URIRef
    Organization: URIRef
    Media: URIRef

    # actor properties and roles
    countryCode: URIRef
    sector: URIRef
    Role: URIRef
    holder: URIRef
    office: URIRef
    ofState: URIRef
    start: URIRef
    end: URIRef

    # structural relations
    leaderOf: URIRef
    officialOf: URIRef
    memberOf: URIRef
    partOf: URIRef
    spokespersonFor: URIRef

    # event relations
    agreesWith: URIRef
    assures: URIRef
    consults: URIRef
    meets: URIRef
    visits: URIRef
    negotiatesWith: URIRef
    supports: URIRef
    cooperatesWith: URIRef
    trains: URIRef
    providesAidTo: URIRef
    supplies: URIRef
    concedesTo: URIRef
    withdrawsFrom: URIRef
    investigates: URIRef
    urges: URIRef
    demands: URIRef
    pressures: URIRef
    criticizes: URIRef
    accuses: URIRef
    opposes: URIRef
    threatens: URIRef
    protests: URIRef
    deters: URIRef
    mobilizesAgainst: URIRef
    sanctions: URIRef
    coerces: URIRef
    attacks: URIRef
    fights: URIRef

    # statements and provenance
    Statement: URIRef
    Modality: URIRef
    Actual: URIRef
    Intended: URIRef
    Possible: URIRef
    ExtractorRun: URIRef
    negated: URIRef
    modality: URIRef
    attributedTo: URIRef
    evidence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    rule: URIRef
    trigger: URIRef
    softwareVersion: URIRef


class SCHEMA(_rdflib_namespace.DefinedNamespace):
    """The schema.org terms geokg writes or reads (``https://schema.org/``): a typo fails."""

    _fail = True
    _NS = Namespace(SCHEMA_NS)

    NewsArticle: URIRef
    headline: URIRef
    datePublished: URIRef
    url: URIRef
    # the actor classes a relation accepts, in ontology/geokg.ttl (no inference follows)
    domainIncludes: URIRef
    rangeIncludes: URIRef


ACTOR = Namespace(ACTOR_NS)
STMT = Namespace(STATEMENT_NS)
ARTICLE = Namespace(ARTICLE_NS)
RUN = Namespace(RUN_NS)
# plain namespaces (index them: ``XSD["date"]``); rdflib's own XSD class warns on every
# unknown attribute lookup
XSD = Namespace(XSD_NS)
WD = Namespace(WD_NS)

#: prefix -> namespace IRI, the prefixes of docs/rdf-model.md ("Namespaces") in a stable order
PREFIXES: dict[str, str] = {
    "gkg": GKG_NS,
    "actor": ACTOR_NS,
    "stmt": STATEMENT_NS,
    "article": ARTICLE_NS,
    "run": RUN_NS,
    "wd": WD_NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": XSD_NS,
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": SCHEMA_NS,
}


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


@cache
def named_node(term: str) -> ox.NamedNode:
    """The pyoxigraph node of a vocabulary term, e.g. ``named_node(GKG.pressures)``."""
    return ox.NamedNode(str(term))
