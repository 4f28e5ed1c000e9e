"""What the embedded and the remote store share.

:class:`BaseStore` reads articles, actors and statements back through one method each store
implements, ``_select`` (a SPARQL SELECT over the union of all graphs), so that
:class:`~kg.store.GraphStore` and :class:`~kg.store.RemoteStore` return the very same records.
The functions below build what both write: bound query values, the actor descriptions an
article changes, and the one Update request that replaces an article's graph.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Literal, Self, Union

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf.convert import (
    ACTORS_GRAPH_NODE,
    OWL_SAME_AS,
    RDF_TYPE,
    RDFS_LABEL,
    actor_quads,
    gkg,
)
from kg.rdf.iris import ACTOR_NS, ARTICLE_NS, GKG_NS
from kg.records import ActorRecord, ArticleInfo, AttributionRecord, StatementRecord
from kg.store.results import Term
from kg.types import Actor, Statement

__all__ = [
    "DUMP_FORMATS",
    "BaseStore",
    "Binding",
    "DumpFormat",
    "actor_changes",
    "binding_term",
    "dump_format",
    "named_actors",
    "replacement_update",
]

Binding = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple, str, int, float, bool, date]
DumpFormat = Literal["ttl", "nt", "nq", "trig", "jsonld"]

#: RDF serialisations of ``dump``; ttl and nt merge the graphs into one
DUMP_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}

# an actor has one value of these; a new description replaces the stored value
_SINGLE_VALUED = frozenset({RDF_TYPE, RDFS_LABEL, OWL_SAME_AS, gkg("countryCode"), gkg("partOf")})
_WD = "http://www.wikidata.org/entity/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_MODALITIES = {GKG_NS + "Actual": "actual", GKG_NS + "Intended": "intended",
               GKG_NS + "Possible": "possible"}

_ARTICLES_QUERY = """
SELECT ?g ?doc ?headline ?date ?url ?source (COUNT(?st) AS ?n) WHERE {
  GRAPH ?g {
    ?g a schema:NewsArticle ; dcterms:identifier ?doc .
    OPTIONAL { ?g schema:headline ?headline }
    OPTIONAL { ?g schema:datePublished ?date }
    OPTIONAL { ?g schema:url ?url }
    OPTIONAL { ?g dcterms:source ?source }
    OPTIONAL { ?st a gkg:Statement }
  }
} GROUP BY ?g ?doc ?headline ?date ?url ?source
"""

_ACTORS_QUERY = """
SELECT ?a ?label ?type ?wd ?country WHERE {
  GRAPH <%s> {
    ?a a gkg:Actor ; rdfs:label ?label .
    OPTIONAL { ?a a ?type FILTER(?type != gkg:Actor) }
    OPTIONAL { ?a owl:sameAs ?wd }
    OPTIONAL { ?a gkg:countryCode ?country }
  }
}
""" % ACTORS_GRAPH_NODE.value

_STATEMENTS_QUERY = """
SELECT ?st ?g ?doc ?s ?p ?o ?neg ?mod ?attr ?date ?sent ?cs ?ce ?conf WHERE {
  GRAPH ?g {
    ?g dcterms:identifier ?doc .
    ?st a gkg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
        gkg:negated ?neg ; gkg:modality ?mod ; gkg:evidence ?sent ;
        gkg:charStart ?cs ; gkg:charEnd ?ce ; gkg:confidence ?conf .
    OPTIONAL { ?st gkg:attributedTo ?attr }
    OPTIONAL { ?st dcterms:date ?date }
  }
}
"""

_COUNTS = {
    "articles": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle } }",
    "actors": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH <%s> { ?a a gkg:Actor } }"
    % ACTORS_GRAPH_NODE.value,
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a gkg:Statement } }",
}


class BaseStore(ABC):
    """The reading side both stores share, built on their ``_select``; a context manager."""

    @abstractmethod
    def _select(self, sparql: str, **substitutions: Term) -> list[ox.QuerySolution]:
        """The solutions of a SELECT over the union of all graphs (geokg prefixes declared)."""

    @abstractmethod
    def _resolve(self, ref: str) -> set[str]:
        """IRIs of the article graphs that ``ref`` (IRI, text SHA-256 or doc_id) names."""

    @abstractmethod
    def _triple_count(self) -> int:
        """How many quads the store holds, in all graphs."""

    @abstractmethod
    def close(self) -> None:
        """Release what the store holds open. Closing twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def has_article(self, ref: str) -> bool:
        """True when the store holds the article ``ref`` (IRI, text SHA-256 or doc_id) names."""
        return bool(self._resolve(ref))

    def stats(self) -> dict[str, int]:
        """Counts: ``articles``, ``actors``, ``statements`` and ``triples`` (quads in all graphs)."""
        counts = {name: int(self._select(sparql)[0]["n"].value) for name, sparql in _COUNTS.items()}
        counts["triples"] = self._triple_count()
        return counts

    def articles(self) -> list[dict[str, Any]]:
        """One dict per article, sorted by doc_id then IRI.

        Keys: ``iri``, ``sha256``, ``doc_id``, ``headline``, ``date`` (ISO text), ``url``,
        ``source`` (None when unknown) and ``statements`` (how many).
        """
        out = []
        for row in self._select(_ARTICLES_QUERY):
            iri = row["g"].value
            out.append(
                {
                    "iri": iri,
                    "sha256": iri[len(ARTICLE_NS):],
                    "doc_id": row["doc"].value,
                    "headline": row["headline"].value if row["headline"] else None,
                    "date": row["date"].value if row["date"] else None,
                    "url": row["url"].value if row["url"] else None,
                    "source": row["source"].value if row["source"] else None,
                    "statements": int(row["n"].value),
                }
            )
        out.sort(key=lambda a: (a["doc_id"], a["iri"]))
        return out

    def _actor_records(self) -> dict[str, dict[str, Any]]:
        """The described actors by IRI: ``id``, ``label``, ``type``, ``wikidata``, ``country``."""
        actors: dict[str, dict[str, Any]] = {}
        for row in self._select(_ACTORS_QUERY):
            iri = row["a"].value
            kind = row["type"]
            wikidata = row["wd"]
            country = row["country"]
            actors[iri] = {
                "id": iri,
                "label": row["label"].value,
                "type": kind.value[len(GKG_NS):] if kind is not None else None,
                "wikidata": wikidata.value[len(_WD):] if wikidata is not None else None,
                "country": country.value if country is not None else None,
            }
        return actors

    def iter_statements(self, *, doc_id: str | None = None) -> Iterator[StatementRecord]:
        """Every statement as a :class:`~kg.records.StatementRecord`.

        Its :meth:`~kg.records.StatementRecord.to_json` is the object of the JSON Lines format
        (STATEMENTS.md), with the same keys and value types as
        :meth:`kg.types.Statement.to_json` plus ``headline``, ``url`` and ``source`` of the
        article; ``date`` is the statement's ``dcterms:date`` (its own date, else the
        article's). Sorted by doc_id, char_start and id. Three queries in all, whatever the
        number of statements.
        """
        from kg.vocab import PREDICATES

        articles = {a["iri"]: a for a in self.articles() if doc_id is None or a["doc_id"] == doc_id}
        if not articles:
            return
        actors = {iri: ActorRecord.from_json(a) for iri, a in self._actor_records().items()}
        infos = {iri: ArticleInfo(a["headline"], a["url"], a["source"]) for iri, a in articles.items()}

        def actor(iri: str) -> ActorRecord:
            found = actors.get(iri)
            if found is None:  # an actor without description: say what is known
                found = ActorRecord(id=iri, label=iri[len(ACTOR_NS):] if iri.startswith(ACTOR_NS) else iri)
            return found

        subs = {"doc": ox.Literal(doc_id)} if doc_id is not None else {}
        records = []
        for solution in self._select(_STATEMENTS_QUERY, **subs):
            # positional unpacking: much faster than solution["name"] on 100k rows
            st, graph, doc, s, p, o, neg, mod, attr, day, sent, cs, ce, conf = [
                None if term is None else term.value for term in solution
            ]
            article = articles.get(graph)
            if article is None:
                continue
            predicate = p[len(GKG_NS):]
            pred = PREDICATES.get(predicate)
            attributed = None
            if attr is not None:
                who = actor(attr)
                attributed = AttributionRecord(id=who.id, label=who.label, type=who.type)
            records.append(
                StatementRecord(
                    id=st,
                    doc_id=doc,
                    subject=actor(s),
                    predicate=predicate,
                    object=actor(o),
                    plover=pred.plover if pred else None,
                    quad_class=pred.quad_class if pred else None,
                    negated=neg in ("true", "1"),
                    modality=_MODALITIES.get(mod, mod),
                    attributed_to=attributed,
                    date=day,
                    sentence=sent,
                    char_start=int(cs),
                    char_end=int(ce),
                    confidence=round(float(conf), 3),
                    article=article["sha256"],
                    info=infos[graph],
                )
            )
        records.sort(key=lambda r: (r.doc_id, r.char_start, r.id))
        yield from records


