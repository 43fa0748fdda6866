"""The catalogue pages: the exercise library with filters, one exercise, the back map, one muscle.

They show no one's data and need no sign-in, except the map's colouring by a person's own volume
or recovery (``/anatomy?colour=volume|recovery``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from backcoach.app import analytics
from backcoach.catalog import Catalog, Category, ExerciseQuery, Level, Region, Role, Setting
from backcoach.catalog import public as catalog_public
from backcoach.catalog.models import Exercise
from backcoach.catalog.search import MAX_QUERY, ranked
from backcoach.errors import BackcoachError
from backcoach.vision.demo import stick_figure_svg
from backcoach.vision.kinematics import Exercise as VisionExercise
from backcoach.web.backmap import SHAPES, back_nodes, leaves_of, render_back_map
from backcoach.web.deps import CatalogDep, SessionDataDep, SettingsDep, Uow, get_viewer
from backcoach.web.pages.rendering import field_errors, now, render, volume_status

router = APIRouter()

ROLE_CLASS = {Role.TARGET: "hl-target", Role.SYNERGIST: "hl-synergist", Role.STABILISER: "hl-stabiliser"}
# Volume status → map class: below maintenance or MEV, productive (MEV to the top of MAV), above.
VOLUME_CLASS = {
    "below_mv": "vol-below",
    "below_mev": "vol-below",
    "productive": "vol-productive",
    "above_mav": "vol-above",
    "above_mrv": "vol-over",
}
# Recovery bands, as the CLI colours them: under 70 % red, under 90 % amber, else green.
RECOVERY_BANDS = ((90.0, "rec-high"), (70.0, "rec-mid"), (0.0, "rec-low"))


# The recovery bands in words, as the map's legend says them (``_macros.backmap_legend``).
RECOVERY_WORDS = {"rec-high": "recovered", "rec-mid": "recovering", "rec-low": "tired"}


def recovery_class(percent: float) -> str:
    return next(name for floor, name in RECOVERY_BANDS if percent >= floor)


def role_classes(exercise: Exercise, catalog: Catalog) -> dict[str, list[str]]:
    """Map classes that highlight an exercise's muscles by their strongest role."""
    rank = {Role.TARGET: 0, Role.SYNERGIST: 1, Role.STABILISER: 2}
    best: dict[str, Role] = {}
    for inv in exercise.muscles:
        for leaf in leaves_of(inv.muscle, catalog):
            if leaf not in best or rank[inv.role] < rank[best[leaf]]:
                best[leaf] = inv.role
    return {leaf: [ROLE_CLASS[role]] for leaf, role in best.items()}


def _enum(raw: str, kind: type[Any], field: str, errors: dict[str, str]) -> Any:
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError:
        allowed = ", ".join(v.value for v in kind)
        errors[field] = f"'{raw}' is not one of {allowed}"
        return None


@router.get("/exercises", response_class=HTMLResponse)
def exercises(request: Request, catalog: CatalogDep) -> HTMLResponse:
    """The exercise library, filtered by muscle, region, equipment, level, setting and category."""
    params = request.query_params
    errors: dict[str, str] = {}
    muscle = params.get("muscle", "").strip() or None
    if muscle is not None and muscle not in catalog.muscles:
        errors["muscle"] = f"'{muscle}' is not a muscle in the catalogue"
        muscle = None
    equipment = frozenset(e for e in params.getlist("equipment") if e)
    unknown = sorted(e for e in equipment if e not in catalog.equipment)
    if unknown:
        errors["equipment"] = f"unknown equipment: {', '.join(unknown)}"
    picked = {key: params.get(key, "") for key in ("region", "level", "setting", "category")}
    query = ExerciseQuery(
        muscle=muscle,
        region=_enum(picked["region"], Region, "region", errors),
        equipment=(equipment - set(unknown)) or None,
        level=_enum(picked["level"], Level, "level", errors),
        setting=_enum(picked["setting"], Setting, "setting", errors),
        category=_enum(picked["category"], Category, "category", errors),
    )
    text = params.get("q", "").strip()[:MAX_QUERY]
    chosen: dict[str, object] = {"muscle": muscle or "", "equipment": equipment, "q": text, **picked}
    found = list(catalog.query(query))
    if text:
        found = ranked(catalog, text, list(found))
    return render(
        request,
        "exercises.html",
        {
            "found": found,
            "chosen": chosen,
            "errors": errors,
            "catalog": catalog,
            "regions": [r for r in Region if r is not Region.OTHER],
            "levels": list(Level),
            "settings": list(Setting),
            "categories": list(Category),
        },
        status=422 if errors else 200,
    )


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise(request: Request, exercise_id: str, catalog: CatalogDep) -> HTMLResponse:
    """One exercise: set-up, numbered steps, cues, mistakes, cautions, links and its muscles on the map."""
    ex = catalog.exercise(exercise_id)
    links = {
        "Easier (regressions)": [catalog.exercise(i) for i in ex.regressions],
        "Harder (progressions)": [catalog.exercise(i) for i in ex.progressions],
        "Alternatives": [catalog.exercise(i) for i in ex.alternatives],
    }
    muscles = sorted(ex.muscles, key=lambda i: (list(Role).index(i.role), -i.weight))
    return render(
        request,
        "exercise.html",
        {
            "ex": ex,
            "catalog": catalog,
            "mistakes": catalog.mistakes_of(ex),
            "links": links,
            "muscles": muscles,
            "equipment": [catalog.equipment_item(e) for e in ex.equipment],
            "backmap": render_back_map(
                catalog, classes=role_classes(ex, catalog), title=f"Muscles used in {ex.name}"
            ),
            "demo": form_demo(ex.id, ex.name),
        },
    )


