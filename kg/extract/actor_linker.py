"""``kg_actor_linker``: every entity and actor description → one canonical actor.

Runs after the NER. Reads ``doc.ents`` (with ``kb_id_`` from ``kg_actor_ruler`` where the
knowledge base matched) and writes ``doc._.kg_mentions``: a sorted list of
:class:`~kg.extract.extensions.Mention`. Rules, in order:

1. names the knowledge base knows (alias, capital, seat, demonym, short name);
2. surnames of persons named in full earlier in the article ("Liu" after "Liu Pengyu");
3. other PERSON / ORG entities: minted actors, typed by their head word ("Embassy" →
   GovernmentBody); unknown GPE / NORP / LOC are places or groups, not actors;
4. a state with an agent noun ("Hungarian officials", "Beijing's foreign ministry") → the state;
5. a state with a title and no name ("the Chinese leader", "the U.S. president") → the person
   who held that office on the article date;
6. personal pronouns (he, him, his, she, her) → the nearest earlier person who is not the
   subject of the pronoun's own clause, only when there is one such person (no link beats a
   wrong link);
7. capitals and countries after a locative preposition ("talks in Istanbul") are places.
"""
from __future__ import annotations

import re
from datetime import date as Date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.actors.kb import KnowledgeBase
from kg.extract.extensions import Mention
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.resources import get_kb
from kg.types import Actor

__all__ = ["ActorLinker", "make_actor_linker"]

_TYPE_BY_HEAD = {
    "GovernmentBody": {"embassy", "ministry", "department", "office", "parliament", "congress",
                       "senate", "council", "commission", "court", "agency", "police", "cabinet",
                       "government", "consulate", "assembly", "bureau", "service", "committee"},
    "ArmedForce": {"army", "navy", "forces", "force", "guard", "guards", "brigade", "militia",
                   "corps", "regiment", "battalion", "division", "marines", "command"},
    "Media": {"news", "times", "post", "journal", "tribune", "telegraph", "herald", "gazette",
              "agency", "broadcasting", "tv", "television", "radio", "press"},
}
_GENERIC = {"state", "government", "ministry", "army", "council", "party", "court", "parliament",
            "police", "military", "administration", "office", "department", "agency", "embassy",
            "cabinet", "senate", "house", "commission", "committee", "union", "league", "front"}
# names ending so are laws, treaties and plans, not actors ("Alabama Human Life Protection Act")
_DOCUMENTS = {"act", "bill", "law", "treaty", "agreement", "accord", "convention", "plan", "deal",
              "protocol", "resolution", "charter", "declaration", "initiative", "program", "programme",
              "strategy", "doctrine", "amendment", "constitution", "code", "order", "report"}
_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_TITLE_PREFIX = re.compile(
    r"^(?:(?:the|former|then|late|acting|interim|new|current|u\.?s\.?|us)\s+)*"
    r"(?:president|prime minister|premier|minister|chancellor|secretary|senator|sen\.|rep\.|"
    r"governor|general|gen\.|king|queen|prince|princess|ambassador|mr\.?|mrs\.?|ms\.?|dr\.?)\s+",
    re.I,
)


