"""The ``kg_coref`` component: resolves anaphora to actors and writes coreference clusters.

It runs after ``kg_actor_linker``. Every anaphor it resolves (:mod:`kg.extract.coref.resolve`)
becomes an actor mention in ``doc._.kg_mentions`` (one per actor: "they" after "Chile and
Peru" is both), so the relation rules read "it would summon the envoy" as the ministry's act.
The clusters go where spaCy's experimental coreference component writes them:
``doc.spans["coref_clusters_1"]``, ``"coref_clusters_2"``… one span group per actor that an
anaphor refers to, holding the actor's mentions and its anaphors in text order.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.actors.kb import KnowledgeBase
from kg.extract.actor_linker.descriptions import description_mentions
from kg.extract.coref.data import CorefData
from kg.extract.coref.resolve import (
    Link,
    Referent,
    referents,
    resolve_descriptions,
    resolve_events,
    resolve_pronouns,
    resolve_speakers,
)
from kg.extract.extensions import PARSED_MENTIONS, Mention
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.resources import get_kb

__all__ = ["CLUSTER_PREFIX", "CorefResolver", "make_coref"]

#: the span-group key prefix of spacy-experimental's coref component
CLUSTER_PREFIX = "coref_clusters"


class CorefResolver:
    """Pronouns, first person in quotations and definite descriptions → earlier actors."""

    def __init__(
        self, data: CorefData, *, pronouns: bool = True, speakers: bool = True, descriptions: bool = True
    ) -> None:
        self.data = data
        self.pronouns = pronouns
        self.speakers = speakers
        self.descriptions = descriptions

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = list(doc._.kg_mentions or [])
        taken = {i for m in mentions for i in range(m.start, m.end)}
        links = self.links(doc, mentions, taken)
        for link in links:
            mentions.extend(link.mentions())
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.kg_mentions = mentions
        write_clusters(doc, links, mentions)
        return doc

    def links(self, doc: Doc, mentions: list[Mention], taken: set[int]) -> list[Link]:
        """Descriptions first (they become referents of later pronouns), then pronouns, then
        first person in quotations (whose speaker may be a pronoun: "…," he said)."""
        links: list[Link] = []
        refs = referents(doc, mentions)
        if self.descriptions:
            # the linker's descriptions (pipelines/descriptors.tsv) where it left them to us
            listed = description_mentions(doc, mentions, taken, self.data.linker)
            links += [Link(m.start, m.end, Referent(m.start, m.start, (m,), False), "description") for m in listed]
            mentions = [*mentions, *listed]
            refs = referents(doc, mentions)
            found = resolve_descriptions(doc, refs, taken, self.data)
            taken |= {i for link in found for i in range(link.start, link.end)}
            found += resolve_events(doc, mentions, taken, self.data)
            links += found
            refs = _with_links(doc, mentions, found)
            taken |= {i for link in found for i in range(link.start, link.end)}
        if self.pronouns:
            found = resolve_pronouns(doc, refs, taken, self.data)
            links += found
            taken |= {i for link in found for i in range(link.start, link.end)}
        if self.speakers:
            by_token = {i: m for m in mentions for i in range(m.start, m.end)}
            for link in links:
                if len(link.referent.mentions) == 1:
                    by_token.setdefault(link.start, link.mentions()[0])
            links += resolve_speakers(doc, by_token, taken, self.data)
        return links


def _with_links(doc: Doc, mentions: list[Mention], links: list[Link]):  # type: ignore[no-untyped-def]
    return referents(doc, [*mentions, *(m for link in links for m in link.mentions())])


def write_clusters(doc: Doc, links: list[Link], mentions: list[Mention]) -> None:
    """One span group per referred-to actor: its mentions and anaphors, in text order."""
    for key in [k for k in doc.spans if k.startswith(CLUSTER_PREFIX + "_")]:
        del doc.spans[key]
    anaphors: dict[str, list[tuple[int, int]]] = {}
    for link in links:
        for m in link.mentions():
            anaphors.setdefault(m.actor.key, []).append((link.start, link.end))
    for n, (key, spans) in enumerate(sorted(anaphors.items(), key=lambda kv: min(kv[1])), 1):
        named = {(m.start, m.end) for m in mentions if m.actor.key == key}
        doc.spans[f"{CLUSTER_PREFIX}_{n}"] = [Span(doc, s, e) for s, e in sorted(named | set(spans))]


@Language.factory(
    "kg_coref",
    requires=PARSED_MENTIONS,
    assigns=["doc._.kg_mentions", "doc.spans"],
    default_config={
        "actors": [],
        "bundled": True,
        "lexicon": None,
        "pronouns": True,
        "speakers": True,
        "descriptions": True,
    },
)
def make_coref(
    nlp: Language,
    name: str,
    actors: list[str],
    bundled: bool,
    lexicon: str | None,
    pronouns: bool,
    speakers: bool,
    descriptions: bool,
) -> CorefResolver:
    """Resolve pronouns, quoted first person and definite descriptions; place after ``kg_actor_linker``."""
    kb: KnowledgeBase = get_kb(tuple(actors), bundled)
    lex: Lexicon = load_lexicon(lexicon)
    return CorefResolver(
        CorefData.build(kb, lex, lexicon), pronouns=pronouns, speakers=speakers, descriptions=descriptions
    )
