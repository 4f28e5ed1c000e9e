"""Regenerate the actor knowledge base files in ``ontology/actors/``.

A maintainer script, never run by users: the JSON Lines files it writes are committed. It
reads two kinds of input:

* the gazetteer (a folder given on the command line, laid out as ``../shared/gazetteer``):
  ``country_codes_datahub/country-codes.csv`` (ISO codes, Wikidata ids, capitals),
  ``mledoze_countries/countries.json`` (names, alternative spellings, capitals, demonyms,
  UN membership) and ``wikidata_world_leaders_2022-10.csv`` (Wikidata ids of office holders);
* the curated files under ``ontology/tools/curated/`` (JSON / JSON Lines, hand-kept):
  ``states.jsonl`` (corrections and additions to the generated states), ``alias_blocklist.json``
  and one file per actor kind (``organizations.jsonl``, ``armed_forces.jsonl``,
  ``government_bodies.jsonl``, ``media.jsonl``, ``groups.jsonl``, ``persons/*.jsonl``).

The output is deterministic: records sorted by key, lists in curated order without
duplicates, so running the script twice gives byte-identical files. ``--check`` compares
instead of writing and exits with status 1 when the committed files are stale.

Usage::

    python ontology/tools/build_actors.py ../shared/gazetteer
    python ontology/tools/build_actors.py ../shared/gazetteer --check
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, Path(__file__).resolve().parent):  # run as a script from a source checkout
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from import_actors import import_all  # noqa: E402

from kg.errors import Errors, KGError  # noqa: E402
from kg.rdf.iris import slugify  # noqa: E402

__all__ = [
    "ACTOR_FILES",
    "build",
    "build_states",
    "load_curated",
    "main",
    "normalise_alias",
    "write_outputs",
]

CURATED = Path(__file__).resolve().parent / "curated"
OUT_DIR = ROOT / "ontology" / "actors"

#: output file → (curated input, default actor type)
ACTOR_FILES: dict[str, tuple[str, str]] = {
    "organizations.jsonl": ("organizations.jsonl", "InternationalOrganization"),
    "armed_forces.jsonl": ("armed_forces.jsonl", "ArmedForce"),
    "government_bodies.jsonl": ("government_bodies.jsonl", "GovernmentBody"),
    "media.jsonl": ("media.jsonl", "Media"),
    "groups.jsonl": ("groups.jsonl", "Organization"),
    "persons.jsonl": ("persons", "Person"),
}

#: output files of the actors imported from the Phoenix dictionaries and the leaders file
IMPORTED_PERSONS = "persons_historical.jsonl"
IMPORTED_OTHERS = "groups_imported.jsonl"

COMMON_KEYS = ("key", "label", "type", "wikidata", "country", "aliases", "part_of")
STATE_KEYS = ("iso2", "iso3", "official_name", "demonyms", "capitals", "seats", "un_member")
EXTRA_KEYS = {
    "State": STATE_KEYS,
    "Person": ("short_names", "roles"),
    "InternationalOrganization": ("members",),
}
ROLE_KEYS = ("office", "of", "kind", "start", "end")
ROLE_KINDS = ("leader", "official", "spokesperson", "member")
ACTOR_TYPES = (
    "State",
    "Person",
    "GovernmentBody",
    "ArmedForce",
    "InternationalOrganization",
    "Organization",
    "Media",
)
STATE_OVERRIDE_KEYS = {
    "iso3",
    "label",
    "aliases",
    "drop_aliases",
    "demonyms",
    "add_demonyms",
    "capitals",
    "add_capitals",
    "drop_capitals",
    "seats",
    "un_member",
    "wikidata",
    "part_of",
    "set_iso2",
    "set_iso3",
    "drop",
    "official_name",
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")

# datahub "is_independent" values that name the sovereign of a dependent territory
_DEPENDENCY_RE = re.compile(r"^(?:Part of|Territory of|Territories of|Commonwealth of|Crown dependency of) ([A-Z]{2})$")


# ---------------------------------------------------------------- small helpers


def normalise_alias(text: str) -> str:
    """The stored form of a surface form: NFC, straight apostrophes, single spaces.

    >>> normalise_alias("Côte d’Ivoire ")
    "Côte d'Ivoire"
    """
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


def _unique(items: Iterable[str]) -> list[str]:
    """Normalised, non-empty items in first-seen order without duplicates."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = normalise_alias(item)
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _is_latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line of a JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise Errors.E700.error(path=path, reason=exc.strerror) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise Errors.E701.error(place=f"{path.name}:{number}", msg=exc.msg) from exc
        if not isinstance(obj, dict):
            raise Errors.E702.error(place=f"{path.name}:{number}")
        yield number, obj


