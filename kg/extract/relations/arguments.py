"""Finding the arguments of a trigger in the dependency parse: pure functions.

Who is at a token (with its conjuncts and appositions), the states of a place phrase, the
actors inside a non-actor object, the subject a verb inherits through control and
coordination, the agent of an event noun and the verb that carries a nominal trigger.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.extensions import Mention
from kg.extract.relations.clauses import gerund_frame, raised_subject
from kg.extract.relations.context import RuleData
from kg.extract.relations.groups import misparsed_conjuncts

__all__ = [
    "agent_of_event",
    "carrier",
    "conjuncts",
    "counted",
    "is_question",
    "mentions_at",
    "nested",
    "pobj",
    "quantity_modifiers",
    "reciprocal",
    "subject_of",
    "territory",
]

SUBJ = ("nsubj", "csubj")
OBJ = ("dobj", "obj", "dative", "attr", "oprd")
# how a verb passes its subject down to a dependent verb
_INHERIT = ("xcomp", "conj", "advcl", "pcomp", "acl", "prep", "relcl", "acomp")
_RELATIVE = ("that", "which", "who")
_WH_WORDS = ("why", "how", "whether", "if", "what", "when", "where", "who")
_RECIPROCAL = ("each other", "one another")
_NESTED_PREPS = ("of", "between", "with", "to", "for", "from")


def pobj(prep: Token | None) -> Token | None:
    """The object of a preposition, or None."""
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def conjuncts(tok: Token) -> list[Token]:
    """All tokens coordinated with ``tok`` below it ("Iran and Syria and Iraq")."""
    out = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return out


def mentions_at(tok: Token | None, by_token: dict[int, Mention], people: frozenset[str]) -> list[Mention]:
    """The actor at a token and at its coordinated tokens ("Iran and Syria").

    ``people``: nouns through which demonyms name their states ("Hungarian officials").
    """
    if tok is None:
        return []
    out: list[Mention] = []
    for t in [tok, *conjuncts(tok)]:
        m = by_token.get(t.i)
        if m is None:
            # "Iranian general, Qasem Soleimani": the name in apposition
            appos = next((c for c in t.children if c.dep_ == "appos" and c.i in by_token), None)
            if appos is not None:
                m = by_token[appos.i]
        if m is None:
            # "Hungarian and Romanian officials": the first conjunct hangs off the noun
            for c in t.children:
                if (
                    c.dep_ in ("amod", "compound", "nmod")
                    and c.i in by_token
                    and by_token[c.i].kind in ("demonym",)
                    and t.lemma_.lower() in people
                ):
                    m = by_token[c.i]
                    out.append(m)
                    out += [by_token[g.i] for g in conjuncts(c) if g.i in by_token]
            continue
        if m not in out:
            out.append(m)
        out += [x for x in misparsed_conjuncts(t, by_token) if x not in out]  # "Fornost and the Gondor"
    return out


def territory(tok: Token | None, by_token: dict[int, Mention]) -> list[Mention]:
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
                target = pobj(c)
                if target is not None:
                    stack.append((target, depth + 1))
    return out


def nested(tok: Token, by_token: dict[int, Mention], people: frozenset[str]) -> list[Mention]:
    """Actors inside a non-actor object ("oppose Taiwan's independence", "ties between the US and Taiwan")."""
    out: list[Mention] = []
    frontier = [(tok, 0)]
    while frontier:
        cur, depth = frontier.pop()
        for c in cur.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in by_token:
                out += [
                    m for m in mentions_at(c, by_token, people) if m not in out and not m.place and m.kind != "demonym"
                ]
            elif c.dep_ == "conj" and depth < 3:
                frontier.append((c, depth + 1))
            elif c.dep_ == "prep" and c.lower_ in _NESTED_PREPS and depth < 3:
                target = pobj(c)
                if target is not None:
                    ms = mentions_at(target, by_token, people)
                    out += [m for m in ms if m not in out and not m.place]
                    if not ms:
                        frontier.append((target, depth + 1))
    return out


def subject_of(tok: Token, object_control: frozenset[str]) -> Token | None:
    """The subject of a verb, inherited through control, coordination and adverbial clauses.

    ``object_control``: verbs whose object is the subject of their to-infinitive ("urge").
    """
    cur = tok
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in SUBJ:
                if c.lower_ in _RELATIVE and cur.dep_ == "relcl":
                    return cur.head
                return c
        if raised_subject(cur) is not None:
            return raised_subject(cur)  # "Modi is expected to meet Albanese"
        frame = gerund_frame(cur)
        if frame is not None:
            return frame[0]  # "accused Sudan of arming …": Sudan
        if (
            cur.dep_ == "xcomp"
            and any(c.dep_ in ("dobj", "obj") for c in cur.head.children)
            and cur.head.lemma_.lower() in object_control
        ):
            return next(c for c in cur.head.children if c.dep_ in ("dobj", "obj"))
        if cur.dep_ == "acl" and cur.tag_ == "VBN":
            # "an injunction sought by X": the agent of the participle, if any
            agent = next((c for c in cur.children if c.dep_ == "agent"), None)
            return pobj(agent) if agent is not None else None
        if (
            cur.dep_ == "acl"
            and cur.tag_ == "VBG"
            and cur.head.dep_ in ("dobj", "obj")
            and cur.head.head is not cur.head
        ):
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


def agent_of_event(noun: Token, by_token: dict[int, Mention], data: RuleData) -> list[Mention]:
    """Who is behind an event or weapon noun ("the US airstrike that killed …", "Israeli
    airstrikes kill …"): its possessive, compound or demonym modifier."""
    lemma = noun.lemma_.lower()
    if (lemma, "NOUN") not in data.lex.words and lemma not in data.force_agents:
        return []
    has_det = any(c.dep_ == "det" for c in noun.children)
    out: list[Mention] = []
    for c in noun.children:
        # a bare compound ("Xi pressures") is as likely a misparsed headline as an agent
        if c.dep_ in ("poss", "amod") or (c.dep_ in ("compound", "nmod") and has_det):
            if c.i in by_token and not by_token[c.i].place:
                out.append(by_token[c.i])
    return out


def counted(quantity: Token) -> list[Token]:
    """The nouns a quantity counts ("a round of tariffs", "$5 million in aid")."""
    preps = [c for c in quantity.children if c.dep_ == "prep" and c.lower_ in ("of", "in")]
    return [g for c in preps for g in c.children if g.dep_ == "pobj"]


def quantity_modifiers(noun: Token, data: RuleData) -> list[Token]:
    """The other modifiers of the quantity that counts ``noun`` ("a new round of tariffs
    **on China**"), or none when no quantity counts it."""
    holder = noun.head.head if noun.dep_ == "pobj" else None
    if holder is None or holder.lemma_.lower() not in data.quantity:
        return []
    return [c for c in holder.children if c is not noun.head]


def carrier(noun: Token, data: RuleData) -> Token | None:
    """The verb that carries a nominal trigger ("hold talks", "approve … aid to Taiwan").

    The noun must be the verb's object or subject, the object of a preposition on the verb
    ("hinting at a possible visit"), or hang off a quantity that is ("$400 million in aid").
    A noun inside another noun's phrase ("in preparation for an assault") has no carrier.
    """
    cur = noun
    for _ in range(5):
        dep = cur.dep_
        if (
            dep in ("dobj", "obj", "nsubjpass", "attr")
            and cur.head.pos_ in ("VERB", "AUX")
            and not data.carries(cur.head.lemma_.lower(), cur.lemma_.lower())
            and not data.carries(cur.head.lemma_.lower(), noun.lemma_.lower())  # "slap a set of sanctions"
        ):
            return None  # "opposes arms sales to Taiwan": the sales are not China's
        if dep in ("dobj", "obj", "nsubjpass", "nsubj", "attr", "conj", "appos"):
            cur = cur.head
        elif dep == "pobj" and cur.head.dep_ == "prep":
            prep_head = cur.head.head
            verb_ok = prep_head.pos_ in ("VERB", "AUX") and (
                cur.head.lower_ in data.carrier_preps or prep_head.lemma_.lower() in data.light
            )
            if verb_ok or prep_head.pos_ == "NUM" or prep_head.lemma_.lower() in data.quantity:
                cur = prep_head
            else:
                return None
        else:
            return None
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.pos_ not in ("NUM",) and cur.lemma_.lower() not in data.quantity and dep != "conj":
            return None
    return None


def is_question(clause: Token) -> bool:
    """An embedded question ("asked why Biden did not …"), not a demand."""
    return any(c.lower_ in _WH_WORDS and c.dep_ in ("advmod", "mark", "nsubj", "dobj", "attr") for c in clause.children)


def reciprocal(verb: Token) -> bool:
    """The verb's object is "each other" / "one another" (or their possessive)."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "prep", "pobj"):
            words = " ".join(t.lower_ for t in c.subtree)
            if any(phrase in words for phrase in _RECIPROCAL):
                return True
    return False
