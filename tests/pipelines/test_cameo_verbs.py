"""The CAMEO verb converter, its code tables and the committed ``pipelines/cameo_verbs.tsv``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.vocab import PREDICATES
from tests.pipelines.tools import load_tool

convert = load_tool("convert_cameo_verbs")
PIPELINES = Path(__file__).resolve().parents[2] / "pipelines"


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    return convert.load_code_table()


def test_every_cameo_root_maps_to_a_predicate_or_is_left_out(table) -> None:  # type: ignore[no-untyped-def]
    left_out = {row[0] for row in convert._read_tsv(PIPELINES / "cameo_left_out.tsv")}
    for number in range(1, 21):
        root = f"{number:02d}"
        assert table.predicate(root) is not None or root in left_out, (
            f"CAMEO root {root} is neither mapped nor left out"
        )


def test_mapped_predicates_exist_and_carry_the_code_root(table) -> None:  # type: ignore[no-untyped-def]
    for code, predicate, note in convert._read_tsv(PIPELINES / "cameo_codes.tsv"):
        assert predicate in PREDICATES, f"{code}: unknown predicate {predicate}"
        assert PREDICATES[predicate].cameo == code[:2] or "geokg" in note, (
            f"{code} → {predicate}: root differs, say why"
        )
    for root, predicate in table.roots.items():
        assert PREDICATES[predicate].cameo == root


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("020", "urges"),  # root of one predicate, from the ontology
        ("1121", "accuses"),  # longest prefix 112
        ("111", "criticizes"),  # root default of a shared root
        ("042", "visits"),
        ("0874", "withdrawsFrom"),
        ("0871", "concedesTo"),
        ("057", "agreesWith"),
        ("055", None),  # left out: apologise
        ("010", None),  # left out root
        ("204", None),
    ],
)
def test_codes_map_by_longest_prefix(table, code: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    assert table.predicate(code) == expected


LINES = """\
---  BLAME   [112]  ---
ACCUSE [112]
CONDEMN [111]
+CRACK_DOWN {+CRACKED_DOWN}  [170]
WIRE_+TAP [171]
SHRUG [---]
- * (AGAINST +)                 [115]   # ACCUSE
- * AGGRESSION                  [1123]  # ACCUSE
- * (OF {RIGHTS ABUSES})        [1122]  # ACCUSE
- * TAXES                       [---]   # ACCUSE
- * COMMENT                     [010]   # CONDEMN
---  CALL   [041:041]  ---
PHONE
- * BACK (TO +)                 [042:043]  # PHONE
"""


def test_convert_rows_of_a_small_dictionary(table) -> None:  # type: ignore[no-untyped-def]
    rows, counts = convert.convert(LINES.splitlines(), table)
    got = {(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[8]) for r in rows}
    assert got == {
        ("accuse", "", "", "", "112", "accuses", "verb", ""),
        ("condemn", "", "", "", "111", "criticizes", "verb", ""),
        ("crack", "down", "", "", "170", "coerces", "verb", ""),
        ("tap", "", "", "", "171", "coerces", "verb", "pre-verb"),
        ("accuse", "", "against", "", "115", "accuses", "pattern", ""),
        ("accuse", "", "", "aggression", "1123", "accuses", "pattern", ""),
        ("accuse", "", "", "", "1122", "accuses", "pattern", "pattern"),
        ("phone", "", "", "", "041", "consults", "verb", ""),
        ("phone", "back", "to", "", "042", "visits", "pattern", ""),
    }
    assert counts["null code"] == 2  # SHRUG and TAXES
    assert counts["left out 01"] == 1


def test_committed_file_matches_the_converter(shared_dir: Path, tmp_path: Path) -> None:
    """Re-running the converter on the PETRARCH dictionary gives the committed file."""
    out = tmp_path / "cameo_verbs.tsv"
    source = shared_dir / "gazetteer" / "petrarch2_phoenix" / "CAMEO.2.0.txt"
    assert convert.main([str(source), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (PIPELINES / "cameo_verbs.tsv").read_text(encoding="utf-8")
