"""Titles and appositions → leaderOf / officialOf / spokespersonFor.

"Chinese President Xi Jinping", "President of Ukraine X", "Liu Pengyu, a spokesman for the
Chinese Embassy", "Merkel's spokesperson, Steffen Seibert", and titles an office verb gives
("X is sworn in as Prime Minister of Y", "Y appoints X as its ambassador"). Titles, the
portfolios that may qualify them and the office verbs are the ``[titles]`` lists of
``pipelines/cues.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from kg.extract.extensions import Mention, Relation
from kg.extract.lexicon import HAND_WRITTEN
from kg.extract.relations.context import RuleData, SentenceContext
from kg.extract.relations.rules import rule
from kg.extract.relations.scoring import BASE, score

__all__ = ["title_kind", "title_relation", "title_relations"]

#: (kind of title, organisation, trigger tokens, rule name)
Found = tuple[str, Mention, tuple[int, ...], str]
_PREDICATE = {"leader": "leaderOf", "official": "officialOf", "spokesperson": "spokespersonFor"}
_POSSESSIVE = ("'s", "’s")
_TITLE_PREPS = ("of", "to", "for", "at")
_DETERMINERS = ("a", "an", "the", "its", "their")
_TITLE_KINDS = ("role", "agent")  # kinds of mention whose words may be a title
_EARLIER = ("previously", "formerly", "once", "earlier")  # on an office verb: an office held once


@rule("titles", per="sentence")
def title_relations(ctx: SentenceContext) -> Iterator[Relation]:
    """Titles before a name, appositions after it, and possessive titles before it."""
    sent, by_token = ctx.sent, ctx.by_token
    persons = sorted(
        {
            m.start: m
            for i, m in by_token.items()
            if sent.start <= i < sent.end and m.actor.type == "Person" and m.kind in ("name", "minted", "short")
        }.values(),
        key=lambda m: m.start,
    )
    for m in persons:
        found = (
            _title_before(ctx, m)
            or _apposition(ctx, m)
            or _possessive_title(ctx, m)
            or _title_by_role(ctx, m)
            or _predicative_title(ctx, m)
        )
        if found is None:
            continue
        kind, org, trigger, rule_name = found
        if org.actor.type == "Person" and kind != "spokesperson":
            continue
        if org.actor.key != m.actor.key:
            yield title_relation(ctx, m, kind, org, trigger, rule_name)


def title_relation(
    ctx: SentenceContext, m: Mention, kind: str, org: Mention, trigger: tuple[int, ...], rule_name: str = "title"
) -> Relation:
    """The structural relation a title gives: ``m`` leaderOf / officialOf / spokespersonFor ``org``."""
    return Relation(
        subject=m,
        predicate=_PREDICATE[kind],
        object=org,
        sent_start=ctx.sent.start,
        sent_end=ctx.sent.end,
        rule=f"{rule_name} ({HAND_WRITTEN})",
        trigger=trigger,
        confidence=score(BASE["title"], m, org),
    )


def _in_the_past(ctx: SentenceContext, m: Mention) -> bool:
    """True when a past word ("former", "then") stands in the title phrase before ``m``
    ("former foreign minister X", "former first secretary of the Communist Party X")."""
    doc, i = ctx.doc, m.start - 1
    while i >= ctx.sent.start and i >= m.start - 10:
        tok = doc[i]
        if tok.lower_ in ctx.data.past_titles:
            return True
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ", "PART") and tok.lower_ not in ("of", "the", "-"):
            return False
        i -= 1
    return False


def title_kind(words: str, data: RuleData) -> str | None:
    """The kind of a title ("former foreign minister" → official), or None.

    The words must be a known title, optionally after modifiers ("former", "acting",
    "deputy"…); "Washington Bureau Chief" is not a title of Washington. A minister's or
    secretary's portfolio may stand before the title or after "of" ("national security
    minister", "secretary of defense"); a leader's title with a portfolio ("security chief",
    "head of intelligence") names no leader of the state, and gives None.
    """
    if not words:
        return None
    kinds = data.title_kind
    if words in kinds:
        return kinds[words]
    head, of, portfolio = words.partition(" of ")
    if of and all(w in data.portfolios for w in portfolio.split()):
        kind = title_kind(head, data)
        return None if kind == "leader" else kind
    parts = words.split()
    for n in range(len(parts) - 1, 0, -1):
        tail = " ".join(parts[-n:])
        before = parts[:-n]
        if tail in kinds and all(w in data.title_modifiers or w in data.portfolios for w in before):
            portfolio_words = any(w in data.portfolios and w not in data.title_modifiers for w in before)
            return None if portfolio_words and kinds[tail] == "leader" else kinds[tail]
    return None


def _words_before(sent: Span, end: int, by_token: dict[int, Mention]) -> tuple[int, list[str]]:
    """Up to five title-like words (nouns, adjectives, "of") ending before token ``end``; a
    hyphenated word is one word ("Secretary-General", "Vice-President", "far-right")."""
    doc = sent.doc
    j = end
    words: list[str] = []

    def title_like(i: int) -> bool:
        return (
            i >= sent.start and i not in by_token and (doc[i].pos_ in ("PROPN", "NOUN", "ADJ") or doc[i].lower_ == "of")
        )

    def hyphen_left(i: int) -> bool:
        return title_like(i) or (i >= sent.start and i not in by_token and doc[i].is_alpha)

    while title_like(j - 1) and len(words) < 5:
        j -= 1
        words.insert(0, doc[j].lower_)
        while j - 2 >= sent.start and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and hyphen_left(j - 2):
            j -= 2  # "secretary - general" → "secretary-general", "commander-in-chief", "far-right"
            words[0] = f"{doc[j].lower_}-{words[0]}"
    while words and words[0] == "of":
        words.pop(0)
        j += 1
    return j, words


def _title_before(ctx: SentenceContext, m: Mention) -> Found | None:
    """ "Chinese President Xi Jinping", "President of Ukraine X", "US Ambassador to Germany X"."""
    sent, by_token, doc = ctx.sent, ctx.by_token, ctx.doc
    if _in_the_past(ctx, m):
        return None  # "former foreign minister X" holds no office now
    j, words = _words_before(sent, m.start, by_token)
    if not words and j - 1 >= sent.start and (j - 1) in by_token:
        # TITLE (of|to|for|at) ORG NAME
        target = by_token[j - 1]
        k = target.start
        if k - 1 > sent.start and doc[k - 1].lower_ == "the":
            k -= 1  # "Vice-President of the European Commission X"
        if not (k - 1 > sent.start and doc[k - 1].lower_ in _TITLE_PREPS and (k - 2) not in by_token):
            return None
        prep = doc[k - 1].lower_
        j, words = _words_before(sent, k - 1, by_token)
        if prep == "of":
            kind = title_kind(" ".join(words), ctx.data)
            return (kind, target, (j,), "title") if kind else None
    kind = title_kind(" ".join(words), ctx.data)
    if not kind:
        return None
    org = by_token.get(j - 1)
    if org is None and j - 2 >= sent.start and doc[j - 1].text in _POSSESSIVE:
        org = by_token.get(j - 2)
    if org is None or org is m or org.place:
        return None
    return kind, org, (j,), "title"


def _title_by_role(ctx: SentenceContext, m: Mention) -> Found | None:
    """ "Prime Minister Boris Johnson", "current president Emmerson Mnangagwa": a title with no
    organisation, resolved through the person's roles in the actor base held on the article
    date, to an organisation the article names. One organisation must remain: a leader title
    takes the leader roles (the one whose office holds the title, if several), any other
    title the person's roles of its kind."""
    j, words = _words_before(ctx.sent, m.start, ctx.by_token)
    title = " ".join(words)
    kind = title_kind(title, ctx.data)
    if not kind or _in_the_past(ctx, m):
        return None
    org = _org_by_role(ctx, m, kind, title)
    return (kind, org, (j,), "title") if org is not None else None


