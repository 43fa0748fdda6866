"""Onboarding: the safety questions (PAR-Q+ and back red flags), then the profile that a plan is
built from. The screening's outcome is shown plainly; when it says not to train, no plan is made."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backcoach.app import desk_breaks, plan, profile, screening
from backcoach.catalog import Catalog, Level
from backcoach.errors import BackcoachError, SafetyHold
from backcoach.planning import UBIQUITOUS_EQUIPMENT, NoPlan, Profile
from backcoach.planning.profile import Goal, Unit, Weekday
from backcoach.safety import Question, QuestionKind, questions
from backcoach.science.units import from_kg, to_kg
from backcoach.web.deps import CatalogDep, Csrf, Uow, ViewerDep
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
def screening_submit(request: Request, form: Form, uow: Uow, viewer: ViewerDep) -> Response:
    """Decide and store the screening, then show its outcome."""
    known = {q.id for q in questions()}
    ticked = {key for key in form if key in known and text(form, key) in ("yes", "on", "true")}
    screening.take(uow, user=viewer.user, answers={q: q in ticked for q in known}, now=now())
    return redirect("/onboarding/screening/result")


@router.get("/screening/result", response_class=HTMLResponse, response_model=None)
def screening_result(request: Request, uow: Uow, viewer: ViewerDep) -> Response:
    """The outcome of your latest screening, in plain words."""
    found = screening.latest_result(uow, user=viewer.user)
    if found is None:
        return redirect("/onboarding/screening")
    decision, taken_at = found
    return render(request, "screening_result.html", {"decision": decision, "taken_at": taken_at})


# ---------------------------------------------------------------------- profile


# Rows of the known-strength table: those stored, then empty ones up to this many (no script needed).
KNOWN_ROWS = 4
MAX_KNOWN_FORM_ROWS = 50  # rows read from one form, whatever it claims


def _known_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows to show: the given ones, then empty ones, at least one empty and KNOWN_ROWS in all."""
    empty = {"exercise": "", "load": "", "reps": ""}
    return [*rows, *([empty] * max(1, KNOWN_ROWS - len(rows)))]


def _values(stored: Profile | None, unit: str) -> dict[str, Any]:
    if stored is None:
        return {"days": set(), "equipment": set(), "unit": unit, "minutes": "45", "known": _known_rows([])}
    weight = stored.bodyweight_kg
    known = [  # a stored estimate is shown as the one-rep max it is
        {"exercise": ex, "load": number(kg, stored.unit.value), "reps": "1"}
        for ex, kg in sorted(stored.e1rm_kg.items())
    ]
    return {
        "known": _known_rows(known),
        "level": stored.level.value,
        "days": {d.value for d in stored.days},
        "minutes": str(stored.minutes),
        "goal": stored.goal.value,
        "equipment": set(stored.equipment),
        "bodyweight": number(weight, stored.unit.value),
        "unit": stored.unit.value,
        "sessions": "" if stored.sessions is None else str(stored.sessions),
        "desk_breaks": str(stored.desk_breaks_per_day),
    }


def _form_values(form: Any) -> dict[str, Any]:
    """What was submitted, to show the form again as it was (nothing is lost on an error)."""
    unit = text(form, "unit")
    return {
        "level": text(form, "level"),
        "days": set(texts(form, "days")),
        "minutes": text(form, "minutes"),
        "goal": text(form, "goal"),
        "equipment": set(texts(form, "equipment")),
        "bodyweight": text(form, "bodyweight"),
        "unit": unit if unit in ("kg", "lb") else "kg",
        "sessions": text(form, "sessions"),
        "desk_breaks": text(form, "desk_breaks"),
        "known": _known_rows(_submitted_known(form)),
    }


def _submitted_known(form: Any) -> list[dict[str, str]]:
    """The known-strength rows filled in (``known-rows`` says how many the form had)."""
    raw = text(form, "known-rows")
    count = min(int(raw), MAX_KNOWN_FORM_ROWS) if raw.isdigit() else 0
    rows = []
    for i in range(count):
        row = {key: text(form, f"known-{key}-{i}") for key in ("exercise", "load", "reps")}
        if any(row.values()):
            rows.append(row)
    return rows


def _known_lifts(form: Any, unit: str, problems: dict[str, str]) -> list[dict[str, Any]]:
    """The known lifts of the form, the load in kg; an incomplete row is a problem on ``known``."""
    lifts = []
    for row in _submitted_known(form):
        load = _number(row["load"], "known", float, problems)
        reps = _number(row["reps"], "known", int, problems)
        if not row["exercise"] or load is None or reps is None:
            problems.setdefault(
                "known", "Known strength: give the exercise, the load and the reps of each lift."
            )
            continue
        lifts.append({"exercise_id": row["exercise"], "load_kg": to_kg(load, unit), "reps": reps})
    return lifts


def _profile_context(catalog: Catalog, values: dict[str, Any]) -> dict[str, Any]:
    catalog_equipment = catalog.equipment.values()
    return {
        "loadable": sorted(
            (e for e in catalog.exercises.values() if e.load_type.value in LOADABLE), key=lambda e: e.name
        ),
        "limits": html_limits(values.get("unit") or "kg"),
        "max_known_reps": profile.MAX_KNOWN_REPS,
        "desk_workday": desk_breaks.workday_text(),
        "anchors": FORM_FIELDS,
        "values": values,
        "levels": LEVELS,
        "goals": GOALS,
        "days": DAY_NAMES,
        "equipment": [e for e in catalog_equipment if e.id not in UBIQUITOUS_EQUIPMENT and e.id != "other"],
        "units": [u.value for u in Unit],
    }


