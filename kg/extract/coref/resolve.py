"""Resolution rules: which earlier actors a pronoun, a quoted "we" or "the ministry" refers to.

Every rule looks back over the actor mentions of the linker (``doc._.kg_mentions``) within a
window of sentences and keeps only referents that agree with the anaphor:

* person pronouns (he, his, she…) → persons; "it", "its" → one actor that is not a person and
  not a plural noun phrase; "they", "their" → a group (the conjoined actors of one noun
  phrase, "the foreign ministers of Chile and Peru", "Chile and Peru") or a plural mention
  ("Hungarian officials"), or a single collective body when it is the only candidate;
* a pronoun that is a verb's object never refers to that verb's own subject;
* first person inside a quotation → the speaker, the subject of the reporting verb outside
  the quotation ("'We will not back down,' Lula said": we → Lula's state, I → Lula);
* "the ministry", "the army" → the latest actor whose mention or name has that word.

The nearest sentence with a candidate decides; inside it, when several actors qualify, the
subject wins, and when that still leaves several, nothing is linked: no link beats a wrong
link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date

from spacy.tokens import Doc, Span, Token

from kg.extract.actor_linker.pronouns import clause_subject, quoted_tokens
from kg.extract.coref.data import CorefData
from kg.extract.extensions import Mention

__all__ = [
    "Link",
    "Referent",
    "referents",
    "resolve_descriptions",
    "resolve_events",
    "resolve_pronouns",
    "resolve_speakers",
]

_SUBJECTS = ("nsubj", "nsubjpass")
_PLURAL_TAGS = ("NNS", "NNPS")


@dataclass(frozen=True, slots=True)
class Referent:
    """One or more actor mentions a later expression can refer to, as one unit."""

    start: int  # where the unit starts (the group's head noun phrase, or the mention)
    root: int  # token of its syntactic head
    mentions: tuple[Mention, ...]
    plural: bool

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(m.actor.key for m in self.mentions)


@dataclass(frozen=True, slots=True)
class Link:
    """An anaphor at ``start:end`` resolved to the actors of ``referent``."""

    start: int
    end: int
    referent: Referent
    kind: str  # pronoun, speaker, description

    def mentions(self) -> list[Mention]:
        """One mention per actor at the anaphor (several for a group: "they")."""
        seen: dict[str, Mention] = {}
        for m in self.referent.mentions:
            seen.setdefault(
                m.actor.key,
                Mention(self.start, self.end, m.actor, "pronoun" if self.kind != "description" else "description"),
            )
        return list(seen.values())


def referents(doc: Doc, mentions: Iterable[Mention]) -> list[Referent]:
    """Single mentions and groups of conjoined mentions, in text order."""
    actors = [m for m in mentions if not m.place]
    by_root = {doc[m.start : m.end].root.i: m for m in actors}
    out = [Referent(m.start, doc[m.start : m.end].root.i, (m,), _plural(doc[m.start : m.end])) for m in actors]
    done: set[int] = set()
    for root, m in sorted(by_root.items()):
        if root in done:
            continue
        conj = [by_root[t.i] for t in doc[root].conjuncts if t.i in by_root]
        if not conj:
            continue
        members = sorted([m, *conj], key=lambda x: x.start)
        done.update(doc[x.start : x.end].root.i for x in members)
        head = _group_head(doc[root])
        start = min(head.left_edge.i, members[0].start) if head is not None else members[0].start
        out.append(Referent(start, head.i if head is not None else root, tuple(members), True))
    out += _surface_pairs(doc, actors, done)
    return sorted(out, key=lambda r: (r.start, -len(r.mentions)))


def _surface_pairs(doc: Doc, actors: list[Mention], done: set[int]) -> list[Referent]:
    """ "Claudia Sheinbaum and U.S. President Donald Trump" as a group where the parse missed
    the coordination: two actors of one type joined by "and", the words between "and" and
    the second name all modifying it."""
    out = []
    ordered = sorted(actors, key=lambda m: m.start)
    for n, a in enumerate(ordered):
        b = next((m for m in ordered[n + 1 :] if m.start > a.end and m.actor.type == a.actor.type), None)
        if b is None or a.end >= len(doc) or doc[a.end].lower_ != "and" or b.actor.key == a.actor.key:
            continue
        span_a, span_b = doc[a.start : a.end], doc[b.start : b.end]
        if span_a.root.i in done or span_b.root.i in done:
            continue
        between = doc[a.end + 1 : b.start]
        if all(t.head.i in range(a.end + 1, b.end) and t.i < t.head.i for t in between) and a.start == span_a.start:
            out.append(Referent(a.start, span_b.root.i, (a, b), True))
    return out


def _group_head(tok: Token) -> Token | None:
    """The plural noun a group of conjoined actors belongs to ("ministers of Chile and Peru")."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.tag_ in _PLURAL_TAGS:
        return first.head.head
    if first.dep_ in ("amod", "compound") and first.head.tag_ in _PLURAL_TAGS:
        return first.head
    return first


def _plural(span: Span) -> bool:
    return span.root.tag_ in _PLURAL_TAGS and span.root.ent_type_ not in ("GPE", "NORP")


