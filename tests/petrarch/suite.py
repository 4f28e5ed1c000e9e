"""The PETRARCH unit-test records as a test table of geokg.

The records (``../shared/corpus/petrarch_unit_tests/``, MIT, from openeventdata/petrarch2) are
sentences with the dyadic CAMEO events PETRARCH must code from each. This module reads them,
builds an actor file of geokg for the suite's fictional actors (loaded as a user actor file,
``ExtractConfig(actors=...)``), maps the CAMEO event codes to geokg predicates through
``pipelines/cameo_codes.tsv`` and the ontology's CAMEO roots, runs the extractor and scores
each record.

How a record is scored:

* an expected event ``(source, target, code)`` is *applicable* when its code maps to a
  predicate and both actor codes name an actor (``---`` is PETRARCH's unknown actor);
* it is *found* when a statement of the sentence has that predicate and its subject and
  object carry the expected codes; at the ``plover`` level a predicate of the same PLOVER
  type will do, at the ``dyad`` level any event between the two actors (the construction
  was read; the suite's own verb dictionary gives some verbs codes of its own, such as
  032 for "visit", that CAMEO 1.1 files elsewhere). An actor's code is
  its own (suite actors) or that of its state; agents count as their state, so ``ARNGOV``
  (Arnor's government) is matched by the first three letters, as geokg codes "Arnor's
  government" as Arnor. Symmetric predicates match in either direction;
* the mirror half of a paired code (``[032:033]``: A visits B, B receives A) is not
  applicable: geokg writes one statement for the act;
* a record passes when all its applicable events are found; a ``noevents`` record passes
  when geokg extracts nothing from it; a record none of whose events is applicable, and the
  ``error`` records (PETRARCH's discard lists and its own error handling), are *not
  applicable*, with the reason.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT.parent / "shared" / "corpus" / "petrarch_unit_tests"
RECORDS = "PETR.UnitTest.records.xml"
ACTORS = "PETR.Validate.actors.txt"

#: suite actors that are persons (PETRARCH codes persons by their state; geokg types them,
#: which pronouns need); the person belongs to the actor of its code
PERSONS = frozenset(
    {
        "ARAGORN",
        "BILBO",
        "BOROMIR",
        "CALIMEHTAR",
        "DODERIC BRANDYBUCK",
        "ELFSTAN FAIRBAIRN",
        "ELROND",
        "FRODO",
        "GALADRIEL",
        "GANDALF",
        "GOLLUM",
        "HAMFAST GAMGEE",
        "ISILDUR",
        "PRESIDENT GEORGE W. BUSH",
        "PRESIDENT HOSNI MURBARAK",
        "RADAGAST THE BROWN",
        "ROMENDACIL",
        "SAM GAMGEE",
        "SMEAGOL",
        "TELEMAR",
    }
)
_CODE_RE = re.compile(r"\[([^\]]*)\]")
_UNKNOWN = "---"
PAIRED = (
    "the second half of a paired code (B receives A's visit): geokg writes one statement "
    "for one act, the visit, not its mirror"
)
LEVELS = ("predicate", "plover", "dyad")


@dataclass(frozen=True)
class Event:
    """One expected dyadic event: PETRARCH actor codes and CAMEO event code."""

    source: str
    target: str
    code: str


@dataclass(frozen=True)
class Record:
    """One ``<Sentence>`` of the suite."""

    id: str
    category: str
    text: str
    day: date | None
    events: tuple[Event, ...]
    noevents: bool = False
    error: str | None = None


@dataclass
class SuiteActor:
    """An entry of the suite's actor dictionary: its code and its names (as written there)."""

    code: str
    names: list[str] = field(default_factory=list)
    dated: bool = False  # some code holds only between dates (PETRARCH's date restrictions)
    roots: set[str] = field(default_factory=set)  # the first three letters of all its codes


def available(folder: Path = SUITE) -> bool:
    return (folder / RECORDS).is_file() and (folder / ACTORS).is_file()