def _gazetteer_file(gazetteer: Path, *parts: str) -> Path:
    path = gazetteer.joinpath(*parts)
    if not path.is_file():
        raise Errors.E703.error(path=path)
    return path


# ---------------------------------------------------------------- states


def _read_gazetteer(
    gazetteer: Path,
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, str]], list[dict[str, str]]]:
    with _gazetteer_file(gazetteer, "country_codes_datahub", "country-codes.csv").open(encoding="utf-8") as fh:
        datahub = {row["ISO3166-1-Alpha-3"]: row for row in csv.DictReader(fh) if row["ISO3166-1-Alpha-3"]}
    mledoze_path = _gazetteer_file(gazetteer, "mledoze_countries", "countries.json")
    mledoze = {c["cca3"]: c for c in json.loads(mledoze_path.read_text(encoding="utf-8"))}
    with _gazetteer_file(gazetteer, "wikidata_world_leaders_2022-10.csv").open(encoding="utf-8") as fh:
        leaders = list(csv.DictReader(fh))
    return mledoze, datahub, leaders


def _generated_aliases(country: dict[str, Any], row: dict[str, str] | None, blocked: set[str]) -> list[str]:
    """Names of a country from the gazetteer that can stand in English news text."""
    names: list[str] = [country["name"]["common"], country["name"]["official"]]
    if row is not None:
        names += [
            row.get("CLDR display name", ""),
            row.get("UNTERM English Short", ""),
            row.get("official_name_en", ""),
        ]
    names += country.get("altSpellings", [])
    out = []
    for name in names:
        name = normalise_alias(re.sub(r"\s*\(the\)\s*\**$|\s*\*+$", "", name or ""))
        if (
            len(name) < 3
            or not name[0].isupper()
            or not _is_latin1(name)
            or any(mark in name for mark in (",", "(", "&", " - "))
            or name in blocked
        ):
            continue
        out.append(name)
    return out


def _plural_demonyms(demonyms: list[str]) -> list[str]:
    """Add the plural of demonyms that take an -s ("Kenyan" → "Kenyans", "Iraqi" → "Iraqis")."""
    out = list(demonyms)
    for word in demonyms:
        if " " in word or "-" in word:
            continue
        if word.endswith(("an", "i")):
            out.append(word + "s")
    return out


