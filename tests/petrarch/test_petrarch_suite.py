"""The PETRARCH construction suite as a regression table, and the parts that read it.

The records geokg passes today (``passing.txt``, per scoring level) must keep passing;
``bench/petrarch_suite.py`` reports the pass rates per category and rewrites the list.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.petrarch import suite

HERE = Path(__file__).resolve().parent


def _passing() -> list[tuple[str, str]]:
    lines = (HERE / "passing.txt").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


@pytest.fixture(scope="module")
def runner(tmp_path_factory):  # type: ignore[no-untyped-def]
    if not suite.available():
        pytest.skip(f"the PETRARCH unit-test records are not in {suite.SUITE} (../shared absent)")
    return suite.Runner(tmp_path_factory.mktemp("petrarch"))


@pytest.mark.parametrize(("record_id", "level"), _passing())
def test_record_keeps_passing(runner, record_id: str, level: str) -> None:  # type: ignore[no-untyped-def]
    record = next(r for r in runner.records if r.id == record_id)
    outcome = runner.score(record, level)
    assert outcome.status == "pass", f"{record_id} ({level}): missing {outcome.missing}, got {outcome.extracted}"


def test_every_record_is_read(runner) -> None:  # type: ignore[no-untyped-def]
    assert len(runner.records) == 284
    assert len({r.id for r in runner.records}) == len(runner.records)
    assert sum(len(r.events) for r in runner.records) >= 350


def test_suite_actors_load_as_a_user_actor_file(runner) -> None:  # type: ignore[no-untyped-def]
    arnor = runner.extractor.kb.lookup("Arnor")
    assert arnor is not None and arnor.type == "State" and runner.code_of(arnor) == ("ARN",)
    israel = runner.extractor.kb.lookup("Israel")
    assert israel is not None and israel.key == "israel" and "ISR" in runner.code_of(israel)
    assert runner.extractor.kb.lookup("Minas Tirith").key == "petr-gondor"  # an alias (+NAME)


DICTIONARY = """\
<!-- a comment [XXX] -->
GONDOR [GON]
+MINAS_TIRITH

GOLLUM  # a person coded by date
+SMEAGOL
\t[HOB < 950601]
\t[HOBREB > 990816]
ARGENTIN  [ARG]
THE_KU [USAEDU]
LORIEN  [ELR/GAL]
ISILDUR  [+++]
"""


def test_actor_dictionary_entries(tmp_path: Path) -> None:
    (tmp_path / suite.ACTORS).write_text(DICTIONARY, encoding="utf-8")
    entries = suite.suite_actors(tmp_path)
    assert [(e.code, e.names, e.dated) for e in entries] == [
        ("GON", ["GONDOR", "MINAS_TIRITH"], False),
        ("HOB", ["GOLLUM", "SMEAGOL"], True),
        ("ARG", ["ARGENTIN"], False),
        ("USAEDU", ["THE_KU"], False),
    ]  # LORIEN (two codes) and ISILDUR (no code) name no single actor


@pytest.mark.parametrize(
    ("name", "texts", "expected"),
    [
        ("MINAS_TIRITH", ["He left for Minas Tirith."], ["Minas Tirith"]),
        ("ARGENTIN", ["Argentine troops entered Argentina."], ["Argentina", "Argentine"]),
        ("LIBYA_", ["Libyan forces"], ["Libya"]),  # trailing _: the word ends there
        ("THE_KU", ["The Kuwait envoy"], ["The Ku"]),  # a short last word is no stem
        ("ARNOR", ["the arnor river"], ["Arnor"]),  # lower case is no name
    ],
)
def test_surface_forms(name: str, texts: list[str], expected: list[str]) -> None:
    assert suite.surface_forms(name, texts) == expected


E = suite.Event


@pytest.mark.parametrize(
    ("events", "mirrors"),
    [
        ((E("BRE", "GON", "032"), E("GON", "BRE", "033")), [E("GON", "BRE", "033")]),
        ((E("ERI", "BRE", "031"), E("BRE", "ERI", "031")), []),  # same code: two acts
        ((E("ARN", "GON", "064"),), []),
    ],
)
def test_paired_codes(events, mirrors) -> None:  # type: ignore[no-untyped-def]
    assert suite._paired(events) == mirrors


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (E("ARN", "GON", "064"), ""),
        (E("ARN", "GON", "903"), "PETRARCH test code"),
        (E("ARN", "GON", "010"), "root 01"),
        (E("ARN", "GON", "055"), "no geokg predicate"),
        (E("---GOV", "GON", "064"), "unknown actor"),
        (E("GRYFFINDOR HEAD MINERVA MCGONAGALL", "GON", "064"), "its own words"),
        (E("ZBW", "RHO", "064"), "dated actor code"),
    ],
)
def test_applicability(event: suite.Event, reason: str) -> None:
    table = suite.ActorTable(dated={"Zimbabwe": {"RHO"}})
    record = suite.Record("x", "DEMO", "Zimbabwe is about to restore ties.", date(1995, 1, 1), (event,))
    got = suite.applicability(event, record, suite.code_table(), table)
    assert (reason in got) if reason else got == ""


@pytest.mark.parametrize(
    ("expected", "codes", "same"),
    [("ARNGOV", ("ARN",), True), ("ARN", ("ARN",), True), ("GON", ("ARN",), False), ("ARN", (), False)],
)
def test_agents_count_as_their_state(expected: str, codes: tuple[str, ...], same: bool) -> None:
    assert suite._same_actor(expected, codes) is same
