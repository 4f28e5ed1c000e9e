"""Integrity tests of the actor knowledge base files in ``ontology/actors/``.

They read the committed JSON Lines files only (no ../shared, no loader): schema of every
line, unique slug keys and Wikidata ids, references that resolve, ISO codes, coverage of
the UN member states, dates, aliases shared between actors, and spot checks of facts.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from kg.rdf.iris import actor_iri, slugify
from kg.types import ACTOR_TYPES, Role

ACTORS_DIR = Path(__file__).resolve().parents[2] / "ontology" / "actors"

FILE_TYPES: dict[str, set[str]] = {
    "states.jsonl": {"State"},
    "organizations.jsonl": {"InternationalOrganization", "Organization"},
    "armed_forces.jsonl": {"ArmedForce"},
    "government_bodies.jsonl": {"GovernmentBody"},
    "media.jsonl": {"Media"},
    "persons.jsonl": {"Person"},
    "groups.jsonl": {"Organization"},
}
COMMON_KEYS = ["key", "label", "type", "wikidata", "country", "aliases", "part_of"]
EXTRA_KEYS: dict[str, list[str]] = {
    "State": ["iso2", "iso3", "official_name", "demonyms", "capitals", "seats", "un_member"],
    "Person": ["short_names", "roles"],
    "InternationalOrganization": ["members"],
}
OPTIONAL_KEYS = {"members"}
ROLE_KEYS = ["office", "of", "kind", "start", "end"]
ROLE_KINDS = {"leader", "official", "spokesperson", "member"}
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The 193 member states of the United Nations (ISO 3166-1 alpha-3).
UN_MEMBERS = frozenset(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
    BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE
    DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM
    GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT
    KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO
    MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL
    POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
    SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR
    USA URY UZB VUT VEN VNM YEM ZMB ZWE
    """.split()
)

# Surface forms (aliases, capitals, seats, short names) that two actors may share, with why.
SHARED_SURFACE_FORMS: dict[str, tuple[frozenset[str], str]] = {
    "Congo": (
        frozenset({"democratic-republic-of-the-congo", "republic-of-the-congo"}),
        "the short name of both Congos in news text; the linker must decide from context",
    ),
}
# Demonyms that two actors may share, with why.
SHARED_DEMONYMS: dict[str, tuple[frozenset[str], str]] = {
    "Congolese": (
        frozenset({"democratic-republic-of-the-congo", "republic-of-the-congo"}),
        "the demonym of both Congos",
    ),
    "Dominican": (
        frozenset({"dominica", "dominican-republic"}),
        "the demonym of Dominica and of the Dominican Republic",
    ),
    "Channel Islander": (
        frozenset({"guernsey", "jersey"}),
        "the demonym of both bailiwicks in the gazetteer",
    ),
    "Virgin Islander": (
        frozenset({"british-virgin-islands", "united-states-virgin-islands"}),
        "the demonym of both Virgin Islands",
    ),
}


# ---------------------------------------------------------------- fixtures


def _load(name: str) -> list[dict[str, Any]]:
    path = ACTORS_DIR / name
    assert path.is_file(), f"{path} is missing; run ontology/tools/build_actors.py"
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{name}:{number} is blank"
        obj = json.loads(line)
        assert isinstance(obj, dict), f"{name}:{number} is not a JSON object"
        records.append(obj)
    return records


@pytest.fixture(scope="module")
def files() -> dict[str, list[dict[str, Any]]]:
    return {name: _load(name) for name in FILE_TYPES}


