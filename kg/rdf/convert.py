"""Records → RDF quads, laid out exactly as docs/rdf-model.md says.

Pure functions from the typed records of :mod:`kg.types` to pyoxigraph :class:`~pyoxigraph.Quad`
lists (no rdflib here: this runs once per statement of every build):

- :func:`actor_quads`: an actor's description, in the actors graph;
- :func:`article_quads`: an article and its statement nodes, in the article's named graph;
- :meth:`ExtractorRun.quads`: what produced the statements, in the actors graph;
- :func:`ontology_quads`: ``ontology/geokg.ttl``, in the ontology graph.

Nothing here reads a clock: the same records always give the same quads, so rebuilding a store
from the same articles gives the same triples.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pyoxigraph as ox

from kg.errors import Errors
from kg.rdf.iris import (
    ACTORS_GRAPH,
    ONTOLOGY_GRAPH,
    actor_iri,
    article_iri,
    role_iri,
    run_iri,
    statement_iri,
)
from kg.resources import ontology_path
from kg.terms import (
    DCTERMS,
    GKG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    WD_NS,
    XSD,
    named_node,
)
from kg.types import ACTOR_TYPES, Actor, Article, Role, Statement

__all__ = [
    "ACTORS_GRAPH_NODE",
    "MODALITY_IRIS",
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_GRAPH_NODE",
    "ExtractorRun",
    "actor_quads",
    "article_quads",
    "confidence_literal",
    "date_literal",
    "ontology_quads",
    "statement_quads",
    "unique_statements",
]

ACTORS_GRAPH_NODE = ox.NamedNode(ACTORS_GRAPH)
ONTOLOGY_GRAPH_NODE = ox.NamedNode(ONTOLOGY_GRAPH)

RDF_TYPE = named_node(RDF.type)
RDF_SUBJECT = named_node(RDF.subject)
RDF_PREDICATE = named_node(RDF.predicate)
RDF_OBJECT = named_node(RDF.object)
RDFS_LABEL = named_node(RDFS.label)
RDFS_COMMENT = named_node(RDFS.comment)
SKOS_ALT_LABEL = named_node(SKOS.altLabel)
OWL_SAME_AS = named_node(OWL.sameAs)
PROV_ACTIVITY = named_node(PROV.Activity)
PROV_WAS_DERIVED_FROM = named_node(PROV.wasDerivedFrom)
PROV_WAS_GENERATED_BY = named_node(PROV.wasGeneratedBy)
DCTERMS_DATE = named_node(DCTERMS.date)
DCTERMS_SOURCE = named_node(DCTERMS.source)
DCTERMS_IDENTIFIER = named_node(DCTERMS.identifier)
SCHEMA_NEWS_ARTICLE = named_node(SCHEMA.NewsArticle)
SCHEMA_HEADLINE = named_node(SCHEMA.headline)
SCHEMA_DATE_PUBLISHED = named_node(SCHEMA.datePublished)
SCHEMA_URL = named_node(SCHEMA.url)

XSD_DATE = named_node(XSD["date"])
XSD_DATETIME = named_node(XSD["dateTime"])
XSD_GYEAR = named_node(XSD["gYear"])
XSD_GYEARMONTH = named_node(XSD["gYearMonth"])
XSD_DECIMAL = named_node(XSD["decimal"])
XSD_INTEGER = named_node(XSD["integer"])
XSD_BOOLEAN = named_node(XSD["boolean"])


MODALITY_IRIS: dict[str, str] = {
    "actual": str(GKG.Actual),
    "intended": str(GKG.Intended),
    "possible": str(GKG.Possible),
}

_TRUE = ox.Literal("true", datatype=XSD_BOOLEAN)
_FALSE = ox.Literal("false", datatype=XSD_BOOLEAN)

_DATE_FORMS: tuple[tuple[re.Pattern[str], ox.NamedNode], ...] = (
    (re.compile(r"-?\d{4,}-\d{2}-\d{2}"), XSD_DATE),
    (re.compile(r"-?\d{4,}-\d{2}"), XSD_GYEARMONTH),
    (re.compile(r"-?\d{4,}"), XSD_GYEAR),
    (re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?"), XSD_DATETIME),
)
_QID = re.compile(r"Q[1-9]\d*")


def date_literal(value: str) -> ox.Literal:
    """Typed literal of an ISO date, partial date or date-time.

    ``"2017-05-14"`` → xsd:date, ``"2017-05"`` → xsd:gYearMonth, ``"2017"`` → xsd:gYear,
    ``"2017-05-14T10:00:00Z"`` → xsd:dateTime.

    >>> date_literal("2017-05").datatype.value
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    """
    for pattern, datatype in _DATE_FORMS:
        if pattern.fullmatch(value):
            return ox.Literal(value, datatype=datatype)
    raise Errors.E310.error(value=value)


def confidence_literal(value: float) -> ox.Literal:
    """xsd:decimal literal of a confidence, rounded to 3 places as in the JSON Lines format.

    >>> confidence_literal(0.8234).value, confidence_literal(1.0).value
    ('0.823', '1')
    """
    if not isinstance(value, (int, float)) or math.isnan(value) or not 0.0 <= value <= 1.0:
        raise Errors.E311.error(value=value)
    text = f"{round(float(value), 3):.3f}".rstrip("0").rstrip(".")
    return ox.Literal(text or "0", datatype=XSD_DECIMAL)


def _boolean(value: bool) -> ox.Literal:
    return _TRUE if value else _FALSE


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=XSD_INTEGER)


@lru_cache(maxsize=65536)
def _actor_node(key: str) -> ox.NamedNode:
    return ox.NamedNode(actor_iri(key))


def _wikidata_node(qid: str) -> ox.NamedNode:
    local = qid[len(WD_NS) :] if qid.startswith(WD_NS) else qid
    if not _QID.fullmatch(local):
        raise Errors.E312.error(qid=qid)
    return ox.NamedNode(WD_NS + local)


def _url_node(url: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(url)
    except ValueError:
        pass
    from urllib.parse import quote

    try:
        return ox.NamedNode(quote(url, safe=":/?#[]@!$&'()*+,;=%~"))
    except ValueError:
        raise Errors.E313.error(url=url) from None


# ---------------------------------------------------------------- extractor runs


@dataclass(frozen=True, slots=True)
class ExtractorRun:
    """What produced a set of statements: software version, configuration hash and model.

    The run IRI depends only on the version and the configuration hash (never on the time it
    ran), so rebuilding the same articles with the same setup names the same run.

    >>> run = ExtractorRun("0.1.0", "abc123", "en_core_web_sm")
    >>> run.iri == ExtractorRun("0.1.0", "abc123", "en_core_web_sm").iri
    True
    """

    software_version: str
    config_hash: str
    model: str = ""

    @property
    def iri(self) -> str:
        return run_iri(self.software_version, self.config_hash)

    @property
    def node(self) -> ox.NamedNode:
        return ox.NamedNode(self.iri)

    def quads(self) -> list[ox.Quad]:
        """The run's description, in the actors graph."""
        node, g = self.node, ACTORS_GRAPH_NODE
        comment = f"configuration {self.config_hash}"
        if self.model:
            comment += f", model {self.model}"
        return [
            ox.Quad(node, RDF_TYPE, named_node(GKG.ExtractorRun), g),
            ox.Quad(node, RDF_TYPE, PROV_ACTIVITY, g),
            ox.Quad(node, RDFS_LABEL, ox.Literal(self.software_version), g),
            ox.Quad(node, RDFS_COMMENT, ox.Literal(comment), g),
            ox.Quad(node, named_node(GKG.softwareVersion), ox.Literal(self.software_version), g),
        ]


