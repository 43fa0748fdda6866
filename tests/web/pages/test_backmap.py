"""The back map: one linked, titled region for every back node of the catalogue, geometry a tap can
hit, colouring by CSS class only."""

from __future__ import annotations

import re

import pytest
from page_helpers import parse

from backcoach.catalog import curated
from backcoach.web.backmap import SHAPES, back_nodes, leaves_of, render_back_map

CATALOG = curated()
OUTLINES = ("posterior-deltoid", "infraspinatus", "teres-major", "gluteus-maximus")


def regions(markup: str) -> dict[str, dict[str, str]]:
    page = parse(markup)
    return {e.attrs["data-muscle"]: e.attrs for e in page.elements if "data-muscle" in e.attrs}


def test_every_back_leaf_has_exactly_one_region() -> None:
    markup = str(render_back_map(CATALOG))
    found = regions(markup)
    for muscle in CATALOG.back_leaves():
        assert muscle.id in found, f"{muscle.id} is not drawn"
    assert markup.count('data-muscle="latissimus-dorsi"') == 1  # the other side is a data-mirror


@pytest.mark.parametrize("node", back_nodes(CATALOG))
def test_every_back_node_is_drawn_as_itself_or_its_parts(node: str) -> None:
    assert leaves_of(node, CATALOG), f"{node} has no drawn region"


def test_the_outlines_for_orientation_are_drawn() -> None:
    found = regions(str(render_back_map(CATALOG)))
    for muscle in OUTLINES:
        assert muscle in found
        assert "kind-outline" in found[muscle]["class"]


def test_the_lats_are_drawn_on_both_sides() -> None:
    markup = str(render_back_map(CATALOG))
    assert 'data-mirror="latissimus-dorsi"' in markup
    assert 'data-muscle="latissimus-dorsi"' in markup


REGION = re.compile(
    r'<a href="/muscles/(?P<href>[a-z-]+)"[^>]*><polygon id="(?P<id>[a-z-]+)" '
    r'data-(?:muscle|mirror)="(?P<muscle>[a-z-]+)"[^>]*><title>(?P<title>[^<]+)</title></polygon></a>'
)


def test_each_region_is_a_titled_link_to_its_muscle_page() -> None:
    markup = str(render_back_map(CATALOG))
    found = {m["id"]: m for m in REGION.finditer(markup)}
    assert set(found) == {s.element_id for s in SHAPES}
    for shape in SHAPES:
        match = found[shape.element_id]
        assert match["href"] == match["muscle"] == shape.muscle
        assert match["title"].startswith(CATALOG.muscle(shape.muscle).name)


def test_ids_are_unique() -> None:
    ids = [s.element_id for s in SHAPES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("shape", [s for s in SHAPES if not s.mirror], ids=lambda s: s.muscle)
def test_a_tap_on_the_middle_of_a_region_reaches_it(shape: object) -> None:
    """The centre of a region's box lies inside it and under no region drawn later."""
    assert hasattr(shape, "bbox_centre")
    centre = shape.bbox_centre()
    assert shape.contains(centre), f"{shape.muscle}: its box centre is outside it"
    later = SHAPES[SHAPES.index(shape) + 1 :]
    covering = [s.element_id for s in later if s.contains(centre)]
    assert not covering, f"{shape.muscle}: covered by {covering}"


def test_classes_colour_regions_and_nothing_is_styled_inline() -> None:
    markup = str(
        render_back_map(CATALOG, classes={"trapezius-upper": ["vol-above"], "multifidus": ["rec-low"]})
    )
    found = regions(markup)
    assert "vol-above" in found["trapezius-upper"]["class"].split()
    assert "rec-low" in found["multifidus"]["class"].split()
    assert "style=" not in markup
    assert "<style" not in markup
    assert "<script" not in markup


def test_titles_are_escaped() -> None:
    markup = str(render_back_map(CATALOG, title="<b>&"))
    assert "<b>&" not in markup
    assert "&lt;b&gt;&amp;" in markup
