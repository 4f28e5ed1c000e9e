"""Every namespace IRI and every vocabulary term geokg writes or reads, as plain strings.

The store, the RDF conversion and the query path take their IRIs from here: this module
imports nothing of rdflib (``kg query`` never loads it). :mod:`kg.namespaces` offers the same
terms as rdflib objects (``GKG.pressures`` is a ``URIRef`` there) for code that builds graphs
with rdflib.

Each vocabulary is a class that lists its terms, so a misspelt term fails (mypy and at run
time) instead of producing a silent new IRI:

>>> GKG.pressures
'https://w3id.org/geokg/ontology#pressures'
>>> "pressures" in GKG, GKG["Statement"] == GKG.Statement
(True, True)
>>> GKG.pressure
Traceback (most recent call last):
...
AttributeError: type object 'GKG' has no attribute 'pressure'

:class:`GKG` lists exactly the terms ``ontology/geokg.ttl`` defines (a test keeps the two in
step); the standard vocabularies list the terms geokg uses. pyoxigraph writers turn a term
into a node with :func:`named_node`:

>>> named_node(GKG.Statement)
<NamedNode value=https://w3id.org/geokg/ontology#Statement>
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import cache
from typing import ClassVar

import pyoxigraph as ox

__all__ = [
    "ACTOR_NS",
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
    "RUN_NS",
    "SCHEMA",
    "SCHEMA_NS",
    "SKOS",
    "STATEMENT_NS",
    "WD_NS",
    "XSD",
    "XSD_NS",
    "Vocabulary",
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
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
PROV_NS = "http://www.w3.org/ns/prov#"
DCTERMS_NS = "http://purl.org/dc/terms/"

#: prefix -> namespace IRI, the prefixes of docs/rdf-model.md ("Namespaces") in a stable order
PREFIXES: dict[str, str] = {
    "gkg": GKG_NS,
    "actor": ACTOR_NS,
    "stmt": STATEMENT_NS,
    "article": ARTICLE_NS,
    "run": RUN_NS,
    "wd": WD_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "xsd": XSD_NS,
    "skos": SKOS_NS,
    "prov": PROV_NS,
    "dcterms": DCTERMS_NS,
    "schema": SCHEMA_NS,
}


class _VocabularyType(type):
    """The class of a vocabulary: ``name in V``, ``V[name]`` and ``iter(V)`` over its terms."""

    _NS: str
    _terms: tuple[str, ...]

    def __contains__(cls, name: object) -> bool:
        return name in cls._terms

    def __getitem__(cls, name: str) -> str:
        if name not in cls._terms:
            raise KeyError(f"{cls.__name__} has no term {name!r}")
        return cls._NS + name

    def __iter__(cls) -> Iterator[str]:
        return iter(cls._terms)


class Vocabulary(metaclass=_VocabularyType):
    """A namespace and its terms: every annotated name of a subclass becomes the namespace IRI
    followed by that name (``namespace=`` in the class statement)."""

    _NS: ClassVar[str] = ""
    _terms: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, namespace: str = "", **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._NS = namespace
        cls._terms = tuple(name for name in inspect.get_annotations(cls) if not name.startswith("_"))
        for name in cls._terms:
            setattr(cls, name, namespace + name)


class GKG(Vocabulary, namespace=GKG_NS):
    """The geokg ontology (``https://w3id.org/geokg/ontology#``), one attribute per term."""

    # annotation properties
    ploverType: str
    cameoRoot: str
    quadClass: str

    # actor classes
    Actor: str
    State: str
    Person: str
    GovernmentBody: str
    ArmedForce: str
    InternationalOrganization: str
    Organization: str
    Media: str

    # actor properties and roles
    countryCode: str
    sector: str
    Role: str
    holder: str
    office: str
    ofState: str
    start: str
    end: str

    # structural relations
    leaderOf: str
    officialOf: str
    memberOf: str
    partOf: str
    spokespersonFor: str

    # event relations
    agreesWith: str
    assures: str
    consults: str
    meets: str
    visits: str
    negotiatesWith: str
    supports: str
    cooperatesWith: str
    trains: str
    providesAidTo: str
    supplies: str
    concedesTo: str
    withdrawsFrom: str
    investigates: str
    urges: str
    demands: str
    pressures: str
    criticizes: str
    accuses: str
    opposes: str
    threatens: str
    protests: str
    deters: str
    mobilizesAgainst: str
    sanctions: str
    coerces: str
    attacks: str
    fights: str

    # statements and provenance
    Statement: str
    Modality: str
    Actual: str
    Intended: str
    Possible: str
    ExtractorRun: str
    negated: str
    modality: str
    attributedTo: str
    evidence: str
    charStart: str
    charEnd: str
    confidence: str
    rule: str
    trigger: str
    softwareVersion: str


class SCHEMA(Vocabulary, namespace=SCHEMA_NS):
    """The schema.org terms geokg writes or reads (``https://schema.org/``)."""

    NewsArticle: str
    headline: str
    datePublished: str
    url: str
    # the actor classes a relation accepts, in ontology/geokg.ttl (no inference follows)
    domainIncludes: str
    rangeIncludes: str


class RDF(Vocabulary, namespace=RDF_NS):
    """The RDF terms geokg uses (statements are RDF reifications)."""

    type: str
    subject: str
    predicate: str
    object: str
    langString: str


class RDFS(Vocabulary, namespace=RDFS_NS):
    """The RDF Schema terms geokg uses."""

    label: str
    comment: str


class OWL(Vocabulary, namespace=OWL_NS):
    """The OWL terms geokg uses."""

    sameAs: str
    SymmetricProperty: str


class SKOS(Vocabulary, namespace=SKOS_NS):
    """The SKOS terms geokg uses (an actor's aliases)."""

    altLabel: str


class PROV(Vocabulary, namespace=PROV_NS):
    """The PROV-O terms geokg uses (where a statement comes from)."""

    Activity: str
    wasDerivedFrom: str
    wasGeneratedBy: str


class DCTERMS(Vocabulary, namespace=DCTERMS_NS):
    """The Dublin Core terms geokg uses."""

    date: str
    identifier: str
    source: str


class XSD(Vocabulary, namespace=XSD_NS):
    """The XML Schema datatypes geokg writes or reads."""

    string: str
    boolean: str
    integer: str
    decimal: str
    double: str
    float: str
    date: str
    dateTime: str
    gYear: str
    gYearMonth: str


@cache
def named_node(term: str) -> ox.NamedNode:
    """The pyoxigraph node of a vocabulary term, e.g. ``named_node(GKG.pressures)``."""
    return ox.NamedNode(str(term))