def build_states(gazetteer: Path, *, curated: Path = CURATED) -> list[dict[str, Any]]:  # noqa: C901  (one branch per gazetteer field, read top to bottom as a table)
    """State records: every ISO 3166-1 entry of the gazetteer plus curated additions.

    Parameters
    ----------
    gazetteer
        The gazetteer folder (``../shared/gazetteer``).
    curated
        The folder of curated inputs (``states.jsonl``, ``alias_blocklist.json``).

    Returns
    -------
    list of dict
        One record per state or territory, in the output key order, not yet sorted.
    """
    mledoze, datahub, leaders = _read_gazetteer(gazetteer)
    blocked = set(json.loads((curated / "alias_blocklist.json").read_text(encoding="utf-8"))["words"])
    overrides: dict[str, dict[str, Any]] = {}
    extras: list[dict[str, Any]] = []
    for number, obj in _read_jsonl(curated / "states.jsonl"):
        if obj.get("extra"):
            extras.append(obj)
            continue
        unknown = set(obj) - STATE_OVERRIDE_KEYS
        if unknown:
            raise Errors.E704.error(place=f"states.jsonl:{number}", fields=sorted(unknown))
        iso3 = obj["iso3"]
        if iso3 not in mledoze:
            raise Errors.E706.error(place=f"states.jsonl:{number}", iso3=iso3)
        if iso3 in overrides:
            raise Errors.E707.error(place=f"states.jsonl:{number}", iso3=iso3)
        overrides[iso3] = obj

    # Wikidata ids of countries the datahub file lacks, from the leaders file (by English name)
    qid_by_name = {row["country"]: row["countryid"] for row in leaders}
    iso2_to_iso3 = {c["cca2"]: code for code, c in mledoze.items()}

    records: list[dict[str, Any]] = []
    for iso3, country in sorted(mledoze.items()):
        override = overrides.get(iso3, {})
        if override.get("drop"):
            continue
        row = datahub.get(iso3)
        label = normalise_alias(override.get("label", country["name"]["common"]))
        wikidata = override.get("wikidata")
        if wikidata is None and row is not None and row.get("wikidata_id"):
            wikidata = row["wikidata_id"].rsplit("/", 1)[-1]
        if wikidata is None:
            wikidata = qid_by_name.get(country["name"]["common"])
        part_of_code = None
        if row is not None:
            match = _DEPENDENCY_RE.match(row.get("is_independent", "").strip())
            if match:
                part_of_code = iso2_to_iso3.get(match.group(1))
        drop_aliases = set(override.get("drop_aliases", []))
        aliases = _unique([label, *override.get("aliases", []), *_generated_aliases(country, row, blocked)])
        aliases = [a for a in aliases if a not in drop_aliases]
        if "demonyms" in override:
            demonyms = _unique(override["demonyms"])
        else:
            eng = country.get("demonyms", {}).get("eng", {})
            raw = [eng.get("m", ""), eng.get("f", "")]
            split = [part for item in raw for part in re.split(r",\s*|\s+or\s+", item)]
            demonyms = _unique(_plural_demonyms(_unique(split)))
        demonyms = _unique([*demonyms, *override.get("add_demonyms", [])])
        if "capitals" in override:
            capitals = _unique(override["capitals"])
        else:
            found = list(country.get("capital", []))
            if row is not None and row.get("Capital"):
                found.append(row["Capital"])
            capitals = [c for c in _unique(found) if _is_latin1(c)]
        capitals = _unique([*capitals, *override.get("add_capitals", [])])
        capitals = [c for c in capitals if c not in set(override.get("drop_capitals", []))]
        code3 = override.get("set_iso3", iso3)
        records.append(
            {
                "key": slugify(label),
                "label": label,
                "type": "State",
                "wikidata": wikidata,
                "country": code3,
                "aliases": aliases,
                "part_of": override.get("part_of", part_of_code),  # an ISO code until resolved below
                "iso2": override.get("set_iso2", country["cca2"]),
                "iso3": code3,
                "official_name": normalise_alias(override.get("official_name", country["name"]["official"])),
                "demonyms": demonyms,
                "capitals": capitals,
                "seats": _unique(override.get("seats", [])),
                "un_member": bool(override.get("un_member", country.get("unMember", False))),
            }
        )

    # dependent territories point to their sovereign by key
    key_by_iso3 = {r["iso3"]: r["key"] for r in records}
    for record in records:
        code = record["part_of"]
        if code is not None and code in key_by_iso3:
            record["part_of"] = key_by_iso3[code]

    # a territory does not take over its sovereign's demonym ("American" for the Northern Marianas)
    sovereign_demonyms = {d for r in records if r["part_of"] is None for d in r["demonyms"]}
    for record in records:
        if record["part_of"] is not None:
            record["demonyms"] = [d for d in record["demonyms"] if d not in sovereign_demonyms]

    for obj in extras:
        label = normalise_alias(obj["label"])
        records.append(
            {
                "key": obj.get("key") or slugify(label),
                "label": label,
                "type": "State",
                "wikidata": obj.get("wikidata"),
                "country": obj.get("country"),
                "aliases": _unique([label, *obj.get("aliases", [])]),
                "part_of": obj.get("part_of"),
                "iso2": obj.get("iso2"),
                "iso3": obj.get("iso3"),
                "official_name": normalise_alias(obj.get("official_name", label)),
                "demonyms": _unique(obj.get("demonyms", [])),
                "capitals": _unique(obj.get("capitals", [])),
                "seats": _unique(obj.get("seats", [])),
                "un_member": bool(obj.get("un_member", False)),
            }
        )
    return records


