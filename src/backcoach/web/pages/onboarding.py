"""Onboarding: the safety questions (PAR-Q+ and back red flags), then the profile that a plan is
built from. The screening's outcome is shown plainly; when it says not to train, no plan is made."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backcoach.catalog import Level
from backcoach.errors import BackcoachError, InputError
from backcoach.planning import UBIQUITOUS_EQUIPMENT, NoPlan, Profile
from backcoach.planning.profile import Goal, Unit, Weekday
from backcoach.safety import Question, QuestionKind, questions, screen
from backcoach.science.units import to_kg
from backcoach.store import latest_screening
from backcoach.web import services
from backcoach.web.deps import CatalogDep, Csrf, DbSession, ViewerDep
from backcoach.web.pages.plan import plan_context
from backcoach.web.pages.rendering import Form, field_errors, now, number, redirect, render, text, texts

router = APIRouter(prefix="/onboarding")

RED_FLAG_GROUPS = {
    "cauda_equina": "Nerve warning signs (cauda equina)",
    "cancer": "Signs that need a doctor to rule out a serious cause",
    "infection": "Signs of infection",
    "fracture": "Signs of a broken bone",
    "other": "Other warning signs",
}
GOALS = {
    Goal.STRENGTH: "Strength: lift more",
    Goal.HYPERTROPHY: "Muscle: build a bigger back",
    Goal.POSTURE: "Posture: upper-back endurance and shoulder-blade control",
    Goal.LOW_BACK: "Low back: resilient, at low spinal load",
}
LEVELS = {
    Level.BEGINNER: "Beginner: new to strength training, or years off",
    Level.INTERMEDIATE: "Intermediate: about 6 months of regular training",
    Level.ADVANCED: "Advanced: years of regular training",
}
DAY_NAMES = {
    Weekday.MON: "Monday",
    Weekday.TUE: "Tuesday",
    Weekday.WED: "Wednesday",
    Weekday.THU: "Thursday",
    Weekday.FRI: "Friday",
    Weekday.SAT: "Saturday",
    Weekday.SUN: "Sunday",
}


def question_groups() -> list[tuple[str, str, list[Question]]]:
    """The questions in the order asked, grouped: (key, heading, questions)."""
    qs = questions()
    groups: list[tuple[str, str, list[Question]]] = [
        ("parq", "General health (PAR-Q+)", [q for q in qs if q.kind is QuestionKind.PARQ]),
        (
            "followup",
            "If you ticked question 4, 5 or 6 above",
            [q for q in qs if q.kind is QuestionKind.PARQ_FOLLOWUP],
        ),
        ("context", "Right now", [q for q in qs if q.kind is QuestionKind.CONTEXT]),
    ]
    for key, heading in RED_FLAG_GROUPS.items():
        members = [q for q in qs if q.kind is QuestionKind.REDFLAG and q.group == key]
        if members:
            groups.append((key, heading, members))
    return groups


@router.get("/screening", response_class=HTMLResponse)
def screening_form(request: Request, viewer: ViewerDep) -> HTMLResponse:
    """The safety questions: tick every statement that is true for you."""
    return render(request, "screening.html", {"groups": question_groups(), "ticked": set()})


@router.post("/screening", dependencies=[Csrf])
def screening_submit(request: Request, form: Form, db: DbSession, viewer: ViewerDep) -> Response:
    """Decide and store the screening, then show its outcome."""
    known = {q.id for q in questions()}
    ticked = {key for key in form if key in known and text(form, key) in ("yes", "on", "true")}
    services.take_screening(db, viewer.user, {q: q in ticked for q in known}, now=now())
    return redirect("/onboarding/screening/result")


@router.get("/screening/result", response_class=HTMLResponse, response_model=None)
def screening_result(request: Request, db: DbSession, viewer: ViewerDep) -> Response:
    """The outcome of your latest screening, in plain words."""
    latest = latest_screening(db, user_id=viewer.user.id)
    if latest is None:
        return redirect("/onboarding/screening")
    decision = screen(latest.answers)
    return render(request, "screening_result.html", {"decision": decision, "taken_at": latest.taken_at})


# ---------------------------------------------------------------------- profile


def _values(profile: Profile | None, unit: str) -> dict[str, Any]:
    if profile is None:
        return {"days": set(), "equipment": set(), "unit": unit, "minutes": "45"}
    weight = profile.bodyweight_kg
    return {
        "level": profile.level.value,
        "days": {d.value for d in profile.days},
        "minutes": str(profile.minutes),
        "goal": profile.goal.value,
        "equipment": set(profile.equipment),
        "bodyweight": number(weight, profile.unit.value),
        "unit": profile.unit.value,
        "sessions": "" if profile.sessions is None else str(profile.sessions),
    }


def _profile_context(catalog_equipment: Iterable[Any], values: dict[str, Any]) -> dict[str, Any]:
    return {
        "values": values,
        "levels": LEVELS,
        "goals": GOALS,
        "days": DAY_NAMES,
        "equipment": [e for e in catalog_equipment if e.id not in UBIQUITOUS_EQUIPMENT and e.id != "other"],
        "units": [u.value for u in Unit],
    }


@router.get("/profile", response_class=HTMLResponse, response_model=None)
def profile_form(request: Request, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Your level, training days, time, goal, equipment and body weight."""
    if latest_screening(db, user_id=viewer.user.id) is None:
        return redirect("/onboarding/screening")
    values = _values(services.profile_of(db, viewer.user), viewer.user.display_unit)
    return render(request, "profile.html", _profile_context(catalog.equipment.values(), values))