def _sentence_starts(doc: Doc) -> list[int]:
    return [s.start for s in doc.sents]


def _window(doc: Doc, tok: Token, back: int) -> int:
    """Token index where the sentence ``back`` sentences before ``tok``'s starts."""
    sent = tok.sent
    for _ in range(back):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start


def _choose(doc: Doc, candidates: list[Referent], *, prefer_subject: bool = True) -> Referent | None:
    """The nearest sentence's one referent, its subject when several (for a pronoun that is
    a subject or possessive itself); None when unclear."""
    if not candidates:
        return None
    last_sent = doc[candidates[-1].start].sent.start
    near = [r for r in candidates if doc[r.start].sent.start == last_sent]
    if len({r.keys for r in near}) == 1:
        return near[-1]
    if not prefer_subject:
        return None
    subjects = [r for r in near if doc[r.root].dep_ in _SUBJECTS]
    if len({r.keys for r in subjects}) == 1:
        return subjects[-1]
    return None


def _agrees(r: Referent, word: str, data: CorefData) -> bool:
    types = {m.actor.type for m in r.mentions}
    if word in data.person:
        return not r.plural and types == {"Person"}
    if word in data.thing:
        return not r.plural and "Person" not in types and len(r.mentions) == 1
    return r.plural


def resolve_pronouns(doc: Doc, refs: list[Referent], taken: set[int], data: CorefData) -> list[Link]:
    """Links for the third-person pronouns of ``doc`` not already ``taken``."""
    words = data.person | data.thing | data.plural
    quoted = quoted_tokens(doc)
    grouped = {(m.start, m.end) for r in refs if len(r.mentions) > 1 for m in r.mentions}
    out: list[Link] = []
    for tok in doc:
        word = tok.lower_
        if word not in words or tok.i in taken or tok.i in quoted or tok.pos_ not in ("PRON", "DET"):
            continue
        if _unknown_reporter(tok, taken):
            continue
        start = _window(doc, tok, data.windows.get("pronoun", 1))
        bound = clause_subject(tok) if tok.dep_ not in _SUBJECTS and tok.dep_ != "poss" else None
        candidates = [
            r
            for r in refs
            if start <= r.start
            and r.root < tok.i
            and _agrees(r, word, data)
            and (len(r.mentions) > 1 or (r.mentions[0].start, r.mentions[0].end) not in grouped)
            and not (bound is not None and any(m.start <= bound.i < m.end for m in r.mentions))
        ]
        if not candidates and word in data.plural and (tok.dep_ in _SUBJECTS or tok.dep_ == "poss"):
            # "the army said they …", "the IDF complete their withdrawal"; an object "them" is
            # more often a thing ("prohibiting him from releasing them")
            candidates = [
                r
                for r in refs
                if start <= r.start
                and r.root < tok.i
                and len(r.mentions) == 1
                and r.mentions[0].actor.type in data.collective_types
            ]
        chosen = _choose(doc, candidates, prefer_subject=tok.dep_ in _SUBJECTS or tok.dep_ == "poss")
        if chosen is not None and (word in data.person or not _competitor(doc, chosen, tok, taken, start)):
            link = Link(tok.i, tok.i + 1, chosen, "pronoun")
            out.append(link)
            # a resolved pronoun is a referent of later ones ("It accused Beijing of violating
            # its airspace": its is the subject It, Japan)
            refs = [*refs, Referent(tok.i, tok.i, tuple(link.mentions()), chosen.plural)]
    return out


def _competitor(doc: Doc, chosen: Referent, tok: Token, taken: set[int], start: int) -> bool:
    """A noun that is no actor agrees with "it" / "they" and is as likely a referent: one
    between the referent and a subject pronoun ("… fund the government. For the budget to
    pass, it must …"), any in the window of an object pronoun ("For the budget to pass,
    Congress must approve it and Trump must sign it")."""
    tags = ("NN",) if tok.lower_ not in ("they", "them", "their", "theirs", "themselves") else _PLURAL_TAGS
    first = chosen.root + 1 if tok.dep_ in _SUBJECTS or tok.dep_ == "poss" else start
    for i in range(first, tok.i):
        t = doc[i]
        if (
            t.pos_ == "NOUN"
            and i not in taken
            and t.tag_ in tags
            and not t.ent_type_
            and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        ):
            return True
    return False


def _unknown_reporter(tok: Token, taken: set[int]) -> bool:
    """ "Pierce said he favored …": he is Pierce, a name no actor stands for."""
    if tok.dep_ not in _SUBJECTS or tok.head.dep_ != "ccomp":
        return False
    reporter = next((c for c in tok.head.head.children if c.dep_ in _SUBJECTS), None)
    return reporter is not None and reporter.pos_ == "PROPN" and reporter.i not in taken