# ---------------------------------------------------------------- actors


def _role_quads(holder: Actor, role: Role, g: ox.NamedNode) -> list[ox.Quad]:
    node = ox.NamedNode(role_iri(holder.key, role.office, role.start))
    quads = [
        ox.Quad(node, RDF_TYPE, named_node(GKG.Role), g),
        ox.Quad(node, named_node(GKG.holder), _actor_node(holder.key), g),
        ox.Quad(node, named_node(GKG.office), ox.Literal(role.office), g),
    ]
    if role.of:
        quads.append(ox.Quad(node, named_node(GKG.ofState), _actor_node(role.of), g))
    if role.start:
        quads.append(ox.Quad(node, named_node(GKG.start), date_literal(role.start), g))
    if role.end:
        quads.append(ox.Quad(node, named_node(GKG.end), date_literal(role.end), g))
    return quads


def actor_quads(actor: Actor) -> list[ox.Quad]:
    """The description of ``actor`` in the actors graph (docs/rdf-model.md, "Actors").

    Type (``gkg:Actor`` and its class), ``rdfs:label``, ``skos:altLabel`` for each alias,
    ``owl:sameAs wd:Q…``, ``gkg:countryCode``, ``gkg:partOf``, ``gkg:sector`` (generic actors)
    and one ``gkg:Role`` node per role, whose IRI comes from :func:`kg.rdf.iris.role_iri`.

    >>> from kg.types import Actor
    >>> quads = actor_quads(Actor("china", "China", "State", wikidata="Q148", country="CHN"))
    >>> sorted(q.predicate.value.rsplit("#", 1)[-1] for q in quads)
    ['countryCode', 'label', 'sameAs', 'type', 'type']
    """
    if actor.type not in ACTOR_TYPES:
        raise Errors.E317.error(key=actor.key, type=actor.type, actor_types=", ".join(ACTOR_TYPES))
    g = ACTORS_GRAPH_NODE
    node = _actor_node(actor.key)
    quads = [
        ox.Quad(node, RDF_TYPE, named_node(GKG.Actor), g),
        ox.Quad(node, RDF_TYPE, named_node(GKG[actor.type]), g),
        ox.Quad(node, RDFS_LABEL, ox.Literal(actor.label), g),
    ]
    seen = {actor.label}
    for alias in actor.aliases:
        if alias not in seen:
            seen.add(alias)
            quads.append(ox.Quad(node, SKOS_ALT_LABEL, ox.Literal(alias), g))
    if actor.wikidata:
        quads.append(ox.Quad(node, OWL_SAME_AS, _wikidata_node(actor.wikidata), g))
    if actor.country:
        quads.append(ox.Quad(node, named_node(GKG.countryCode), ox.Literal(actor.country), g))
    if actor.part_of:
        quads.append(ox.Quad(node, named_node(GKG.partOf), _actor_node(actor.part_of), g))
    if actor.sector:
        quads.append(ox.Quad(node, named_node(GKG.sector), ox.Literal(actor.sector), g))
    for role in actor.roles:
        quads.extend(_role_quads(actor, role, g))
    return quads


