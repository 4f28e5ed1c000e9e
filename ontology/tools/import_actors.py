"""Import actors from the PETRARCH2 Phoenix dictionaries and the Wikidata world leaders file.

Used by ``build_actors.py`` (a maintainer script); the rules it applies are data in
``curated/import_rules.json``. Inputs, all under the gazetteer folder:

* ``petrarch2_phoenix/Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
  ``Phoenix.MilNonState.actors.txt`` (MIT, Open Event Data Alliance): records of a primary
  phrase, ``+`` synonyms and code restrictions ``[CODE]``, ``[CODE date-date]``,
  ``[CODE >date]``, ``[CODE <date]`` (on the same line or on lines starting with blanks);
* ``wikidata_world_leaders_2022-10.csv`` (CC0): heads of state and government with years.

Reading rules:

* **Dates** ``YYYYMMDD`` are taken as written; ``YYMMDD`` (the century is not written) is
  read as 20YY when YY < 30, else 19YY (the dictionaries date from 2014 and reach back to
  the 1930s). Malformed dates are dropped (the role stays, open on that side). A role open
  at its end ends on ``open_role_end`` (the dictionary's date): later tenure is unknown.
* **Codes** are a three-letter country code (a state's ISO alpha-3) followed by sectors
  (``USAGOV``, ``AFGGOVJUD``); ``IGO``, ``NGO``, ``MNC``, ``IMG`` ... open codes of bodies
  that belong to no state. The first sector after the country gives the role kind and office
  (``role_sectors``) of a person and the class (``type_sectors``) of an organisation.
* **Persons** are records with at least one dated restriction; undated records are
  organisations when their name holds an ``org_words`` word, else skipped (the dictionaries
  hold undated persons too).
  Plain country records (``[AFG]``) are skipped: the states come from the gazetteer.
* **Names**: ``JIMMY_CARTER_`` → "Jimmy Carter" (proper case, ``lower_words`` in lower
  case, "Mc"/"O'" names, initials kept), hyphenated parts also as written in lower case
  ("Ki-moon"); ``(ABC)`` in an organisation name becomes the alias "ABC".

Alias filters (``filter_aliases``): no alias of one word (except acronyms of three or more
capitals for organisations), none starting with a title word, none on the curated block
list, none that a curated actor uses, none that two imported actors share.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Entry",
    "leader_records",
    "parse_date",
    "phoenix_records",
    "proper_case",
    "read_phoenix",
]

PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
_RESTRICTION_RE = re.compile(r"\[([^\]]*)\]")
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9]{2,})\)")
_ROMAN = frozenset(("II", "III", "IV", "VI", "VII", "VIII"))
NON_STATE_PREFIXES = ("IGO", "NGO", "MNC", "IMG", "INT", "UAF", "REB", "ELI", "HIN", "MED", "KKL")


@dataclass
class Entry:
    """One record of a Phoenix actor dictionary."""

    names: list[str]
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    where: str = ""

    @property
    def dated(self) -> bool:
        return any(start or end for _, start, end in self.codes)


def parse_date(text: str) -> str | None:
    """An ISO date from ``YYMMDD`` or ``YYYYMMDD``; None when malformed.

    >>> parse_date("420101"), parse_date("010120"), parse_date("20041207"), parse_date("2004017")
    ('1942-01-01', '2001-01-20', '2004-12-07', None)
    """
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        text = ("20" if int(text[:2]) < 30 else "19") + text
    year, month, day = text[:4], text[4:6], text[6:]
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"


def _restriction(text: str) -> tuple[str, str | None, str | None] | None:
    parts = text.split()
    if not parts or parts[0].startswith("-"):
        return None
    code, span = parts[0], "".join(parts[1:])
    if span.startswith(">"):
        return code, parse_date(span[1:]), None
    if span.startswith("<"):
        return code, None, parse_date(span[1:])
    if "-" in span:
        start, _, end = span.partition("-")
        return code, parse_date(start), parse_date(end)
    return code, None, None


def read_phoenix(path: Path) -> list[Entry]:
    """The records of a Phoenix actor dictionary, in file order."""
    entries: list[Entry] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        line = re.split(r"[#;]", raw, maxsplit=1)[0].rstrip()
        if not line.strip():
            continue
        text = _RESTRICTION_RE.sub(" ", line).strip()
        restrictions = [r for r in map(_restriction, _RESTRICTION_RE.findall(line)) if r]
        if line[0] in " \t":
            if entries:
                entries[-1].codes += restrictions
            continue
        if line.startswith("+"):
            if entries and text.lstrip("+"):
                entries[-1].names.append(text.lstrip("+"))
                entries[-1].codes += restrictions
            continue
        entries.append(Entry([text], restrictions, f"{path.name}:{number}"))
    return entries


def proper_case(raw: str, lower_words: Iterable[str] = ()) -> str:
    """A name as written in news text from Phoenix's upper-case form.

    >>> proper_case("JIMMY_CARTER_"), proper_case("BASHAR_AL-ASSAD", ["al"]), proper_case("JOHN_MCCAIN")
    ('Jimmy Carter', 'Bashar al-Assad', 'John McCain')
    >>> proper_case("ABDULLAH_II"), proper_case("XI_JINPING")
    ('Abdullah II', 'Xi Jinping')
    """
    lower = set(lower_words)
    words = [w for w in re.split(r"[_\s]+", raw.strip("_ +")) if w]
    out = []
    for index, word in enumerate(words):
        parts = []
        for part in word.split("-"):
            low = part.lower()
            if low in lower and (index > 0 or len(word.split("-")) > 1):
                parts.append(low)
            elif index > 0 and part in _ROMAN:
                parts.append(part)
            elif len(part) > 2 and low.startswith("mc"):
                parts.append("Mc" + part[2:].capitalize())
            elif len(part) > 2 and part[1] == "'":
                parts.append(part[:2].upper() + part[2:].capitalize())
            else:
                parts.append(part.capitalize())
        out.append("-".join(parts))
    return " ".join(out)


def _hyphen_variant(name: str) -> str:
    """ "Ban Ki-Moon" → "Ban Ki-moon": short hyphenated given names are also written so."""
    return re.sub(r"\b([A-Z][a-z]{1,3})-([A-Z])([a-z]{1,3})\b", lambda m: f"{m[1]}-{m[2].lower()}{m[3]}", name)


def _country_and_sector(code: str, iso3: set[str]) -> tuple[str | None, str]:
    if code[:3] in iso3:
        return code[:3], code[3:6]
    return None, code[:3]


def _names(entry: Entry, rules: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for raw in entry.names:
        acronyms = _ACRONYM_RE.findall(raw)
        name = proper_case(_ACRONYM_RE.sub(" ", raw), rules["lower_words"])
        words = raw.replace("_", " ").split()
        # a title or a nationality in a person's name is context, left to the linker
        checked = [part for w in words for part in (w, *w.split("-"))] if entry.dated else words[:1]
        demonym = entry.dated and words[:1] and words[0].lower() in rules["demonyms"]
        titles = rules["title_words"] | rules["person_words"] if entry.dated else rules["title_words"]
        if demonym or any(w in titles for w in checked):
            continue
        for form in (name, _hyphen_variant(name), *acronyms):
            if form and form not in out and all(w[0].isalnum() for w in form.split()):
                out.append(form)
    return out


def _person(
    entry: Entry, names: list[str], states: dict[str, dict[str, Any]], rules: dict[str, Any]
) -> dict[str, Any] | None:
    roles = []
    countries: list[str] = []
    for code, start, end in entry.codes:
        country, sector = _country_and_sector(code, set(states))
        if country is None:
            continue
        countries.append(country)
        if sector in rules["role_sectors"] and (start or end) and (start or "") <= (end or rules["open_role_end"]):
            kind, office = rules["role_sectors"][sector]
            state = states[country]
            roles.append(
                {
                    "office": office.format(state=state["label"]),
                    "of": state["key"],
                    "kind": kind,
                    "start": start,
                    "end": end or rules["open_role_end"],
                }
            )
    country = max(dict.fromkeys(countries), key=countries.count) if countries else None  # first-seen on ties
    return {
        "label": names[0],
        "type": "Person",
        "wikidata": None,
        "country": country,
        "aliases": names,
        "part_of": None,
        "short_names": [],
        "roles": roles,
        "source": entry.where,
    }


def _organisation(
    entry: Entry, names: list[str], states: dict[str, dict[str, Any]], rules: dict[str, Any]
) -> dict[str, Any] | None:
    code = entry.codes[0][0] if entry.codes else ""
    country, sector = _country_and_sector(code, set(states))
    if country is None and not code.startswith(NON_STATE_PREFIXES):
        return None
    if country is not None and sector == "":
        return None  # a country record: states come from the gazetteer
    if code.startswith("IGO"):
        actor_type = "InternationalOrganization"
    else:
        actor_type = rules["type_sectors"].get(sector, "Organization")
    part_of = states[country]["key"] if country and actor_type in ("GovernmentBody", "ArmedForce") else None
    return {
        "label": names[0],
        "type": actor_type,
        "wikidata": None,
        "country": country,
        "aliases": names,
        "part_of": part_of,
        "source": entry.where,
    }


def phoenix_records(
    phoenix: Path, states: dict[str, dict[str, Any]], rules: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    """Candidate person and organisation records of the three Phoenix actor dictionaries.

    ``states`` maps ISO alpha-3 → state record. Records carry a ``source`` field (file and
    line) that the merge removes.
    """
    org_words = [re.compile(rf"(?:^|_){re.escape(w).replace(' ', '_')}(?:_|$)") for w in rules["org_words"]]
    for name in PHOENIX_FILES:
        for entry in read_phoenix(phoenix / name):
            names = _names(entry, rules)
            if not names:
                continue
            if entry.dated:
                record = _person(entry, names, states, rules)
            elif not any(p.search(entry.names[0]) for p in org_words):
                continue  # undated and not an organisation's name: may be a person without dates
            else:
                record = _organisation(entry, names, states, rules)
            if record is not None:
                yield record


def leader_records(path: Path, states_by_qid: dict[str, dict[str, Any]], rules: dict[str, Any]) -> list[dict[str, Any]]:
    """Person records of the Wikidata world leaders file, one per office holder, roles by year."""
    by_holder: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            qid, name = row["officeholder"], row["officeholderLabel"]
            state = states_by_qid.get(row["countryid"])
            if not re.fullmatch(r"Q[1-9]\d*", qid) or name == qid or state is None:
                continue
            person = by_holder.setdefault(
                qid,
                {
                    "label": name,
                    "type": "Person",
                    "wikidata": qid,
                    "country": state["iso3"],
                    "aliases": [name],
                    "part_of": None,
                    "short_names": [],
                    "roles": [],
                    "source": f"{path.name}:{qid}",
                },
            )
            office = row["positionLabel"]
            kind = "leader" if office.startswith(tuple(rules["leader_offices"])) else "official"
            office = office[:1].upper() + office[1:]
            person["roles"].append(
                {
                    "office": office,
                    "of": state["key"],
                    "kind": kind,
                    "start": row["start_year"] or None,
                    "end": row["end_year"] or None,
                }
            )
    return list(by_holder.values())


def load_rules(curated: Path) -> dict[str, Any]:
    rules: dict[str, Any] = json.loads((curated / "import_rules.json").read_text(encoding="utf-8"))
    rules["title_words"] = set(rules["title_words"])
    rules["person_words"] = set(rules["person_words"])
    return rules


# ---------------------------------------------------------------- merging


def norm(name: str) -> str:
    """The form two names are compared in: case-folded, no full stops, single spaces."""
    return re.sub(r"\s+", " ", name.casefold().replace(".", "").replace("’", "'")).strip()


def _surface_forms(record: dict[str, Any]) -> list[str]:
    return [
        record["label"],
        *record["aliases"],
        *record.get("capitals", []),
        *record.get("seats", []),
        *record.get("demonyms", []),
        *record.get("short_names", []),
    ]


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two roles of the same actor overlap in time (open ends count as overlapping)."""
    a_start, a_end = a["start"] or "0000", a["end"] or "9999"
    b_start, b_end = b["start"] or "0000", b["end"] or "9999"
    return a_start[: len(b_end)] <= b_end and b_start[: len(a_end)] <= a_end


