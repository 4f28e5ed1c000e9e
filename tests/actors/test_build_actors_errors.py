"""ontology/tools/build_actors.py: bad curated records stop the build with a catalogued error.

A table of one curated line → the code it raises (None: the line is good), then the checks
across records. The script is a maintainer tool; these tests need nothing outside the
repository.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.errors import KGError

TOOLS = Path(__file__).resolve().parents[2] / "ontology" / "tools"


@pytest.fixture(scope="module")
def build_actors() -> ModuleType:
    sys.path.insert(0, str(TOOLS))
    try:
        spec = importlib.util.spec_from_file_location("build_actors", TOOLS / "build_actors.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(TOOLS))


LINES = [
    ('{"label": "Ruritanian Guard"}', None),
    ('{"label": "Guard", "type": "Person", "roles": [["chief", "ruritania", "official", "2001", null]]}', None),
    ('{"label": "Ruritanian Guard"', "E701"),
    ('["Ruritanian Guard"]', "E702"),
    ('{"label": "Ruritanian Guard", "colour": "red"}', "E705"),
    ('{"label": "Guard", "type": "Person", "roles": [["chief", "ruritania", "official"]]}', "E708"),
    ('{"label": "Guard", "type": "Person", "roles": [{"of": "ruritania"}]}', "E709"),
    ('{"label": "Ruritanian Guard", "type": "Dragon"}', "E710"),
    ('{"key": "ruritanian-guard"}', "E711"),
]


@pytest.mark.parametrize(("line", "code"), LINES)
def test_a_curated_line_is_read_or_named_by_its_code(
    build_actors: ModuleType, tmp_path: Path, line: str, code: str | None
) -> None:
    (tmp_path / "groups.jsonl").write_text(line + "\n", encoding="utf-8")
    if code is None:
        (record,) = build_actors.load_curated("groups.jsonl", "Organization", curated=tmp_path)
        assert record["label"] in ("Ruritanian Guard", "Guard")
        return
    with pytest.raises(KGError) as caught:
        build_actors.load_curated("groups.jsonl", "Organization", curated=tmp_path)
    assert caught.value.code == code
    assert "groups.jsonl:1" in str(caught.value)


def _record(key: str, **fields: Any) -> dict[str, Any]:
    return {"key": key, "label": key, "wikidata": None, "part_of": None, "aliases": [], **fields}


def _role(**fields: Any) -> dict[str, Any]:
    return {"office": "chief", "of": "ruritania", "kind": "official", "start": "2001", "end": None, **fields}


CHECKS = [
    ([_record("Ruritania")], "E713"),
    ([_record("ruritania"), _record("ruritania")], "E714"),
    ([_record("ruritania", wikidata="P31")], "E715"),
    ([_record("ruritania", wikidata="Q1"), _record("graustark", wikidata="Q1")], "E716"),
    ([_record("ruritania", part_of="graustark")], "E717"),
    ([_record("ruritania"), _record("guard", roles=[_role(start="May 2001")])], "E718"),
    ([_record("ruritania"), _record("guard", roles=[_role(start="2003", end="2001")])], "E719"),
    ([_record("ruritania"), _record("guard", roles=[_role(kind="eternal")])], "E205"),
]


@pytest.mark.parametrize(("records", "code"), CHECKS)
def test_records_that_must_not_be_written_are_named_by_their_code(
    build_actors: ModuleType, records: list[dict[str, Any]], code: str
) -> None:
    with pytest.raises(KGError) as caught:
        build_actors._check({"groups.jsonl": json.loads(json.dumps(records))})
    assert caught.value.code == code


def test_good_records_pass_the_checks(build_actors: ModuleType) -> None:
    records = [_record("ruritania", wikidata="Q1"), _record("guard", part_of="ruritania", roles=[_role()])]
    assert isinstance(build_actors._check({"groups.jsonl": records}), list)


def test_a_missing_gazetteer_file_says_what_to_pass(build_actors: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(KGError) as caught:
        build_actors.build(tmp_path)
    assert caught.value.code == "E703"
    assert "../shared/gazetteer" in str(caught.value)