@pytest.fixture(scope="module")
def actors(files: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for records in files.values():
        for record in records:
            out.setdefault(record["key"], record)
    return out


@pytest.fixture(scope="module")
def states(files: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    return {s["key"]: s for s in files["states.jsonl"]}


def _roles(actors: dict[str, dict[str, Any]]) -> list[tuple[str, Role]]:
    return [(person["key"], Role(**role)) for person in actors.values() for role in person.get("roles", [])]


def _holders(actors: dict[str, dict[str, Any]], office: str, of: str, day: date) -> set[str]:
    return {key for key, role in _roles(actors) if role.office == office and role.of == of and role.holds_on(day)}


def _chain(actors: dict[str, dict[str, Any]], key: str) -> list[str]:
    chain = [key]
    while actors[chain[-1]]["part_of"] is not None:
        nxt = actors[chain[-1]]["part_of"]
        assert nxt not in chain, f"part_of cycle through {[*chain, nxt]}"
        chain.append(nxt)
    return chain


# ---------------------------------------------------------------- schema


@pytest.mark.parametrize("name", sorted(FILE_TYPES))
def test_every_line_has_the_schema(name: str, files: dict[str, list[dict[str, Any]]]) -> None:
    for record in files[name]:
        where = f"{name}:{record.get('key')}"
        assert record["type"] in FILE_TYPES[name], where
        assert record["type"] in ACTOR_TYPES, where
        expected = COMMON_KEYS + EXTRA_KEYS.get(record["type"], [])
        present = [k for k in expected if k in record]
        assert list(record) == present, f"{where}: keys {list(record)} not in the order {expected}"
        missing = set(expected) - set(record) - OPTIONAL_KEYS
        assert not missing, f"{where}: missing {missing}"
        assert isinstance(record["label"], str) and record["label"].strip() == record["label"] != ""
        assert record["wikidata"] is None or re.fullmatch(r"Q[1-9]\d*", record["wikidata"]), where
        assert record["country"] is None or re.fullmatch(r"[A-Z]{3}", record["country"]), where
        assert record["part_of"] is None or isinstance(record["part_of"], str), where
        aliases = record["aliases"]
        assert isinstance(aliases, list) and all(isinstance(a, str) and a.strip() == a != "" for a in aliases), where
        assert aliases and aliases[0] == record["label"], f"{where}: the label must be the first alias"
        assert len(aliases) == len(set(aliases)), f"{where}: duplicate aliases"
        for field in ("demonyms", "capitals", "seats", "short_names", "members"):
            if field in record:
                values = record[field]
                assert isinstance(values, list) and all(isinstance(v, str) and v for v in values), where
                assert len(values) == len(set(values)), f"{where}: duplicate {field}"
        if record["type"] == "State":
            assert isinstance(record["un_member"], bool), where
            assert isinstance(record["official_name"], str) and record["official_name"], where


def test_files_are_sorted_by_key(files: dict[str, list[dict[str, Any]]]) -> None:
    for name, records in files.items():
        keys = [r["key"] for r in records]
        assert keys == sorted(keys), f"{name} is not sorted by key; rerun build_actors.py"


def test_keys_are_unique_slugs(files: dict[str, list[dict[str, Any]]]) -> None:
    seen: dict[str, str] = {}
    for name, records in files.items():
        for record in records:
            key = record["key"]
            assert slugify(key) == key, f"{name}: {key!r} is not in slugify form"
            assert actor_iri(key).endswith("/" + key)
            assert key not in seen, f"key {key!r} is in {seen.get(key)} and {name}"
            seen[key] = name


def test_wikidata_ids_are_unique(actors: dict[str, dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    for key, record in actors.items():
        qid = record["wikidata"]
        if qid is not None:
            assert qid not in owner, f"{qid} is used by {owner.get(qid)} and {key}"
            owner[qid] = key


def test_references_resolve(actors: dict[str, dict[str, Any]], states: dict[str, dict[str, Any]]) -> None:
    for key, record in actors.items():
        if record["part_of"] is not None:
            assert record["part_of"] in actors, f"{key}: part_of {record['part_of']!r} is unknown"
            _chain(actors, key)  # no cycles
        for member in record.get("members", []):
            assert member in states, f"{key}: member {member!r} is not a state key"
        for role in record.get("roles", []):
            assert role["of"] is None or role["of"] in actors, f"{key}: role of {role['of']!r} is unknown"


def test_iso_codes_are_well_formed(states: dict[str, dict[str, Any]], actors: dict[str, dict[str, Any]]) -> None:
    iso3s = set()
    for key, state in states.items():
        assert state["iso2"] is None or re.fullmatch(r"[A-Z]{2}", state["iso2"]), key
        assert state["iso3"] is None or re.fullmatch(r"[A-Z]{3}", state["iso3"]), key
        if state["iso3"] is not None:
            assert state["iso3"] not in iso3s, f"iso3 {state['iso3']} is used twice"
            iso3s.add(state["iso3"])
            assert state["country"] == state["iso3"], key
    iso2s = [s["iso2"] for s in states.values() if s["iso2"]]
    assert len(iso2s) == len(set(iso2s)), "an iso2 code is used twice"
    for key, record in actors.items():
        assert record["country"] is None or record["country"] in iso3s, (
            f"{key}: country {record['country']} is no state's iso3"
        )


def test_every_un_member_and_taiwan_is_complete(states: dict[str, dict[str, Any]]) -> None:
    by_iso3 = {s["iso3"]: s for s in states.values() if s["iso3"]}
    assert len(UN_MEMBERS) == 193
    for code in sorted(UN_MEMBERS | {"TWN"}):
        assert code in by_iso3, f"{code} is missing from states.jsonl"
        state = by_iso3[code]
        assert state["un_member"] is (code != "TWN"), code
        assert state["wikidata"], f"{code} has no Wikidata id"
        assert state["demonyms"], f"{code} has no demonym"
        assert state["capitals"], f"{code} has no capital"
    assert {s["iso3"] for s in states.values() if s["un_member"]} == UN_MEMBERS


def test_state_coverage_and_no_lower_case_state_aliases(states: dict[str, dict[str, Any]]) -> None:
    assert len(states) >= 250
    for key in ("taiwan", "kosovo", "palestine", "western-sahara", "hong-kong"):
        assert key in states
    for key, state in states.items():
        for form in state["aliases"] + state["capitals"] + state["demonyms"]:
            assert form[0].isupper() or form[0].isdigit(), f"{key}: {form!r} starts in lower case"


def test_dates_are_iso_and_ordered(actors: dict[str, dict[str, Any]]) -> None:
    for key, record in actors.items():
        for role in record.get("roles", []):
            assert list(role) == ROLE_KEYS, f"{key}: role keys {list(role)}"
            assert isinstance(role["office"], str) and role["office"], key
            assert role["kind"] in ROLE_KINDS, f"{key}: kind {role['kind']!r}"
            for field in ("start", "end"):
                value = role[field]
                assert value is None or DATE_RE.match(value), f"{key}: {field} {value!r}"
                if value is not None and FULL_DATE_RE.match(value):
                    date.fromisoformat(value)  # a real calendar day
            if role["start"] and role["end"]:
                shared = min(len(role["start"]), len(role["end"]))
                assert role["start"][:shared] <= role["end"][:shared], f"{key}: {role['office']} ends before it starts"


def test_one_holder_at_a_time(actors: dict[str, dict[str, Any]]) -> None:
    """Single-holder offices never have two holders on the same day (day-precise roles only)."""
    by_office: dict[tuple[str, str], list[tuple[str, str, str | None]]] = defaultdict(list)
    for key, role in _roles(actors):
        if role.kind not in ("leader", "official") or role.of is None:
            continue
        if role.start is None or not FULL_DATE_RE.match(role.start):
            continue
        if role.end is not None and not FULL_DATE_RE.match(role.end):
            continue
        by_office[(role.office, role.of)].append((role.start, key, role.end))
    multi_holder = {"Vice Premier of China", "Senior Advisor to the President of the United States"}
    # the offices of imported roles name a group of many members ("Member of the Kenya government")
    rules = json.loads((ACTORS_DIR.parent / "tools" / "curated" / "import_rules.json").read_text(encoding="utf-8"))
    group_offices = [
        re.compile(re.escape(office).replace(r"\{state\}", ".+") + "$") for _, office in rules["role_sectors"].values()
    ]
    for (office, of), spans in by_office.items():
        if office in multi_holder or any(p.match(office) for p in group_offices):
            continue
        spans.sort()
        for (start_a, key_a, end_a), (start_b, key_b, _) in pairwise(spans):
            assert end_a is not None and end_a <= start_b, (
                f"{office} of {of}: {key_a} (from {start_a}, to {end_a}) overlaps {key_b} (from {start_b})"
            )


def test_no_surface_form_names_two_actors(actors: dict[str, dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for key, record in actors.items():
        forms = record["aliases"] + record.get("capitals", []) + record.get("seats", []) + record.get("short_names", [])
        for form in forms:
            owners[form].add(key)
    for form, keys in owners.items():
        if len(keys) > 1:
            allowed, reason = SHARED_SURFACE_FORMS.get(form, (frozenset(), ""))
            assert keys == allowed and reason, (
                f"{form!r} names {sorted(keys)}; add it to the allow-list with a reason or fix the data"
            )
    for form, (keys, _reason) in SHARED_SURFACE_FORMS.items():
        assert owners.get(form) == set(keys), f"stale allow-list entry {form!r}"


def test_no_demonym_names_two_states(states: dict[str, dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for key, state in states.items():
        for demonym in state["demonyms"]:
            owners[demonym].add(key)
    for demonym, keys in owners.items():
        if len(keys) > 1:
            allowed, reason = SHARED_DEMONYMS.get(demonym, (frozenset(), ""))
            assert keys == allowed and reason, f"demonym {demonym!r} names {sorted(keys)}"


def test_every_place_seat_and_alias_is_in_one_place(actors: dict[str, dict[str, Any]]) -> None:
    assert "the Kremlin" in actors["russia"]["seats"]
    assert "Downing Street" in actors["united-kingdom"]["seats"]
    assert "White House" in actors["white-house"]["aliases"]
    assert "Pentagon" in actors["united-states-department-of-defense"]["aliases"]
    assert "Pentagon" not in actors["united-states-armed-forces"]["aliases"]
    assert "Department of War" in actors["united-states-department-of-defense"]["aliases"]
    assert "State Department" in actors["united-states-department-of-state"]["aliases"]
    assert "FCDO" in actors["foreign-commonwealth-and-development-office"]["aliases"]


# ---------------------------------------------------------------- coverage

G20_AND_P5 = [
    "argentina",
    "australia",
    "brazil",
    "canada",
    "china",
    "france",
    "germany",
    "india",
    "indonesia",
    "italy",
    "japan",
    "mexico",
    "russia",
    "saudi-arabia",
    "south-africa",
    "south-korea",
    "turkey",
    "united-kingdom",
    "united-states",
]
IN_THE_NEWS = ["israel", "iran", "north-korea", "ukraine", "taiwan"]


@pytest.mark.parametrize("state", G20_AND_P5 + IN_THE_NEWS)
def test_armed_forces_and_bodies_of_key_states(
    state: str, files: dict[str, list[dict[str, Any]]], actors: dict[str, dict[str, Any]]
) -> None:
    forces = [r["key"] for r in files["armed_forces.jsonl"] if state in _chain(actors, r["key"])]
    assert forces, f"no armed force of {state}"
    national = [k for k in forces if actors[k]["part_of"] == state]
    assert national, f"no national armed force directly part of {state}"
    assert any(actors[k]["part_of"] in national for k in forces), f"no branch of the armed forces of {state}"
    country = actors[state]["iso3"]
    assert all(actors[k]["country"] == country for k in forces)
    bodies = [r["key"] for r in files["government_bodies.jsonl"] if state in _chain(actors, r["key"])]
    assert len(bodies) >= 2, f"{state} needs a foreign and a defence ministry"


@pytest.mark.parametrize(
    "state", G20_AND_P5 + IN_THE_NEWS + ["syria", "venezuela", "pakistan", "egypt", "hungary", "poland"]
)
def test_leaders_and_ministers_of_key_states(state: str, actors: dict[str, dict[str, Any]]) -> None:
    roles = [role for _, role in _roles(actors) if role.of == state]
    assert any(r.kind == "leader" and r.holds_on(date(2025, 6, 1)) for r in roles), (
        f"no leader of {state} on 2025-06-01"
    )
    foreign = re.compile(r"Foreign|External|International Relations|Secretary of State")
    assert any(r.kind == "official" and foreign.search(r.office) for r in roles), f"no foreign minister of {state}"
    if state != "north-korea":  # its defence ministers are not published reliably
        assert any(
            r.kind == "official" and re.search(r"Defen[cs]e|Armed Forces|Secretary of War", r.office) for r in roles
        ), f"no defence minister of {state}"


def test_counts(files: dict[str, list[dict[str, Any]]]) -> None:
    ios = [r for r in files["organizations.jsonl"] if r["type"] == "InternationalOrganization"]
    assert len(ios) >= 60
    assert len(files["media.jsonl"]) >= 40
    assert len(files["persons.jsonl"]) >= 500


@pytest.mark.parametrize(
    ("organization", "count"),
    [("nato", 32), ("european-union", 27), ("g7", 7), ("gulf-cooperation-council", 6), ("quad", 4), ("aukus", 3)],
)
def test_member_lists(organization: str, count: int, actors: dict[str, dict[str, Any]]) -> None:
    assert len(actors[organization]["members"]) == count


# ---------------------------------------------------------------- facts


@pytest.mark.parametrize(
    ("office", "of", "day", "holder"),
    [
        ("President of the United States", "united-states", date(2019, 6, 1), "donald-trump"),
        ("President of the United States", "united-states", date(2022, 6, 1), "joe-biden"),
        ("President of the United States", "united-states", date(2025, 6, 1), "donald-trump"),
        ("President of the United States", "united-states", date(2016, 6, 1), "barack-obama"),
        ("United States Secretary of State", "united-states", date(2019, 6, 1), "mike-pompeo"),
        ("United States Secretary of State", "united-states", date(2025, 9, 28), "marco-rubio"),
        ("Chancellor of Germany", "germany", date(2025, 6, 1), "friedrich-merz"),
        ("Chancellor of Germany", "germany", date(2019, 6, 1), "angela-merkel"),
        ("Prime Minister of Canada", "canada", date(2025, 6, 1), "mark-carney"),
        ("President of South Korea", "south-korea", date(2025, 7, 1), "lee-jae-myung"),
        ("Prime Minister of Japan", "japan", date(2025, 12, 1), "sanae-takaichi"),
        ("Prime Minister of the United Kingdom", "united-kingdom", date(2025, 9, 28), "keir-starmer"),
        ("President of Russia", "russia", date(2025, 9, 28), "vladimir-putin"),
        ("President of Ukraine", "ukraine", date(2025, 9, 28), "volodymyr-zelenskyy"),
        ("Pope", "vatican-city", date(2025, 6, 1), "pope-leo-xiv"),
        ("Pope", "vatican-city", date(2020, 6, 1), "pope-francis"),
        ("Secretary-General of the United Nations", "united-nations", date(2025, 9, 28), "antonio-guterres"),
        ("Secretary General of NATO", "nato", date(2025, 9, 28), "mark-rutte"),
    ],
)
def test_office_holders(office: str, of: str, day: date, holder: str, actors: dict[str, dict[str, Any]]) -> None:
    assert _holders(actors, office, of, day) == {holder}


def test_xi_jinping_leads_china(actors: dict[str, dict[str, Any]]) -> None:
    xi = actors["xi-jinping"]
    assert xi["wikidata"] == "Q15031" and xi["country"] == "CHN"
    assert "Xi" in xi["short_names"]
    leading = [Role(**r) for r in xi["roles"] if r["of"] == "china" and r["kind"] == "leader"]
    assert any(r.holds_on(date(2025, 9, 28)) and r.end is None for r in leading)


def test_seed_article_actors(actors: dict[str, dict[str, Any]]) -> None:
    china = actors["china"]
    assert china["wikidata"] == "Q148" and "Beijing" in china["capitals"]
    assert actors["united-states"]["wikidata"] == "Q30" and "Washington" in actors["united-states"]["capitals"]
    assert actors["taiwan"]["wikidata"] == "Q865" and "Taipei" in actors["taiwan"]["capitals"]
    assert actors["russia"]["wikidata"] == "Q159" and "Moscow" in actors["russia"]["capitals"]
    assert actors["donald-trump"]["wikidata"] == "Q22686"
    assert actors["joe-biden"]["wikidata"] == "Q6279"
    airborne = _chain(actors, "pla-airborne-corps")
    assert airborne[-2:] == ["peoples-liberation-army", "china"]
    assert "Chinese paratroopers" in actors["pla-airborne-corps"]["aliases"]
    assert "Chinese airborne forces" in actors["pla-airborne-corps"]["aliases"]
    assert "Russian troops" in actors["russian-armed-forces"]["aliases"]
    embassy = actors["chinese-embassy-in-the-united-states"]
    assert embassy["type"] == "GovernmentBody" and embassy["country"] == "CHN"
    assert "Chinese Embassy in the U.S." in embassy["aliases"]
    assert _chain(actors, embassy["key"])[-1] == "china"
    liu = actors["liu-pengyu"]
    assert [(r["kind"], r["of"]) for r in liu["roles"]] == [("spokesperson", "chinese-embassy-in-the-united-states")]
    for key in ("the-wall-street-journal", "the-telegraph"):
        assert actors[key]["type"] == "Media"
    assert "WSJ" in actors["the-wall-street-journal"]["aliases"]


def test_demonyms_and_names_of_big_states(actors: dict[str, dict[str, Any]]) -> None:
    assert {"American", "Americans"} <= set(actors["united-states"]["demonyms"])
    assert {"U.S.", "US", "USA", "United States of America", "America"} <= set(actors["united-states"]["aliases"])
    assert {"British", "Britons"} <= set(actors["united-kingdom"]["demonyms"])
    assert "Chinese" in actors["china"]["demonyms"]
    assert "Georgia" in actors["georgia"]["aliases"]
    assert actors["georgia"]["iso3"] == "GEO"


# ---------------------------------------------------------------- the build script


def test_committed_files_match_the_build(shared_dir: Path) -> None:
    """Rebuilding from the gazetteer gives the committed files byte for byte."""
    import importlib.util

    script = ACTORS_DIR.parent / "tools" / "build_actors.py"
    spec = importlib.util.spec_from_file_location("build_actors", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built, _ = module.build(shared_dir / "gazetteer")
    assert module.write_outputs(built, ACTORS_DIR, check=True) == []
