"""``kg_relations``: who did what to whom, read from the dependency parse.

Runs after ``kg_actor_linker`` and writes ``doc._.kg_relations``, a list of
:class:`~kg.extract.extensions.Relation`. Every word of the trigger lexicon
(``pipelines/triggers.tsv``) is a candidate; its arguments come from the parse:

- ``verb``: a verb trigger with its subject (inherited through control, coordination and
  adverbial clauses: "Moscow has agreed to supply … and conduct …"), its direct object,
  the prepositions its frame names ("talks with X", "pressure on X"), a clausal object
  ("demand that Trump oppose …", "urge Taipei to increase …"); passives swapped ("Trump
  was pressured by Xi");
- ``noun``: a nominal event with its agent from a possessive or demonym ("Russia's sale",
  "a Chinese invasion"), a "by" phrase, or the subject of the verb that carries it ("hold
  talks", "declined to approve … aid to Taiwan"), and its object from its frame's
  prepositions, "between X and Y" for symmetric relations;
- ``title``: titles and appositions ("Chinese President Xi Jinping", "Liu Pengyu, a
  spokesman for the Chinese Embassy") → leaderOf / officialOf / spokespersonFor;
- ``surface``: in headlines and short sentences the parse is often wrong ("Xi Pressures
  Trump …"): actor, trigger, actor in a row.

Negation, modality and attribution are read along the chain of heads from the trigger up
to its clause (cue words in ``pipelines/cues.toml``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.extensions import Mention, Relation
from kg.extract.lexicon import Frame, Lexicon, load_lexicon
from kg.vocab import PREDICATES

__all__ = ["RelationExtractor", "make_relation_extractor"]

_SUBJ = ("nsubj", "csubj")
_OBJ = ("dobj", "obj", "dative", "attr", "oprd")
# how a verb passes its subject down to a dependent verb
_INHERIT = ("xcomp", "conj", "advcl", "pcomp", "acl", "prep", "relcl", "acomp")
_OBJECT_CONTROL = {"urge", "ask", "pressure", "press", "push", "force", "persuade", "encourage",
                   "call", "invite", "order", "help", "allow", "warn", "tell", "lean", "advise"}
_QUANTITY = {"million", "billion", "trillion", "package", "amount", "round", "series", "set", "wave",
             "number", "lot", "batch", "tranche", "dozen", "dozens", "hundreds", "thousands"}
# dependencies along which a negation or a negating verb reaches the trigger
_NEG_PATH = ("xcomp", "conj", "dobj", "obj", "pobj", "prep", "pcomp", "compound", "amod", "nsubjpass")
# prepositions through which a verb carries a nominal trigger ("hint at a visit", "engage in talks")
_CARRIER_PREPS = {"at", "in", "into", "for"}
_BASE = {"verb": 0.75, "noun": 0.7, "title": 0.85, "surface": 0.55, "nested": 0.55}


class RelationExtractor:
    """Dependency rules over triggers from a :class:`~kg.extract.lexicon.Lexicon`."""

    def __init__(self, lexicon: Lexicon, *, surface: bool = True, titles: bool = True,
                 max_surface_tokens: int = 25) -> None:
        self.lex = lexicon
        self.surface = surface
        self.titles = titles
        self.max_surface_tokens = max_surface_tokens
        self.neg_particles = lexicon.cue("negation", "particles")
        self.neg_verbs = lexicon.cue("negation", "verbs")
        self.possible_aux = lexicon.cue("modality", "possible_aux")
        self.intended_aux = lexicon.cue("modality", "intended_aux")
        self.intended_verbs = lexicon.cue("modality", "intended_verbs")
        self.possible_words = lexicon.cue("modality", "possible_words")
        self.intended_words = lexicon.cue("modality", "intended_words")
        self.conditional = lexicon.cue("modality", "conditional_marks")
        self.possible_phrases = tuple(lexicon.cues.get("modality", {}).get("possible_phrases", []))
        self.reporting = lexicon.cue("attribution", "reporting_verbs")
        self.light = lexicon.cue("light_verbs", "verbs")
        self.title_kind = lexicon.title_kinds
        self.title_modifiers = lexicon.cue("titles", "modifiers")
        self.person_readings: dict[str, str] = dict(lexicon.cues.get("person_readings", {}))
        self.force_agents = lexicon.cue("agents", "force_agents")
        self.nested_predicates = lexicon.cue("nested", "predicates")
        self.place_objects = lexicon.cue("places", "place_objects")
        self.locative = lexicon.cue("places", "locative_preps")
        reversal = lexicon.cues.get("reversal", {})
        self.reversal_verbs = frozenset(reversal.get("verbs", []))
        self.reversible = frozenset(reversal.get("predicates", []))
        self.reversed_predicate: str = reversal.get("becomes", "concedesTo")

    # ------------------------------------------------------------------ entry point

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc._.kg_mentions or []
        by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token.setdefault(i, m)
        relations: list[Relation] = []
        for sent in doc.sents:
            if not any(sent.start <= m.start < sent.end for m in mentions):
                continue
            found: list[Relation] = []
            fired: set[int] = set()
            for tok in sent:
                trig = self.trigger(tok, by_token)
                if trig is None:
                    continue
                predicate, pos, trigger_tokens = trig
                rels = list(self._verb(tok, predicate, trigger_tokens, sent, by_token) if pos == "VERB"
                            else self._noun(tok, predicate, trigger_tokens, sent, by_token))
                if rels:
                    fired.add(tok.i)
                found.extend(rels)
            if self.titles:
                found.extend(self._titles(sent, by_token))
            if self.surface and len(sent) <= self.max_surface_tokens:
                found.extend(self._surface(sent, by_token, fired))
            relations.extend(_dedupe(found))
        doc._.kg_relations = relations
        return doc

    # ------------------------------------------------------------------ triggers

    def trigger(self, tok: Token, by_token: dict[int, Mention]) -> tuple[str, str, tuple[int, ...]] | None:
        """(predicate, pos, trigger token indices) when ``tok`` is a trigger, else None."""
        if tok.i in by_token and by_token[tok.i].kind != "agent":
            return None
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ == "VBZ"):
            for child in tok.children:
                if child.dep_ in ("prt", "prep") and (lemma, child.lower_) in self.lex.particle_verbs:
                    return self.lex.particle_verbs[(lemma, child.lower_)], "VERB", (tok.i, child.i)
            predicate = self.lex.words.get((lemma, "VERB"))
            if predicate is None:
                return None
            if self._carries_noun_trigger(tok, by_token):
                return None
            return predicate, "VERB", (tok.i,)
        if tok.pos_ in ("NOUN", "PROPN"):
            for child in tok.children:
                if child.dep_ in ("compound", "amod") and (child.lemma_.lower(), lemma) in self.lex.compounds:
                    return self.lex.compounds[(child.lemma_.lower(), lemma)], "NOUN", (child.i, tok.i)
            if lemma == "game" and any(c.lower_ == "war" for c in tok.children):
                return self.lex.compounds.get(("war", "game")), "NOUN", (tok.i,)
            predicate = self.lex.words.get((lemma, "NOUN")) or self.lex.words.get((tok.lower_, "NOUN"))
            if predicate is None:
                return None
            return predicate, "NOUN", (tok.i,)
        return None

    def _carries_noun_trigger(self, verb: Token, by_token: dict[int, Mention]) -> bool:
        """A light verb whose object is a nominal trigger: the noun decides ("provide support")."""
        for child in verb.children:
            if child.dep_ in ("dobj", "obj") and child.pos_ == "NOUN":
                lemma = child.lemma_.lower()
                if (lemma, "NOUN") in self.lex.words or any(
                        (c.lemma_.lower(), lemma) in self.lex.compounds for c in child.children):
                    return verb.lemma_.lower() in self.light
        return False

    # ------------------------------------------------------------------ verb triggers

    def _verb(self, tok: Token, predicate: str, trigger: tuple[int, ...], sent: Span,
              by_token: dict[int, Mention]) -> Iterator[Relation]:
        frame = self.lex.frames.get(predicate, Frame(frozenset(), frozenset(), False))
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        subjects: list[Mention] = []
        objects: list[tuple[Mention, str]] = []
        if passive:
            for c in tok.children:
                if c.dep_ == "agent":
                    subjects += self._mentions_at(_pobj(c), by_token)
                if c.dep_ == "nsubjpass":
                    objects += [(m, "verb") for m in self._mentions_at(c, by_token)]
        else:
            subj = self._subject(tok)
            if subj is not None:
                subjects += self._mentions_at(subj, by_token) or self._agent_of_event(subj, by_token)
            for c in tok.children:
                if c.dep_ in _OBJ and frame.direct_object:
                    objects += [(m, "verb") for m in self._mentions_at(c, by_token)]
                    if not self._mentions_at(c, by_token) and predicate in self.nested_predicates:
                        objects += [(m, "nested") for m in self._nested(c, by_token)]
        particle = {tok.doc[i].lower_ for i in trigger[1:]}
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in self.locative and c.lower_ in frame.verb_preps:
                objects += [(m, "verb") for m in self._territory(_pobj(c), by_token)]
            elif c.dep_ == "prep" and (c.lower_ in frame.verb_preps or c.lower_ in particle):
                objects += [(m, "verb") for m in self._mentions_at(_pobj(c), by_token)]
            elif (c.dep_ in ("dobj", "obj") or c.dep_ == "prt" and c.i in trigger) and c.i not in by_token:
                if c.dep_ == "prt":
                    c = _pobj(c) or c
                # "broke off relations with Nicaragua", "cut ties with Israel": the phrase
                # hangs off the verb's object
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in frame.verb_preps:
                        found = (self._territory(_pobj(g), by_token) if g.lower_ in self.locative
                                 else self._mentions_at(_pobj(g), by_token))
                        objects += [(m, "verb") for m in found]
        if not any(how == "verb" for _, how in objects):
            # "supply equipment and conduct exercises for Chinese airborne forces": the
            # trailing phrase of the last conjunct belongs to both verbs
            for conj in _conjuncts(tok):
                for c in conj.children:
                    if c.dep_ == "prep" and c.lower_ in frame.verb_preps and c.i > conj.i:
                        objects += [(m, "verb") for m in self._mentions_at(_pobj(c), by_token)]
                    elif c.dep_ in ("dobj", "obj") and not any(g.dep_ in ("dobj", "obj") for g in tok.children):
                        objects += [(m, "verb") for m in self._mentions_at(c, by_token)]
        if frame.clausal_object and not objects:
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp") and not _is_question(c):
                    s = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                    if s is not None:
                        objects += [(m, "verb") for m in self._mentions_at(s, by_token)]
        if len(subjects) >= 2 and _reciprocal(tok):
            objects += [(m, "verb") for m in subjects]
        yield from self._emit(tok, predicate, trigger, sent, subjects, objects, by_token,
                              coordinated=len(subjects) >= 2)

    def _agent_of_event(self, noun: Token, by_token: dict[int, Mention]) -> list[Mention]:
        """Who is behind an event or weapon noun ("the US airstrike that killed …", "Israeli
        airstrikes kill …"): its possessive, compound or demonym modifier."""
        lemma = noun.lemma_.lower()
        if (lemma, "NOUN") not in self.lex.words and lemma not in self.force_agents:
            return []
        has_det = any(c.dep_ == "det" for c in noun.children)
        out: list[Mention] = []
        for c in noun.children:
            # a bare compound ("Xi pressures") is as likely a misparsed headline as an agent
            if c.dep_ in ("poss", "amod") or (c.dep_ in ("compound", "nmod") and has_det):
                if c.i in by_token and not by_token[c.i].place:
                    out.append(by_token[c.i])
        return out

    def _subject(self, tok: Token) -> Token | None:
        """The subject of a verb, inherited through control, coordination and adverbial clauses."""
        seen = 0
        cur = tok
        while seen < 6:
            seen += 1
            for c in cur.children:
                if c.dep_ in _SUBJ:
                    if c.lower_ in ("that", "which", "who") and cur.dep_ == "relcl":
                        return cur.head
                    return c
            if cur.dep_ == "xcomp" and any(c.dep_ in ("dobj", "obj") for c in cur.head.children) \
                    and cur.head.lemma_.lower() in _OBJECT_CONTROL:
                return next(c for c in cur.head.children if c.dep_ in ("dobj", "obj"))
            if cur.dep_ == "acl" and cur.tag_ == "VBN":
                # "an injunction sought by X": the agent of the participle, if any
                agent = next((c for c in cur.children if c.dep_ == "agent"), None)
                return _pobj(agent) if agent is not None else None
            if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.dep_ in ("dobj", "obj") \
                    and cur.head.head is not cur.head:
                cur = cur.head.head  # "launched missiles targeting US troops": who launched
                continue
            if cur.dep_ in _INHERIT and cur.head is not cur:
                cur = cur.head
                continue
            if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
                cur = cur.head
                continue
            return None
        return None

    # ------------------------------------------------------------------ noun triggers

    def _noun(self, tok: Token, predicate: str, trigger: tuple[int, ...], sent: Span,
              by_token: dict[int, Mention]) -> Iterator[Relation]:
        frame = self.lex.frames.get(predicate, Frame(frozenset(), frozenset(), False))
        symmetric = PREDICATES[predicate].symmetric
        subjects: list[Mention] = []
        objects: list[tuple[Mention, str]] = []
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i not in trigger:
                found = [m for m in self._mentions_at(c, by_token) if not m.place
                         and (c.dep_ == "poss" or m.actor.known)]
                if frame.possessive == "patient" and c.dep_ == "poss":
                    objects += [(m, "noun") for m in found]  # "his arrest": he is arrested
                else:
                    subjects += found
            elif c.dep_ == "prep":
                word = c.lower_
                target = _pobj(c)
                if word == "by":
                    subjects += self._mentions_at(target, by_token)
                elif word == "between" and symmetric:
                    ms = self._mentions_at(target, by_token)
                    if len(ms) >= 2:
                        subjects.append(ms[0])
                        objects += [(m, "noun") for m in ms[1:]]
                elif word in frame.noun_preps and word in self.locative:
                    objects += [(m, "noun") for m in self._territory(target, by_token)]
                elif word in frame.noun_preps:
                    found = self._mentions_at(target, by_token)
                    objects += [(m, "noun") for m in found]
                    if not found and target is not None and predicate in self.nested_predicates:
                        objects += [(m, "nested") for m in self._nested(target, by_token)]
        coordinated = False
        carrier = self._carrier(tok)
        if carrier is not None and predicate in self.reversible and carrier.lemma_.lower() in self.reversal_verbs:
            predicate = self.reversed_predicate  # "lifted sanctions on Iran" is a concession
        if carrier is not None:
            for c in carrier.children:
                if c.dep_ == "prep" and c.lower_ in frame.noun_preps and c.i > tok.i:
                    objects += [(m, "noun") for m in self._mentions_at(_pobj(c), by_token)]
            has_possessor = any(c.dep_ == "poss" for c in tok.children) and frame.possessive == "agent"
            if not subjects and not has_possessor:
                subj = self._subject(carrier) if carrier.pos_ in ("VERB", "AUX") else None
                if subj is not None:
                    carried = self._mentions_at(subj, by_token)
                    subjects += carried
                    coordinated = len(carried) >= 2
        yield from self._emit(tok, predicate, trigger, sent, subjects, objects, by_token, carrier=carrier,
                              coordinated=coordinated)

    def _carrier(self, noun: Token) -> Token | None:
        """The verb that carries a nominal trigger ("hold talks", "approve … aid to Taiwan").

        The noun must be the verb's object or subject, the object of a preposition on the verb
        ("hinting at a possible visit"), or hang off a quantity that is ("$400 million in aid").
        A noun inside another noun's phrase ("in preparation for an assault") has no carrier.
        """
        cur = noun
        for _ in range(5):
            dep = cur.dep_
            if dep in ("dobj", "obj", "nsubjpass", "attr") and cur.head.pos_ in ("VERB", "AUX") \
                    and cur.head.lemma_.lower() not in self.light:
                return None  # "opposes arms sales to Taiwan": the sales are not China's
            if dep in ("dobj", "obj", "nsubjpass", "nsubj", "attr", "conj", "appos"):
                cur = cur.head
            elif dep == "pobj" and cur.head.dep_ == "prep":
                prep_head = cur.head.head
                verb_ok = prep_head.pos_ in ("VERB", "AUX") and (
                    cur.head.lower_ in _CARRIER_PREPS or prep_head.lemma_.lower() in self.light)
                if verb_ok or prep_head.pos_ == "NUM" or prep_head.lemma_.lower() in _QUANTITY:
                    cur = prep_head
                else:
                    return None
            else:
                return None
            if cur.pos_ in ("VERB", "AUX"):
                return cur
            if cur.pos_ not in ("NUM",) and cur.lemma_.lower() not in _QUANTITY and dep != "conj":
                return None
        return None

    # ------------------------------------------------------------------ arguments

    def _mentions_at(self, tok: Token | None, by_token: dict[int, Mention]) -> list[Mention]:
        """The actor at a token and at its coordinated tokens ("Iran and Syria")."""
        if tok is None:
            return []
        out: list[Mention] = []
        for t in [tok, *_conjuncts(tok)]:
            m = by_token.get(t.i)
            if m is None:
                # "Iranian general, Qasem Soleimani": the name in apposition
                appos = next((c for c in t.children if c.dep_ == "appos" and c.i in by_token), None)
                if appos is not None:
                    m = by_token[appos.i]
            if m is None:
                # "Hungarian and Romanian officials": the first conjunct hangs off the noun
                for c in t.children:
                    if c.dep_ in ("amod", "compound", "nmod") and c.i in by_token and by_token[c.i].kind in ("demonym",) \
                            and t.lemma_.lower() in ("official", "government", "leader", "authority", "minister", "diplomat"):
                        m = by_token[c.i]
                        out.append(m)
                        out += [by_token[g.i] for g in _conjuncts(c) if g.i in by_token]
                continue
            if m not in out:
                out.append(m)
        return out

    def _territory(self, tok: Token | None, by_token: dict[int, Mention]) -> list[Mention]:
        """The states named in a place phrase: "in Kabul, Afghanistan", "in Tibnin and Shebaa in
        southern Lebanon", "in Lebanon". Towns, persons and organisations there are no objects."""
        if tok is None:
            return []
        out: list[Mention] = []
        stack = [(tok, 0)]
        while stack:
            cur, depth = stack.pop()
            m = by_token.get(cur.i)
            if m is not None and m.actor.type == "State" and m.actor.known and m not in out:
                out.append(m)
            if depth >= 4:
                continue
            for c in cur.children:
                if c.dep_ in ("conj", "appos", "npadvmod", "compound"):
                    stack.append((c, depth + 1))
                elif c.dep_ == "prep" and c.lower_ in ("in", "of"):
                    target = _pobj(c)
                    if target is not None:
                        stack.append((target, depth + 1))
        return out

    def _nested(self, tok: Token, by_token: dict[int, Mention]) -> list[Mention]:
        """Actors inside a non-actor object ("oppose Taiwan's independence", "ties between the US and Taiwan")."""
        out: list[Mention] = []
        frontier = [(tok, 0)]
        while frontier:
            cur, depth = frontier.pop()
            for c in cur.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in by_token:
                    out += [m for m in self._mentions_at(c, by_token)
                            if m not in out and not m.place and m.kind != "demonym"]
                elif c.dep_ == "conj" and depth < 3:
                    frontier.append((c, depth + 1))
                elif c.dep_ == "prep" and c.lower_ in ("of", "between", "with", "to", "for", "from") and depth < 3:
                    target = _pobj(c)
                    if target is not None:
                        ms = self._mentions_at(target, by_token)
                        out += [m for m in ms if m not in out and not m.place]
                        if not ms:
                            frontier.append((target, depth + 1))
        return out

    # ------------------------------------------------------------------ titles and appositions

    def _titles(self, sent: Span, by_token: dict[int, Mention]) -> Iterator[Relation]:
        """Titles before a name, appositions after it, and possessive titles before it."""
        persons = sorted({m.start: m for i, m in by_token.items()
                          if sent.start <= i < sent.end and m.actor.type == "Person"
                          and m.kind in ("name", "minted", "short")}.values(), key=lambda m: m.start)
        for m in persons:
            found = self._title_before(sent, m, by_token) or self._apposition(sent, m, by_token) \
                or self._possessive_title(sent, m, by_token)
            if found is not None:
                kind, org, trigger, rule = found
                if org.actor.type == "Person" and kind != "spokesperson":
                    continue
                if org.actor.key != m.actor.key:
                    yield self._structural(m, kind, org, sent, trigger, rule)

    def _title_words_before(self, sent: Span, end: int, by_token: dict[int, Mention]) -> tuple[int, list[str]]:
        doc = sent.doc
        j = end
        words: list[str] = []
        while j - 1 >= sent.start and (doc[j - 1].pos_ in ("PROPN", "NOUN", "ADJ") or doc[j - 1].lower_ == "of") \
                and (j - 1) not in by_token and len(words) < 5:
            j -= 1
            words.insert(0, doc[j].lower_)
        while words and words[0] == "of":
            words.pop(0)
            j += 1
        return j, words

    def _title_before(self, sent: Span, m: Mention, by_token: dict[int, Mention]):
        """ "Chinese President Xi Jinping", "President of Ukraine X", "US Ambassador to Germany X"."""
        doc = sent.doc
        j, words = self._title_words_before(sent, m.start, by_token)
        target: Mention | None = None
        if not words and j - 1 >= sent.start and (j - 1) in by_token:
            # TITLE (of|to|for|at) ORG NAME
            target = by_token[j - 1]
            k = target.start
            if k - 1 > sent.start and doc[k - 1].lower_ in ("of", "to", "for", "at") and (k - 2) not in by_token:
                prep = doc[k - 1].lower_
                j, words = self._title_words_before(sent, k - 1, by_token)
                if prep == "of":
                    kind = self._title(" ".join(words))
                    return (kind, target, (j,), "title") if kind else None
            else:
                return None
        kind = self._title(" ".join(words))
        if not kind:
            return None
        org = by_token.get(j - 1)
        if org is None and j - 2 >= sent.start and doc[j - 1].text in ("'s", "’s"):
            org = by_token.get(j - 2)
        if org is None or org is m or org.place:
            return None
        return kind, org, (j,), "title"

    def _apposition(self, sent: Span, m: Mention, by_token: dict[int, Mention]):
        """ "Liu Pengyu, a spokesman for the Chinese Embassy", "X, the foreign minister of Y"."""
        doc = sent.doc
        k = m.end
        if not (k < sent.end and doc[k].text == ","):
            return None
        k += 1
        while k < sent.end and doc[k].lower_ in ("a", "an", "the", "its", "their"):
            k += 1
        words: list[Token] = []
        while k < sent.end and k not in by_token and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and len(words) < 4:
            words.append(doc[k])
            k += 1
        kind = self._title(" ".join(w.lower_ for w in words))
        if not kind or k >= sent.end:
            return None
        org = None
        if doc[k].lower_ in ("for", "of", "at", "to") and k + 1 < sent.end:
            org = by_token.get(k + 1)
            if org is None and k + 2 < sent.end and doc[k + 1].lower_ == "the":
                org = by_token.get(k + 2)
        if org is not None and org.end < sent.end and doc[org.end].text in ("'s", "’s"):
            # "head of Iran's Quds Force": the office is in what follows the possessive
            nxt = next((by_token[i] for i in range(org.end + 1, min(org.end + 5, sent.end)) if i in by_token), None)
            org = nxt
        if org is None or org.place:
            return None
        return kind, org, tuple(w.i for w in words), "apposition"

    def _possessive_title(self, sent: Span, m: Mention, by_token: dict[int, Mention]):
        """ "Mahan's director, Hamid Arabnejad Khanooki", "Merkel's spokesperson, Steffen Seibert"."""
        doc = sent.doc
        k = m.start - 1
        if not (k > sent.start and doc[k].text == ","):
            return None
        j, words = self._title_words_before(sent, k, by_token)
        kind = self._title(" ".join(words))
        if not kind or j - 2 < sent.start or doc[j - 1].text not in ("'s", "’s"):
            return None
        org = by_token.get(j - 2)
        if org is None or org.place:
            return None
        return kind, org, (j,), "apposition"

    def _title(self, words: str) -> str | None:
        """The kind of a title ("former foreign minister" → official), or None.

        The words must be a known title, optionally after modifiers ("former", "acting",
        "deputy"…); "Washington Bureau Chief" is not a title of Washington.
        """
        if not words:
            return None
        if words in self.title_kind:
            return self.title_kind[words]
        parts = words.split()
        for n in range(len(parts) - 1, 0, -1):
            tail = " ".join(parts[-n:])
            if tail in self.title_kind and all(w in self.title_modifiers for w in parts[:-n]):
                return self.title_kind[tail]
        return None

    def _structural(self, person: Mention, kind: str, org: Mention, sent: Span, trigger: tuple[int, ...],
                    rule: str) -> Relation:
        predicate = {"leader": "leaderOf", "official": "officialOf", "spokesperson": "spokespersonFor"}[kind]
        return Relation(subject=person, predicate=predicate, object=org, sent_start=sent.start, sent_end=sent.end,
                        rule=rule, trigger=trigger, confidence=_score(_BASE["title"], person, org))

    # ------------------------------------------------------------------ surface fallback

    def _surface(self, sent: Span, by_token: dict[int, Mention], fired: set[int]) -> Iterator[Relation]:
        """Actor, trigger verb, actor in a row: headlines and misparsed short sentences."""
        doc = sent.doc
        for tok in sent:
            if tok.i in fired or tok.i in by_token:
                continue
            predicate = self._verb_form(tok)
            if predicate is None:
                continue
            left = tok.i - 1
            modality = "actual"
            if left >= sent.start and doc[left].lower_ == "to":
                modality = "intended"
                left -= 1
            while left >= sent.start and doc[left].pos_ == "ADV":
                left -= 1
            right = tok.i + 1
            while right < sent.end and doc[right].pos_ in ("DET", "ADJ", "ADV") and right not in by_token:
                right += 1
            if right < sent.end and doc[right].lower_ in self.lex.frames.get(predicate, Frame(frozenset(), frozenset(), False)).verb_preps:
                right += 1
            subj, obj = by_token.get(left), by_token.get(right)
            if subj is None or obj is None or subj.place or obj.place or "demonym" in (subj.kind, obj.kind):
                continue
            if subj.end - 1 != left or obj.start != right or not _types_fit(predicate, subj.actor.type, obj.actor.type):
                continue
            yield Relation(subject=subj, predicate=predicate, object=obj, sent_start=sent.start, sent_end=sent.end,
                           modality=modality, rule="surface", trigger=(tok.i,),
                           confidence=_score(_BASE["surface"], subj, obj))

    def _verb_form(self, tok: Token) -> str | None:
        word = tok.lower_
        for cand in (tok.lemma_.lower(), word, word[:-1] if word.endswith("s") else "",
                     word[:-2] if word.endswith("es") else "", word[:-2] if word.endswith("ed") else "",
                     word[:-1] if word.endswith("ed") else ""):
            if cand and (cand, "VERB") in self.lex.words:
                return self.lex.words[(cand, "VERB")]
        return None

    # ------------------------------------------------------------------ building relations

    def _emit(self, tok: Token, predicate: str, trigger: tuple[int, ...], sent: Span, subjects: list[Mention],
              objects: list[tuple[Mention, str]], by_token: dict[int, Mention], carrier: Token | None = None,
              coordinated: bool = False) -> Iterator[Relation]:
        if not objects and coordinated and len(subjects) >= 2 and PREDICATES[predicate].symmetric:
            # "Iran and Iraq signed a deal", "Japan and Korea held talks": with each other
            objects = [(m, "noun" if tok.pos_ == "NOUN" else "verb") for m in subjects[1:]]
            subjects = subjects[:1]
        if not subjects or not objects:
            return
        negated = self.negated(tok)
        modality = self.modality(tok, sent)
        attributed = self.attribution(tok, sent, by_token)
        for s in subjects:
            if s.place:
                continue
            source = attributed if attributed is None or attributed.actor.key != s.actor.key else None
            for o, how in objects:
                if o.place and (predicate not in self.place_objects or o.actor.type != "State" or not o.actor.known):
                    continue
                if not _types_fit(predicate, s.actor.type, o.actor.type):
                    continue
                if o.actor.key == s.actor.key:
                    continue
                rule = "noun" if how == "noun" else how
                pred = predicate
                if predicate in self.person_readings and o.actor.type == "Person" \
                        and s.actor.type in ("Person", "Organization"):
                    pred = self.person_readings[predicate]  # politicians attack with words
                yield Relation(subject=s, predicate=pred, object=o, sent_start=sent.start, sent_end=sent.end,
                               negated=negated, modality=modality, attributed_to=source, rule=rule,
                               trigger=trigger, confidence=_score(_BASE[rule], s, o))

    def _chain(self, tok: Token) -> list[Token]:
        """The trigger and the heads that govern its reading, up to the clause (not past a report)."""
        chain = [tok]
        cur = tok
        for _ in range(8):
            if cur.dep_ in ("ROOT",) or cur.head is cur:
                break
            if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in self.reporting:
                break
            if cur.dep_ in ("nsubj", "nsubjpass", "csubj"):
                break
            cur = cur.head
            chain.append(cur)
        return chain

    def negated(self, tok: Token) -> bool:
        """Negated by a particle on the trigger or on a verb it complements, or by a negating verb.

        Negation passes down complement chains ("declined to approve … aid", "did not agree to
        supply") but not into clauses ("avoided saying whether the US would defend Taiwan").
        """
        cur = tok
        for n in range(8):
            for c in cur.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in self.neg_particles and cur.pos_ == "NOUN"):
                    nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
                    if nxt is not None and nxt.lower_ == "only":
                        continue
                    return True
            if n > 0 and cur.lemma_.lower() in self.neg_verbs:
                return True
            if cur.dep_ not in _NEG_PATH or cur.head is cur:
                return False
            if cur.dep_ == "pobj" and cur.head.lower_ == "without":
                return True
            if cur.dep_ == "pcomp" and cur.head.lower_ == "without":
                return True
            cur = cur.head
        return False

    def modality(self, tok: Token, sent: Span) -> str:
        """actual, intended or possible, from modals, governing verbs and cue words."""
        chain = self._chain(tok)
        result = "actual"
        for n, cur in enumerate(chain):
            for c in cur.children:
                word = c.lower_
                if c.dep_ == "aux" and word in self.possible_aux:
                    return "possible"
                if c.dep_ == "mark" and word in self.conditional:
                    return "possible"
                if c.dep_ in ("amod", "advmod") and word in self.possible_words:
                    return "possible"
                if c.dep_ == "aux" and word in self.intended_aux:
                    result = "intended"
                if c.dep_ == "amod" and word in self.intended_words:
                    result = "intended"
            if n > 0 and cur.lemma_.lower() in self.intended_verbs and chain[n - 1].dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "conj"):
                result = "intended"
            if cur.lower_ in ("going", "set", "designed", "scheduled", "expected") and n > 0:
                result = "intended"
        if result == "actual":
            before = sent.doc.text[sent.start_char: tok.idx].lower()
            if any(p in before[-60:] for p in self.possible_phrases):
                return "possible"
        return result

    def attribution(self, tok: Token, sent: Span, by_token: dict[int, Mention]) -> Mention | None:
        """Who the text says reported or claimed it: a reporting verb's subject, "according to X"."""
        cur = tok
        for _ in range(10):
            if cur.head is cur:
                break
            came = cur.dep_
            cur = cur.head
            if cur.lemma_.lower() in self.reporting and came in ("ccomp", "parataxis", "advcl", "xcomp", "conj"):
                subj = next((c for c in cur.children if c.dep_ in _SUBJ), None)
                ms = self._mentions_at(subj, by_token) if subj is not None else []
                if not ms and subj is not None:
                    # "reports from The Wall Street Journal revealed …", "sources at the Pentagon said"
                    for prep in subj.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "at", "in", "of", "within"):
                            ms = [m for m in self._mentions_at(_pobj(prep), by_token) if not m.place]
                            if ms:
                                break
                if ms:
                    return ms[0]
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ == "to":
                target = sent.doc[t.i + 2] if t.i + 2 < sent.end else None
                for k in range(t.i + 2, min(t.i + 6, sent.end)):
                    if k in by_token:
                        return by_token[k]
                if target is not None:
                    return None
        return None