# ---------------------------------------------------------------- curated actors


def _expand_role(raw: Any, where: str) -> dict[str, Any]:
    """A role from its compact ``[office, of, kind, start, end]`` or object form."""
    if isinstance(raw, list):
        if len(raw) != 5:
            raise Errors.E708.error(place=where)
        raw = dict(zip(ROLE_KEYS, raw, strict=True))
    if not isinstance(raw, dict) or set(raw) - set(ROLE_KEYS) or "office" not in raw:
        raise Errors.E709.error(place=where)
    role = {name: raw.get(name) for name in ROLE_KEYS}
    role["kind"] = role["kind"] or "official"
    return role


def _normalise_record(obj: dict[str, Any], default_type: str, where: str) -> dict[str, Any]:
    """A curated record in the output shape and key order, with defaults filled in."""
    actor_type = obj.get("type", default_type)
    if actor_type not in ACTOR_TYPES:
        raise Errors.E710.error(place=where, actor_type=actor_type, actor_types=", ".join(ACTOR_TYPES))
    allowed = set(COMMON_KEYS) | set(EXTRA_KEYS.get(actor_type, ()))
    unknown = set(obj) - allowed
    if unknown:
        raise Errors.E705.error(place=where, fields=sorted(unknown), actor_type=actor_type)
    label = normalise_alias(obj["label"])
    record: dict[str, Any] = {
        "key": obj.get("key") or slugify(label),
        "label": label,
        "type": actor_type,
        "wikidata": obj.get("wikidata"),
        "country": obj.get("country"),
        "aliases": _unique([label, *obj.get("aliases", [])]),
        "part_of": obj.get("part_of"),
    }
    if actor_type == "Person":
        record["short_names"] = _unique(obj.get("short_names", []))
        record["roles"] = [_expand_role(r, where) for r in obj.get("roles", [])]
    elif actor_type == "InternationalOrganization" and "members" in obj:
        record["members"] = list(dict.fromkeys(obj["members"]))
    return record


def load_curated(name: str, default_type: str, *, curated: Path = CURATED) -> list[dict[str, Any]]:
    """Records of one curated input (a JSON Lines file or a folder of them)."""
    source = curated / name
    paths = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
    out = []
    for path in paths:
        for number, obj in _read_jsonl(path):
            if "label" not in obj:
                raise Errors.E711.error(place=f"{path.name}:{number}")
            out.append(_normalise_record(obj, default_type, f"{path.name}:{number}"))
    return out


def _fill_person_wikidata(
    persons: list[dict[str, Any]], leaders: list[dict[str, str]], states: list[dict[str, Any]]
) -> None:
    """Take Wikidata ids of office holders from the leaders file; refuse contradictions.

    A person matches a row when the row's holder label is the person's label or one of
    their aliases and the row's country is the person's country.
    """
    iso3_by_qid = {s["wikidata"]: s["iso3"] for s in states if s["wikidata"]}
    iso3_by_qid.update({"Q756617": "DNK", "Q55": "NLD"})  # kingdoms the leaders file names
    found: dict[tuple[str, str | None], set[str]] = {}
    for row in leaders:
        qid = row["officeholder"]
        if not WIKIDATA_RE.match(qid) or row["officeholderLabel"] == qid:
            continue
        found.setdefault((normalise_alias(row["officeholderLabel"]), iso3_by_qid.get(row["countryid"])), set()).add(qid)
    for person in persons:
        candidates: set[str] = set()
        for name in person["aliases"]:
            candidates |= found.get((name, person["country"]), set())
        if len(candidates) != 1:
            continue
        (qid,) = candidates
        if person["wikidata"] is None:
            person["wikidata"] = qid
        elif person["wikidata"] != qid:
            raise Errors.E712.error(key=person["key"], curated=person["wikidata"], qid=qid)


# ---------------------------------------------------------------- checks


