"""The agent converter, its sector table and the committed ``pipelines/agents.tsv``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pipelines.tools import load_tool

convert = load_tool("convert_agents")
PIPELINES = Path(__file__).resolve().parents[2] / "pipelines"

#: the sectors of ONTOLOGY.md's "Generic actors" section
ONTOLOGY_SECTORS = (
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "REB",
    "INS",
    "OPP",
    "CVL",
    "BUS",
    "MED",
    "EDU",
    "LAB",
    "REF",
    "HLH",
    "CRM",
    "SPY",
    "UAF",
    "ELI",
)


def test_sector_table_has_the_ontology_sectors_and_classes() -> None:
    sectors = convert.read_sectors()
    assert set(sectors) == {*ONTOLOGY_SECTORS, "GOV"}
    assert sectors["REB"] == ("rebels", "Organization")
    assert sectors["MIL"][1] == "ArmedForce"
    assert {s for s, (_, cls) in sectors.items() if cls == "GovernmentBody"} == {"COP", "JUD", "LEG", "SPY"}


@pytest.mark.parametrize(
    ("word", "expected"),
    [("rebel", "rebels"), ("militia", "militias"), ("army", "armies"), ("press", "presses"), ("attorney", "attorneys")],
)
def test_regular_plural(word: str, expected: str) -> None:
    assert convert.plural(word) == expected


LINES = """\
!PERSON! = MAN, WOMAN
RIOT_POLICE {} [~COP]
REBEL [~REB]
LAWMAN {LAWMEN} [~COP]
MUKHABARAT_ [~SPY]
POLICE!PERSON!  [~COP]
DEFENSE_MINISTRY [~GOVMIL]
SPECIAL_FORCES_UNIT [~MILSPY]
# TROOPER [~MIL]
IMAM [~MUS]
UNITED_NATIONS_AGENCY [IGO~]
"""


def test_convert_rows_of_a_small_dictionary() -> None:
    rows, counts = convert.convert(LINES.splitlines(), convert.read_sectors())
    assert {(r[0], r[1], r[2], r[3]) for r in rows} == {
        ("riot police", "singular", "COP", "COP"),
        ("rebel", "singular", "REB", "REB"),
        ("rebels", "plural", "REB", "REB"),
        ("lawman", "singular", "COP", "COP"),
        ("lawmen", "plural", "COP", "COP"),
        ("mukhabarat", "singular", "SPY", "SPY"),
        ("policeman", "singular", "COP", "COP"),
        ("policewoman", "singular", "COP", "COP"),
        ("defense ministry", "singular", "GOVMIL", "GOV"),
        ("defense ministries", "plural", "GOVMIL", "GOV"),
        ("special forces unit", "singular", "MILSPY", "MIL"),
        ("special forces units", "plural", "MILSPY", "MIL"),
    }
    assert counts["left out MUS"] == 1 and counts["left out IGO"] == 1


def test_committed_file_matches_the_converter(shared_dir: Path, tmp_path: Path) -> None:
    """Re-running the converter on the PETRARCH dictionary gives the committed file."""
    out = tmp_path / "agents.tsv"
    source = shared_dir / "gazetteer" / "petrarch2_phoenix" / "Phoenix.agents.txt"
    assert convert.main([str(source), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (PIPELINES / "agents.tsv").read_text(encoding="utf-8")


def test_committed_file_rows() -> None:
    """Every row has the six columns and a known sector; key words are there."""
    lines = [
        line for line in (PIPELINES / "agents.tsv").read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    sectors = convert.read_sectors()
    rows = {r[0]: r for r in (line.split("\t") for line in lines[1:])}
    assert all(len(r) == 6 and r[3] in sectors for r in rows.values())
    assert rows["police"][3:5] == ["COP", "police"]
    assert rows["troops"][3] == "MIL" and rows["rebels"][3] == "REB" and rows["gangs"][3] == "CRM"
