"""What the embedded and the remote store share.

:class:`BaseStore` reads articles, actors and statements back through one method each store
implements, ``_select`` (a SPARQL SELECT over the union of all graphs), so that
:class:`~kg.store.GraphStore` and :class:`~kg.store.RemoteStore` return the very same records.
It also holds the one writing algorithm, :meth:`BaseStore.add_article`, built on primitive
operations each store provides (read a named graph, describe actors, find the graphs of a
doc_id, run an Update request, insert quads). The functions below build what both write: bound
query values, the actor descriptions an article changes, and the one Update request that
replaces an article's graph.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Literal, Self

import pyoxigraph as ox

from kg.actors.search import ActorName, resolve_actor
from kg.errors import Errors
from kg.rdf.convert import (
    ACTORS_GRAPH_NODE,
    OWL_SAME_AS,
    RDF_TYPE,
    RDFS_LABEL,
    ExtractorRun,
    actor_quads,
    article_quads,
)
from kg.rdf.iris import article_iri
from kg.records import ActorRecord, ArticleInfo, AttributionRecord, StatementRecord
from kg.store.results import Term
from kg.terms import (
    ACTOR_NS,
    ARTICLE_NS,
    GKG,
    GKG_NS,
    PROV,
    SKOS,
    WD_NS,
    XSD,
    named_node,
)
from kg.types import Actor, Article, Statement

__all__ = [
    "DUMP_FORMATS",
    "BaseStore",
    "Binding",
    "DumpFormat",
    "actor_changes",
    "binding_term",
    "dump_format",
    "insertion_update",
    "named_actors",
    "replacement_update",
]

Binding = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | str | int | float | bool | date
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
_SINGLE_VALUED = frozenset(
    {RDF_TYPE, RDFS_LABEL, OWL_SAME_AS, named_node(GKG.countryCode), named_node(GKG.partOf), named_node(GKG.sector)}
)
_MODALITIES = {str(GKG.Actual): "actual", str(GKG.Intended): "intended", str(GKG.Possible): "possible"}

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

_ARTICLE_RUNS_QUERY = f"""
SELECT DISTINCT ?g ?doc ?run WHERE {{
  GRAPH ?g {{
    ?g a schema:NewsArticle ; dcterms:identifier ?doc .
    OPTIONAL {{ ?st <{PROV.wasGeneratedBy}> ?run }}
  }}
}}
"""

_ACTORS_QUERY = (
    """
