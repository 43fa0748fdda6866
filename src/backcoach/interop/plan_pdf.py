"""The plan and a log sheet as a printable PDF (A4), drawn with reportlab.

The first page carries the title, the person, the date, the plan's outline and the back map with
the muscles the plan targets picked out; then every week, each session as a table (exercise,
sets x reps, load, rest, effort); then a log sheet for each session of the week under way, with
empty boxes to write each set by hand. Masses are in the person's unit.

The map's drawing is given by the caller (``BackFigure``): the geometry lives with the web's SVG
map (``web.backmap``), and this adapter only knows polygons. The text face is Bitstream Vera,
shipped inside reportlab, so the file looks the same on every machine and embeds its glyphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing, Ellipse, Line, Polygon, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import LoadType, Role
from backcoach.planning.plan import Plan, PlanItem, SetSpec
from backcoach.planning.plan import Session as PlannedSession
from backcoach.planning.plan import Week as PlanWeek
from backcoach.science.units import from_kg

Point = tuple[float, float]

# The app's palette (web/static/app.css), so print and screen read alike.
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
LINE = colors.HexColor("#d9dee3")
BAND = colors.HexColor("#eef2f6")
BRAND = colors.HexColor("#1d6fb8")
SKIN = colors.HexColor("#f1e4d8")
SKIN_LINE = colors.HexColor("#8a7a6a")
MUSCLE = colors.HexColor("#eadbd0")  # the library's "not highlighted" fill (.map-card)
OUTLINE = colors.HexColor("#e8d6ca")
TARGET = colors.HexColor("#c0392b")  # --hl-target

FONT, BOLD = "BackcoachVera", "BackcoachVera-Bold"
MARGIN = 16 * mm
BLOCK_TITLES = {"warmup": "Warm-up", "back": "Back", "core": "Core", "arms": "Arms", "cooldown": "Cool-down"}
# Boxes per exercise on a log sheet: the session's most working sets plus one for a set added on
# the day, at least four (a sheet reused for the next week's extra set) and at most seven (what fits
# A4 at a width a hand can write "62.5 × 10" in).
LOG_MIN_BOXES, LOG_MAX_BOXES = 4, 7


@dataclass(frozen=True)
class MapRegion:
    muscle: str
    points: tuple[Point, ...]
    outline: bool = False  # a supporting muscle drawn for orientation, never highlighted


@dataclass(frozen=True)
class BackFigure:
    """The back map as polygons in SVG coordinates (y grows downwards)."""

    width: float
    height: float
    body: tuple[Point, ...]
    head: tuple[float, float, float, float]  # centre x, centre y, radius x, radius y
    spine: tuple[float, float, float, float]  # x1, y1, x2, y2
    regions: tuple[MapRegion, ...]


@dataclass(frozen=True)
class PrintOptions:
    person: str | None  # the name printed on the plan; None prints none
    printed_on: date
    unit: str  # "kg" or "lb"
    today: date  # picks the week the log sheet is for


def _fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(str(resources.files("reportlab").joinpath("fonts")))
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "VeraBd.ttf")))


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=22, leading=26, spaceAfter=4),
        "meta": ParagraphStyle("meta", base, fontSize=10.5, leading=14, textColor=MUTED),
        "h2": ParagraphStyle(
            "h2", base, fontName=BOLD, fontSize=14, leading=18, spaceBefore=10, spaceAfter=4
        ),
        "h3": ParagraphStyle("h3", base, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=3),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=11),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=8.5, leading=10.5, textColor=MUTED),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10, textColor=MUTED),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mass(kg: float, unit: str) -> str:
    return f"{round(from_kg(kg, unit), 1):g} {unit}"


def _reps(s: SetSpec) -> str:
    reps = str(s.reps_min) if s.reps_min == s.reps_max else f"{s.reps_min}–{s.reps_max}"
    if s.hold_s is not None:
        return f"{reps} × {s.hold_s} s" if s.reps_max > 1 else f"{s.hold_s} s"
    return reps


def _name(catalog: Catalog, exercise_id: str) -> str:
    found = catalog.exercises.get(exercise_id)
    return found.name if found is not None else exercise_id


def _working(item: PlanItem) -> tuple[SetSpec, ...]:
    return item.working_sets or item.sets


def _no_load(catalog: Catalog, exercise_id: str) -> str:
    """What the load column says when the plan gives no mass."""
    exercise = catalog.exercises.get(exercise_id)
    kind = exercise.load_type if exercise is not None else LoadType.NONE
    return {
        LoadType.EXTERNAL: "your choice",
        LoadType.BODYWEIGHT: "body weight",
        LoadType.WEIGHTED_BODYWEIGHT: "body weight",
        LoadType.ASSISTED: "assisted",
        LoadType.BAND: "band",
    }.get(kind, "–")


def _row(item: PlanItem, catalog: Catalog, unit: str) -> list[str]:
    sets = _working(item)
    first = sets[0]
    paired = f" (superset {item.superset})" if item.superset else ""
    load = _mass(first.load_kg, unit) if first.load_kg else _no_load(catalog, item.exercise_id)
    rest = f"{first.rest_s} s" if first.rest_s else "–"
    effort = f"{first.rir} in reserve" if first.rir is not None and first.type == "working" else ""
    warmups = len(item.sets) - len(sets) if item.working_sets else 0
    if warmups:
        effort = ", ".join(
            p for p in (effort, f"{warmups} warm-up set{'s' if warmups > 1 else ''} first") if p
        )
    return [
        f"{_name(catalog, item.exercise_id)}{paired}",
        f"{len(sets)} × {_reps(first)}",
        load,
        rest,
        effort,
    ]


def _week_title(week: PlanWeek) -> str:
    flags = [f for f, on in (("lighter week", week.deload), ("gentle start", week.gentle)) if on]
    return f"Week {week.index}" + (f" ({', '.join(flags)})" if flags else "")


def _session_title(s: PlannedSession) -> str:
    return f"{s.date.strftime('%A')} {s.date.day} {s.date.strftime('%B %Y')}"


def _session_meta(s: PlannedSession) -> str:
    return f"{s.emphasis} back emphasis · about {s.estimated_minutes} minutes"


def _table(
    data: list[list[Any]], widths: Sequence[float], bands: Sequence[int], *, log: bool = False
) -> Table:
    table = Table(data, colWidths=list(widths), repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for row in bands:
        style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), BAND)]
    if log:  # a box per set to write in, on exercise rows only
        style += [
            ("GRID", (2, row), (-1, row), 0.6, SKIN_LINE) for row in range(1, len(data)) if row not in bands
        ]
    table.setStyle(TableStyle(style))
    return table


def _session_table(s: PlannedSession, catalog: Catalog, unit: str, st: dict[str, ParagraphStyle]) -> Table:
    head = [Paragraph(h, st["head"]) for h in ("Exercise", "Sets × reps", "Load", "Rest", "Effort")]
    data: list[list[Any]] = [head]
    bands = []
    for block in s.blocks:
        if not block.items:
            continue
        bands.append(len(data))
        data.append([Paragraph(BLOCK_TITLES.get(block.kind, block.kind), st["head"]), "", "", "", ""])
        for item in block.items:
            data.append([Paragraph(_esc(cell), st["cell"]) for cell in _row(item, catalog, unit)])
    width = A4[0] - 2 * MARGIN
    return _table(data, [width * f for f in (0.38, 0.15, 0.14, 0.09, 0.24)], bands)


def _log_table(s: PlannedSession, catalog: Catalog, unit: str, st: dict[str, ParagraphStyle]) -> Table:
    most = max((len(_working(i)) for i in s.items), default=0)
    boxes = min(LOG_MAX_BOXES, max(LOG_MIN_BOXES, most + 1))
    head: list[Any] = [Paragraph("Exercise", st["head"]), Paragraph("Planned", st["head"])]
    head += [Paragraph(f"Set {n}", st["head"]) for n in range(1, boxes + 1)]
    data: list[list[Any]] = [head]
    bands = []
    for block in s.blocks:
        if not block.items:
            continue
        bands.append(len(data))
        data.append([Paragraph(BLOCK_TITLES.get(block.kind, block.kind), st["head"])] + [""] * (1 + boxes))
        for item in block.items:
            name, sets, load, *_ = _row(item, catalog, unit)
            planned = f"{sets} @ {load}" if load[0].isdigit() else sets
            data.append(
                [Paragraph(_esc(name), st["cell"]), Paragraph(_esc(planned), st["cell"])] + [""] * boxes
            )
    width = A4[0] - 2 * MARGIN
    box = min(width * 0.09, width * 0.55 / boxes)
    widths = [width - width * 0.2 - boxes * box, width * 0.2] + [box] * boxes
    table = _table(data, widths, bands, log=True)
    table.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white])]))
    for row in range(1, len(data)):
        if row not in bands:
            table._argH[row] = 11 * mm  # room to write by hand
    return table


def _back_map(figure: BackFigure, targets: frozenset[str], width: float) -> Drawing:
    scale = width / figure.width
    drawing = Drawing(width, figure.height * scale)

    def flip(points: Sequence[Point]) -> list[float]:
        out: list[float] = []
        for x, y in points:
            out += [x * scale, (figure.height - y) * scale]
        return out

    drawing.add(Polygon(flip(figure.body), fillColor=SKIN, strokeColor=SKIN_LINE, strokeWidth=0.8))
    cx, cy, rx, ry = figure.head
    drawing.add(
        Ellipse(
            cx * scale,
            (figure.height - cy) * scale,
            rx * scale,
            ry * scale,
            fillColor=SKIN,
            strokeColor=SKIN_LINE,
            strokeWidth=0.8,
        )
    )
    x1, y1, x2, y2 = figure.spine
    drawing.add(
        Line(
            x1 * scale,
            (figure.height - y1) * scale,
            x2 * scale,
            (figure.height - y2) * scale,
            strokeColor=SKIN_LINE,
            strokeWidth=1,
            strokeDashArray=[2, 2],
        )
    )
    for region in figure.regions:
        fill = OUTLINE if region.outline else TARGET if region.muscle in targets else MUSCLE
        drawing.add(Polygon(flip(region.points), fillColor=fill, strokeColor=colors.white, strokeWidth=0.8))
    for text, x in (("surface", figure.width / 4), ("deep", figure.width * 3 / 4)):
        drawing.add(
            String(x * scale, 0, text, fontName=FONT, fontSize=7, fillColor=MUTED, textAnchor="middle")
        )
    return drawing


def _legend(st: dict[str, ParagraphStyle]) -> Table:
    swatch = Drawing(10, 10)
    swatch.add(Polygon([0, 0, 10, 0, 10, 10, 0, 10], fillColor=TARGET, strokeColor=TARGET))
    plain = Drawing(10, 10)
    plain.add(Polygon([0, 0, 10, 0, 10, 10, 0, 10], fillColor=MUSCLE, strokeColor=SKIN_LINE, strokeWidth=0.4))
    table = Table(
        [
            [swatch, Paragraph("Targeted by this plan", st["small"])],
            [plain, Paragraph("Not a target this time", st["small"])],
        ],
        colWidths=[14, 120],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def targeted_muscles(plan: Plan, catalog: Catalog) -> frozenset[str]:
    """The muscles some exercise of the plan targets, with their parts (what the map shades)."""
    found: set[str] = set()
    for week in plan.weeks:
        for session in week.sessions:
            for item in session.items:
                exercise = catalog.exercises.get(item.exercise_id)
                if exercise is None:
                    continue
                for involvement in exercise.muscles:
                    if involvement.role is Role.TARGET and involvement.muscle in catalog.muscles:
                        found.update(catalog.parts(involvement.muscle))
                        found.add(involvement.muscle)
    return frozenset(found)


def log_week(plan: Plan, today: date) -> PlanWeek:
    """The week under way, else the next one, else the last (the one a log sheet is for)."""
    for week in plan.weeks:
        if week.sessions and today <= week.sessions[-1].date:
            return week
    return plan.weeks[-1]


def _first_page(
    plan: Plan,
    catalog: Catalog,
    options: PrintOptions,
    figure: BackFigure | None,
    st: dict[str, ParagraphStyle],
) -> list[Any]:
    profile = plan.profile
    per_week = max((len(w.sessions) for w in plan.weeks), default=0)
    who = f"For {_esc(options.person)} · " if options.person else ""
    printed = f"{options.printed_on.day} {options.printed_on.strftime('%B %Y')}"
    first = plan.weeks[0].sessions[0].date if plan.weeks and plan.weeks[0].sessions else None
    outline = [
        f"Level: {profile.level.value}",
        f"Goal: {profile.goal.value.replace('_', ' ')}",
        f"{len(plan.weeks)} weeks, {per_week} session{'s' if per_week != 1 else ''} a week",
        f"Starts {first.day} {first.strftime('%B %Y')}" if first else "",
        f"Loads in {options.unit}",
    ]
    facts = [Paragraph(_esc(line), st["body"]) for line in outline if line]
    facts += [
        Spacer(1, 6),
        Paragraph(
            "Each session lists its exercises in order. Rest is the pause after each set; effort is how "
            "many more clean repetitions you could still have done when you stop a set.",
            st["small"],
        ),
        *(
            [
                Spacer(1, 4),
                Paragraph(
                    "Exercises of one superset (the same letter) are done back to back, with the rest "
                    "after the pair.",
                    st["small"],
                ),
            ]
            if any(i.superset for w in plan.weeks for x in w.sessions for i in x.items)
            else []
        ),
        Spacer(1, 6),
        Paragraph(
            "Stop any exercise that hurts. If the pain stays, see a doctor or physiotherapist.", st["small"]
        ),
    ]
    head: list[Any] = [
        Paragraph("Your back training plan", st["title"]),
        Paragraph(f"{who}printed {printed}", st["meta"]),
        Spacer(1, 8),
    ]
    if figure is None:
        return [*head, *facts]
    map_width = 62 * mm
    side: list[Any] = [
        _back_map(figure, targeted_muscles(plan, catalog), map_width),
        Spacer(1, 3),
        _legend(st),
    ]
    body_width = A4[0] - 2 * MARGIN
    layout = Table([[side, facts]], colWidths=[map_width + 6 * mm, body_width - map_width - 6 * mm])
    layout.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [*head, layout]


def plan_pdf(plan: Plan, catalog: Catalog, options: PrintOptions, figure: BackFigure | None = None) -> bytes:
    """The plan, then the log sheet for the week under way, as PDF bytes."""
    _fonts()
    st = _styles()

    story: list[Any] = _first_page(plan, catalog, options, figure, st)
    for week in plan.weeks:
        story.append(CondPageBreak(60 * mm))
        story.append(Paragraph(_week_title(week), st["h2"]))
        for session in week.sessions:
            if not session.items:
                continue
            story.append(
                KeepTogether(
                    [
                        Paragraph(_session_title(session), st["h3"]),
                        Paragraph(_esc(_session_meta(session)), st["small"]),
                        Spacer(1, 3),
                        _session_table(session, catalog, options.unit, st),
                    ]
                )
            )
    week = log_week(plan, options.today)
    for session in week.sessions:
        if not session.items:
            continue
        story += [
            PageBreak(),
            Paragraph(f"Log sheet · {_week_title(week)}", st["title"]),
            Paragraph(f"{_session_title(session)} · {_esc(_session_meta(session))}", st["meta"]),
            Spacer(1, 6),
            Paragraph(
                f"Write each set as load × reps (for example 20 × 10), in {options.unit}. "
                "Body-weight work: the reps alone.",
                st["small"],
            ),
            Spacer(1, 6),
            _log_table(session, catalog, options.unit, st),
            Spacer(1, 10),
            Paragraph("Notes (how it felt, anything that hurt):", st["body"]),
            Spacer(1, 4),
            _lines(3),
        ]
    out = BytesIO()
    title = "Your back training plan" + (f" for {options.person}" if options.person else "")
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author="backcoach",
        subject="Training plan and log sheet",
    )
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return out.getvalue()


def _lines(count: int) -> Drawing:
    width = A4[0] - 2 * MARGIN
    drawing = Drawing(width, count * 9 * mm)
    for n in range(count):
        y = n * 9 * mm + 1
        drawing.add(Line(0, y, width, y, strokeColor=LINE, strokeWidth=0.8))
    return drawing


def _footer(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, MARGIN - 2 * mm, "backcoach · stop any exercise that hurts")
    canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2 * mm, f"page {doc.page}")
    canvas.restoreState()


__all__ = ["BackFigure", "MapRegion", "PrintOptions", "log_week", "plan_pdf", "targeted_muscles"]
