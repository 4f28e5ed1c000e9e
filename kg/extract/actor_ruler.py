"""``kg_actor_ruler``: find the knowledge base's actors in text, before the statistical NER.

Every alias, capital, seat of government, demonym and short name of the actor knowledge base
becomes a case-sensitive phrase pattern. Matches become entities (``doc.ents``) whose
``kb_id_`` is the actor key and whose label is the NER class spaCy's models use (PERSON,
GPE, ORG, NORP), so that the NER placed after it keeps them and fills in only what the
knowledge base does not know ("Trump" is then a PERSON, not an ORG). The words that may stand
before a surname and after it are lists of the lexicon (``before_surname`` in the
``[titles]`` of ``pipelines/cues.toml``, ``[ruler]`` of ``pipelines/words.toml``).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.actors import cache
from kg.actors.kb import KnowledgeBase
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.resources import get_kb

__all__ = ["ActorRuler", "make_actor_ruler", "ner_label"]

_LABELS = {"State": "GPE", "Person": "PERSON"}


def ner_label(actor_type: str, kind: str) -> str:
    """The spaCy NER label for an actor of ``actor_type`` found by a ``kind`` of name.

    >>> ner_label("State", "demonym"), ner_label("Media", "name")
    ('NORP', 'ORG')
    """
    if kind == "demonym":
        return "NORP"
    return _LABELS.get(actor_type, "ORG")


class ActorRuler:
    """Phrase patterns from a :class:`~kg.actors.kb.KnowledgeBase` → ``doc.ents``."""

    def __init__(
        self, nlp: Language, kb: KnowledgeBase, *, overwrite_ents: bool = True, lexicon: Lexicon | None = None
    ) -> None:
        self.kb = kb
        self.overwrite_ents = overwrite_ents
        lexicon = lexicon or load_lexicon(None)
        self.title_words = lexicon.cue("titles", "before_surname")
        self.joiners = lexicon.word_list("ruler", "joiners")
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # one match rule per kind of name; the matched tokens tell the actor (tens of
        # thousands of rules, one per actor, would make start-up slow)
        self._kinds: dict[int, str] = {}
        self._keys: dict[tuple[int, ...], str] = {}
        forms = [(form, key, kind) for text, key, kind in kb.iter_surface_forms() for form in self._variants(text)]
        by_kind: dict[str, list[list[int]]] = {}
        strings = nlp.vocab.strings
        for (_, key, kind), tokens in zip(forms, cache.tokenised([f for f, _, _ in forms], nlp.tokenizer), strict=True):
            orths = [strings.add(t) for t in tokens]
            if self._keys.setdefault((strings.add(kind), *orths), key) == key:
                by_kind.setdefault(kind, []).append(orths)
        for kind, patterns in by_kind.items():
            self._kinds[strings.add(kind)] = kind
            self.matcher.add(kind, patterns)  # type: ignore[arg-type]  # token ids work as patterns

    @staticmethod
    def _variants(text: str) -> Iterable[str]:
        forms = {text}
        if text[:1].islower():
            forms.add(text[:1].upper() + text[1:])
        for form in list(forms):
            if "'" in form:
                forms.add(form.replace("'", "’"))
        yield from sorted(forms)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            kind = self._kinds[match_id]
            key = self._keys[(match_id, *(t.orth for t in doc[start:end]))]
            if kind == "short" and _part_of_longer_name(doc, start, end, self.title_words, self.joiners):
                continue  # "Ivanka Trump", "Trump Tower": another name, left to the NER
            if end - start == 1 and kind in ("name", "capital") and _after_a_name(doc, start, self.title_words):
                continue  # "New Jersey", "New Mexico", "George Washington": another name
            label = ner_label(self.kb.actors[key].type, kind)
            spans.append(Span(doc, start, end, label=label, kb_id=key))
        spans = filter_spans(spans)
        if not spans:
            return doc
        if self.overwrite_ents:
            taken = {i for s in spans for i in range(s.start, s.end)}
            keep = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        else:
            taken = {i for e in doc.ents for i in range(e.start, e.end)}
            keep = list(doc.ents)
            spans = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
        doc.ents = sorted([*keep, *spans], key=lambda s: s.start)
        return doc


def _part_of_longer_name(doc: Doc, start: int, end: int, title_words: frozenset[str], joiners: frozenset[str]) -> bool:
    """A surname match glued to other capitalised words ("Ivanka Trump", "Trump Tower")."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if (
        before is not None
        and before.is_title
        and before.is_alpha
        and before.pos_ == "PROPN"
        and before.lower_ not in title_words
    ):
        return True
    if after is not None and after.is_title and after.is_alpha and after.lower_ not in joiners:
        return True
    return False


def _after_a_name(doc: Doc, start: int, title_words: frozenset[str]) -> bool:
    """A one-word country or capital glued to a capitalised word before it ("New Jersey")."""
    if start == 0:
        return False
    before = doc[start - 1]
    return (
        before.is_title
        and before.is_alpha
        and before.pos_ == "PROPN"
        and before.lower_ not in title_words
        and not before.is_sent_start
    )


@Language.factory(
    "kg_actor_ruler",
    requires=["token.pos", "token.is_sent_start"],
    assigns=["doc.ents", "token.ent_type", "token.ent_kb_id", "token.ent_iob"],
    default_config={"actors": [], "bundled": True, "overwrite_ents": True, "lexicon": None},
)
def make_actor_ruler(
    nlp: Language, name: str, actors: list[str], bundled: bool, overwrite_ents: bool, lexicon: str | None
) -> ActorRuler:
    """Mark known actors as entities. ``actors``: extra actor files (JSON Lines) to load;
    ``lexicon``: a folder with your own word lists (default ``pipelines/``)."""
    return ActorRuler(nlp, get_kb(tuple(actors), bundled), overwrite_ents=overwrite_ents, lexicon=load_lexicon(lexicon))
