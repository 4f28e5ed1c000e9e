"""Generic actors on the map and in the analysis graph: their sector is kept as a node
attribute, they are drawn as green diamonds and have their own legend entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.analysis import graph_from_statements
from kg.render import page_data, render_html
from kg.render.html import GENERIC_COLOUR, GENERIC_LEGEND, TYPE_COLOURS
from tests.render.conftest import NS, record
from tests.render.test_page_script import run_page


def actor(key: str, label: str, kind: str, country: str, sector: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"id": NS + key, "label": label, "type": kind, "wikidata": None, "country": country}
    if sector is not None:
        found["sector"] = sector
    return found


MALI = actor("mali", "Mali", "State", "MLI")
REBELS = actor("mli-reb", "Mali: rebels", "Organization", "MLI", "REB")
ARMY = actor("mli-mil", "Mali: military", "ArmedForce", "MLI", "MIL")
MINUSMA = actor("minusma", "MINUSMA", "Organization", "MLI")


def test_the_graph_keeps_the_sector() -> None:
    G = graph_from_statements([record(1, REBELS, "attacks", MALI), record(2, REBELS, "fights", ARMY)])
    assert {G.nodes[n]["key"]: G.nodes[n]["sector"] for n in G} == {"mali": None, "mli-reb": "REB", "mli-mil": "MIL"}


@pytest.mark.parametrize(
    ("records", "generic_in_legend"),
    [
        ([record(1, REBELS, "attacks", MALI), record(2, MINUSMA, "fights", REBELS)], True),
        ([record(1, MINUSMA, "supports", MALI)], False),  # no generic actor, no legend entry
    ],
)
def test_generic_actors_are_drawn_apart_with_a_legend_entry(records, generic_in_legend) -> None:
    data = page_data(graph_from_statements(records))
    styles = {
        info["label"]: (node["shape"], node["color"]["background"], info["sector"])
        for node, info in zip(data["nodes"], data["nodeInfo"], strict=True)
    }
    legend = {t["label"]: (t["color"], t.get("shape")) for t in data["legend"]["types"]}
    assert styles["Mali"] == ("dot", TYPE_COLOURS["State"], None)
    # a named organisation keeps the colour of its type; a generic one is a green diamond
    assert styles["MINUSMA"] == ("dot", TYPE_COLOURS["Organization"], None)
    if generic_in_legend:
        assert styles["Mali: rebels"] == ("diamond", GENERIC_COLOUR, "REB")
        assert legend[GENERIC_LEGEND] == (GENERIC_COLOUR, "diamond")
    else:
        assert GENERIC_LEGEND not in legend
    assert legend["Organization"] == (TYPE_COLOURS["Organization"], None)


def test_the_page_script_draws_the_legend_entry_and_the_sector(tmp_path: Path) -> None:
    G = graph_from_statements([record(1, REBELS, "attacks", MALI)])
    result = run_page(render_html(G, tmp_path / "map.html"))
    assert result["problems"] == [] and result["state"] == "drawn"
    assert GENERIC_LEGEND in result["legend"]
    assert any(t.startswith("Mali: rebels") and "sector REB" in t for t in result["nodeTitles"])