def dump_format(fmt: str) -> ox.RdfFormat:
    """The pyoxigraph format of a ``dump`` format name, or a one-line error."""
    if fmt not in DUMP_FORMATS:
        raise InputError(
            "E350", f"unknown RDF format {fmt!r}; use one of {', '.join(DUMP_FORMATS)}"
        )
    return DUMP_FORMATS[fmt]


def binding_term(name: str, value: Binding) -> tuple[ox.Variable, Term]:
    """The SPARQL variable ``name`` and the RDF term a Python value binds it to."""
    try:
        variable = ox.Variable(name.lstrip("?$"))
    except ValueError:
        raise InputError(
            "E324", f"{name!r} is not a SPARQL variable name; use letters, digits and _"
        ) from None
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return variable, value
    if isinstance(value, (bool, int, float, str)):
        return variable, ox.Literal(value)
    if isinstance(value, datetime):
        return variable, ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime"))
    if isinstance(value, date):
        return variable, ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    raise InputError(
        "E325",
        f"cannot bind ?{variable.value} to a {type(value).__name__}; give an RDF term, str, "
        "int, float, bool or date",
    )


def named_actors(statements: Iterable[Statement], actors: Iterable[Actor]) -> list[Actor]:
    """The actors whose descriptions an article writes: those its statements name, overridden
    by the ``actors`` given (which also add actors the statements only point to), by key."""
    chosen: dict[str, Actor] = {}
    for statement in statements:
        for actor in (statement.subject, statement.object, statement.attributed_to):
            if actor is not None:
                chosen.setdefault(actor.key, actor)
    for actor in actors:
        chosen[actor.key] = actor
    return [chosen[key] for key in sorted(chosen)]