def _day(text: str | None) -> date | None:
    text = (text or "").strip()
    if len(text) != 8 or not text.isdigit():
        return None
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def read_records(folder: Path = SUITE) -> list[Record]:
    """Every ``<Sentence>`` record of the suite, in file order (a repeated id gets ``#2``)."""
    tree = ET.parse(folder / RECORDS)
    out: list[Record] = []
    seen: dict[str, int] = {}
    for node in tree.iter("Sentence"):
        events, noevents, error = [], False, None
        for coding in node.findall("EventCoding"):
            att = {k.strip(): v.strip().strip('"') for k, v in coding.attrib.items()}
            if "noevents" in att:
                noevents = True
            elif "error" in att:
                error = att["error"]
            else:
                events.append(Event(att["sourcecode"].upper(), att["targetcode"].upper(), att["eventcode"]))
        text = " ".join((node.findtext("Text") or "").split())
        rid = node.get("id", "").strip()
        seen[rid] = seen.get(rid, 0) + 1
        out.append(
            Record(
                id=rid if seen[rid] == 1 else f"{rid}#{seen[rid]}",  # the suite repeats two ids
                category=node.get("category", "").strip(),
                text=text,
                day=_day(node.get("date")),
                events=tuple(events),
                noevents=noevents,
                error=error,
            )
        )
    return out


def read_actor_dictionary(folder: Path = SUITE) -> list[tuple[list[str], list[str]]]:
    """(names, codes) of each entry of ``PETR.Validate.actors.txt``, comments removed.

    An entry is a name line, its ``+NAME`` alias lines and its ``[CODE]`` blocks (on the name
    line or on lines of their own, a code with a date restriction for each period).
    """
    text = re.sub(r"<!.*?>", "", (folder / ACTORS).read_text(encoding="utf-8"), flags=re.DOTALL)
    entries: list[tuple[list[str], list[str]]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = _CODE_RE.findall(line)
        name = _CODE_RE.sub("", line).strip()
        if name.startswith("+") and entries:
            entries[-1][0].append(name[1:].strip())
        elif name:
            entries.append(([name], []))
        if codes and entries:
            entries[-1][1].extend(c.strip() for c in codes)
    return [(names, codes) for names, codes in entries if codes]


def _undated(codes: list[str]) -> tuple[str | None, bool]:
    """The entry's code without a date restriction (else its first), and whether any is dated."""
    plain = [c.split()[0] for c in codes if len(c.split()) == 1]
    dated = any(len(c.split()) > 1 for c in codes)
    first = plain[0] if plain else (codes[0].split()[0] if codes else None)
    if first is None or not re.fullmatch(r"[A-Za-z]{3,}", first):
        return None, dated  # ---, +++, ELR/GAL: no single actor
    return first.upper(), dated


def suite_actors(folder: Path = SUITE) -> list[SuiteActor]:
    """The entries of the suite's actor dictionary that name one actor, with their code."""
    out = []
    for names, codes in read_actor_dictionary(folder):
        code, dated = _undated(codes)
        if code is not None:
            out.append(SuiteActor(code, names, dated, {c.split()[0].upper()[:3] for c in codes}))
    return out


def surface_forms(name: str, texts: Iterable[str]) -> list[str]:
    """How the suite's sentences write an upper-case dictionary name (with its case).

    A name without PETRARCH's trailing ``_`` also matches as a word stem ("ARGENTIN" →
    "Argentina"), as in PETRARCH, when its last word is five letters or more ("THE_KU" is
    not "the Kuwait"). Names no sentence uses get a title-case form.
    """
    exact = name.rstrip().endswith("_") or len(name.split("_")[-1].split()[-1]) < 5
    words = [re.escape(w) for w in name.replace("_", " ").split()]
    pattern = r"\b" + r"\s+".join(words) + ("" if exact else r"[\w-]*") + r"(?!\w)"
    found = {m.group(0) for t in texts for m in re.finditer(pattern, t, flags=re.IGNORECASE)}
    forms = sorted(f for f in found if f[:1].isupper())
    return forms or [" ".join(w.capitalize() for w in name.replace("_", " ").split())]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class ActorTable:
    """The suite's actors as geokg sees them: the actor file lines and actor key → code."""

    lines: list[dict] = field(default_factory=list)
    codes: dict[str, list[str]] = field(default_factory=dict)
    #: names of actors whose code depends on the date → the codes (three letters) they carry
    #: in some period only, besides their default
    dated: dict[str, set[str]] = field(default_factory=dict)


def build_actor_table(kb, folder: Path = SUITE) -> ActorTable:  # type: ignore[no-untyped-def]
    """The actor file lines for the suite's fictional actors; real ones stay the bundled ones.

    ``kb`` is the bundled knowledge base: an entry whose first name it knows ("ISRAEL",
    "WASHINGTON") only gives its code to the bundled actor. Every other entry becomes an
    actor: a Person (:data:`PERSONS`), a State (a three-letter code) or an Organization
    (a longer code: ``ITHTV`` is part of Ithilen), with the names as the sentences write them.
    """
    texts = [r.text for r in read_records(folder)]
    table = ActorTable()
    entries = suite_actors(folder)
    states: dict[str, str] = {}
    pending = []
    for entry in entries:
        forms = [f for name in entry.names for f in surface_forms(name, texts)]
        if entry.dated:
            table.dated.update((form, entry.roots - {entry.code[:3]}) for form in forms)
        known = kb.lookup(forms[0]) if forms else None
        if known is not None:
            table.codes.setdefault(known.key, []).append(entry.code)
            if len(entry.code) == 3 and known.type == "State":
                states.setdefault(entry.code, known.key)
            continue
        first = entry.names[0].replace("_", " ").strip()
        kind = "Person" if first in PERSONS else "State" if len(entry.code) == 3 else "Organization"
        key = "petr-" + _slug(first)
        if kind == "State":
            states.setdefault(entry.code, key)
        table.codes.setdefault(key, []).append(entry.code)
        pending.append((key, kind, forms, entry.code))
    for key, kind, forms, code in pending:
        line = {"key": key, "label": forms[0], "type": kind, "aliases": list(dict.fromkeys(forms))}
        demonyms = _demonyms(forms) if kind == "State" else []
        if demonyms:  # "Eriadori officials" is Eriador acting, as "Hungarian officials" is Hungary
            line["demonyms"] = demonyms
            line["aliases"] = [f for f in line["aliases"] if f not in demonyms]
        if kind != "State" and states.get(code[:3]):
            line["part_of"] = states[code[:3]]
        table.lines.append(line)
    return table


def _demonyms(forms: list[str]) -> list[str]:
    """The names of a state that are its name with an ending ("Eriadori", "Rohans")."""
    label = forms[0]
    return [
        f
        for f in forms[1:]
        if len(f) > len(label) and f.startswith(label) and f[len(label) :].isalpha() and f[len(label) :].islower()
    ]


def write_actor_file(table: ActorTable, path: Path) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in table.lines), encoding="utf-8")
    return path


