"""Charts as SVG drawn here: an estimated-1RM line over time.

Drawn by hand rather than with matplotlib: the markup is small, has no ``style`` attributes (the
app's Content Security Policy allows no inline styles) and renders in microseconds. Colours are
presentation attributes, which CSP does not govern.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

# Drawn small and shown at most 36rem wide (app.css), so the text stays legible either way: on a
# 390 px phone the chart is about 356 px wide, and a 15-unit label is about 11 px tall.
WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 40, 44  # margins for the axis labels and the title
FONT, TITLE_FONT = 15, 17  # in viewBox units
INK, LINE, GRID = "#1f2933", "#1d6fb8", "#d9dee3"


def _nice_step(span: float) -> float:
    """A round tick step giving about five ticks over ``span``."""
    raw = max(span / 5, 1e-9)
    magnitude: float = 10.0 ** int(f"{raw:e}".split("e")[1])
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def e1rm_svg(points: Sequence[tuple[date, float]], *, title: str, unit: str) -> str:
    """An SVG document: the points (day, e1RM in ``unit``) joined by a line, with labelled axes."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="24" font-family="sans-serif" font-size="{TITLE_FONT}" fill="{INK}">'
        f"{escape(title)}</text>",
    ]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if not points:
        out.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-family="sans-serif" '
            f'font-size="{FONT}" fill="{INK}">No loaded working sets yet</text>'
        )
        out.append("</svg>")
        return "\n".join(out)
    values = [v for _, v in points]
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.1, 1.0)
    step = _nice_step(hi - lo + 2 * pad)
    y_min = (int((lo - pad) / step)) * step
    y_max = y_min + step * (int((hi + pad - y_min) / step) + 1)
    first, last = points[0][0], points[-1][0]
    days = max((last - first).days, 1)

    def x_of(day: date) -> float:
        return LEFT + plot_w * ((day - first).days / days if len(points) > 1 else 0.5)

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - (value - y_min) / (y_max - y_min))

    tick = y_min
    while tick <= y_max + 1e-9:
        y = y_of(tick)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end" font-family="sans-serif" '
            f'font-size="{FONT}" fill="{INK}">{tick:g}</text>'
        )
        tick += step
    out.append(
        f'<text x="14" y="{TOP + plot_h / 2}" transform="rotate(-90 14 {TOP + plot_h / 2})" '
        f'text-anchor="middle" font-family="sans-serif" font-size="{FONT}" fill="{INK}">'
        f"e1RM ({escape(unit)})</text>"
    )
    end = len(points) - 1
    for i in sorted({0, end, end // 2}):
        day = points[i][0]
        # the first label starts at its point and the last ends at its own, so neither is cut
        anchor = "middle" if end == 0 else "start" if i == 0 else "end" if i == end else "middle"
        out.append(
            f'<text x="{x_of(day):.1f}" y="{HEIGHT - BOTTOM + 22}" text-anchor="{anchor}" '
            f'font-family="sans-serif" font-size="{FONT}" fill="{INK}">{day.strftime("%-d %b %y")}</text>'
        )
    path = " ".join(f"{x_of(d):.1f},{y_of(v):.1f}" for d, v in points)
    out.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2.5"/>')
    for d, v in points:
        out.append(
            f'<circle cx="{x_of(d):.1f}" cy="{y_of(v):.1f}" r="4" fill="{LINE}">'
            f"<title>{d.isoformat()}: {v:.1f} {escape(unit)}</title></circle>"
        )
    out.append("</svg>")
    return "\n".join(out)
