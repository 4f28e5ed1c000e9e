"""``kg_relations``: who did what to whom, read from the dependency parse.

Runs after ``kg_actor_linker`` and writes ``doc._.kg_relations``, a list of
:class:`~kg.extract.extensions.Relation`. Every word of the trigger lexicon
(``pipelines/triggers.tsv``) is a candidate. The package is layered:

- :mod:`~kg.extract.relations.component`: the spaCy component and its factory; it runs the
  rules named in its ``rules`` setting (``pipelines/geokg.cfg``) over every sentence;
- :mod:`~kg.extract.relations.context`: the rules' word data and the per-sentence context;
- pure helpers: :mod:`~kg.extract.relations.triggers`, :mod:`~kg.extract.relations.arguments`,
  :mod:`~kg.extract.relations.qualifiers` (negation, modality, attribution),
  :mod:`~kg.extract.relations.scoring`, :mod:`~kg.extract.relations.dedupe`,
  :mod:`~kg.extract.relations.build`;
- :mod:`~kg.extract.relations.rules`: one module per rule family (``verb``, ``noun``,
  ``titles``, ``surface``), each a generator of relations.
"""

from __future__ import annotations

from kg.extract.relations.component import (
    DEFAULT_RULES,
    RelationExtractor,
    make_relation_extractor,
)

__all__ = ["DEFAULT_RULES", "RelationExtractor", "make_relation_extractor"]
