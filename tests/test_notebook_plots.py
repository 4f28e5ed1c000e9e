"""The notebook plots show periods without statements as empty, not their neighbours side by side."""

from __future__ import annotations

import pytest

pytest.importorskip("pandas", reason="the notebook extras (pandas, matplotlib) are not installed")
pytest.importorskip("matplotlib", reason="the notebook extras (pandas, matplotlib) are not installed")

from kg import notebook as kn


def said(s: str, o: str, day: str) -> dict:
    return {
        "subject": {"id": "a:" + s, "label": s},
        "predicate": "meets",
        "object": {"id": "a:" + o, "label": o},
        "date": day,
        "quad_class": 1,
    }


def test_a_month_without_statements_is_on_the_axis_at_zero() -> None:
    frame = kn.activity_frame(
        [said("China", "Russia", "2019-05-02"), said("China", "Iran", "2019-08-01")], unit="month", top=1
    )
    figure = kn.plot_activity(frame)
    line = figure.axes[0].get_lines()[0]
    assert list(line.get_xdata()) == ["2019-05", "2019-06", "2019-07", "2019-08"]
    assert list(line.get_ydata()) == [1, 0, 0, 1]


def test_the_dyad_plot_has_the_empty_months_too() -> None:
    G = kn.actor_graph([said("China", "Russia", "2019-05-02"), said("China", "Russia", "2019-07-09")])
    figure = kn.plot_dyad(G, "China", "Russia", unit="month")
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels == ["2019-05", "2019-06", "2019-07"]
