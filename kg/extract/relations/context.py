"""What the relation rules share: the word data of the lexicon and one sentence's context.

:class:`RuleData` holds the lexicon and the cue and word sets the rules read, built once per
component. :class:`SentenceContext` holds one sentence, its actor mentions by token, the
triggers found in it and the trigger tokens that already gave a relation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from kg.extract.extensions import Mention
from kg.extract.lexicon import HAND_WRITTEN, Frame, Lexicon

__all__ = ["NO_FRAME", "RuleData", "SentenceContext", "Trigger"]

#: the frame of a predicate that ``frames.tsv`` does not list
NO_FRAME = Frame(frozenset(), frozenset(), False)


@dataclass(frozen=True, slots=True)
class RuleData:
    """The lexicon and the cue and word sets of the rules (``pipelines/cues.toml``, ``words.toml``)."""

    lex: Lexicon
    neg_particles: frozenset[str]
    neg_verbs: frozenset[str]
    possible_aux: frozenset[str]
    intended_aux: frozenset[str]
    intended_verbs: frozenset[str]
    possible_words: frozenset[str]
    intended_words: frozenset[str]
    conditional: frozenset[str]
    possible_phrases: tuple[str, ...]
    reporting: frozenset[str]
    light: frozenset[str]
    title_kind: dict[str, str]
    title_modifiers: frozenset[str]
    portfolios: frozenset[str]
    office_verbs: frozenset[str]
    past_titles: frozenset[str]
    member_nouns: frozenset[str]
    including_verbs: frozenset[str]
    group_nouns: frozenset[str]
    person_readings: dict[str, str]
    force_agents: frozenset[str]
    nested_predicates: frozenset[str]
    place_objects: frozenset[str]
    locative: frozenset[str]
    reversal_verbs: frozenset[str]
    reversible: frozenset[str]
    reversed_predicate: str
    object_control: frozenset[str]
    quantity: frozenset[str]
    carrier_preps: frozenset[str]
    intended_heads: frozenset[str]
    people_of_state: frozenset[str]
    source_preps: frozenset[str]
    pattern_target_preps: frozenset[str]

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> RuleData:
        """Read every list the rules use from ``lexicon``."""
        cue = lexicon.cue
        reversal = lexicon.cues.get("reversal", {})
        return cls(
            lex=lexicon,
            neg_particles=cue("negation", "particles"),
            neg_verbs=cue("negation", "verbs"),
            possible_aux=cue("modality", "possible_aux"),
            intended_aux=cue("modality", "intended_aux"),
            intended_verbs=cue("modality", "intended_verbs"),
            possible_words=cue("modality", "possible_words"),
            intended_words=cue("modality", "intended_words"),
            conditional=cue("modality", "conditional_marks"),
            possible_phrases=tuple(lexicon.cues.get("modality", {}).get("possible_phrases", [])),
            reporting=cue("attribution", "reporting_verbs"),
            light=cue("light_verbs", "verbs"),
            title_kind=lexicon.title_kinds,
            title_modifiers=cue("titles", "modifiers"),
            portfolios=cue("titles", "portfolios"),
            office_verbs=cue("titles", "office_verbs"),
            past_titles=cue("titles", "past"),
            member_nouns=lexicon.word_list("membership", "nouns"),
            including_verbs=lexicon.word_list("membership", "including"),
            group_nouns=lexicon.word_list("membership", "group_nouns"),
            person_readings={k: str(v) for k, v in lexicon.cues.get("person_readings", {}).items()},
            force_agents=cue("agents", "force_agents"),
            nested_predicates=cue("nested", "predicates"),
            place_objects=cue("places", "place_objects"),
            locative=cue("places", "locative_preps"),
            reversal_verbs=frozenset(reversal.get("verbs", [])),
            reversible=frozenset(reversal.get("predicates", [])),
            reversed_predicate=str(reversal.get("becomes", "concedesTo")),
            object_control=lexicon.word_list("arguments", "object_control"),
            quantity=lexicon.word_list("arguments", "quantity"),
            carrier_preps=lexicon.word_list("arguments", "carrier_preps"),
            intended_heads=lexicon.word_list("qualifiers", "intended_heads"),
            people_of_state=lexicon.word_list("arguments", "people_of_state"),
            source_preps=lexicon.word_list("qualifiers", "source_preps"),
            pattern_target_preps=lexicon.word_list("arguments", "pattern_target_preps"),
        )

    def carries(self, verb: str, noun: str) -> bool:
        """``verb`` carries the noun trigger ``noun`` (lemmas): a light verb ("hold talks") or a
        CAMEO verb + object pattern of the noun's predicate ("slap sanctions")."""
        return verb in self.light or (verb, noun) in self.lex.carriers

    def frame(self, predicate: str) -> Frame:
        """The argument frame of ``predicate`` (an empty one when it has none)."""
        return self.lex.frames.get(predicate, NO_FRAME)


class Trigger(NamedTuple):
    """A trigger word of a sentence: its head token, predicate, part of speech and tokens, where
    it comes from ("hand-written" or "CAMEO <code>") and the prepositions its CAMEO pattern puts
    before the target, beside the predicate's frame."""

    token: Token
    predicate: str
    pos: str  # "VERB" or "NOUN"
    tokens: tuple[int, ...]
    source: str = HAND_WRITTEN
    preps: frozenset[str] = frozenset()


@dataclass(slots=True)
class SentenceContext:
    """One sentence as the rules see it."""

    sent: Span
    by_token: dict[int, Mention]
    data: RuleData
    max_surface_tokens: int = 25
    triggers: list[Trigger] = field(default_factory=list)
    #: tokens of triggers that gave at least one relation (the surface rule skips them)
    fired: set[int] = field(default_factory=set)

    @property
    def doc(self) -> Doc:
        return self.sent.doc
