"""The import of the Phoenix actor dictionaries and the world leaders file (ontology/tools/import_actors.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "ontology" / "tools"


def _module() -> Any:
    spec = importlib.util.spec_from_file_location("import_actors", TOOLS / "import_actors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_actors"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


imp = _module()
RULES = imp.load_rules(TOOLS / "curated")
RULES["demonyms"] = {"american", "kenyan"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("420101", "1942-01-01"),  # YY >= 30: 19YY
        ("010120", "2001-01-20"),  # YY < 30: 20YY
        ("291231", "2029-12-31"),
        ("300101", "1930-01-01"),
        ("20041207", "2004-12-07"),
        ("2004017", None),  # seven digits
        ("041301", None),  # month 13
        ("", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert imp.parse_date(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("JIMMY_CARTER_", "Jimmy Carter"),
        ("BASHAR_AL-ASSAD", "Bashar al-Assad"),
        ("JOHN_MCCAIN", "John McCain"),
        ("SHAQUILLE_O'NEAL", "Shaquille O'Neal"),
        ("ABDULLAH_II", "Abdullah II"),
        ("XI_JINPING", "Xi Jinping"),
        ("BANK_OF_THE_SOUTH", "Bank of the South"),
        ("AL-QAEDA", "al-Qaeda"),
    ],
)
def test_proper_case(raw: str, expected: str) -> None:
    assert imp.proper_case(raw, RULES["lower_words"]) == expected


DICTIONARY = """\
# comment
KENYA_  [KEN]
+NAIROBI_

