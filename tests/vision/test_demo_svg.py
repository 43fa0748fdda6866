"""The kinematic model draws each exercise as an animated, self-contained SVG stick figure."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from backcoach.vision.demo import KEYFRAMES, stick_figure_svg
from backcoach.vision.kinematics import Exercise

NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("exercise", list(Exercise))
def test_stick_figure_is_valid_animated_svg_without_external_assets(exercise: Exercise) -> None:
    text = stick_figure_svg(exercise)
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    lines = root.findall(f".//{NS}line")
    assert len(lines) == 6
    for line in lines:
        animations = line.findall(f"{NS}animate")
        assert {a.get("attributeName") for a in animations} == {"x1", "y1", "x2", "y2"}
        assert all(len((a.get("values") or "").split(";")) == KEYFRAMES for a in animations)
    assert "href" not in text
    assert "<script" not in text
    assert root.get("aria-label")