class ActorLinker:
    """Links entities to actors (see the module docstring for the rules)."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon, *, mint: bool = True,
                 pronouns: bool = True, roles: bool = True) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self.mint = mint
        self.pronouns = pronouns
        self.roles = roles
        self.state_agents = lexicon.cue("agents", "state_agents")
        self.force_agents = lexicon.cue("agents", "force_agents")
        self.locative = lexicon.cue("places", "locative_preps")
        self.title_kind = lexicon.title_kinds
        # the national armed forces of each state ("Russian missiles" → Russian Armed Forces):
        # among the forces directly under the state, the one named like armed forces
        self._main_force: dict[str, Actor] = {}
        best: dict[str, tuple[int, str]] = {}
        for actor in kb.actors.values():
            if actor.type == "ArmedForce" and actor.part_of and kb.actors.get(actor.part_of, actor).type == "State":
                names = " ".join((actor.label, *actor.aliases)).lower()
                score = 2 * ("armed forces" in names or "defense forces" in names or "defence force" in names)
                score += "military" in names
                rank = (-score, actor.key)
                if actor.part_of not in best or rank < best[actor.part_of]:
                    best[actor.part_of] = rank
                    self._main_force[actor.part_of] = actor

    # ------------------------------------------------------------------ entry point

    def __call__(self, doc: Doc) -> Doc:
        day: Date | None = doc._.kg_date
        mentions: list[Mention] = []
        full_names: dict[str, Actor] = {}  # surname → person named in full earlier
        for ent in doc.ents:
            mention = self._link_entity(ent, full_names)
            if mention is None:
                continue
            actor = mention.actor
            if actor.type == "Person" and mention.end - mention.start >= 2:
                # the surname is last in "Donald Trump", first in "Liu Pengyu"
                full_names.setdefault(doc[mention.end - 1].text, actor)
                full_names.setdefault(doc[mention.start].text, actor)
            mentions.append(mention)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        extra: list[Mention] = []
        for m in mentions:
            if m.actor.type == "State":
                role = self._role_description(doc, m, day, taken) if self.roles else None
                if role is not None:
                    extra.append(role)
                    taken.update(range(role.start, role.end))
                    continue
                agent = self._agent(doc, m, taken)
                if agent is not None:
                    extra.append(agent)
                    taken.update(range(agent.start, agent.end))
        mentions.extend(extra)
        if self.pronouns:
            mentions.extend(self._pronouns(doc, mentions, taken))
            mentions.extend(self._descriptions(doc, mentions, taken))
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.kg_mentions = [self._mark_place(doc, m) for m in mentions]
        return doc

    # ------------------------------------------------------------------ rules

    def _link_entity(self, ent: Span, full_names: dict[str, Actor]) -> Mention | None:
        kb = self.kb
        if ent.kb_id_ and ent.kb_id_ in kb:
            actor = kb[ent.kb_id_]
            text = ent.text
            kind = "name"
            if text in kb.demonyms and kb.demonyms[text] == actor.key:
                kind = "demonym"
            elif text in kb.capitals and kb.capitals[text] == actor.key and text not in kb.surface:
                kind = "capital"
            elif text in kb.short_names:
                kind = "short"
            return Mention(ent.start, ent.end, actor, kind)
        label = ent.label_
        if label not in ("PERSON", "ORG", "GPE", "NORP"):
            return None
        span = _trim(ent)
        if span is None:
            return None
        text = span.text
        if label == "PERSON":
            if len(span) == 1 and text in full_names:
                return Mention(span.start, span.end, full_names[text], "short")
            known = kb.lookup(text)
            if known is not None and known.type == "Person":
                return Mention(span.start, span.end, known, "name")
            if not self.mint or not _looks_like_name(text):
                return None
            return Mention(span.start, span.end, kb.mint(text, "Person"), "minted")
        known = kb.lookup(text)
        if known is not None:
            kind = "demonym" if label == "NORP" else "name"
            return Mention(span.start, span.end, known, kind)
        if label == "ORG" and (span[0].lower_ in self.title_kind or text.lower() in _GENERIC
                               or span[-1].lower_ in _DOCUMENTS):
            return None  # "Secretary of State", "State": a title or a common word, not a body
        if label == "ORG" and span.end < len(ent.doc) and self._starts_title(ent.doc, span.end):
            return None  # "National Security Advisor X", "Defense Minister X": part of a title
        if label == "ORG" and self.mint and _looks_like_name(text):
            actor_type = _type_from_head(span)
            country = self._country_from_modifier(span)
            return Mention(span.start, span.end, kb.mint(text, actor_type, country=country), "minted")
        return None

    def _starts_title(self, doc: Doc, i: int) -> bool:
        words = [t.lower_ for t in doc[i: i + 3]]
        return any(" ".join(words[:n]) in self.title_kind for n in (3, 2, 1))

    def _country_from_modifier(self, span: Span) -> str | None:
        for tok in span:
            actor = self.kb.lookup(tok.text) if tok.text in self.kb.demonyms or tok.text in self.kb.surface else None
            if actor is not None and actor.type == "State":
                return actor.country
        return None

    def _agent(self, doc: Doc, m: Mention, taken: set[int]) -> Mention | None:
        """'Hungarian officials', "Beijing's foreign ministry", 'the Chinese government'."""
        root = doc[m.start: m.end].root
        noun = root.head
        if noun.i in taken or noun.i < m.end or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        if root.dep_ not in ("amod", "compound", "poss", "nmod"):
            return None
        if any(i in taken for i in range(m.end, noun.i)):
            return None
        lemma = noun.lemma_.lower()
        if noun.dep_ == "compound" and noun.head.ent_type_ == "PERSON" or noun.i + 1 in taken and doc[noun.i + 1].ent_type_ == "PERSON":
            return None  # "Chinese President Xi Jinping": a title, read by the relation rules
        if lemma in self.state_agents:
            return Mention(m.start, noun.i + 1, m.actor, "agent")
        if lemma in self.force_agents:
            force = self._main_force.get(m.actor.key, m.actor)
            return Mention(m.start, noun.i + 1, force, "agent")
        return None

    def _role_description(self, doc: Doc, m: Mention, day: Date | None, taken: set[int]) -> Mention | None:
        """'the Chinese leader', 'the U.S. president', "Russia's foreign minister" with no name."""
        i = m.end
        if i < len(doc) and doc[i].text in ("'s", "’s"):
            i += 1
        best: tuple[int, str] | None = None
        for n in (3, 2, 1):
            words = " ".join(t.lower_ for t in doc[i: i + n])
            if i + n <= len(doc) and words in self.title_kind:
                best = (n, words)
                break
        if best is None:
            return None
        n, title = best
        end = i + n
        if end < len(doc) and (end in taken or doc[end].ent_type_ == "PERSON" or doc[end].pos_ == "PROPN"):
            return None  # a name follows: "Chinese President Xi Jinping" is handled as a title
        kind = self.title_kind[title]
        holders = self.kb.holders(kind, m.actor.key, day)
        if kind == "official":
            words = set(title.split()) - {"minister", "secretary"}
            holders = [p for p in holders
                       if any(r.of == m.actor.key and r.holds_on(day) and title.split()[-1] in r.office.lower()
                              and all(w in r.office.lower() or w in ("defense", "defence") and "defen" in r.office.lower() for w in words)
                              for r in p.roles)]
        if len(holders) != 1:
            if kind == "leader" and title in ("leader", "president") and holders:
                presidents = [p for p in holders if any("president" in r.office.lower() for r in p.roles)]
                holders = presidents if len(presidents) == 1 else holders
            if len(holders) != 1:
                return None
        return Mention(m.start, end, holders[0], "role")

    def _pronouns(self, doc: Doc, mentions: list[Mention], taken: set[int]) -> list[Mention]:
        persons = sorted((m for m in mentions if m.actor.type == "Person"), key=lambda m: m.start)
        out: list[Mention] = []
        sents = list(doc.sents)
        sent_index = {}
        for n, s in enumerate(sents):
            for t in s:
                sent_index[t.i] = n
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        quoted = _quoted_tokens(doc)
        for tok in doc:
            if tok.lower_ in ("its", "their") and tok.dep_ == "poss" and tok.i not in taken:
                # "China, for its part, …", "in its opposition to": the clause's own subject
                subject = _clause_subject(tok)
                m = by_token.get(subject.i) if subject is not None else None
                if m is not None and m.actor.type != "Person" and not m.place and m.start < tok.i:
                    out.append(Mention(tok.i, tok.i + 1, m.actor, "pronoun"))
                continue
            if tok.lower_ not in _PRONOUNS or tok.i in taken or tok.i in quoted:
                continue  # inside a quotation "she" is seldom who the narrator last named
            if tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp":
                reporter = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
                if reporter is not None and reporter.pos_ == "PROPN" and reporter.i not in taken:
                    continue  # "Pierce said he favored …": he is Pierce, whom we do not know
            n = sent_index.get(tok.i, 0)
            window_start = sents[max(0, n - 1)].start
            clause_subject = _clause_subject(tok)
            candidates = []
            for m in persons:
                if m.start >= tok.i or m.start < window_start:
                    continue
                if clause_subject is not None and m.start <= clause_subject.i < m.end and tok.dep_ != "poss":
                    continue
                candidates.append(m)
            distinct = {m.actor.key for m in candidates}
            if not candidates:
                continue
            # the nearest person, provided it is the only person in its own sentence
            nearest = candidates[-1]
            same_sent = {m.actor.key for m in candidates if sent_index.get(m.start) == sent_index.get(nearest.start)}
            if len(same_sent) > 1 and len(distinct) > 1:
                continue
            end = tok.i + 1
            if tok.dep_ == "poss" and tok.head.lemma_.lower() in self.state_agents:
                end = tok.head.i + 1  # "his administration"
            out.append(Mention(tok.i, end, nearest.actor, "pronoun"))
        return out

    def _descriptions(self, doc: Doc, mentions: list[Mention], taken: set[int]) -> list[Mention]:
        """ "the island" → Taiwan, "the kingdom" → Saudi Arabia (``pipelines/descriptors.tsv``)."""
        descriptors = self.lexicon.descriptors
        if not descriptors:
            return []
        out: list[Mention] = []
        ordered = sorted(mentions, key=lambda m: m.start)
        for tok in doc:
            if tok.lower_ != "the" or tok.i + 1 >= len(doc) or tok.i in taken:
                continue
            for n in (2, 1):
                end = tok.i + 1 + n
                if end > len(doc) or any(i in taken for i in range(tok.i + 1, end)):
                    continue
                words = " ".join(t.lower_ for t in doc[tok.i + 1: end])
                if words not in descriptors:
                    continue
                if end < len(doc) and doc[end].lower_ in ("of", "'s", "’s") or doc[end - 1].pos_ not in ("NOUN", "PROPN"):
                    break  # "the country of origin", "the nation's": not a plain reference
                actor_type, keys = descriptors[words]
                window_start = _sentence_window_start(doc, tok.i, 3)
                candidates = [m for m in ordered if window_start <= m.start < tok.i and m.actor.type == actor_type
                              and (keys is None or m.actor.key in keys)]
                distinct = {m.actor.key for m in candidates}
                if candidates and (keys is not None or len(distinct) == 1):
                    out.append(Mention(tok.i, end, candidates[-1].actor, "description"))
                    taken.update(range(tok.i, end))
                break
        return out

    def _mark_place(self, doc: Doc, m: Mention) -> Mention:
        if m.actor.type != "State" and m.kind != "capital":
            return m
        root = doc[m.start: m.end].root
        if root.dep_ == "pobj" and root.head.lower_ in self.locative:
            return Mention(m.start, m.end, m.actor, m.kind, place=True)
        return m


def _quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens between quotation marks (straight or curly), paragraph by paragraph."""
    inside = False
    out: set[int] = set()
    for tok in doc:
        if "\n\n" in tok.text or (tok.is_space and "\n" in tok.text):
            inside = False
            continue
        if tok.text in ('"', "“", "”", "''", "``"):
            if tok.text == "“":
                inside = True
            elif tok.text == "”":
                inside = False
            else:
                inside = not inside
            continue
        if inside:
            out.add(tok.i)
    return out