JOHN_DOE_KAMAU_  # CountryInfo.txt
+PRESIDENT_JOHN_KAMAU
+KENYAN_LEADER_JOHN_KAMAU
+PRESIDENT-ELECT_JOHN_KAMAU
+JOHN_KAMAU_ADMINISTRATION
+JOHN_.KAMAU
+KAMAU_
\t[KENGOV 930120-010120]
\t[KENELI]
MARY_WANJIRU_OTIENO_\t[KENLEG >20050101] [KENELI]# same-line restrictions
KENYAN_NATIONAL_POLICE_SERVICE_ [KENCOP]
SOME_UNDATED_NAME_ [KENELI]
"""


@pytest.fixture()
def phoenix(tmp_path: Path) -> Path:
    (tmp_path / "Phoenix.Countries.actors.txt").write_text(DICTIONARY, encoding="utf-8")
    (tmp_path / "Phoenix.International.actors.txt").write_text(
        "AFRICAN_DEVELOPMENT_FUND_(ADF)_ [IGOAFRDEV]\n", encoding="utf-8"
    )
    (tmp_path / "Phoenix.MilNonState.actors.txt").write_text(
        "LORDS_RESISTANCE_ARMY_(LRA)_ [UGAREB]\n", encoding="utf-8"
    )
    return tmp_path


STATES = {
    "KEN": {"key": "kenya", "label": "Kenya", "iso3": "KEN"},
    "UGA": {"key": "uganda", "label": "Uganda", "iso3": "UGA"},
}


def test_read_phoenix_records(phoenix: Path) -> None:
    entries = imp.read_phoenix(phoenix / "Phoenix.Countries.actors.txt")
    assert [e.names[0] for e in entries] == [
        "KENYA_",
        "JOHN_DOE_KAMAU_",
        "MARY_WANJIRU_OTIENO_",
        "KENYAN_NATIONAL_POLICE_SERVICE_",
        "SOME_UNDATED_NAME_",
    ]
    assert entries[1].codes == [("KENGOV", "1993-01-20", "2001-01-20"), ("KENELI", None, None)]
    assert entries[2].codes == [("KENLEG", "2005-01-01", None), ("KENELI", None, None)]


def test_phoenix_records(phoenix: Path) -> None:
    records = {r["label"]: r for r in imp.phoenix_records(phoenix, STATES, RULES)}
    assert set(records) == {
        "John Doe Kamau",
        "Mary Wanjiru Otieno",
        "Kenyan National Police Service",
        "African Development Fund",
        "Lords Resistance Army",
    }  # no state record, no undated name that is not an organisation's
    kamau = records["John Doe Kamau"]
    assert kamau["type"] == "Person" and kamau["country"] == "KEN"
    assert kamau["aliases"] == ["John Doe Kamau", "Kamau"]  # no titles, no "Administration", no ".Kamau"
    assert kamau["roles"] == [
        {
            "office": "Member of the Kenya government",
            "of": "kenya",
            "kind": "official",
            "start": "1993-01-20",
            "end": "2001-01-20",
        }
    ]
    # open at its end: ends on the dictionary's date, not "still in office"
    assert records["Mary Wanjiru Otieno"]["roles"][0] == {
        "office": "Member of the Kenya legislature",
        "of": "kenya",
        "kind": "member",
        "start": "2005-01-01",
        "end": RULES["open_role_end"],
    }
    police = records["Kenyan National Police Service"]
    assert (police["type"], police["country"], police["part_of"]) == ("GovernmentBody", "KEN", "kenya")
    assert records["African Development Fund"]["type"] == "InternationalOrganization"
    assert records["Lords Resistance Army"]["aliases"] == ["Lords Resistance Army", "LRA"]


def _person(
    label: str, country: str, *aliases: str, roles: list[dict[str, Any]] | None = None, qid: str | None = None
) -> dict[str, Any]:
    return {
        "key": label.lower().replace(" ", "-"),
        "label": label,
        "type": "Person",
        "wikidata": qid,
        "country": country,
        "aliases": [label, *aliases],
        "part_of": None,
        "short_names": [],
        "roles": roles or [],
    }


def _role(start: str | None, end: str | None, of: str = "kenya") -> dict[str, Any]:
    return {"office": "X", "of": of, "kind": "official", "start": start, "end": end}


def test_merge_one_actor_per_person_curated_wins() -> None:
    curated = _person("John Kamau", "KEN", "J. Kamau", roles=[_role("1995-01-01", "1999-12-31")], qid="Q1")
    merger = imp.Merger([curated, {**_person("Kenya", "KEN"), "type": "State"}], set())
    # same name and country: merged; the overlapping role is left out, the later one added
    merger.add_person(
        _person(
            "John Kamau",
            "KEN",
            "John Doe Kamau",
            roles=[_role("1993-01-20", "2001-01-20"), _role("2003-01-01", "2005-01-01")],
        ),
        "phoenix",
    )
    # same Wikidata id: merged even under another name
    merger.add_person(_person("Johnny Kamau", "KEN", qid="Q1"), "wikidata")
    # same name, other country: another person
    merger.add_person(_person("John Kamau", "UGA"), "phoenix")
    new = merger.finish({"john-kamau", "kenya"}, lambda text: text.lower().replace(" ", "-"))
    assert [r["start"] for r in curated["roles"]] == ["1995-01-01", "2003-01-01"]
    assert curated["aliases"] == ["John Kamau", "J. Kamau", "John Doe Kamau", "Johnny Kamau"]
    assert [r["key"] for r in new] == []  # "John Kamau" (UGA) keeps no alias: a curated actor uses it
    assert merger.counts["persons merged (phoenix)"] == 1 and merger.counts["persons merged (wikidata)"] == 1


def test_alias_filters() -> None:
    merger = imp.Merger([{**_person("Kenya", "KEN", "Nairobi"), "type": "State"}], {"Blocked Name"})
    merger.add_person(_person("Ali Hassan", "KEN", "Hassan", "Blocked Name", "Shared Name"), "phoenix")
    merger.add_person(_person("Omar Said", "UGA", "Shared Name"), "phoenix")
    merger.add_organisation({**_person("Nairobi", "KEN"), "type": "Organization"}, "phoenix")  # a curated name
    merger.add_organisation(
        {
            "label": "Lords Resistance Army",
            "type": "Organization",
            "wikidata": None,
            "country": "UGA",
            "aliases": ["Lords Resistance Army", "LRA", "UN"],
            "part_of": None,
        },
        "phoenix",
    )
    new = {r["key"]: r for r in merger.finish({"kenya"}, lambda text: text.lower().replace(" ", "-"))}
    assert new["ali-hassan"]["aliases"] == ["Ali Hassan"]  # one word, blocked, shared: dropped
    assert new["omar-said"]["aliases"] == ["Omar Said"]
    assert new["lords-resistance-army"]["aliases"] == ["Lords Resistance Army", "LRA"]  # "UN": two letters
    assert len(new) == 3
