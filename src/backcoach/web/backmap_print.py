"""The back map's drawing handed to the PDF printer: the same polygons as the page's SVG map
(``web.backmap``), as plain data the print adapter draws (it cannot import the web layer)."""

from __future__ import annotations

from backcoach.interop.plan_pdf import BackFigure, MapRegion
from backcoach.web import backmap


def back_figure() -> BackFigure:
    """The map as the PDF draws it: outline, head, spine and every region but the mirrored copies
    (one region a muscle is enough on paper; the copies only widen the click target on screen)."""
    return BackFigure(
        width=backmap.WIDTH,
        height=backmap.HEIGHT,
        body=backmap._BODY,
        head=(backmap.MIDLINE, 40, 24, 32),  # the ellipse render_back_map draws
        spine=(backmap.MIDLINE, 58, backmap.MIDLINE, 344),  # the dashed line render_back_map draws
        regions=tuple(MapRegion(s.muscle, s.points, outline=s.kind == "outline") for s in backmap.SHAPES),
    )
