"""The back muscle map: our own stylised rear view of a torso, as data, and its SVG renderer.

The figure follows the anatomy-atlas convention of showing two layers at once: the viewer's left
half (the person's left side) is the *surface* (trapezius in three parts, latissimus dorsi and the
shoulder-blade muscles), the right half the *deep* layer underneath (levator scapulae, rhomboids,
serratus posterior, the erector spinae columns and the transversospinalis group). Each catalogue
node has one primary polygon; some also have a mirror polygon on the other half (the lats, the
rear deltoid, the gluteus maximus) drawn the same way but carrying ``data-mirror`` instead of
``data-muscle``, so ``[data-muscle=…]`` always names exactly one element.

Each region is ``<a href="/muscles/{id}"><polygon id=… data-muscle=… class=…><title>…</title>``;
colour comes only from CSS classes given by the page (``vol-*``, ``rec-*``, ``hl-*``): the markup
has no inline style, so it passes the app's Content Security Policy. Polygons rather than curves
keep the geometry checkable: a test asserts each primary region's bounding-box centre lies inside
it and under no region drawn later (so a click there reaches it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Literal

from markupsafe import Markup

from backcoach.catalog import Catalog, Region

Point = tuple[float, float]
Kind = Literal["back", "outline"]

WIDTH, HEIGHT = 320, 430
MIDLINE = WIDTH / 2


@dataclass(frozen=True)
class Shape:
    """One polygon of the map: ``muscle`` is the catalogue node it stands for."""

    muscle: str
    points: tuple[Point, ...]
    kind: Kind = "back"  # back: a back node; outline: a supporting muscle drawn for orientation
    mirror: bool = False  # the other side's copy of a node drawn elsewhere

    @property
    def element_id(self) -> str:
        return f"muscle-{self.muscle}" + ("-mirror" if self.mirror else "")

    def bbox_centre(self) -> Point:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)

    def contains(self, point: Point) -> bool:
        """Even-odd point-in-polygon test (ray casting)."""
        x, y = point
        inside = False
        pts = self.points
        for (x1, y1), (x2, y2) in zip(pts, (*pts[1:], pts[0]), strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside


def _mirrored(points: Iterable[Point]) -> tuple[Point, ...]:
    return tuple((WIDTH - x, y) for x, y in points)


# ---------------------------------------------------------------------- the drawing
# Surface layer, on the viewer's left (x < 160). Spine at x = 160; C7 near y = 112, T12 near
# y = 250, the iliac crest near y = 322.
_LAT = (
    (64, 192), (78, 206), (104, 204), (112, 190), (140, 184), (152, 220), (158, 246),
    (158, 318), (120, 324), (100, 316), (92, 296), (84, 258), (72, 226),
)  # fmt: skip
_REAR_DELT = ((58, 102), (84, 100), (88, 110), (96, 122), (74, 128), (56, 140), (46, 118))
_GLUTE = ((98, 332), (122, 330), (158, 338), (158, 396), (130, 410), (100, 398), (90, 364))

SHAPES: tuple[Shape, ...] = (
    # -- surface (person's left)
    Shape("trapezius-upper", ((148, 60), (158, 60), (158, 110), (134, 104), (88, 110), (82, 96), (142, 78))),
    Shape("trapezius-middle", ((158, 112), (134, 106), (90, 112), (97, 122), (138, 133), (158, 139))),
    Shape("trapezius-lower", ((158, 141), (139, 135), (131, 142), (151, 218), (158, 244))),
    Shape("posterior-deltoid", _REAR_DELT, "outline"),
    Shape(
        "infraspinatus",
        ((99, 124), (136, 135), (129, 142), (138, 182), (112, 188), (86, 176), (76, 130)),
        "outline",
    ),
    Shape("teres-major", ((86, 178), (110, 190), (102, 202), (80, 204), (66, 192), (70, 182)), "outline"),
    Shape("latissimus-dorsi", _LAT),
    Shape("gluteus-maximus", _GLUTE, "outline"),
    # -- deep (person's right)
    Shape("semispinalis", ((162, 60), (171, 60), (171, 156), (162, 156))),
    Shape("levator-scapulae", ((174, 62), (184, 62), (206, 100), (198, 108), (174, 82))),
    Shape("rhomboid-minor", ((173, 103), (205, 111), (207, 122), (173, 118))),
    Shape("rhomboid-major", ((173, 121), (208, 125), (214, 176), (173, 164))),
    Shape("serratus-posterior-superior", ((209, 112), (240, 118), (246, 150), (218, 162), (211, 126))),
    Shape("rotatores", ((162, 159), (171, 159), (171, 250), (162, 250))),
    Shape("spinalis", ((174, 167), (183, 169), (183, 258), (174, 262))),
    Shape(
        "longissimus", ((186, 170), (198, 172), (200, 300), (192, 330), (174, 334), (174, 266), (186, 262))
    ),
    Shape("iliocostalis", ((201, 173), (216, 178), (220, 230), (212, 300), (203, 300))),
    Shape("multifidus", ((162, 253), (171, 253), (171, 340), (162, 340))),
    Shape("serratus-posterior-inferior", ((222, 226), (238, 228), (238, 262), (216, 270))),
    Shape("quadratus-lumborum", ((215, 276), (236, 274), (232, 312), (212, 306)), "outline"),
    Shape(
        "latissimus-dorsi",
        ((250, 176), (262, 196), (260, 252), (252, 300), (240, 318), (236, 300), (242, 250), (242, 192)),
        mirror=True,
    ),
    Shape("posterior-deltoid", _mirrored(_REAR_DELT), "outline", mirror=True),
    Shape("gluteus-maximus", _mirrored(_GLUTE), "outline", mirror=True),
)

# The body's outline and the spine, drawn under the regions (not links).
_BODY_LEFT = (
    (146, 72), (146, 86), (84, 98), (56, 106), (44, 128), (38, 236), (52, 240), (58, 178),
    (62, 250), (68, 300), (72, 322), (64, 350), (66, 392), (84, 412), (160, 420),
)  # fmt: skip
_BODY = (*_BODY_LEFT, *reversed(_mirrored(_BODY_LEFT[:-1])))


# ---------------------------------------------------------------------- rendering


def back_nodes(catalog: Catalog) -> tuple[str, ...]:
    """Every back node of the catalogue, parents included (what the map must cover)."""
    return tuple(m.id for m in catalog.muscles.values() if m.region is not Region.OTHER)


def leaves_of(node: str, catalog: Catalog) -> frozenset[str]:
    """The drawn regions that stand for ``node`` (a parent is drawn as its parts)."""
    drawn = {s.muscle for s in SHAPES}
    return frozenset(p for p in catalog.parts(node) if p in drawn)


def _points(points: Iterable[Point]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def render_back_map(
    catalog: Catalog,
    *,
    classes: Mapping[str, Iterable[str]] | None = None,
    title: str = "The back muscles, seen from behind",
    labels: bool = True,
) -> Markup:
    """The map as inline SVG markup; ``classes`` adds CSS classes per drawn muscle id."""
    extra = classes or {}
    out = [
        f'<svg class="backmap" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        f'aria-labelledby="backmap-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="backmap-title">{escape(title)}</title>',
        f'<polygon class="body" points="{_points(_BODY)}" aria-hidden="true"/>',
        '<ellipse class="body" cx="160" cy="40" rx="24" ry="32" aria-hidden="true"/>',
        f'<line class="spine" x1="{MIDLINE}" y1="58" x2="{MIDLINE}" y2="344" aria-hidden="true"/>',
    ]
    if labels:
        out.append('<text class="layer" x="80" y="428" text-anchor="middle">surface</text>')
        out.append('<text class="layer" x="240" y="428" text-anchor="middle">deep</text>')
    for shape in SHAPES:
        muscle = catalog.muscle(shape.muscle)
        names = ["region", f"kind-{shape.kind}", *extra.get(shape.muscle, ())]
        side = " (other side)" if shape.mirror else ""
        points = _points(shape.points)
        data = f'data-mirror="{shape.muscle}"' if shape.mirror else f'data-muscle="{shape.muscle}"'
        hidden = ' tabindex="-1" aria-hidden="true"' if shape.mirror else ""
        out.append(
            f'<a href="/muscles/{shape.muscle}" class="region-link"{hidden}>'
            f'<polygon id="{shape.element_id}" {data} class="{escape(" ".join(names))}" points="{points}">'
            f"<title>{escape(muscle.name + side)}</title></polygon></a>"
        )
    out.append("</svg>")
    return Markup("\n".join(out))
