"""Progress: e1RM charts and rep records per exercise, weekly volume against landmarks, recovery."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backcoach.analysis import parse_iso_week
from backcoach.app import analytics, log
from backcoach.errors import BackcoachError
from backcoach.science.units import from_kg
from backcoach.web.backmap import render_back_map
from backcoach.web.deps import CatalogDep, Uow, ViewerDep
from backcoach.web.pages.charts import e1rm_svg
from backcoach.web.pages.library import VOLUME_CLASS, recovery_class
from backcoach.web.pages.rendering import field_errors, now, redirect, render

router = APIRouter()


@router.get("/progress", response_class=HTMLResponse, response_model=None)
def progress_index(request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Choose an exercise to see its estimated 1RM over time and its records."""
    chosen = request.query_params.get("exercise", "").strip()
    if chosen:
        return redirect(f"/progress/{catalog.exercise(chosen).id}")
    logged: dict[str, int] = {}
    for _, w in log.workouts_of(uow, user=viewer.user):
        for s in w.hard_sets:
            logged[s.exercise_id] = logged.get(s.exercise_id, 0) + 1
    trained = sorted((catalog.exercise(e) for e in logged), key=lambda e: e.name)
    return render(
        request,
        "progress_index.html",
        {
            "trained": trained,
            "counts": logged,
            "exercises": sorted(catalog.exercises.values(), key=lambda e: e.name),
        },
    )


@router.get("/progress/{exercise_id}", response_class=HTMLResponse)
def progress(
    request: Request, exercise_id: str, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> HTMLResponse:
    """Estimated 1RM over time (chart and table) and rep records for one exercise."""
    report = analytics.progress(uow, catalog=catalog, user=viewer.user, exercise_id=exercise_id).to_json()
    return render(
        request,
        "progress.html",
        {"report": report, "ex": catalog.exercise(exercise_id), "unit": viewer.user.display_unit},
    )


@router.get("/progress/{exercise_id}/chart.svg")
def progress_chart(exercise_id: str, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """The estimated-1RM chart as SVG, in your unit."""
    report = analytics.progress(uow, catalog=catalog, user=viewer.user, exercise_id=exercise_id).to_json()
    unit = viewer.user.display_unit
    points = [(date.fromisoformat(p["date"]), from_kg(p["e1rm_kg"], unit)) for p in report["e1rm"]]
    svg = e1rm_svg(points, title=f"{report['name']}: estimated 1RM", unit=unit)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "private, no-cache"})


def _week_links(week: str) -> tuple[str, str]:
    monday, _ = parse_iso_week(week)
    before, after = monday - timedelta(days=7), monday + timedelta(days=7)
    return (
        f"{before.isocalendar().year}-W{before.isocalendar().week:02d}",
        f"{after.isocalendar().year}-W{after.isocalendar().week:02d}",
    )


@router.get("/volume", response_class=HTMLResponse)
def volume(request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> HTMLResponse:
    """Hard sets per back muscle in a week (?week=2026-W05) against its volume landmarks."""
    wanted = request.query_params.get("week", "").strip() or None
    errors: dict[str, str] = {}
    try:
        report = analytics.volume(uow, catalog=catalog, user=viewer.user, week=wanted, now=now())
    except BackcoachError as exc:
        errors = field_errors(exc, default="week")
        report = analytics.volume(uow, catalog=catalog, user=viewer.user, week=None, now=now())
    previous, following = _week_links(report["week"])
    classes = {
        node: [VOLUME_CLASS.get(v["status"] or "", "vol-none")] for node, v in report["muscles"].items()
    }
    return render(
        request,
        "volume.html",
        {
            "report": report,
            "asked": wanted or "",
            "previous": previous,
            "following": following,
            "errors": errors,
            "catalog": catalog,
            "backmap": render_back_map(catalog, classes=classes, title=f"Volume in {report['week']}"),
        },
        status=422 if errors else 200,
    )


@router.get("/recovery", response_class=HTMLResponse)
def recovery(request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> HTMLResponse:
    """How recovered each back muscle is now (0-100 %), from your logged hard sets."""
    percent = analytics.recovery(uow, catalog=catalog, user=viewer.user, now=now())
    classes = {node: [recovery_class(p)] for node, p in percent.items()}
    return render(
        request,
        "recovery.html",
        {
            "percent": percent,
            "bands": {node: recovery_class(p) for node, p in percent.items()},
            "catalog": catalog,
            "backmap": render_back_map(catalog, classes=classes, title="Recovery now"),
        },
    )