def _add_roles(target: dict[str, Any], roles: list[dict[str, Any]]) -> int:
    """Add the roles that contradict none of the target's (same actor, overlapping time)."""
    added = 0
    for role in roles:
        if role["start"] and role["end"] and role["start"] > role["end"]:
            continue
        if any(r["of"] == role["of"] and _overlaps(r, role) for r in target["roles"]):
            continue
        target["roles"].append(role)
        added += 1
    return added


@dataclass
class Merger:
    """Merges imported candidates into the curated actors: one actor per real person."""

    curated: list[dict[str, Any]]
    blocked: set[str]
    counts: dict[str, int] = field(default_factory=dict)
    new: list[dict[str, Any]] = field(default_factory=list)
    by_qid: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_name: dict[tuple[str, str | None], dict[str, Any]] = field(default_factory=dict)
    curated_forms: dict[str, set[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for record in self.curated:
            for form in _surface_forms(record):
                self.curated_forms.setdefault(norm(form), set()).add(id(record))
            if record["type"] == "Person":
                self._index(record)

    def _count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def _index(self, record: dict[str, Any]) -> None:
        if record["wikidata"]:
            self.by_qid.setdefault(record["wikidata"], record)
        for alias in [record["label"], *record["aliases"]]:
            self.by_name.setdefault((norm(alias), record["country"]), record)

    def _find(self, candidate: dict[str, Any]) -> dict[str, Any] | None:
        if candidate["wikidata"] and candidate["wikidata"] in self.by_qid:
            return self.by_qid[candidate["wikidata"]]
        for alias in candidate["aliases"]:
            found = self.by_name.get((norm(alias), candidate["country"]))
            if found is not None:
                return found
        return None

    def add_person(self, candidate: dict[str, Any], source: str) -> None:
        target = self._find(candidate)
        if target is None:
            candidate = {**candidate, "source": source}
            self.new.append(candidate)
            self._index(candidate)
            self._count(f"persons new ({source})")
            return
        self._count(f"persons merged ({source})")
        if target["wikidata"] is None and candidate["wikidata"] and candidate["wikidata"] not in self.by_qid:
            target["wikidata"] = candidate["wikidata"]
            self.by_qid[candidate["wikidata"]] = target
        self._count(f"roles added ({source})", _add_roles(target, candidate["roles"]))
        extra = [a for a in candidate["aliases"] if a not in target["aliases"]]
        target.setdefault("imported_aliases", []).extend(extra)
        self._index({**candidate, "wikidata": None, "country": target["country"]})

    def add_organisation(self, candidate: dict[str, Any], source: str) -> None:
        if any(norm(a) in self.curated_forms for a in candidate["aliases"]):
            self._count(f"organisations already curated ({source})")
            return
        self.new.append({**candidate, "source": source})
        self._count(f"organisations new ({source})")

    def _keep(self, form: str, record: dict[str, Any], owners: dict[str, set[int]]) -> bool:
        key = norm(form)
        one_word = len(form.split()) < 2
        acronym = bool(re.fullmatch(r"[A-Z][A-Z0-9&]{2,}", form)) and record["type"] != "Person"
        return (
            form not in self.blocked
            and (not one_word or acronym)
            and self.curated_forms.get(key, set()) <= {id(record)}
            and owners.get(key, set()) == {id(record)}
        )

    def finish(self, taken_keys: set[str], slugify: Any) -> list[dict[str, Any]]:
        """Filter the aliases (see the module docstring), give keys; the new records."""
        owners: dict[str, set[int]] = {}
        with_imports = [r for r in self.curated if r.get("imported_aliases")]
        for record in [*self.new, *with_imports]:
            for form in {*record.get("imported_aliases", []), *(record["aliases"] if record in self.new else [])}:
                owners.setdefault(norm(form), set()).add(id(record))
        for record in with_imports:
            kept = [a for a in record.pop("imported_aliases") if self._keep(a, record, owners)]
            record["aliases"] = list(dict.fromkeys([*record["aliases"], *kept]))
            self._count("aliases added to curated persons", len(kept))
        out = []
        for record in self.new:
            forms = list(dict.fromkeys([*record["aliases"], *record.pop("imported_aliases", [])]))
            kept = [a for a in forms if self._keep(a, record, owners)]
            self._count("aliases dropped by the filters", len(forms) - len(kept))
            if not kept:
                self._count(f"dropped, no alias left ({record['source']})")
                continue
            record["label"], record["aliases"] = kept[0], kept
            key = slugify(kept[0])
            if key in taken_keys:
                key = f"{key}-{(record['country'] or record['type']).lower()}"
            base, n = key, 2
            while key in taken_keys:
                key, n = f"{base}-{n}", n + 1
            taken_keys.add(key)
            record["key"] = key
            out.append(record)
            self._count(f"{record['type']} imported ({record['source']})")
            self._count(f"roles imported ({record['source']})", len(record.get("roles", [])))
        return out


def import_all(
    gazetteer: Path, files: dict[str, list[dict[str, Any]]], curated: Path, slugify: Any
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """New actors from the Phoenix dictionaries and the leaders file, merged into ``files``.

    Curated persons found again get the imported roles that contradict none of theirs and
    the imported aliases that pass the filters (curated entries win on every conflict).

    Returns
    -------
    list of dict, dict
        The new records (persons and organisations, with keys) and counts by source.
    """
    rules = load_rules(curated)
    rules["demonyms"] = {d.lower() for s in files["states.jsonl"] for d in s.get("demonyms", [])}
    blocked = set(json.loads((curated / "alias_blocklist.json").read_text(encoding="utf-8"))["words"])
    records = [r for recs in files.values() for r in recs]
    states = {r["iso3"]: r for r in files["states.jsonl"] if r.get("iso3")}
    states_by_qid = {r["wikidata"]: r for r in files["states.jsonl"] if r["wikidata"]}
    merger = Merger(records, blocked)
    for candidate in leader_records(gazetteer / "wikidata_world_leaders_2022-10.csv", states_by_qid, rules):
        merger.add_person(candidate, "wikidata")
    for candidate in phoenix_records(gazetteer / "petrarch2_phoenix", states, rules):
        source = candidate["source"].split(".")[1].lower()  # countries, international, milnonstate
        if candidate["type"] == "Person":
            merger.add_person(candidate, f"phoenix-{source}")
        else:
            merger.add_organisation(candidate, f"phoenix-{source}")
    new = merger.finish({r["key"] for r in records}, slugify)
    for record in new:
        del record["source"]
    return new, merger.counts