def resolve_speakers(doc: Doc, by_token: dict[int, Mention], taken: set[int], data: CorefData) -> list[Link]:
    """Links for first-person pronouns inside quotations to the speaker outside them."""
    quoted = quoted_tokens(doc)
    out: list[Link] = []
    sents = list(doc.sents)
    index = {s.start: n for n, s in enumerate(sents)}
    for tok in doc:
        word = tok.lower_
        if tok.i not in quoted or tok.i in taken or word not in data.speaker | data.speaker_side:
            continue
        n = index[tok.sent.start]
        order = [n, n + 1, n - 1][: 1 + 2 * data.windows.get("speaker", 1)]
        speaker = next(
            (
                m
                for k in order
                if 0 <= k < len(sents)
                for m in [_speaker_of(sents[k], by_token, quoted, data)]
                if m is not None
            ),
            None,
        )
        speaker = _speaking_for(speaker, word, data, doc._.kg_date) if speaker is not None else None
        if speaker is None:
            continue
        out.append(Link(tok.i, tok.i + 1, Referent(speaker.start, speaker.start, (speaker,), False), "speaker"))
    return out


def _speaking_for(speaker: Mention, word: str, data: CorefData, day: Date | None) -> Mention | None:
    """Who a quoted "I" (the speaking person) or "we" is: the speaking state or body, or
    the body a speaking person holds office in on the article date (a state first: "we"
    in Lula's mouth is Brazil, in the Speaker's the House); None for an actor the
    knowledge base does not know."""
    actor = speaker.actor
    if not actor.known:
        return None
    if word in data.speaker:
        return speaker if actor.type == "Person" else None
    if actor.type != "Person":
        return speaker
    found = [data.kb.get(r.of) for r in data.kb.roles_of(actor.key, day) if r.of and r.kind != "member"]
    bodies = sorted((b for b in found if b is not None), key=lambda b: b.type != "State")
    return Mention(speaker.start, speaker.end, bodies[0], speaker.kind) if bodies else None


def _speaker_of(sent: Span, by_token: dict[int, Mention], quoted: set[int], data: CorefData) -> Mention | None:
    """The actor who says the quotation of ``sent``: a reporting verb's subject outside it."""
    for tok in sent:
        if tok.i in quoted or tok.pos_ != "VERB" or tok.lemma_.lower() not in data.reporting:
            continue
        subject = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
        if subject is None or subject.i in quoted:
            continue
        # the subject's own actor, else one named in its phrase ("President of Ukraine Volodymyr
        # Zelenskyy said"), a person first
        inside = [by_token[t.i] for t in subject.subtree if t.i in by_token and not by_token[t.i].place]
        own = by_token.get(subject.i)
        if own is not None and not own.place:
            return own
        persons = [m for m in inside if m.actor.type == "Person"]
        if persons or inside:
            return (persons or inside)[0]
    return None


def resolve_descriptions(doc: Doc, refs: list[Referent], taken: set[int], data: CorefData) -> list[Link]:
    """Links for "the ministry", "the army" to the latest actor whose mention has the word."""
    out: list[Link] = []
    for tok in doc:
        if tok.lower_ != "the" or tok.i in taken or tok.i + 1 >= len(doc):
            continue
        head = doc[tok.i + 1]
        if head.i in taken or head.lower_ not in data.heads or head.tag_ != "NN" or head.dep_ == "compound":
            continue
        if head.i + 1 < len(doc) and doc[head.i + 1].lower_ in ("of", "'s", "’s"):
            continue  # "the ministry of defence", "the kingdom's": not a plain reference
        start = _window(doc, tok, data.windows.get("description", 3))
        candidates = [
            r
            for r in refs
            if start <= r.start
            and r.root < tok.i
            and len(r.mentions) == 1
            and _named_with(doc, r.mentions[0], head.lower_)
        ]
        if candidates:
            out.append(Link(tok.i, head.i + 1, candidates[-1], "description"))
    return out


def _named_with(doc: Doc, m: Mention, word: str) -> bool:
    words = {t.lower_ for t in doc[m.start : m.end]} | {w.lower() for w in m.actor.label.replace("-", " ").split()}
    return word in words


def resolve_events(doc: Doc, mentions: list[Mention], taken: set[int], data: CorefData) -> list[Link]:
    """Links for a subject "the move" / "this decision" to the previous sentence's acting actor."""
    by_token = {i: m for m in mentions if not m.place for i in range(m.start, m.end)}
    out: list[Link] = []
    for tok in doc:
        if tok.lower_ not in ("the", "this") or tok.i + 1 >= len(doc) or tok.i in taken:
            continue
        head = doc[tok.i + 1]
        if head.i in taken or head.lemma_.lower() not in data.events or head.dep_ not in _SUBJECTS:
            continue
        if any(c.dep_ in ("prep", "poss", "acl", "relcl") for c in head.children) or tok.sent.start == 0:
            continue  # "the move by Japan", "the decision to …": its own actor, if any
        prev = doc[tok.sent.start - 1].sent
        subject = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        m = by_token.get(subject.i) if subject is not None else None
        if m is None and subject is not None:  # "Vietnam's coast guard seized …"
            m = next(
                (by_token[c.i] for c in subject.children if c.dep_ in ("poss", "amod", "compound") and c.i in by_token),
                None,
            )
        if m is not None:
            out.append(Link(tok.i, head.i + 1, Referent(m.start, m.start, (m,), False), "description"))
    return out