def _org_by_role(ctx: SentenceContext, m: Mention, kind: str, title: str) -> Mention | None:
    """The one organisation the article names for which ``m`` holds a role of ``kind`` on the
    article date (the role whose office holds the title's last word, if several), or None."""
    if not m.actor.known:
        return None
    day = ctx.doc._.kg_date
    roles = [r for r in m.actor.roles if r.kind == kind and r.of and r.holds_on(day)]
    named = [r for r in roles if title.split()[-1] in r.office.lower()]
    orgs = {r.of for r in (named or roles)}
    if len(orgs) != 1:
        return None
    key = orgs.pop()
    org = next((o for o in ctx.by_token.values() if o.actor.key == key and o.kind != "pronoun"), None)
    return replace(org, place=False) if org is not None else None


def _predicative_title(ctx: SentenceContext, m: Mention) -> Found | None:
    """ "X becomes / is sworn in as / was elected Prime Minister of Y", "Y appoints X as foreign
    minister", "X is the president of Y": a title that an office verb gives the person."""
    doc, data = ctx.doc, ctx.data
    root = next((doc[i] for i in range(m.start, m.end) if not m.start <= doc[i].head.i < m.end), None)
    if root is None or not _gives_office(root.head, data):
        return None
    title = next((t for t in _title_complements(root.head, root) if t.pos_ in ("NOUN", "PROPN")), None)
    if title is None:
        return None
    words = [w for w in doc[title.left_edge.i : title.i + 1] if w.dep_ not in ("det", "punct")]
    # a title read as a role or a state's agent ("the Belgian prime minister") keeps its words
    mentions = {w.i: ctx.by_token[w.i] for w in words if w.i in ctx.by_token}
    named = {i: found for i, found in mentions.items() if found.kind not in _TITLE_KINDS}
    text = " ".join(w.lower_ for w in words if w.i not in named and w.dep_ != "poss")
    kind = title_kind(text, data)
    if not kind or any(w in data.past_titles for w in text.split()):
        return None
    org = _title_org(ctx, title, list(named.values())) or _org_by_role(ctx, m, kind, text)
    if org is None or org.place or org.actor.key == m.actor.key:
        return None
    return kind, org, (title.i,), "predicative"