def _types_fit(predicate: str, subject_type: str, object_type: str) -> bool:
    """Structural relations hold between certain kinds of actors only ("Biden leads Trump in
    the polls" is no leadership; "Sweden joined France in …" no membership)."""
    if predicate in ("leaderOf", "officialOf"):
        return subject_type == "Person" and object_type != "Person"
    if predicate == "memberOf":
        return object_type in ("InternationalOrganization", "Organization")
    if predicate == "partOf":
        return subject_type != "Person" and object_type != "Person"
    return True


def _is_question(clause: Token) -> bool:
    """An embedded question ("asked why Biden did not …"), not a demand."""
    return any(c.lower_ in ("why", "how", "whether", "if", "what", "when", "where", "who")
               and c.dep_ in ("advmod", "mark", "nsubj", "dobj", "attr") for c in clause.children)


def _reciprocal(verb: Token) -> bool:
    """The verb's object is "each other" / "one another" (or their possessive)."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "prep", "pobj"):
            words = " ".join(t.lower_ for t in c.subtree)
            if "each other" in words or "one another" in words:
                return True
    return False


def _pobj(prep: Token | None) -> Token | None:
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _conjuncts(tok: Token) -> list[Token]:
    out = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return out


def _score(base: float, *mentions: Mention) -> float:
    score = base
    for m in mentions:
        if not m.actor.known:
            score -= 0.1
        if m.kind in ("pronoun", "role"):
            score -= 0.1
        elif m.kind == "agent":
            score -= 0.05
        if m.actor.known and m.kind == "name":
            score += 0.05
    return max(0.05, min(0.99, score))


def _dedupe(relations: Iterable[Relation]) -> list[Relation]:
    best: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.subject.actor.key, r.predicate, r.object.actor.key, r.negated)
        if PREDICATES[r.predicate].symmetric:
            key = (*sorted((r.subject.actor.key, r.object.actor.key)), r.predicate, r.negated)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return list(best.values())


@Language.factory(
    "kg_relations",
    requires=["doc._.kg_mentions"],
    assigns=["doc._.kg_relations"],
    default_config={"lexicon": None, "surface": True, "titles": True, "max_surface_tokens": 25},
)
def make_relation_extractor(nlp: Language, name: str, lexicon: str | None, surface: bool, titles: bool,
                            max_surface_tokens: int) -> RelationExtractor:
    """Relations between linked actors; place after ``kg_actor_linker``."""
    return RelationExtractor(load_lexicon(lexicon), surface=surface, titles=titles,
                             max_surface_tokens=max_surface_tokens)
