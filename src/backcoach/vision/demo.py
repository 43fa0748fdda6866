"""An animated side-view stick figure of an exercise's correct form, as a self-contained SVG (no
script, no external assets: SMIL ``<animate>`` moves each segment through the kinematic model's
repetition). For the exercise pages; the model is ``vision.kinematics``."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from backcoach.vision.kinematics import Exercise, side_outline

KEYFRAMES = 13  # phases sampled over one repetition (up, then down)
SECONDS = 3.0  # one repetition: ~1 s up, a hold, ~1.5 s down (ACSM's moderate tempo)
SIZE = 240


def stick_figure_svg(exercise: Exercise, *, title: str | None = None) -> str:
    """The SVG text of one looping repetition of ``exercise`` seen from the side."""
    phases = [1 - abs(1 - 2 * k / (KEYFRAMES - 1)) for k in range(KEYFRAMES)]
    frames = [side_outline(exercise, p) for p in phases]
    xs = [x for f in frames for seg in f for x in (seg[0][0], seg[1][0])]
    ys = [y for f in frames for seg in f for y in (seg[0][1], seg[1][1])]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = (SIZE - 40) / span
    cx = (max(xs) + min(xs)) / 2
    cy = (max(ys) + min(ys)) / 2

    def px(x: float) -> str:
        return f"{SIZE / 2 + (x - cx) * scale:.1f}"

    def py(y: float) -> str:
        return f"{SIZE / 2 - (y - cy) * scale:.1f}"

    label = title or exercise.value.replace("-", " ")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}" '
        f'role="img" aria-label={quoteattr(f"{label}: one repetition, seen from the side")}>',
        f"<title>{label}</title>",
        '<g stroke="currentColor" stroke-width="6" stroke-linecap="round" fill="none">',
    ]
    for i in range(len(frames[0])):
        (x1, y1), (x2, y2) = frames[0][i]
        parts.append(f'<line x1="{px(x1)}" y1="{py(y1)}" x2="{px(x2)}" y2="{py(y2)}">')
        for attr, pick in (("x1", (0, 0)), ("y1", (0, 1)), ("x2", (1, 0)), ("y2", (1, 1))):
            conv = px if attr.startswith("x") else py
            values = ";".join(conv(f[i][pick[0]][pick[1]]) for f in frames)
            parts.append(_animate(attr, values))
        parts.append("</line>")
    head_x, head_y = frames[0][0][0]
    head_values = ";".join(f"{px(f[0][0][0])}" for f in frames), ";".join(f"{py(f[0][0][1])}" for f in frames)
    parts.append(f'<circle cx="{px(head_x)}" cy="{py(head_y)}" r="10" fill="currentColor">')
    parts.append(
        f'<animate attributeName="cx" values="{head_values[0]}" dur="{SECONDS}s" repeatCount="indefinite"/>'
    )
    parts.append(
        f'<animate attributeName="cy" values="{head_values[1]}" dur="{SECONDS}s" repeatCount="indefinite"/>'
    )
    parts.append("</circle></g></svg>")
    return "".join(parts)


def _animate(attr: str, values: str) -> str:
    return f'<animate attributeName="{attr}" values="{values}" dur="{SECONDS}s" repeatCount="indefinite"/>'