def code_table():  # type: ignore[no-untyped-def]
    """CAMEO code → predicate, from ``pipelines/cameo_codes.tsv`` and the ontology's roots."""
    sys.path.insert(0, str(ROOT))
    from tests.pipelines.tools import load_tool

    return load_tool("convert_cameo_verbs").load_code_table(ROOT)


@dataclass(frozen=True)
class Outcome:
    """A record's result: ``pass``, ``fail`` or ``n/a``, why, and what geokg extracted."""

    record: Record
    status: str
    reason: str = ""
    missing: tuple[Event, ...] = ()
    extracted: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()


def applicability(event: Event, record: Record, codes, table: ActorTable) -> str:  # type: ignore[no-untyped-def]
    """Empty when geokg can code the event, else the reason it cannot."""
    predicate = codes.predicate(event.code)
    if predicate is None:
        if not event.code[:2].isdigit() or not 1 <= int(event.code[:2]) <= 20:
            return f"{event.code}: a PETRARCH test code, not in the CAMEO codebook"
        if event.code.startswith("01"):
            return f"{event.code}: CAMEO root 01 (public statement) has no geokg predicate"
        return f"{event.code}: no geokg predicate for this CAMEO code (ONTOLOGY.md / cameo_left_out.tsv)"
    if _UNKNOWN in event.source or _UNKNOWN in event.target:
        return "an unknown actor (---): geokg relates named actors only"
    if not (event.source.isalnum() and event.target.isalnum()):
        return "an actor coded by its own words (no code in the suite's dictionary)"
    if any(
        re.search(rf"\b{re.escape(name)}\b", record.text) and {event.source[:3], event.target[:3]} & roots
        for name, roots in table.dated.items()
    ):
        return "a dated actor code (PETRARCH codes a person by date; geokg gives persons dated roles, not codes)"
    return ""


