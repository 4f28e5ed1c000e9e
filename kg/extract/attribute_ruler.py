"""``kg_attribute_ruler``: spaCy's attribute ruler, as a table instead of a matcher run.

spaCy's ``attribute_ruler`` runs a :class:`~spacy.matcher.Matcher` over every document and
sets the attributes of every match through a :class:`~spacy.tokens.Span`; in the English
models almost every pattern is one token whose tag (and sometimes its lower-case form or
dependency label) gives its POS, morphology or lemma, so every token is one match, and the
component cost 11–14 % of geokg's pipeline. This subclass gives the same attributes for less:

- every token of a pattern that reads only attributes ``Doc.to_array`` gives (the texts,
  ``TAG``, ``POS``, ``DEP``, ``LEMMA`` and the lexical flags such as ``IS_SPACE``) is split into
  its conditions on each attribute. spaCy's own ``Matcher`` decides, once per distinct value
  of an attribute, which of those conditions the value meets (so ``IN``, ``NOT_IN``, ``REGEX``
  and the rest mean what they mean in spaCy); a token's values then give, from a table, the
  one-token patterns it matches with their attributes merged in pattern order, and the token
  conditions it meets, on which the patterns of several tokens (without operators) are matched;
- every other pattern (operators, extension attributes, ``MORPH``) stays in a ``Matcher``
  that runs as before;
- all matching is done before any attribute is set, and the attributes of the patterns a
  token matches are set in the order of the patterns, as spaCy does: a later pattern wins.

The patterns are the sourced model's own (``data_from``: its ``attribute_ruler`` folder), so
no data is copied; the class keeps the API of :class:`~spacy.pipeline.AttributeRuler`
(``add``, ``add_patterns``, ``patterns``, serialisation), and the table is rebuilt whenever
a pattern is added.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.errors import Errors as SpacyErrors
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import SimpleFrozenList
from spacy.vocab import Vocab

from kg.extract.model_data import component_data

__all__ = ["TableAttributeRuler", "make_attribute_ruler"]

# attributes a one-token pattern may read for the table: those Doc.to_array and the Matcher
# both read with Token.get_struct_attr, so a token's value is what the Matcher compares
_TABLE_ATTRS = {
    *("ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS", "DEP", "LEMMA"),
    *("IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER"),
    *("IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "IS_STOP"),
    *("LIKE_URL", "LIKE_NUM", "LIKE_EMAIL"),
}
# memo sizes before a memo starts again: values of one attribute (bounded by the vocabulary in
# practice), and rows of a token's values (about 90,000 distinct in 860,000 tokens of news,
# some 300 bytes each; the row memo halves the ruler's time)
_MAX_VALUES = 500_000
_MAX_ROWS = 100_000


def _table_attr(name: str) -> str | None:
    """The attribute the table reads for a pattern key (for ``Doc.to_array``), or None."""
    if name in _TABLE_ATTRS:
        return "ORTH" if name == "TEXT" else name
    return None


def _merge(parts: Iterable[dict[Any, Any]]) -> dict[Any, Any]:
    """Attribute dicts applied one after the other, as one dict (a later value wins)."""
    merged: dict[Any, Any] = {}
    for attrs in parts:
        for key, value in attrs.items():
            merged[key] = {**merged.get("_", {}), **value} if key == "_" else value
    return merged


class _Attribute:
    """What the table knows about one attribute the one-token patterns read."""

    def __init__(self, ruler: TableAttributeRuler, name: str) -> None:
        self.ruler = ruler
        self.name = name
        self.id = _table_attr(name) or name
        self.probe = Matcher(ruler.vocab, validate=ruler.validate)  # one rule per condition
        self.rules: dict[int, int] = {}  # rule hash → condition number
        self.conditions: dict[str, int] = {}  # condition (as JSON) → number
        self.values: dict[int, int] = {}  # value → class number
        self.classes: dict[frozenset[int], int] = {}  # conditions met → class number
        self.class_sets: list[frozenset[int]] = []  # class number → conditions met

    def condition(self, value: Any) -> int:
        """The number of the condition ``value`` (a pattern's value for this attribute)."""
        text = json.dumps(value, sort_keys=True)
        if text not in self.conditions:
            number = len(self.conditions)
            self.conditions[text] = number
            rule = self.ruler.vocab.strings.add(f"kg_attribute_ruler {self.name} {number}")
            self.probe.add(rule, [[{self.name: value}]])
            self.rules[rule] = number
        return self.conditions[text]

    def classify(self, doc: Doc, i: int, value: int) -> int:
        """The class of ``value`` (this attribute of token ``i``): the conditions it meets,
        decided by spaCy's Matcher on that token."""
        met = frozenset(self.rules[m] for m, _, _ in self.probe(doc[i : i + 1], allow_missing=True))
        if met not in self.classes:
            self.classes[met] = len(self.classes)
            self.class_sets.append(met)
        if len(self.values) >= _MAX_VALUES:
            self.values.clear()
        self.values[value] = self.classes[met]
        return self.classes[met]


# what the table knows about a token: the one-token patterns it matches, their attributes
# merged, the several-token patterns whose first token it matches, the token conditions it meets
_Info = tuple[tuple[int, ...], dict[Any, Any], tuple[int, ...], frozenset[int]]


class _Table:
    """The compiled patterns of one :class:`TableAttributeRuler` (see the module docstring)."""

    def __init__(self, ruler: TableAttributeRuler) -> None:
        self.ruler = ruler
        self.attributes: list[_Attribute] = []  # the attributes the table reads, in to_array order
        self.specs: dict[tuple[tuple[int, int], ...], int] = {}  # token condition → number
        self.singles: list[tuple[int, frozenset[int]]] = []  # (pattern, its one-token conditions)
        self.sequences: list[tuple[int, tuple[int, ...], int]] = []  # (pattern, conditions, index)
        self.rest = Matcher(ruler.vocab, validate=ruler.validate)  # what the table cannot read
        self.n_rest = 0
        self.by_key: dict[tuple[int, ...], _Info] = {}  # classes of a token's values → info
        self.by_row: dict[tuple[int, ...], _Info] = {}  # a token's values → info
        for number in range(len(ruler.attrs)):
            patterns = ruler.matcher.get(str(number))[1]
            if any(any(_table_attr(k) is None for k in spec) for p in patterns for spec in p):
                self.rest.add(ruler.vocab.strings.add(str(number)), patterns)
                self.n_rest += 1
                continue
            alternatives = [tuple(self._spec(spec) for spec in p) for p in patterns]
            index = ruler.indices[number]
            one = index in (0, -1)  # a one-token pattern that sets its own token's attributes
            singles = frozenset(alt[0] for alt in alternatives if len(alt) == 1 and one)
            if singles:
                self.singles.append((number, singles))
            self.sequences += [(number, alt, index) for alt in alternatives if len(alt) > 1 or not one]
        self.attr_ids = [a.id for a in self.attributes]

    def _spec(self, spec: dict[str, Any]) -> int:
        """The number of the token condition ``spec`` (one token of a pattern)."""
        conditions = []
        for name, value in spec.items():
            a = next((n for n, attr in enumerate(self.attributes) if attr.name == name), None)
            if a is None:
                a = len(self.attributes)
                self.attributes.append(_Attribute(self.ruler, name))
            conditions.append((a, self.attributes[a].condition(value)))
        return self.specs.setdefault(tuple(sorted(conditions)), len(self.specs))

    def _info(self, doc: Doc, i: int, row: tuple[int, ...]) -> _Info:
        """What the table knows about token ``i``, whose values are ``row`` (memoised)."""
        key = []
        for attribute, value in zip(self.attributes, row, strict=True):
            c = attribute.values.get(value)
            key.append(attribute.classify(doc, i, value) if c is None else c)
        info = self.by_key.get(tuple(key))
        if info is None:
            sets = [self.attributes[a].class_sets[c] for a, c in enumerate(key)]
            met = frozenset(n for spec, n in self.specs.items() if all(cond in sets[a] for a, cond in spec))
            numbers = tuple(number for number, singles in self.singles if singles & met)
            starts = tuple(q for q, (_, seq, _) in enumerate(self.sequences) if seq[0] in met)
            info = self.by_key[tuple(key)] = (numbers, _merge(self.ruler.attrs[n] for n in numbers), starts, met)
        if len(self.by_row) >= _MAX_ROWS:
            self.by_row.clear()
        self.by_row[row] = info
        return info

    def infos(self, doc: Doc) -> list[_Info]:
        """What the table knows about every token of ``doc``."""
        if not self.attr_ids:
            return [self._info(doc, i, ()) for i in range(len(doc))]
        by_row = self.by_row
        values: Any = doc.to_array(self.attr_ids)  # type: ignore[arg-type]
        rows = map(tuple, values.reshape(len(doc), len(self.attr_ids)).tolist())
        return [by_row.get(row) or self._info(doc, i, row) for i, row in enumerate(rows)]

    def sequence_matches(self, doc: Doc, infos: list[_Info], out: dict[int, list[int]]) -> None:
        """Add the several-token patterns that match in ``doc`` to ``out`` (by target token)."""
        n = len(infos)
        for i, info in enumerate(infos):
            for q in info[2]:
                number, seq, index = self.sequences[q]
                if i + len(seq) <= n and all(seq[k] in infos[i + k][3] for k in range(1, len(seq))):
                    self._target(doc, number, i, i + len(seq), index, out)

    def rest_matches(self, doc: Doc, out: dict[int, list[int]]) -> None:
        """Add the matches of the patterns the table cannot read to ``out`` (by target token)."""
        if self.n_rest:
            for m_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                number = int(self.ruler.vocab.strings[m_id])
                self._target(doc, number, start, end, self.ruler.indices[number], out)

    def _target(self, doc: Doc, number: int, start: int, end: int, index: int, out: dict[int, list[int]]) -> None:
        span = Span(doc, start, end)
        try:
            token = span[index]
        except IndexError:
            patterns = self.ruler.matcher.get(str(number))
            err = SpacyErrors.E1001.format(patterns=patterns, span=[t.text for t in span], index=index)
            raise ValueError(err) from None
        out.setdefault(token.i, []).append(number)

    def apply(self, doc: Doc) -> None:
        """Set the attributes of every token of ``doc`` (all matching is done before any is set)."""
        infos = self.infos(doc)
        more: dict[int, list[int]] = {}
        if self.sequences:
            self.sequence_matches(doc, infos, more)
        self.rest_matches(doc, more)
        attrs = self.ruler.attrs
        for i, (numbers, merged, _, _) in enumerate(infos):
            if i in more:
                for number in sorted(numbers + tuple(more[i])):
                    set_token_attrs(doc[i], attrs[number])
            elif numbers:
                set_token_attrs(doc[i], merged)


class TableAttributeRuler(AttributeRuler):
    """:class:`~spacy.pipeline.AttributeRuler` whose one-token patterns are a table."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        self._table: _Table | None = None
        super().__init__(vocab, name, **kwargs)

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            if self._table is None:
                self._table = _Table(self)
            self._table.apply(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def clear(self) -> None:
        super().clear()
        self._table = None

    def add(self, patterns: Iterable[Any], attrs: dict[str, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._table = None

    def from_bytes(self, bytes_data: bytes, exclude: Iterable[str] = SimpleFrozenList()) -> TableAttributeRuler:
        """Replace the patterns (spaCy's ruler adds to the ones it has) with those of ``bytes_data``."""
        if "patterns" not in exclude:
            self.clear()
        super().from_bytes(bytes_data, exclude=exclude)
        return self

    def from_disk(self, path: str | Path, exclude: Iterable[str] = SimpleFrozenList()) -> TableAttributeRuler:
        """Replace the patterns (spaCy's ruler adds to the ones it has) with those under ``path``."""
        if "patterns" not in exclude:
            self.clear()
        super().from_disk(path, exclude=exclude)
        return self


@Language.factory(
    "kg_attribute_ruler",
    requires=["token.tag", "token.dep"],
    assigns=["token.pos", "token.tag", "token.morph", "token.lemma", "token.dep"],
    default_config={
        "data_from": None,
        "component": "attribute_ruler",
        "validate": False,
        "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"},
    },
)
def make_attribute_ruler(
    nlp: Language, name: str, data_from: str | None, component: str, validate: bool, scorer: Callable[..., Any] | None
) -> TableAttributeRuler:
    """spaCy's attribute ruler with the patterns of the ``component`` of the spaCy pipeline
    ``data_from`` (a package name or folder; none: add patterns with ``add_patterns``)."""
    ruler = TableAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)
    if data_from:
        ruler.from_disk(component_data(data_from, component), exclude=["vocab"])
    return ruler