@router.get("/profile", response_class=HTMLResponse, response_model=None)
def profile_form(request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Your level, training days, time, goal, equipment and body weight."""
    if screening.latest(uow, user=viewer.user) is None:
        return redirect("/onboarding/screening")
    values = _values(profile.stored(uow, user=viewer.user), viewer.user.display_unit)
    return render(request, "profile.html", _profile_context(catalog, values))


def _number(raw: str, field: str, kind: type[int] | type[float], problems: dict[str, str]) -> Any:
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        problems[field] = f"{profile.FIELD_NAMES.get(field, field)} must be {what}."
        return None


def changes_from(form: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """The profile fields a submitted form sets, the values to show it again with, and the
    problems of fields that are not even numbers (never quoting what was typed)."""
    values = _form_values(form)
    problems: dict[str, str] = {}
    if (text(form, "unit") or "kg") not in ("kg", "lb"):
        problems["unit"] = "Unit must be kg or lb."
    weight = _number(values["bodyweight"], "bodyweight_kg", float, problems)
    changes: dict[str, Any] = {
        "level": values["level"] or None,
        "days": sorted(values["days"]),
        "minutes": _number(values["minutes"], "minutes", int, problems),
        "goal": values["goal"] or None,
        "equipment": sorted(values["equipment"]),
        "unit": values["unit"],
        "bodyweight_kg": None if weight is None else to_kg(weight, values["unit"]),
        "sessions": _number(values["sessions"], "sessions", int, problems),
        "desk_breaks_per_day": _number(values["desk_breaks"], "desk_breaks_per_day", int, problems),
    }
    if "known-rows" in form:  # the form shows every stored lift: what it sends replaces them
        changes["e1rm_kg"] = {}
        changes["known"] = _known_lifts(form, values["unit"], problems)
    return changes, values, problems


# Exercises whose load a person can know (external load, or load added to body weight).
LOADABLE = ("external", "weighted_bodyweight")
# Optional fields a form left empty clears (the others keep their stored values).
CLEARABLE = ("bodyweight_kg", "sessions")
# Profile fields whose form input has another name; model-wide problems go above the form.
_FIELD_OF = {
    "bodyweight_kg": "bodyweight",
    "e1rm_kg": "known",
    "profile": "form",
    "start": "form",
    "desk_breaks_per_day": "desk_breaks",
}
# The form's fields in page order, each with the element an error summary links to.
FORM_FIELDS = {
    "level": "level-beginner",
    "days": "day-mon",
    "minutes": "minutes",
    "sessions": "sessions",
    "goal": "goal-strength",
    "equipment": "equipment",
    "bodyweight": "bodyweight",
    "unit": "unit",
    "desk_breaks": "desk_breaks",
    "known": "known-exercise-0",
}


def form_errors(exc: BackcoachError) -> dict[str, str]:
    """``{form field: sentence}`` in the form's order, model-wide problems first (under "form")."""
    found = exc.problems if isinstance(exc, profile.ProfileInvalid) else field_errors(exc)
    named = {_FIELD_OF.get(k.split(".")[0], k.split(".")[0]): v for k, v in found.items()}
    order = ["form", *FORM_FIELDS]
    return dict(sorted(named.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 0))


def html_limits(unit: str) -> dict[str, dict[str, str]]:
    """Each number input's ``min``/``max``, from ``Profile``'s own constraints (``app.profile.limits``):
    the form and the server can never disagree. Body weight is in the unit shown."""
    out: dict[str, dict[str, str]] = {}
    for field, name in (
        ("minutes", "minutes"),
        ("sessions", "sessions"),
        ("bodyweight_kg", "bodyweight"),
        ("desk_breaks_per_day", "desk_breaks"),
    ):
        rng = profile.limits(field)
        low, high = rng.low, rng.high
        if field == "bodyweight_kg":
            low = None if low is None else round(from_kg(low, unit), 1) + (0.1 if rng.low_exclusive else 0)
            high = None if high is None else round(from_kg(high, unit), 1)
        out[name] = {"min": "" if low is None else f"{low:g}", "max": "" if high is None else f"{high:g}"}
    return out


@router.post("/profile", response_class=HTMLResponse, dependencies=[Csrf])
def profile_submit(
    request: Request, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """Save the profile and build the plan from it (errors are shown beside their fields)."""
    changes, values, problems = changes_from(form)
    try:
        if problems:  # the rest is checked too, so every problem shows at once
            try:
                profile.check(uow, catalog=catalog, user=viewer.user, changes=changes, now=now(), clear=())
            except profile.ProfileInvalid as exc:
                problems = {**exc.problems, **problems}
            raise profile.ProfileInvalid(problems)
        profile.save(uow, catalog=catalog, user=viewer.user, changes=changes, now=now(), clear=CLEARABLE)
    except BackcoachError as exc:
        context = _profile_context(catalog, values)
        return render(request, "profile.html", {**context, "errors": form_errors(exc)}, status=422)
    try:
        result = plan.make(uow, catalog=catalog, user=viewer.user, now=now(), save=True)
    except SafetyHold:
        return render(request, "plan.html", plan_context(uow, catalog, viewer), status=409)
    if isinstance(result, NoPlan):
        return render(request, "plan.html", plan_context(uow, catalog, viewer, no_plan=result))
    return redirect("/plan")