class Runner:
    """Extract every record with the suite's actor file and score it."""

    def __init__(self, workdir: Path, folder: Path = SUITE) -> None:
        from kg.actors.kb import load_kb
        from kg.extract.pipeline import ExtractConfig, Extractor

        self.table = build_actor_table(load_kb(), folder)
        path = write_actor_file(self.table, workdir / "petrarch_actors.jsonl")
        self.extractor = Extractor(ExtractConfig(actors=(str(path),)))
        self.codes = code_table()
        self.records = read_records(folder)
        self._found: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {}

    def code_of(self, actor) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
        """The PETRARCH codes of a geokg actor: its own, else its state's, else the ISO code."""
        if actor.key in self.table.codes:
            return tuple(self.table.codes[actor.key])
        state = self.extractor.kb.state_of(actor.key)
        if state is not None and state.key in self.table.codes:
            return tuple(self.table.codes[state.key])
        iso = (state.country if state is not None else actor.country) or ""
        return (iso,) if iso else ()

    def extract(self, record: Record) -> list[tuple[tuple[str, ...], str, tuple[str, ...]]]:
        """(subject code, predicate, object code) of every event statement geokg reads in the
        record; structural relations ("President of the Commission X" → leaderOf) are not
        events in CAMEO, so a record that expects no event is not failed by them."""
        from kg.types import Article
        from kg.vocab import PREDICATES

        if record.id not in self._found:
            statements = self.extractor.extract(Article(doc_id=record.id, text=record.text, date=record.day))
            self._found[record.id] = [
                (self.code_of(s.subject), s.predicate, self.code_of(s.object))
                for s in statements
                if not PREDICATES[s.predicate].structural
            ]
        return self._found[record.id]

    def score(self, record: Record, level: str = "predicate") -> Outcome:
        if record.error:
            return Outcome(record, "n/a", f"PETRARCH error record ({record.error}): tests its discard handling")
        reasons = {e: applicability(e, record, self.codes, self.table) for e in record.events}
        for e in _paired(record.events):
            reasons[e] = reasons[e] or PAIRED
        wanted = [e for e, why in reasons.items() if not why]
        if record.events and not wanted:
            return Outcome(record, "n/a", "; ".join(sorted(set(reasons.values()))))
        found = tuple(self.extract(record))
        if record.noevents:
            return Outcome(record, "pass" if not found else "fail", "expects no event", (), found)
        missing = tuple(e for e in wanted if not any(self._matches(e, f, level) for f in found))
        return Outcome(record, "fail" if missing else "pass", "", missing, found)

    def _matches(self, event: Event, found: tuple[tuple[str, ...], str, tuple[str, ...]], level: str) -> bool:
        from kg.vocab import predicates

        preds = predicates()
        predicate = self.codes.predicate(event.code)
        subject, got, obj = found
        if level == "dyad":  # any event between the two actors: the construction was read
            same = preds[got].plover is not None
        elif level == "plover":
            same = preds[got].plover == preds[predicate].plover
        else:
            same = got == predicate
        symmetric = preds[predicate].symmetric or (level == "dyad" and preds[got].symmetric)
        pairs = [(subject, obj)] + ([(obj, subject)] if symmetric else [])
        return same and any(_same_actor(event.source, s) and _same_actor(event.target, o) for s, o in pairs)

    def outcomes(self, level: str = "predicate") -> Iterator[Outcome]:
        for record in self.records:
            yield self.score(record, level)


def _paired(events: tuple[Event, ...]) -> list[Event]:
    """The mirror halves of paired codes: B→A with another code after A→B."""
    out = []
    for i, later in enumerate(events):
        if any(e.source == later.target and e.target == later.source and e.code != later.code for e in events[:i]):
            out.append(later)
    return out


def _same_actor(expected: str, codes: tuple[str, ...]) -> bool:
    """A PETRARCH code and a geokg actor's codes name the same actor (agents as their state)."""
    return any(expected == code or expected[:3] == code[:3] for code in codes)
