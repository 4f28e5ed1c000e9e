"""``kg.HeadlineTokenizer.v1``: the geokg tokenizer; recases headlines and reads the date.

Two steps of extraction happen before the pipeline components, because they work on the text
itself: title-case headlines are put in sentence case (:mod:`kg.extract.headline`), which the
parser needs, and the article date is read from the first lines of the text as the text
reader of :mod:`kg.ingest` reads it (:func:`kg.ingest.header.read_header`) into
``doc._.kg_date``. The tokenizer does both, then tokenises with spaCy's English tokenizer, so
that ``nlp(text)`` of the geokg pipeline sees what ``kg extract`` sees.

Recasing keeps the length of the text: character offsets in the doc are offsets in the
(normalised, :func:`kg.types.normalise_text`) original. A caller who knows the date sets it
after tokenising: ``doc = nlp.make_doc(text); doc._.kg_date = day; nlp(doc)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # a compiled module that spaCy ships without a stub
from spacy.tokens import Doc

import kg.extract.extensions  # noqa: F401  (registers doc._.kg_date)
from kg.actors.kb import KnowledgeBase
from kg.extract.headline import sentence_case_headlines
from kg.extract.lexicon import NAME_TITLE_LISTS, Lexicon, load_lexicon
from kg.extract.resources import get_kb
from kg.ingest.header import read_header
from kg.types import normalise_text

__all__ = ["HeadlineTokenizer", "create_headline_tokenizer", "headline_words", "name_words"]

# cue lists that only help to find names: not ordinary words of a headline
_NAME_LISTS = {("titles", name) for name in NAME_TITLE_LISTS}


class HeadlineTokenizer:
    """spaCy's tokenizer behind headline recasing and date reading (see the module docstring).

    ``keep``: words whose case matters (tokens of known actor names); ``common``: ordinary
    words a headline may capitalise (forms of triggers and cue words).
    """

    def __init__(self, inner: Tokenizer, keep: set[str], common: set[str]) -> None:
        self.inner = inner
        self.keep = keep
        self.common = common

    def __call__(self, text: str) -> Doc:
        text = normalise_text(text)
        doc = self.inner(sentence_case_headlines(text, self.keep, self.common))
        doc._.kg_date = read_header(text)[1]
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenise as spaCy's tokenizer does, without recasing (phrase patterns use it)."""
        yield from self.inner.pipe(texts, batch_size=batch_size)

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> HeadlineTokenizer:
        self.inner.from_disk(path, **kwargs)
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> HeadlineTokenizer:
        self.inner.from_bytes(data, **kwargs)
        return self


@spacy.registry.tokenizers("kg.HeadlineTokenizer.v1")
def create_headline_tokenizer(
    actors: list[str] = [],  # noqa: B006 (a config default, never mutated)
    bundled: bool = True,
    lexicon: str | None = None,
) -> Callable[[Language], HeadlineTokenizer]:
    """The geokg tokenizer for ``[nlp.tokenizer]``; ``actors``/``bundled`` as for the actor
    components (their names keep their case), ``lexicon`` as for the relation component."""

    def make(nlp: Language) -> HeadlineTokenizer:
        inner = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        kb = get_kb(tuple(actors), bundled)
        return HeadlineTokenizer(inner, name_words(kb), headline_words(load_lexicon(lexicon)))

    return make


def name_words(kb: KnowledgeBase) -> set[str]:
    """The words of the knowledge base's names, demonyms and capitals."""
    keep = {w for alias in kb.surface for w in alias.split()}
    keep.update(kb.demonyms)
    keep.update(w for c in kb.capitals for w in c.split())
    return keep


def headline_words(lex: Lexicon) -> set[str]:
    """Lower-case word forms of the trigger and cue lexicon ("pressures", "oppose", "talks")."""
    lemmas = (
        {w for (w, _pos) in lex.words} | {v for (v, _p) in lex.particle_verbs} | {p for (_v, p) in lex.particle_verbs}
    )
    lemmas |= {w for pair in lex.compounds for part in pair for w in part.split()}
    forms: set[str] = set()
    for lemma in lemmas:
        forms.update(
            {
                lemma,
                lemma + "s",
                lemma + "es",
                lemma + "ed",
                lemma + "d",
                lemma + "ing",
                lemma[:-1] + "ies" if lemma.endswith("y") else lemma,
                lemma[:-1] + "ing" if lemma.endswith("e") else lemma,
            }
        )
    for section_name, section in lex.cues.items():
        for name, values in section.items():
            if isinstance(values, list) and (section_name, name) not in _NAME_LISTS:
                forms.update(v for v in values if isinstance(v, str) and " " not in v)
    return forms
