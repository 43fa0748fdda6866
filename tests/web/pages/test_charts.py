"""The e1RM chart stays legible and whole on a phone: its labels are not cut at the edges, and its
text is at least 11 px tall when the chart is drawn 356 px wide (a 390 px phone, less margins)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from backcoach.web.pages.charts import WIDTH, e1rm_svg

PHONE_CHART_PX = 356


def _points(n: int) -> list[tuple[date, float]]:
    return [(date(2026, 10, 1) + timedelta(days=7 * i), 80.0 + i) for i in range(n)]


def test_chart_text_is_legible_on_a_phone() -> None:
    svg = e1rm_svg(_points(9), title="Barbell row: estimated 1RM", unit="kg")
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert min(sizes) * PHONE_CHART_PX / WIDTH >= 11


def test_chart_edge_labels_stay_inside_it() -> None:
    svg = e1rm_svg(_points(9), title="Barbell row: estimated 1RM", unit="kg")
    labels = re.findall(
        r'<text x="[\d.]+" y="[\d.]+" text-anchor="(\w+)"[^>]*>(\d{1,2} \w{3} \d\d)</text>', svg
    )
    assert [anchor for anchor, _ in labels] == ["start", "middle", "end"]
    assert labels[-1][1] == "26 Nov 26"
