"""The guided workout: the server-side state machine rendered one step at a time.

Every action is a form POST that redirects back to ``GET /workout`` (post/redirect/get), so a
reload, a lost connection or another device shows the same step from the stored state. Each step
form carries the state's token; a stale double tap is refused by the service and lands on the
current step again. Pain is always accepted (no token): it goes to the safety core whatever the
page shows, and during a workout its guidance becomes the next step.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backcoach.app import guided, log, pain
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError, Conflict, NotFound, SafetyHold
from backcoach.safety import BodyRegion
from backcoach.sessions import PainGuidanceStep, PainReported, RestStep, SummaryStep
from backcoach.web.deps import CatalogDep, Csrf, RecordId, Uow, Viewer, ViewerDep
from backcoach.web.pages.rendering import Form, field_errors, now, redirect, render, text

router = APIRouter(prefix="/workout")

PAIN_FLAGS = {
    "sharp": "It is sharp or stabbing",
    "radiating": "It spreads down an arm or a leg",
    "numbness": "Numbness, tingling or pins and needles",
}
CAUDA_EQUINA = {
    "saddle_numbness": "Numbness between the legs or around the back passage (the saddle area)",
    "bladder_or_bowel_change": "New trouble controlling your bladder or bowel",
    "leg_weakness": "Your legs are getting weak",
    "both_legs": "Pain or numbness in both legs",
}


def pain_locations(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    """The pain form's choices: body regions, then back muscles by name."""
    regions = [(r.value, r.value.replace("_", " ").capitalize()) for r in BodyRegion]
    back = sorted(
        ((m.id, m.name) for m in catalog.back_leaves()),
        key=lambda pair: pair[1],
    )
    return {"Where on the body": regions, "A back muscle": back}


def _pain_context(catalog: Catalog) -> dict[str, Any]:
    return {"locations": pain_locations(catalog), "pain_flags": PAIN_FLAGS, "cauda_equina": CAUDA_EQUINA}


def _idle_context(uow: UnitOfWork, viewer: Viewer) -> dict[str, Any]:
    """No workout in progress: today's planned session to start, or why there is none."""
    found = guided.idle(uow, user=viewer.user, day=now().date())
    scheduled = found.todays
    return {
        "view": None,
        "todays": scheduled.session if scheduled is not None else None,
        "adapted_reason": scheduled.adapted_reason if scheduled is not None else None,
        "done_today": found.done_today,
        "hold": found.hold,
        "decision": found.decision,
        "has_plan": found.has_plan,
    }


def _at_the_set(uow: UnitOfWork, view: guided.GuidedView, catalog: Catalog, viewer: Viewer) -> dict[str, Any]:
    """For a set: what was done last time, its load to prefill, and the plates for a barbell load."""
    found = guided.at_the_set(uow, catalog=catalog, user=viewer.user, view=view)
    if found is None:
        return {}
    return {"last_time": found.last_time, "last_load": found.load_kg, "plates": found.plates}


def _step_context(view: guided.GuidedView, catalog: Catalog, viewer: Viewer) -> dict[str, Any]:
    step = view.step
    summary = step if isinstance(step, SummaryStep) else None
    if isinstance(step, PainGuidanceStep) and step.summary is not None:
        summary = step.summary
    rest_ends = None
    rest_left = 0
    if isinstance(step, RestStep):
        rest_ends = step.began_at + timedelta(seconds=step.seconds)
        rest_left = max(0, int((rest_ends - now()).total_seconds()))
    return {
        "view": view,
        "step": step,
        "summary": summary,
        "rest_ends": rest_ends,
        "rest_left": rest_left,
        "unit": viewer.user.display_unit,
        "catalog": catalog,
    }


def adaptations_by_reason(changes: Iterable[tuple[date, str]]) -> list[tuple[str, list[date]]]:
    """Each distinct reason once, with the dates of the sessions it changed, in date order."""
    by_reason: dict[str, list[date]] = {}
    for day, reason in sorted(changes):
        by_reason.setdefault(reason, []).append(day)
    return list(by_reason.items())


