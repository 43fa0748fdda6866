"""A form check's chart per repetition, as SVG drawn here (like ``charts``: no inline styles, so
the Content Security Policy holds): the elbow angle and the torso lean over the repetition."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

WIDTH, HEIGHT = 260, 170
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 28, 30
FONT = 12
INK, ELBOW, TORSO, GRID = "#1f2933", "#1d6fb8", "#2e7d32", "#d9dee3"
ANGLE_MAX = 180.0  # joint angles and leans are drawn on one 0-180° scale
TICKS = (0, 45, 90, 135, 180)


def _path(ts: Sequence[float], values: Sequence[float | None], span: float) -> str:
    """An SVG path through the points, broken where a value is missing (no person seen)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts: list[str] = []
    pen_up = True
    for t, v in zip(ts, values, strict=True):
        if v is None:
            pen_up = True
            continue
        x = LEFT + plot_w * (t / span if span > 0 else 0)
        y = TOP + plot_h * (1 - min(max(v, 0.0), ANGLE_MAX) / ANGLE_MAX)
        parts.append(f"{'M' if pen_up else 'L'}{x:.1f},{y:.1f}")
        pen_up = False
    return " ".join(parts)


def rep_chart_svg(chart: dict[str, Any], *, title: str) -> str:
    """One repetition: elbow angle (blue) and torso lean (green) against seconds into the rep."""
    ts: list[float] = [float(t) for t in chart.get("t", [])]
    span = max(ts) if ts else 0.0
    ident = f"rep-{int(chart.get('index', 0))}"
    plot_h = HEIGHT - TOP - BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="{ident}-title">',
        f'<title id="{ident}-title">{escape(title)}: elbow angle and torso lean over '
        f"{span:.1f} seconds</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="17" font-family="sans-serif" font-size="{FONT + 1}" fill="{INK}">'
        f"Repetition {int(chart.get('index', 0))}</text>",
    ]
    for tick in TICKS:
        y = TOP + plot_h * (1 - tick / ANGLE_MAX)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}"/>')
        out.append(
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" font-family="sans-serif" '
            f'font-size="{FONT}" fill="{INK}">{tick}°</text>'
        )
    out.append(
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end" font-family="sans-serif" '
        f'font-size="{FONT}" fill="{INK}">{span:.1f} s</text>'
    )
    for key, colour in (("elbow", ELBOW), ("torso", TORSO)):
        d = _path(ts, chart.get(key, []), span)
        if d:
            out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
    out.append("</svg>")
    return "".join(out)