def form_demo(exercise_id: str, name: str) -> Markup | None:
    """The animated stick figure of one correct repetition, for the exercises the form check models."""
    try:
        modelled = VisionExercise(exercise_id)
    except ValueError:
        return None
    return Markup(stick_figure_svg(modelled, title=name))  # our own SVG, built from numbers


@router.get("/anatomy", response_class=HTMLResponse)
def anatomy(
    request: Request, uow: Uow, catalog: CatalogDep, settings: SettingsDep, data: SessionDataDep
) -> HTMLResponse:
    """The interactive back map; ?colour=volume or ?colour=recovery colours it with your training."""
    colour = request.query_params.get("colour", "")
    errors: dict[str, str] = {}
    classes: dict[str, list[str]] = {}
    readings: dict[str, dict[str, Any]] = {}
    week = None
    if colour not in ("", "volume", "recovery"):
        errors["colour"] = f"'{colour}' is not one of volume, recovery"
        colour = ""
    if colour:
        viewer = get_viewer(request, uow, settings, data)  # colouring reads the person's log: sign-in needed
        if colour == "volume":
            try:
                volume = analytics.volume(
                    uow,
                    catalog=catalog,
                    user=viewer.user,
                    week=request.query_params.get("week") or None,
                    now=now(),
                )
            except BackcoachError as exc:
                errors.update(field_errors(exc))
                volume = analytics.volume(uow, catalog=catalog, user=viewer.user, week=None, now=now())
            week = volume["week"]
            for node, v in volume["muscles"].items():
                status = v["status"]
                readings[node] = reading(catalog, node, f"{v['sets']:g} sets", volume_status(status))
                classes[node] = [VOLUME_CLASS.get(status or "", "vol-none")]
        else:
            recovery = analytics.recovery(uow, catalog=catalog, user=viewer.user, now=now())
            for node, percent in recovery.items():
                band = RECOVERY_WORDS[recovery_class(percent)]
                readings[node] = reading(catalog, node, f"{percent:.0f} %", band)
                classes[node] = [recovery_class(percent)]
    drawn = {s.muscle for s in SHAPES}
    back = back_nodes(catalog)
    return render(
        request,
        "anatomy.html",
        {
            "colour": colour,
            "week": week,
            "errors": errors,
            "readings": readings,
            "nodes": [catalog.muscle(n) for n in back],
            "outlines": [m for m in catalog.muscles.values() if m.id in drawn and m.id not in back],
            "catalog": catalog,
            "backmap": render_back_map(catalog, classes=classes),
        },
        status=422 if errors else 200,
    )


def reading(catalog: Catalog, node: str, value: str, status: str) -> dict[str, str]:
    """One muscle's reading as a person reads it: its catalogue name, the figure and the status in
    words ("Latissimus dorsi (lats)", "3 sets", "too little to grow"), never an id or a code."""
    return {"name": catalog.muscle(node).name, "value": value, "status": status}


@router.get("/muscles/{muscle_id}", response_class=HTMLResponse)
def muscle(request: Request, muscle_id: str, catalog: CatalogDep) -> HTMLResponse:
    """One muscle: what it does, its parts, and the exercises that train it, by role."""
    m = catalog.muscle(muscle_id)
    detail = catalog_public.muscle_detail(m, catalog)
    leaves = leaves_of(m.id, catalog)
    return render(
        request,
        "muscle.html",
        {
            "m": m,
            "detail": detail,
            "parent": catalog.muscle(m.parent) if m.parent else None,
            "children": catalog.children(m.id),
            "exercises_by_role": catalog.exercises_for_muscle(m.id),
            "backmap": render_back_map(
                catalog, classes={leaf: ["hl-target"] for leaf in leaves}, title=f"Where {m.name} lies"
            )
            if leaves
            else None,
        },
    )