def _number(raw: str, field: str, kind: type[int] | type[float]) -> Any:
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise InputError(f"{field}: '{raw}' must be {what}") from None


def changes_from(form: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The profile fields a submitted form sets, and the values to show it again with."""
    values: dict[str, Any] = {
        "level": text(form, "level"),
        "days": set(texts(form, "days")),
        "minutes": text(form, "minutes"),
        "goal": text(form, "goal"),
        "equipment": set(texts(form, "equipment")),
        "bodyweight": text(form, "bodyweight"),
        "unit": text(form, "unit") or "kg",
        "sessions": text(form, "sessions"),
    }
    if values["unit"] not in ("kg", "lb"):
        raise InputError(f"unit: '{values['unit']}' must be kg or lb")
    if not values["days"]:
        raise InputError("days: pick at least one day you can train")
    weight = _number(values["bodyweight"], "bodyweight", float)
    changes: dict[str, Any] = {
        "level": values["level"] or None,
        "days": sorted(values["days"]),
        "minutes": _number(values["minutes"], "minutes", int),
        "goal": values["goal"] or None,
        "equipment": sorted(values["equipment"]),
        "unit": values["unit"],
        "bodyweight_kg": None if weight is None else to_kg(weight, values["unit"]),
        "sessions": _number(values["sessions"], "sessions", int),
    }
    return changes, values


# Profile fields whose form input has another name; model-wide problems go above the form.
_FIELD_OF = {"bodyweight_kg": "bodyweight", "e1rm_kg": "form", "profile": "form", "start": "form"}


@router.post("/profile", response_class=HTMLResponse, dependencies=[Csrf])
def profile_submit(
    request: Request, form: Form, db: DbSession, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """Save the profile and build the plan from it (errors are shown beside their fields)."""
    values: dict[str, Any] = {}
    try:
        changes, values = changes_from(form)
        base = services.profile_of(db, viewer.user)
        if base is not None and changes["bodyweight_kg"] is None:
            base = base.model_copy(update={"bodyweight_kg": None})
        if base is not None and changes["sessions"] is None:
            base = base.model_copy(update={"sessions": None})
        profile = services.profile_with(base, changes, catalog=catalog, today=now().date())
    except BackcoachError as exc:
        errors = field_errors(exc)
        errors = {_FIELD_OF.get(k.split(".")[0], k.split(".")[0]): v for k, v in errors.items()}
        context = _profile_context(catalog.equipment.values(), values or _values(None, "kg"))
        return render(request, "profile.html", {**context, "errors": errors}, status=422)
    services.save_profile_for(db, catalog, viewer.user, profile, now=now())
    result = services.make_plan(db, catalog, viewer.user, save=True, now=now())
    if isinstance(result, NoPlan):
        return render(request, "plan.html", plan_context(db, catalog, viewer, no_plan=result))
    return redirect("/plan")
