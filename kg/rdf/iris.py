"""The one place that mints IRIs.

Actor, article, statement, run and graph IRIs are all built here, so their shape is
stable across builds and one module decides it (docs/rdf-model.md, "Namespaces"). The namespaces
themselves are defined in :mod:`kg.terms` (re-exported here).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

from kg.terms import ACTOR_NS, ARTICLE_NS, GKG_NS, GRAPH_NS, RUN_NS, STATEMENT_NS

if TYPE_CHECKING:
    from kg.types import Statement

__all__ = [
    "ACTORS_GRAPH",
    "ACTOR_NS",
    "ARTICLE_NS",
    "GKG_NS",
    "ONTOLOGY_GRAPH",
    "RUN_NS",
    "STATEMENT_NS",
    "actor_iri",
    "article_iri",
    "key_from_actor_iri",
    "role_iri",
    "run_iri",
    "slugify",
    "statement_iri",
]

ACTORS_GRAPH = GRAPH_NS + "actors"
ONTOLOGY_GRAPH = GRAPH_NS + "ontology"


def slugify(name: str) -> str:
    """Lower-case ASCII slug of a name, the local part of a minted actor IRI.

    >>> slugify("Xi Jinping")
    'xi-jinping'
    >>> slugify("Côte d'Ivoire")
    'cote-divoire'
    >>> slugify("  ")
    'unnamed'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace("'", "").replace("’", "").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return slug or "unnamed"


def actor_iri(key: str) -> str:
    """IRI of the actor whose key (slug) is ``key``.

    >>> actor_iri("china")
    'https://w3id.org/geokg/actor/china'
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
        raise ValueError(f"actor key {key!r} is not a slug; build it with kg.rdf.iris.slugify")
    return ACTOR_NS + key


def key_from_actor_iri(iri: str) -> str:
    """The key of an actor IRI minted by :func:`actor_iri`.

    >>> key_from_actor_iri("https://w3id.org/geokg/actor/china")
    'china'
    """
    if not iri.startswith(ACTOR_NS):
        raise ValueError(f"{iri!r} is not a geokg actor IRI")
    return iri[len(ACTOR_NS) :]


def article_iri(sha256: str) -> str:
    """IRI of an article from the SHA-256 of its normalised text."""
    return ARTICLE_NS + sha256


def run_iri(software_version: str, config_hash: str) -> str:
    """IRI of an extractor run: the same software and configuration give the same run.

    A run names what produced the statements, not when: that keeps rebuilds idempotent.
    """
    digest = hashlib.sha256(f"{software_version}\x1f{config_hash}".encode()).hexdigest()[:16]
    return RUN_NS + digest


def statement_iri(statement: Statement) -> str:
    """Stable IRI of a statement (docs/rdf-model.md, "Statements").

    Hash of :attr:`kg.types.Statement.identity` (article hash, sentence offsets, subject,
    predicate, object, negated, modality).
    """
    digest = hashlib.sha256("\x1f".join(statement.identity).encode()).hexdigest()[:32]
    return STATEMENT_NS + digest


def role_iri(holder_key: str, office: str, start: str | None) -> str:
    """IRI of a role node: the same person, office and start give the same IRI.

    >>> role_iri("xi-jinping", "President of China", "2013-03-14").startswith(ACTOR_NS)
    True
    """
    digest = hashlib.sha256(f"{office}\x1f{start or ''}".encode()).hexdigest()[:12]
    return f"{actor_iri(holder_key)}/role/{digest}"
