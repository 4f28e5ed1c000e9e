"""``kg_lemmatizer``: spaCy's English rule lemmatizer, remembering each lemma it found.

spaCy's lemmatizer walks every token in Python, and for the many tokens whose form is their
own lemma (a singular noun, an infinitive, a positive adjective) it reads the morphology as a
dict every time, before its cache is consulted: 6 % of geokg's pipeline. A rule or lookup
lemma is a function of the token's text, POS and morphology only, so this subclass keeps the
lemma of each (text, POS, morphology) it has seen and sets it again without asking; what is
not yet known is lemmatised by spaCy's own code. Tokens that already have a lemma (the
attribute ruler sets some) keep it unless ``overwrite`` is set, as in spaCy.

The tables are the sourced model's own (``data_from``: its ``lemmatizer`` folder).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import numpy
from spacy.errors import Errors as SpacyErrors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import SimpleFrozenList
from spacy.vocab import Vocab
from thinc.api import Model

from kg.extract.model_data import component_data

__all__ = ["MemoLemmatizer", "make_lemmatizer"]

# forms remembered before the memo starts again (about 47,000 distinct in 860,000 tokens of news)
_MAX_FORMS = 200_000


class MemoLemmatizer(EnglishLemmatizer):
    """:class:`~spacy.lang.en.lemmatizer.EnglishLemmatizer` with a memo per (text, POS, morphology)."""

    def __init__(self, vocab: Vocab, model: Model | None, name: str = "lemmatizer", **kwargs: Any) -> None:
        super().__init__(vocab, model, name, **kwargs)
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode not in ("rule", "lookup"):  # other modes may read more of the token
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(SpacyErrors.E1004)
        error_handler = self.get_error_handler()
        try:
            self._set_lemmas(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def _set_lemmas(self, doc: Doc) -> None:
        if not len(doc):
            return
        memo = self._memo
        strings = self.vocab.strings
        lemmas = []
        overwrite = self.overwrite
        rows = cast(Any, doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])).tolist()
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                lemma = memo.get(key, 0)
                if not lemma:
                    if len(memo) >= _MAX_FORMS:
                        memo.clear()
                    lemma = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        doc.from_array(["LEMMA"], cast(Any, numpy.asarray(lemmas, dtype=numpy.uint64)))

    def clear_memo(self) -> None:
        """Forget the remembered lemmas (done whenever the tables are replaced)."""
        self._memo.clear()
        self.cache.clear()

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        super().initialize(*args, **kwargs)
        self.clear_memo()

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> MemoLemmatizer:
        super().from_bytes(bytes_data, exclude=exclude)
        self.clear_memo()
        return self

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> MemoLemmatizer:
        super().from_disk(path, exclude=exclude)
        self.clear_memo()
        return self


@Language.factory(
    "kg_lemmatizer",
    requires=["token.pos", "token.morph"],
    assigns=["token.lemma"],
    default_config={
        "data_from": None,
        "component": "lemmatizer",
        "model": None,
        "mode": "rule",
        "overwrite": False,
        "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
    },
)
def make_lemmatizer(
    nlp: Language,
    model: Model | None,
    name: str,
    data_from: str | None,
    component: str,
    mode: str,
    overwrite: bool,
    scorer: Callable[..., Any] | None,
) -> MemoLemmatizer:
    """spaCy's English lemmatizer with the tables of the ``component`` of the spaCy pipeline
    ``data_from`` (a package name or folder; none: call ``initialize`` as for spaCy's)."""
    lemmatizer = MemoLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
    if data_from:
        lemmatizer.from_disk(component_data(data_from, component), exclude=["vocab"])
    return lemmatizer