def _gives_office(verb: Token, data: RuleData) -> bool:
    """An office verb, not negated, not of a past office ("was president", "previously
    served as", "formerly")."""
    lemma = verb.lemma_.lower()
    if lemma not in data.office_verbs or any(c.dep_ == "neg" or c.lower_ in _EARLIER for c in verb.children):
        return False
    return lemma not in ("be", "serve") or verb.tag_ in ("VBZ", "VBP", "VBG")


def _title_org(ctx: SentenceContext, title: Token, inside: list[Mention]) -> Mention | None:
    """The organisation of a title: named in it or by its owner ("the Belgian prime minister",
    "its new ambassador to the U.S."), else after it ("Prime Minister of Belgium"; not a
    portfolio: "Secretary of Defense")."""
    if inside:
        return inside[0]
    after = [g for c in title.children if c.dep_ == "prep" and c.lower_ in _TITLE_PREPS for g in c.children]
    found = [ctx.by_token[t.i] for t in after if t.i in ctx.by_token]
    portfolios = ctx.data.portfolios
    return next((f for f in found if not all(w.lower() in portfolios for w in f.actor.label.split())), None)


def _title_complements(verb: Token, person: Token) -> list[Token]:
    """The tokens that name the office: the complement of a subject ("became president",
    "was appointed minister") or the object of "as" ("sworn in as", "appointed X as")."""
    subject = person.dep_ in ("nsubj", "nsubjpass")
    if not subject and person.dep_ != "dobj":
        return []
    complements = [c for c in verb.children if c.dep_ == "oprd" or (subject and c.dep_ == "attr")]
    as_preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    return complements + [g for c in as_preps for g in c.children if g.dep_ == "pobj"]


def _apposition(ctx: SentenceContext, m: Mention) -> Found | None:
    """ "Liu Pengyu, a spokesman for the Chinese Embassy", "X, the foreign minister of Y"."""
    sent, by_token, doc = ctx.sent, ctx.by_token, ctx.doc
    k = m.end
    if not (k < sent.end and doc[k].text == ","):
        return None
    k += 1
    while k < sent.end and doc[k].lower_ in _DETERMINERS:
        k += 1
    words: list[Token] = []
    while k < sent.end and k not in by_token and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and len(words) < 4:
        words.append(doc[k])
        k += 1
    kind = title_kind(" ".join(w.lower_ for w in words), ctx.data)
    if not kind or k >= sent.end or any(w.lower_ in ctx.data.past_titles for w in words):
        return None  # "X, the former president of Y" holds no office now
    org = None
    if doc[k].lower_ in _TITLE_PREPS and k + 1 < sent.end:
        org = by_token.get(k + 1)
        if org is None and k + 2 < sent.end and doc[k + 1].lower_ == "the":
            org = by_token.get(k + 2)
    if org is not None and org.end < sent.end and doc[org.end].text in _POSSESSIVE:
        # "head of Iran's Quds Force": the office is in what follows the possessive
        org = next((by_token[i] for i in range(org.end + 1, min(org.end + 5, sent.end)) if i in by_token), None)
    if org is None or org.place:
        return None
    return kind, org, tuple(w.i for w in words), "apposition"


def _possessive_title(ctx: SentenceContext, m: Mention) -> Found | None:
    """ "Mahan's director, Hamid Arabnejad Khanooki", "Merkel's spokesperson, Steffen Seibert"."""
    sent, by_token, doc = ctx.sent, ctx.by_token, ctx.doc
    k = m.start - 1
    if not (k > sent.start and doc[k].text == ","):
        return None
    j, words = _words_before(sent, k, by_token)
    kind = title_kind(" ".join(words), ctx.data)
    if not kind or j - 2 < sent.start or doc[j - 1].text not in _POSSESSIVE:
        return None
    org = by_token.get(j - 2)
    if org is None or org.place:
        return None
    return kind, org, (j,), "apposition"