def _check(files: dict[str, list[dict[str, Any]]]) -> list[str]:  # noqa: C901  (a list of independent data checks, one branch each)
    """Warnings for the maintainer; raises KGError on data that must not be written."""
    by_key: dict[str, dict[str, Any]] = {}
    wikidata: dict[str, str] = {}
    for name, records in files.items():
        for record in records:
            key = record["key"]
            if key != slugify(key) or not key:
                raise Errors.E713.error(file=name, key=key)
            if key in by_key:
                raise Errors.E714.error(file=name, key=key)
            by_key[key] = record
            qid = record["wikidata"]
            if qid is not None:
                if not WIKIDATA_RE.match(qid):
                    raise Errors.E715.error(key=key, qid=qid)
                if qid in wikidata:
                    raise Errors.E716.error(key=key, other=wikidata[qid], qid=qid)
                wikidata[qid] = key
    for record in by_key.values():
        refs = [record["part_of"], *record.get("members", [])]
        refs += [role["of"] for role in record.get("roles", [])]
        for ref in refs:
            if ref is not None and ref not in by_key:
                raise Errors.E717.error(key=record["key"], ref=ref)
        for role in record.get("roles", []):
            for field in ("start", "end"):
                value = role[field]
                if value is not None and not DATE_RE.match(value):
                    raise Errors.E718.error(key=record["key"], office=role["office"], field=field, value=value)
            if role["start"] and role["end"] and role["start"][: len(role["end"])] > role["end"]:
                raise Errors.E719.error(key=record["key"], office=role["office"])
            if role["kind"] not in ROLE_KINDS:
                raise Errors.E205.error(where=record["key"], kind=role["kind"], role_kinds=ROLE_KINDS)
    # shared surface forms are allowed only by the allow-list of the tests: report them here
    owners: dict[str, set[str]] = {}
    for record in by_key.values():
        for form in [*record["aliases"], *record.get("capitals", []), *record.get("seats", [])]:
            owners.setdefault(form, set()).add(record["key"])
    return [
        f"surface form {form!r} is shared by {sorted(keys)}" for form, keys in sorted(owners.items()) if len(keys) > 1
    ]


# ---------------------------------------------------------------- output


def _ordered(record: dict[str, Any]) -> dict[str, Any]:
    keys = COMMON_KEYS + EXTRA_KEYS.get(record["type"], ())
    return {k: record[k] for k in keys if k in record}


def build(gazetteer: Path, *, curated: Path = CURATED) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """All output files as sorted records, plus warnings for the maintainer."""
    states = build_states(gazetteer, curated=curated)
    files: dict[str, list[dict[str, Any]]] = {"states.jsonl": states}
    for out_name, (source, default_type) in ACTOR_FILES.items():
        files[out_name] = load_curated(source, default_type, curated=curated)
    _, _, leaders = _read_gazetteer(gazetteer)
    _fill_person_wikidata(files["persons.jsonl"], leaders, states)
    imported, counts = import_all(gazetteer, files, curated, slugify)
    for record in imported:
        record["label"], record["aliases"] = normalise_alias(record["label"]), _unique(record["aliases"])
    files[IMPORTED_PERSONS] = [r for r in imported if r["type"] == "Person"]
    files[IMPORTED_OTHERS] = [r for r in imported if r["type"] != "Person"]
    warnings = _check(files)
    warnings += [f"import: {name}: {count}" for name, count in sorted(counts.items())]
    return {name: sorted((_ordered(r) for r in recs), key=lambda r: r["key"]) for name, recs in files.items()}, warnings


def _render(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def write_outputs(files: dict[str, list[dict[str, Any]]], out_dir: Path, *, check: bool = False) -> list[str]:
    """Write (or, with ``check``, compare) the files; return the names that differ."""
    stale = []
    for name, records in sorted(files.items()):
        path = out_dir / name
        text = _render(records)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gazetteer", type=Path, help="the gazetteer folder (../shared/gazetteer)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default: ontology/actors)")
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    try:
        files, warnings = build(args.gazetteer)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        args.out.mkdir(parents=True, exist_ok=True)
        stale = write_outputs(files, args.out, check=args.check)
    except KGError as exc:
        print(f"error {exc}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{name} {len(recs)}" for name, recs in sorted(files.items()))
    if args.check:
        if stale:
            print(f"stale: {', '.join(stale)}; rerun without --check", file=sys.stderr)
            return 1
        print(f"up to date ({counts})")
        return 0
    print(f"wrote {len(stale)} changed file(s) ({counts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