SELECT ?a ?label ?type ?wd ?country ?sector WHERE {
  GRAPH <%s> {
    ?a a gkg:Actor ; rdfs:label ?label .
    OPTIONAL { ?a a ?type FILTER(?type != gkg:Actor) }
    OPTIONAL { ?a owl:sameAs ?wd }
    OPTIONAL { ?a gkg:countryCode ?country }
    OPTIONAL { ?a gkg:sector ?sector }
  }
}
"""
    % ACTORS_GRAPH_NODE.value
)

# each pattern in a sub-select of its own: Oxigraph reads it once along its index and joins the
# parts in memory (a quarter of the time of a lookup per actor on the full Reuters store)
_ACTOR_NAMES_QUERY = f"""
SELECT ?a ?label ?alias WHERE {{
  GRAPH {ACTORS_GRAPH_NODE} {{
    {{ SELECT ?a WHERE {{ ?a a gkg:Actor }} }}
    {{ SELECT ?a ?label WHERE {{ ?a rdfs:label ?label }} }}
    OPTIONAL {{ SELECT ?a ?alias WHERE {{ ?a <{SKOS.altLabel}> ?alias }} }}
  }}
}}
"""

_DESCRIBED_ACTORS_QUERY = f"SELECT DISTINCT ?a WHERE {{ GRAPH {ACTORS_GRAPH_NODE} {{ ?a a gkg:Actor }} }}"

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
    "actors": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH <%s> { ?a a gkg:Actor } }" % ACTORS_GRAPH_NODE.value,
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

    # ------------------------------------------------------------ writing primitives

    @abstractmethod
    def _writable(self) -> object:
        """Raise StoreError unless the store may be written."""

    @abstractmethod
    def _graph_quads(self, graph: ox.NamedNode) -> Iterable[ox.Quad]:
        """The quads of the named graph ``graph`` (none when it does not exist)."""

    @abstractmethod
    def _described(self, subjects: list[ox.NamedNode]) -> Mapping[ox.NamedNode, set[ox.Quad]]:
        """What the actors graph says about each of ``subjects``."""

    @abstractmethod
    def _doc_graphs(self, doc_id: str) -> set[str]:
        """IRIs of the article graphs whose doc_id is ``doc_id``."""

    @abstractmethod
    def _ensure_ontology(self) -> None:
        """Load the ontology graph unless the store holds that exact version."""

    @abstractmethod
    def _update(self, request: str, *, what: str) -> None:
        """Run one SPARQL Update request in one transaction; ``what`` names it in errors."""

    def _wrote(self, quads: int) -> None:
        """Told before each write of an article how many quads it adds or removes, about (a
        store may flush its write buffers now and then; by default nothing happens)."""
        return None

    def _insert(self, quads: list[ox.Quad], *, what: str) -> None:
        """Add ``quads`` in one transaction (stores may override with a faster way)."""
        if quads:
            self._update(insertion_update(quads), what=what)

    # ------------------------------------------------------------ writing

    def remove_actors_except(self, keys: Iterable[str]) -> int:
        """Drop the descriptions (and role nodes) of the described actors whose key is not in
        ``keys``, in one transaction; return how many actors were dropped.

        What a replacing build (:func:`kg.builder.build_store`) does last, so that the actors
        graph holds the actors of the articles built, as a build into an empty store would.
        """
        self._writable()
        keep = {ACTOR_NS + key for key in keys}
        actors = {row[0].value for row in self._select(_DESCRIBED_ACTORS_QUERY)}
        gone = sorted(actors - keep)
        if not gone:
            return 0
        values = " ".join(str(ox.NamedNode(iri)) for iri in gone)
        g, holder = ACTORS_GRAPH_NODE, named_node(GKG.holder)
        request = (  # two operations, one request: one transaction
            f"DELETE {{ GRAPH {g} {{ ?r ?p ?o }} }} WHERE {{ VALUES ?a {{ {values} }} "
            f"GRAPH {g} {{ ?r {holder} ?a . ?r ?p ?o }} }} ;\n"
            f"DELETE {{ GRAPH {g} {{ ?a ?p ?o }} }} WHERE {{ VALUES ?a {{ {values} }} "
            f"GRAPH {g} {{ ?a ?p ?o }} }}"
        )
        self._update(request, what="the removal of actors no article names")
        return len(gone)

    def add_article(
        self,
        article: Article,
        statements: Sequence[Statement],
        actors: Iterable[Actor] = (),
        *,
        run: ExtractorRun,
        replace_doc_id: bool = True,
    ) -> bool:
        """Write one article, its statements and the actors they name, in one transaction.

        The article's named graph replaces any earlier version of the same article IRI; with
        ``replace_doc_id`` (default) graphs of other articles with the same ``doc_id`` (earlier
        versions of an edited text) are dropped in the same transaction. Actor descriptions
        (``actors`` and every actor the statements name; ``actors`` win) are upserted:
        single-valued properties and roles are replaced, aliases added. The run is recorded,
        and the ontology is loaded once.

        Returns False when the store already holds exactly this article graph (then only
        changed actor descriptions, if any, are written); True when the article was written.
        """
        self._writable()
        graph = ox.NamedNode(article_iri(article.sha256))
        new_graph = article_quads(article, statements, run=run)
        found: dict[ox.NamedNode, set[ox.Quad]] = {}

        def described(subjects: list[ox.NamedNode]) -> Mapping[ox.NamedNode, set[ox.Quad]]:
            found.update(self._described([*subjects, run.node]))  # one look-up with the run
            return found

        retract, insert = actor_changes(named_actors(statements, actors), described)
        insert.extend(q for q in run.quads() if q not in found.get(run.node, set()))
        old_graph = set(self._graph_quads(graph))
        same = old_graph == set(new_graph)
        superseded = self._doc_graphs(article.doc_id) - {article_iri(article.sha256)} if replace_doc_id else set()
        self._ensure_ontology()
        what = f"article {article.doc_id!r}"
        if same and not superseded and not retract and not insert:
            return False
        self._wrote(len(insert) + len(retract) + (0 if same else len(new_graph) + len(old_graph)))
        if not superseded and not retract and (same or not old_graph):
            self._insert(insert if same else insert + new_graph, what=what)  # nothing to drop
            return not same
        request = replacement_update(
            graph,
            new_graph,
            old_graph=bool(old_graph),
            same=same,
            superseded=superseded,
            retract=retract,
            insert=insert,
        )
        self._update(request, what=what)
        return not same or bool(superseded)

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
                    "sha256": iri[len(ARTICLE_NS) :],
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

    def current_articles(self, run_iri: str) -> set[tuple[str, str]]:
        """``(text SHA-256, doc_id)`` of the articles that ``run_iri`` would not change.

        An article is current when every statement of its graph was made by that extractor run
        (same software version and configuration), or when it has no statement and the store
        holds statements of no other run. ``kg build`` skips such articles before extraction.
        """
        runs: dict[tuple[str, str], set[str]] = {}
        for row in self._select(_ARTICLE_RUNS_QUERY):
            found = runs.setdefault((row["g"].value[len(ARTICLE_NS) :], row["doc"].value), set())
            if row["run"] is not None:
                found.add(row["run"].value)
        others = set().union(*runs.values()) - {run_iri}
        return {article for article, made_by in runs.items() if made_by == {run_iri} or (not made_by and not others)}

    def actor_names(self) -> list[ActorName]:
        """Every described actor with its label and aliases, to resolve what a user typed."""
        found: dict[str, tuple[str, list[str]]] = {}
        for row in self._select(_ACTOR_NAMES_QUERY):
            _, aliases = found.setdefault(row["a"].value, (row["label"].value, []))
            if row["alias"] is not None:
                aliases.append(row["alias"].value)
        return [  # by IRI, aliases sorted: the same list whatever order the store reads them in
            ActorName(iri, iri[len(ACTOR_NS) :] if iri.startswith(ACTOR_NS) else iri, label, tuple(sorted(aliases)))
            for iri, (label, aliases) in sorted(found.items())
        ]

    def resolve_actor(self, name: str) -> str:
        """The IRI of the actor that ``name`` (IRI, key, label or alias) names in this store.

        Raises E623 (with close labels as suggestions) or E624, as
        :func:`kg.actors.search.resolve_actor` does.
        """
        return resolve_actor(name, self.actor_names()).iri

    def _actor_records(self) -> dict[str, dict[str, Any]]:
        """The described actors by IRI: ``id``, ``label``, ``type``, ``wikidata``, ``country``
        (and ``sector`` for generic actors)."""
        actors: dict[str, dict[str, Any]] = {}
        for row in self._select(_ACTORS_QUERY):
            iri = row["a"].value
            kind = row["type"]
            wikidata = row["wd"]
            country = row["country"]
            actors[iri] = {
                "id": iri,
                "label": row["label"].value,
                "type": kind.value[len(GKG_NS) :] if kind is not None else None,
                "wikidata": wikidata.value[len(WD_NS) :] if wikidata is not None else None,
                "country": country.value if country is not None else None,
            }
            if row["sector"] is not None:
                actors[iri]["sector"] = row["sector"].value
        return actors

    def iter_statements(self, *, doc_id: str | None = None) -> Iterator[StatementRecord]:
        """Every statement as a :class:`~kg.records.StatementRecord`.

        Its :meth:`~kg.records.StatementRecord.to_json` is the object of the JSON Lines format
        (docs/statements.md), with the same keys and value types as
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
                found = ActorRecord(id=iri, label=iri[len(ACTOR_NS) :] if iri.startswith(ACTOR_NS) else iri)
            return found

        subs = {"doc": ox.Literal(doc_id)} if doc_id is not None else {}
        records = []
        for solution in self._select(_STATEMENTS_QUERY, **subs):
            # positional unpacking: much faster than solution["name"] on 100k rows. Every
            # variable but ?attr and ?date is bound by the query's required patterns, which the
            # type checker cannot see: the row is typed Any, and attr and day are tested for None
            row: list[Any] = [None if term is None else term.value for term in solution]
            st, graph, doc, s, p, o, neg, mod, attr, day, sent, cs, ce, conf = row
            article = articles.get(graph)
            if article is None:
                continue
            predicate = p[len(GKG_NS) :]
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
        raise Errors.E353.error(fmt=fmt, dump_formats=", ".join(DUMP_FORMATS))
    return DUMP_FORMATS[fmt]