def _page(
    request: Request,
    uow: UnitOfWork,
    catalog: Catalog,
    viewer: Viewer,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    view = guided.current(uow, catalog=catalog, user=viewer.user)
    context = (
        {**_step_context(view, catalog, viewer), **_at_the_set(uow, view, catalog, viewer)}
        if view is not None
        else _idle_context(uow, viewer)
    )
    return render(
        request,
        "workout/page.html",
        {
            **context,
            **_pain_context(catalog),
            "errors": errors or {},
            "values": values or {},
            "stale": request.query_params.get("stale") == "1",
            "unit": viewer.user.display_unit,
            "catalog": catalog,
        },
        status=status,
    )


@router.get("", response_class=HTMLResponse)
def workout_page(request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> HTMLResponse:
    """The guided workout at its current step (the same step after a reload), or today's to start."""
    return _page(request, uow, catalog, viewer)


@router.post("/start", response_class=HTMLResponse, dependencies=[Csrf])
def start(request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Start today's planned session (a second tap returns the one already started)."""
    try:
        guided.start(uow, catalog=catalog, user=viewer.user, day=now().date(), now=now())
    except SafetyHold:
        return _page(request, uow, catalog, viewer, status=409)  # the page says why, and what to do
    except Conflict:
        return redirect("/workout?stale=1")
    except BackcoachError as exc:
        return _page(request, uow, catalog, viewer, errors=field_errors(exc, default="start"), status=422)
    return redirect("/workout")


EVENT_FIELDS = ("type", "reps", "load", "unit", "rir", "hold_s", "note")


@router.post("/event", response_class=HTMLResponse, dependencies=[Csrf])
def event(request: Request, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """One action on the current step: done, skip, skip exercise, continue, pause, resume, finish, …"""
    data = {key: text(form, key) for key in EVENT_FIELDS if text(form, key)}
    try:
        view = guided.send(
            uow,
            catalog=catalog,
            user=viewer.user,
            event=guided.event_from_json(data, now()),
            now=now(),
            token=text(form, "token") or None,
        )
    except SafetyHold as exc:
        return _page(request, uow, catalog, viewer, errors={"form": str(exc).capitalize()}, status=409)
    except Conflict:
        return redirect("/workout?stale=1")
    except NotFound:
        return redirect("/workout")
    except BackcoachError as exc:
        return _page(request, uow, catalog, viewer, errors=field_errors(exc), values=data, status=422)
    return redirect(f"/workout/{view.id}" if view.finished else "/workout")


def _pain_errors(exc: BackcoachError) -> dict[str, str]:
    message = str(exc)
    if "severity" in message:
        return {"severity": message[:1].upper() + message[1:]}
    if "location" in message or "where it hurts" in message:
        return {"location": message[:1].upper() + message[1:]}
    return field_errors(exc)


def _pain_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "pain",
        "location": text(form, "location"),
        "severity": text(form, "severity"),
    }
    for key in (*PAIN_FLAGS, *CAUDA_EQUINA):
        data[key] = text(form, key) in ("yes", "on", "true")
    return data


@router.get("/pain", response_class=HTMLResponse)
def pain_form(request: Request, catalog: CatalogDep, viewer: ViewerDep) -> HTMLResponse:
    """Report pain: where, how bad, and the warning signs that need care now."""
    return render(request, "workout/pain_page.html", {**_pain_context(catalog), "values": {}})


@router.post("/pain", response_class=HTMLResponse, dependencies=[Csrf])
def pain_submit(request: Request, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Pain, at any moment: the safety core decides; during a workout its guidance is the next step."""
    data = _pain_data(form)
    try:
        reported = guided.event_from_json(data, now())  # the same checks as during a workout
        if guided.current(uow, catalog=catalog, user=viewer.user) is not None:
            view = guided.send(uow, catalog=catalog, user=viewer.user, event=reported, now=now())
            return redirect(f"/workout/{view.id}" if view.finished else "/workout")
        assert isinstance(reported, PainReported)
        decision = pain.report(
            uow, catalog=catalog, user=viewer.user, pain=reported.report(), exercise_id=None, now=now()
        )
    except BackcoachError as exc:
        return render(
            request,
            "workout/pain_page.html",
            {**_pain_context(catalog), "values": data, "errors": _pain_errors(exc)},
            status=422,
        )
    return render(
        request,
        "workout/pain_decision.html",
        {"decision": decision, "substitute": None},
    )


@router.get("/{guided_id}", response_class=HTMLResponse, response_model=None)
def guided_page(
    request: Request, guided_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """One of your guided workouts: in progress (the current step) or finished (its summary)."""
    view = guided.by_id(uow, catalog=catalog, user=viewer.user, guided_id=guided_id)
    if not view.finished:
        return redirect("/workout")
    ended = view.state.ended_at
    adaptations = adaptations_by_reason(
        (s.session.date, s.adapted_reason)
        for s in guided.scheduled_of(uow, user=viewer.user)
        if s.adapted_reason and s.adapted_at is not None and ended is not None and s.adapted_at >= ended
    )
    done = None
    if view.workout_id is not None:
        try:
            done = log.workout_done(uow, user=viewer.user, workout_id=view.workout_id)
        except NotFound:  # the workout was deleted from the history since
            done = None
    return render(
        request,
        "workout/page.html",
        {
            **_step_context(view, catalog, viewer),
            **_pain_context(catalog),
            "adaptations": adaptations,
            "rated": done.workout if done is not None else None,
            "rated_now": request.query_params.get("rated") == "1",
            "values": {},
            "stale": False,
        },
    )


@router.post("/{guided_id}/rating", response_class=HTMLResponse, dependencies=[Csrf])
def rate(
    request: Request, guided_id: RecordId, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """How the finished workout felt (bad, neutral, good) and a note on it."""
    view = guided.by_id(uow, catalog=catalog, user=viewer.user, guided_id=guided_id)
    if not view.finished or view.workout_id is None:
        return redirect("/workout")
    feeling = text(form, "feeling") or None
    log.describe(
        uow, user=viewer.user, workout_id=view.workout_id, notes=text(form, "notes"), feeling=feeling
    )
    return redirect(f"/workout/{guided_id}?rated=1")