# ---------------------------------------------------------------- articles and statements


def statement_quads(
    statement: Statement,
    *,
    article: Article,
    run: ExtractorRun,
) -> list[ox.Quad]:
    """The node of one statement (docs/rdf-model.md, "Statements"), in the article's graph.

    Adds the direct triple ``subject gkg:<predicate> object`` only when the statement is actual
    and not negated (:attr:`Statement.is_direct`). ``dcterms:date`` is the statement's date,
    else the article's date.
    """
    fallback = article.date.isoformat() if article.date else None
    return _statement_quads(
        statement, statement_iri(statement), ox.NamedNode(article_iri(article.sha256)), run.node, fallback
    )


def _statement_quads(
    statement: Statement,
    iri: str,
    g: ox.NamedNode,
    run_node: ox.NamedNode,
    fallback_date: str | None,
) -> list[ox.Quad]:
    from kg.vocab import PREDICATES

    if statement.predicate not in PREDICATES:
        raise Errors.E314.error(predicate=statement.predicate)
    if statement.modality not in MODALITY_IRIS:
        raise Errors.E315.error(modality=statement.modality)
    node = ox.NamedNode(iri)
    subject = _actor_node(statement.subject.key)
    predicate = named_node(GKG[statement.predicate])
    obj = _actor_node(statement.object.key)
    ev = statement.evidence
    quads = [
        ox.Quad(node, RDF_TYPE, named_node(GKG.Statement), g),
        ox.Quad(node, RDF_SUBJECT, subject, g),
        ox.Quad(node, RDF_PREDICATE, predicate, g),
        ox.Quad(node, RDF_OBJECT, obj, g),
        ox.Quad(node, named_node(GKG.negated), _boolean(statement.negated), g),
        ox.Quad(node, named_node(GKG.modality), _modality_node(statement.modality), g),
        ox.Quad(node, named_node(GKG.evidence), ox.Literal(ev.sentence), g),
        ox.Quad(node, named_node(GKG.charStart), _integer(ev.char_start), g),
        ox.Quad(node, named_node(GKG.charEnd), _integer(ev.char_end), g),
        ox.Quad(node, named_node(GKG.confidence), confidence_literal(statement.confidence), g),
        ox.Quad(node, PROV_WAS_DERIVED_FROM, g, g),
        ox.Quad(node, PROV_WAS_GENERATED_BY, run_node, g),
    ]
    if statement.attributed_to is not None:
        quads.append(ox.Quad(node, named_node(GKG.attributedTo), _actor_node(statement.attributed_to.key), g))
    day = statement.date or fallback_date
    if day:
        quads.append(ox.Quad(node, DCTERMS_DATE, date_literal(day), g))
    if ev.rule:
        quads.append(ox.Quad(node, named_node(GKG.rule), ox.Literal(ev.rule), g))
    if ev.trigger:
        quads.append(ox.Quad(node, named_node(GKG.trigger), ox.Literal(ev.trigger), g))
    if statement.is_direct:
        quads.append(ox.Quad(subject, predicate, obj, g))
    return quads