def binding_term(name: str, value: Binding) -> tuple[ox.Variable, Term]:
    """The SPARQL variable ``name`` and the RDF term a Python value binds it to."""
    try:
        variable = ox.Variable(name.lstrip("?$"))
    except ValueError:
        raise Errors.E324.error(name=name) from None
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return variable, value
    if isinstance(value, (bool, int, float, str)):
        return variable, ox.Literal(value)
    if isinstance(value, datetime):
        return variable, ox.Literal(value.isoformat(), datatype=named_node(XSD["dateTime"]))
    if isinstance(value, date):
        return variable, ox.Literal(value.isoformat(), datatype=named_node(XSD["date"]))
    raise Errors.E325.error(value=variable.value, type_name=type(value).__name__)


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
    and their role nodes). Single-valued properties (types, label, sameAs, countryCode, partOf,
    sector) and role nodes are replaced; aliases accumulate.
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
        remove.extend(q for q in have if q not in new_set and (is_role or q.predicate in _SINGLE_VALUED))
    return remove, add


def _graph_block(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> str:
    # N-Triples term syntax is valid SPARQL: literals are escaped by pyoxigraph, IRIs validated
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return f"GRAPH {graph} {{\n{body}\n}}" if body else ""


def insertion_update(quads: Iterable[ox.Quad]) -> str:
    """One SPARQL Update request that inserts ``quads`` (of named graphs)."""
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name, []).append(quad)  # type: ignore[arg-type]
    body = "\n".join(_graph_block(graph, qs) for graph, qs in by_graph.items())
    return f"INSERT DATA {{\n{body}\n}}"


def replacement_update(
    graph: ox.NamedNode,
    new_graph: Sequence[ox.Quad],
    *,
    old_graph: bool,
    same: bool,
    superseded: Iterable[str],
    retract: Sequence[ox.Quad],
    insert: Sequence[ox.Quad],
) -> str:
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