def actor_changes(
    actors: Iterable[Actor],
    described: Callable[[list[ox.NamedNode]], Mapping[ox.NamedNode, set[ox.Quad]]],
) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """Quads to retract and to add so that the actors graph holds these descriptions.

    ``described`` returns what the actors graph now says about the given subjects (the actors
    and their role nodes). Single-valued properties (types, label, sameAs, countryCode, partOf)
    and role nodes are replaced; aliases accumulate.
    """
    wanted: list[tuple[ox.NamedNode, list[ox.Quad], bool]] = []
    for actor in actors:
        by_subject: dict[ox.NamedNode, list[ox.Quad]] = {}
        for quad in actor_quads(actor):
            by_subject.setdefault(quad.subject, []).append(quad)  # type: ignore[arg-type]
        for subject, new in by_subject.items():
            wanted.append((subject, new, subject.value != ACTOR_NS + actor.key))
    old = described([subject for subject, _, _ in wanted])
    remove: list[ox.Quad] = []
    add: list[ox.Quad] = []
    for subject, new, is_role in wanted:
        have, new_set = old.get(subject, set()), set(new)
        add.extend(q for q in new if q not in have)
        remove.extend(
            q for q in have if q not in new_set and (is_role or q.predicate in _SINGLE_VALUED)
        )
    return remove, add


def _graph_block(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> str:
    # N-Triples term syntax is valid SPARQL: literals are escaped by pyoxigraph, IRIs validated
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return f"GRAPH {graph} {{\n{body}\n}}" if body else ""


def replacement_update(graph: ox.NamedNode, new_graph: Sequence[ox.Quad], *, old_graph: bool, same: bool,
                       superseded: Iterable[str], retract: Sequence[ox.Quad], insert: Sequence[ox.Quad]) -> str:
    """One SPARQL Update request (one transaction) that replaces an article's graph: drop the
    superseded versions, retract changed actor values, drop the old graph, insert the new data."""
    parts = [f"DROP SILENT GRAPH {ox.NamedNode(iri)}" for iri in sorted(superseded)]
    if retract:
        parts.append("DELETE DATA {\n%s\n}" % _graph_block(ACTORS_GRAPH_NODE, retract))
    if not same and old_graph:
        parts.append(f"DROP SILENT GRAPH {graph}")
    blocks = [_graph_block(ACTORS_GRAPH_NODE, insert)]
    if not same:
        blocks.append(_graph_block(graph, new_graph))
    body = "\n".join(b for b in blocks if b)
    if body:
        parts.append("INSERT DATA {\n%s\n}" % body)
    return " ;\n".join(parts)