@cache
def _modality_node(modality: str) -> ox.NamedNode:
    return ox.NamedNode(MODALITY_IRIS[modality])


def _article_node_quads(article: Article, g: ox.NamedNode) -> list[ox.Quad]:
    quads = [
        ox.Quad(g, RDF_TYPE, SCHEMA_NEWS_ARTICLE, g),
        ox.Quad(g, DCTERMS_IDENTIFIER, ox.Literal(article.doc_id), g),
    ]
    if article.title:
        quads.append(ox.Quad(g, SCHEMA_HEADLINE, ox.Literal(article.title), g))
    if article.date:
        quads.append(ox.Quad(g, SCHEMA_DATE_PUBLISHED, date_literal(article.date.isoformat()), g))
    if article.url:
        quads.append(ox.Quad(g, SCHEMA_URL, _url_node(article.url), g))
    if article.source:
        quads.append(ox.Quad(g, DCTERMS_SOURCE, ox.Literal(article.source), g))
    return quads


def unique_statements(statements: Iterable[Statement]) -> list[tuple[str, Statement]]:
    """``(iri, statement)`` pairs, one per statement IRI, sorted by IRI.

    Two extractions with the same IRI (same sentence, actors, predicate, negation and modality)
    are one statement: the most confident one is kept (the first one on a tie).
    """
    best: dict[str, Statement] = {}
    for statement in statements:
        iri = statement_iri(statement)
        kept = best.get(iri)
        if kept is None or statement.confidence > kept.confidence:
            best[iri] = statement
    return sorted(best.items())


def article_quads(article: Article, statements: Sequence[Statement], *, run: ExtractorRun) -> list[ox.Quad]:
    """Everything extracted from ``article``, in the named graph whose name is its IRI.

    The article node (``a schema:NewsArticle``, ``schema:headline``, ``schema:datePublished``,
    ``schema:url``, ``dcterms:source``, ``dcterms:identifier`` = doc_id) and every statement node
    with its direct triple where it has one (:func:`statement_quads`). Statements with the same
    IRI are merged (:func:`unique_statements`); statements of another article are refused.
    """
    sha = article.sha256  # hashes the whole text: once per article
    g = ox.NamedNode(article_iri(article.sha256))
    quads = _article_node_quads(article, g)
    fallback = article.date.isoformat() if article.date else None
    run_node = run.node
    for iri, statement in unique_statements(statements):
        ev = statement.evidence
        if ev.article_sha256 != sha or ev.doc_id != article.doc_id:
            raise Errors.E316.error(
                iri=iri,
                source_doc=ev.doc_id,
                source_sha=ev.article_sha256[:12],
                doc_id=article.doc_id,
                sha=sha[:12],
            )
        quads.extend(_statement_quads(statement, iri, g, run_node, fallback))
    return quads


# ---------------------------------------------------------------- ontology


@cache
def _ontology_quads() -> tuple[ox.Quad, ...]:
    blank_ids: dict[str, ox.BlankNode] = {}

    def stable(node: ox.BlankNode) -> ox.BlankNode:
        # the parser names blank nodes at random; name them by order of appearance instead,
        # so that loading the ontology twice gives the same triples (idempotent rebuilds)
        if node.value not in blank_ids:
            blank_ids[node.value] = ox.BlankNode(f"geokgontology{len(blank_ids)}")
        return blank_ids[node.value]

    quads = []
    path = ontology_path("geokg.ttl")
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        subject, object_ = triple.subject, triple.object
        if isinstance(subject, ox.BlankNode):
            subject = stable(subject)
        if isinstance(object_, ox.BlankNode):
            object_ = stable(object_)
        quads.append(ox.Quad(subject, triple.predicate, object_, ONTOLOGY_GRAPH_NODE))
    return tuple(quads)


def ontology_quads() -> list[ox.Quad]:
    """``ontology/geokg.ttl`` in the graph :data:`ONTOLOGY_GRAPH`, with stable blank nodes.

    >>> any(q.subject.value.endswith("#pressures") for q in ontology_quads())
    True
    """
    return list(_ontology_quads())