def _sentence_window_start(doc: Doc, i: int, back: int) -> int:
    """Token index where the sentence ``back`` sentences before token ``i`` starts."""
    sent = doc[i].sent
    for _ in range(back):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sent.start


def _clause_subject(tok: Token) -> Token | None:
    head = tok.head
    while head.dep_ not in ("ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj") and head.head is not head:
        head = head.head
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _trim(ent: Span) -> Span | None:
    """Drop a leading determiner or title and a trailing possessive from an entity."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    text = doc[start:end].text
    stripped = _TITLE_PREFIX.sub("", text)
    if stripped != text and stripped:
        cut = len(text) - len(stripped)
        span = doc.char_span(doc[start].idx + cut, doc[end - 1].idx + len(doc[end - 1]), alignment_mode="expand")
        if span is not None and len(span):
            return span
    return doc[start:end]


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        bool(words)
        and len(text) >= 2
        and len(text) <= 80
        and text[0].isupper()
        and not any(ch.isdigit() for ch in text)
        and len(words) <= 8
        and words[-1].lower() not in ("of", "the", "and", "for", "in", "on", "at", "to")
    )


def _type_from_head(span: Span) -> str:
    head = span[-1].lower_
    for actor_type, heads in _TYPE_BY_HEAD.items():
        if head in heads or any(t.lower_ in heads for t in span if t.i == span.root.i):
            return actor_type
    return "Organization"


@Language.factory(
    "kg_actor_linker",
    requires=["doc.ents"],
    assigns=["doc._.kg_mentions"],
    default_config={"actors": [], "bundled": True, "mint": True, "pronouns": True, "roles": True,
                    "lexicon": None},
)
def make_actor_linker(nlp: Language, name: str, actors: list[str], bundled: bool, mint: bool,
                      pronouns: bool, roles: bool, lexicon: str | None) -> ActorLinker:
    """Link entities to canonical actors; place after ``ner``."""
    return ActorLinker(get_kb(tuple(actors), bundled), load_lexicon(lexicon), mint=mint,
                       pronouns=pronouns, roles=roles)
