"""The ``kg_relations`` component: runs the configured relation rules over every sentence."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.extensions import PARSED_MENTIONS, Mention, Relation
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.relations.context import RuleData, SentenceContext
from kg.extract.relations.dedupe import dedupe
from kg.extract.relations.groups import expand_groups, groups
from kg.extract.relations.respectively import pair_respectively
from kg.extract.relations.rules import get_rule
from kg.extract.relations.triggers import find_trigger

__all__ = ["DEFAULT_RULES", "RelationExtractor", "make_relation_extractor"]

DEFAULT_RULES = ("verb", "noun", "titles", "surface")


class RelationExtractor:
    """Relation rules (``kg.extract.relations.rules``) over the triggers of a lexicon.

    ``rules`` names the rules in the order they run; ``surface=False`` and ``titles=False``
    leave out those two rules.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        *,
        rules: Sequence[str] = DEFAULT_RULES,
        surface: bool = True,
        titles: bool = True,
        max_surface_tokens: int = 25,
    ) -> None:
        self.lex = lexicon
        self.data = RuleData.from_lexicon(lexicon)
        self.max_surface_tokens = max_surface_tokens
        off = {name for name, on in (("surface", surface), ("titles", titles)) if not on}
        chosen = [get_rule(name) for name in rules if name not in off]
        self.trigger_rules = [r.func for r in chosen if r.per == "trigger"]
        self.sentence_rules = [r.func for r in chosen if r.per == "sentence"]

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc._.kg_mentions or []
        by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token.setdefault(i, m)
        relations: list[Relation] = []
        shared = groups(mentions)
        for sent in doc.sents:
            if any(sent.start <= m.start < sent.end for m in mentions):
                found = expand_groups(self.sentence(sent, by_token), shared)
                relations.extend(dedupe(pair_respectively(found, sent)))
        doc._.kg_relations = relations
        return doc

    def sentence(self, sent: Span, by_token: dict[int, Mention]) -> list[Relation]:
        """All relations of one sentence before de-duplication: the trigger rules for every
        trigger in token order, then the sentence rules."""
        ctx = SentenceContext(sent, by_token, self.data, self.max_surface_tokens)
        found: list[Relation] = []
        for tok in sent:
            trig = find_trigger(tok, by_token, self.data)
            if trig is None:
                continue
            ctx.triggers.append(trig)
            for run in self.trigger_rules:
                rels = list(run(ctx, trig))
                if rels:
                    ctx.fired.add(tok.i)
                found.extend(rels)
        for run in self.sentence_rules:
            found.extend(run(ctx))
        return found


@Language.factory(
    "kg_relations",
    requires=PARSED_MENTIONS,
    assigns=["doc._.kg_relations"],
    default_config={
        "lexicon": None,
        "rules": list(DEFAULT_RULES),
        "surface": True,
        "titles": True,
        "max_surface_tokens": 25,
    },
)
def make_relation_extractor(
    nlp: Language,
    name: str,
    lexicon: str | None,
    rules: list[str],
    surface: bool,
    titles: bool,
    max_surface_tokens: int,
) -> RelationExtractor:
    """Relations between linked actors; place after ``kg_actor_linker``."""
    return RelationExtractor(
        load_lexicon(lexicon), rules=rules, surface=surface, titles=titles, max_surface_tokens=max_surface_tokens
    )
