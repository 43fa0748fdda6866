"""Use cases of the web app, shared by the JSON API and the pages: store + domain, no HTTP.

Every function takes the request's database session (one transaction per request, ``deps.get_db``)
and the signed-in ``User``; everything it reads or writes is that user's, so a route cannot reach
another person's data by passing an id (ids from a path are checked here: someone else's reads as
absent, ``NotFound``). Errors are the domain's ``InputError`` (422, naming the field) or the web's
``WebError`` family; the one renderer in ``web.errors`` turns them into a page or JSON.

    accounts   sign_up, sign_in (throttled), account_email
    profile    profile_with (merge + validate), save_profile_for, take_screening, report_pain
    plan       make_plan, plan_of
    guided     guided_current, guided_start, guided_send, guided_by, event_from_json, step_to_json
               (defined in ``web.guided``, re-exported here)
    log        log_sets, workouts_of, workout_of, workout_to_json
    analysis   progress_of, volume_of, recovery_of (the CLI's ``--json`` shapes)

Masses are kilograms throughout; the unit a person typed is converted at the edge (``to_kg``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from backcoach.analysis import (
    Adaptation,
    NewRecord,
    e1rm_history,
    iso_week,
    records_beating,
    records_from,
    recovery_now,
    weekly_volume,
)
from backcoach.catalog import Catalog, Level, LoadType
from backcoach.coaching import adapt_after_training
from backcoach.errors import InputError, UnknownIdError
from backcoach.planning import NoPlan, Plan, Profile, build_plan
from backcoach.planning.profile import Screening, Weekday
from backcoach.safety import PainDecision, PainReport, ScreeningDecision, assess_pain, screen
from backcoach.sessions import (
    LoggedSet,
    PainEntry,
    SetType,
    Workout,
)
from backcoach.sessions.public import set_json
from backcoach.sessions.records import Unit, check_not_future
from backcoach.store import (
    LOCAL_USER,
    ScheduledSession,
    User,
    account_by_email,
    active_plan,
    add_pain,
    add_set,
    best_sets_by_day,
    create_account,
    current_profile,
    latest_screening,
    log_workout,
    rep_maxima,
    save_plan,
    save_profile,
    save_screening,
    scheduled_sessions,
    strength_bests,
    user_email,
    workout,
    workouts,
)
from backcoach.store.accounts import normalised_email
from backcoach.store.tables import WorkoutRow  # ids of workouts: the store's workouts() has none
from backcoach.web.errors import NotFound, TooManyRequests, Unauthenticated
from backcoach.web.guided import (
    EVENT_TYPES,
    Conflict,
    GuidedView,
    event_from_json,
    guided_by,
    guided_current,
    guided_send,
    guided_start,
    guided_to_json,
    state_token,
    step_to_json,
)
from backcoach.web.security import MIN_PASSWORD_LENGTH, Throttle, hash_password, verify_password

__all__ = [
    "EVENT_TYPES",
    "Conflict",
    "GuidedView",
    "LogResult",
    "SetEntry",
    "account_email",
    "clock",
    "event_from_json",
    "guided_by",
    "guided_current",
    "guided_send",
    "guided_start",
    "guided_to_json",
    "log_sets",
    "log_to_json",
    "make_plan",
    "pain_to_json",
    "plan_of",
    "plan_to_json",
    "profile_of",
    "profile_with",
    "progress_of",
    "recovery_of",
    "report_pain",
    "save_profile_for",
    "scheduled_of",
    "screening_to_json",
    "set_to_json",
    "sign_in",
    "sign_up",
    "state_token",
    "step_to_json",
    "take_screening",
    "volume_of",
    "workout_of",
    "workout_to_json",
    "workouts_of",
]

MAX_PASSWORD_LENGTH = 1024  # argon2 takes any length; a megabyte "password" is a denial of service
# Loads typed as 0 on these exercises mean "no added load" (as the CLI's ``log`` reads them).
NO_LOAD = (LoadType.BODYWEIGHT, LoadType.BAND, LoadType.NONE)


@contextmanager
def _field(name: str) -> Iterator[None]:
    """An unknown id given in a form or body is that field's error (422), not a missing page (404)."""
    try:
        yield
    except UnknownIdError as exc:
        raise InputError(f"{name}: {exc}") from None


def clock() -> datetime:
    """The web app's clock: the server's local time with its offset (the domain never reads one)."""
    return datetime.now().astimezone()


# ---------------------------------------------------------------------- accounts


def sign_up(db: Session, *, name: str, email: str, password: str, now: datetime) -> User:
    """A new account; the password is checked (length) and only its argon2 hash is stored."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"password: must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError(f"password: must be at most {MAX_PASSWORD_LENGTH} characters")
    if name.strip().lower() == LOCAL_USER:
        raise InputError(f"name: {name.strip()!r} is reserved for the local account")
    return create_account(db, name=name, email=email, password_hash=hash_password(password), now=now)


@functools.cache
def _equal_time_hash() -> str:
    """A real hash to verify against when the email is unknown, so both cases take as long."""
    return hash_password("backcoach: no such account")


def sign_in(db: Session, throttle: Throttle, *, email: str, password: str, client: str) -> User:
    """The account's user if the password matches; failures are counted per client and per email.

    Raises TooManyRequests (429) once either has failed ``throttle.limit`` times in the window, and
    Unauthenticated (401) for a wrong email or password (the same words for both).
    """
    keys = (f"client:{client}", f"email:{normalised_email(email)}")
    if throttle.blocked(*keys):
        raise TooManyRequests("too many sign-in attempts: wait a few minutes and try again")
    account = account_by_email(db, email=email) if len(password) <= MAX_PASSWORD_LENGTH else None
    hashed = account.password_hash if account is not None else _equal_time_hash()
    if not verify_password(hashed, password[:MAX_PASSWORD_LENGTH]) or account is None:
        throttle.fail(*keys)
        raise Unauthenticated("email or password is wrong", field="email")
    throttle.clear(keys[1])  # the address keeps its count: one good account must not reset it
    return account.user


def account_email(db: Session, user: User) -> str | None:
    return user_email(db, user_id=user.id)


# ---------------------------------------------------------------------- profile and screening


def _next_training_day(days: Sequence[Weekday], today: date) -> date:
    return min(today + timedelta(days=(d.number - today.weekday()) % 7) for d in days)


def profile_with(
    base: Profile | None, changes: Mapping[str, Any], *, catalog: Catalog, today: date
) -> Profile:
    """``base`` (the stored profile, or nothing) with ``changes`` applied, validated.

    Without a base, level, days, minutes and goal are required. Equipment, exercise and muscle ids
    are checked against the catalogue; ``start`` defaults to the next training day. Any problem is
    an InputError naming the field.
    """
    fields: dict[str, Any] = base.model_dump() if base is not None else {}
    fields.update({k: v for k, v in changes.items() if v is not None})
    missing = [name for name in ("level", "days", "minutes", "goal") if name not in fields]
    if missing:
        raise InputError(f"{missing[0]}: is required (there is no stored profile yet)")
    with _field("equipment"):
        for item in fields.get("equipment") or ():
            catalog.equipment_item(item)
    with _field("exclude"):
        for item in fields.get("exclude") or ():
            if item not in catalog.muscles:
                catalog.exercise(item)
    with _field("e1rm_kg"):
        for exercise_id in fields.get("e1rm_kg") or {}:
            catalog.exercise(exercise_id)
    if "start" not in changes or changes["start"] is None:
        fields.pop("start", None)
    try:
        if "start" not in fields or fields["start"] is None:
            days = Profile.model_validate({**fields, "start": today}).days
            fields["start"] = _next_training_day(days, today)
        return Profile.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "profile"
        raise InputError(f"{field}: {err['msg']}") from None


def _screened(db: Session, user: User, profile: Profile) -> Profile:
    """The profile with the outcome of the person's latest screening (never a claimed one)."""
    latest = latest_screening(db, user_id=user.id)
    if latest is None:
        return profile
    return profile.model_copy(update={"screening": Screening(latest.outcome.value)})


def save_profile_for(
    db: Session, catalog: Catalog, user: User, profile: Profile, *, now: datetime
) -> Profile:
    """Store a new version of the person's profile (its screening from their latest screening)."""
    stored = _screened(db, user, profile)
    save_profile(db, user_id=user.id, profile=stored, catalog=catalog, now=now)
    return stored


def profile_of(db: Session, user: User) -> Profile | None:
    return current_profile(db, user_id=user.id)


def take_screening(
    db: Session, user: User, answers: Mapping[str, Any], *, now: datetime
) -> ScreeningDecision:
    """Decide and store a screening; the stored profile (if any) takes the new outcome."""
    with _field("answers"):
        decision = screen(answers)  # refuses unknown ids and non-boolean answers
    save_screening(db, user_id=user.id, answers=answers, outcome=decision.outcome, taken_at=now, now=now)
    profile = current_profile(db, user_id=user.id)
    outcome = Screening(decision.outcome.value)
    if profile is not None and profile.screening != outcome:
        save_profile(db, user_id=user.id, profile=profile.model_copy(update={"screening": outcome}), now=now)
    return decision


def screening_to_json(decision: ScreeningDecision) -> dict[str, Any]:
    """The CLI's ``screen --json`` shape."""
    return {
        "outcome": decision.outcome.value,
        "headline": decision.headline,
        "reasons": list(decision.reasons),
        "advice": list(decision.advice),
        "triggered": list(decision.triggered),
        "sources": list(decision.sources),
        "valid_months": decision.valid_months,
    }


def report_pain(
    db: Session,
    catalog: Catalog,
    user: User,
    report: PainReport,
    *,
    exercise_id: str | None,
    now: datetime,
) -> PainDecision:
    """What to do about pain now (the safety core's decision); the report is kept in the log."""
    with _field("exercise_id"):
        exercise = catalog.exercise(exercise_id) if exercise_id else None
    with _field("location"):
        decision = assess_pain(report, exercise=exercise, catalog=catalog)
    entry = PainEntry(
        reported_at=now,
        location=report.location,
        severity=report.severity,
        sharp=report.sharp,
        radiating=report.radiating,
        numbness=report.numbness,
        exercise_id=exercise.id if exercise is not None else None,
        action=decision.action.value,
    )
    add_pain(db, user_id=user.id, entry=entry, catalog=catalog, now=now)
    adapt_after_training(db, user_id=user.id, catalog=catalog, now=now)  # serious pain holds the plan
    return decision


def pain_to_json(decision: PainDecision, catalog: Catalog) -> dict[str, Any]:
    """The CLI's ``pain --json`` shape, with the substitute's name."""
    return {
        "action": decision.action.value,
        "headline": decision.headline,
        "reasons": list(decision.reasons),
        "substitute": decision.substitute,
        "substitute_name": catalog.exercise(decision.substitute).name if decision.substitute else None,
        "sources": list(decision.sources),
        "rules": list(decision.rules),
    }


# ---------------------------------------------------------------------- plan


def make_plan(db: Session, catalog: Catalog, user: User, *, save: bool, now: datetime) -> Plan | NoPlan:
    """A plan from the stored profile, starting on its next training day from today at the
    earliest; when one is found and ``save`` is set, it is stored (with the profile it used) and
    becomes the active plan. NoPlan carries the conflicts and suggestions."""
    stored = current_profile(db, user_id=user.id)
    if stored is None:
        raise InputError("profile: there is no profile yet: save one first")
    profile = _screened(db, user, stored)
    today = now.date()
    if profile.start < today:
        profile = profile.model_copy(update={"start": _next_training_day(profile.days, today)})
    result = build_plan(profile, catalog)
    if save and isinstance(result, Plan):
        if profile != stored:
            save_profile(db, user_id=user.id, profile=profile, catalog=catalog, now=now)
        save_plan(db, user_id=user.id, plan=result, catalog=catalog, now=now)
    return result


def plan_of(db: Session, user: User) -> Plan | None:
    """The person's active plan as it stands now (adapted sessions included)."""
    return active_plan(db, user_id=user.id)


def plan_to_json(plan: Plan, scheduled: Sequence[ScheduledSession] = ()) -> dict[str, Any]:
    """``Plan.to_json()`` plus the adaptations made to its sessions since it was saved."""
    out = plan.to_json()
    out["adaptations"] = [
        {"date": s.session.date.isoformat(), "reason": s.adapted_reason}
        for s in scheduled
        if s.adapted_reason
    ]
    return out


def scheduled_of(db: Session, user: User) -> list[ScheduledSession]:
    return scheduled_sessions(db, user_id=user.id)


# ---------------------------------------------------------------------- the training log


@dataclass(frozen=True)
class SetEntry:
    """One set as typed: reps, the load in kilograms (None: body weight), reps in reserve."""

    reps: int
    load_kg: float | None = None
    rir: float | None = None
    set_type: SetType = SetType.WORKING
    hold_s: int | None = None


@dataclass(frozen=True)
class LogResult:
    workout_id: int
    sets: tuple[LoggedSet, ...]
    records: tuple[NewRecord, ...]
    adaptations: tuple[Adaptation, ...]


def _owned_workout(db: Session, user: User, workout_id: int) -> None:
    owner = db.scalar(select(WorkoutRow.user_id).where(WorkoutRow.id == workout_id))
    if owner != user.id:
        raise NotFound(f"workout {workout_id} not found")


def log_sets(
    db: Session,
    catalog: Catalog,
    user: User,
    *,
    exercise_id: str,
    sets: Sequence[SetEntry],
    at: datetime,
    entered_unit: Unit,
    now: datetime,
    workout_id: int | None = None,
    adapt: bool | None = None,
) -> LogResult:
    """Log sets of one exercise: a new workout, or appended to one of the person's own
    (``workout_id``); the store updates the records as it writes the sets.

    A new workout is a session done, so the plan's coming sessions are adapted to it, as the CLI's
    ``log`` does (``adapt`` None). Sets added to a workout one at a time, between sets, do not adapt
    the plan each time (it reads four weeks of training: too slow for every set, and the session is
    not over); the next whole log or guided session does. ``adapt`` forces either way.
    """
    if not sets:
        raise InputError("sets: log at least one set")
    with _field("exercise_id"):
        exercise = catalog.exercise(exercise_id)
    check_not_future(at, now, "at")  # also refuses a time without a zone, naming the field given
    logged = tuple(
        LoggedSet(
            exercise.id,
            at,
            s.reps,
            None if exercise.load_type in NO_LOAD and not s.load_kg else s.load_kg,
            s.set_type,
            s.rir,
            hold_s=s.hold_s,
            entered_unit=entered_unit,
        )
        for s in sets
    )
    countable = any(s.set_type.is_hard and s.load_kg for s in logged)
    bests = strength_bests(db, user_id=user.id, exercise_id=exercise.id) if countable else None
    if adapt is None:
        adapt = workout_id is None
    if workout_id is None:
        workout_id = log_workout(
            db, user_id=user.id, workout=Workout(started_at=at, sets=logged), catalog=catalog, now=now
        )
    else:
        _owned_workout(db, user, workout_id)
        for entry in logged:
            add_set(db, workout_id=workout_id, logged=entry, catalog=catalog, now=now)
    found = [] if bests is None else records_beating(bests, logged)
    changes = adapt_after_training(db, user_id=user.id, catalog=catalog, now=now) if adapt else []
    return LogResult(workout_id, logged, tuple(found), tuple(changes))


def set_to_json(s: LoggedSet) -> dict[str, Any]:
    """The CLI's set shape (``log --json``, ``history --json``)."""
    return set_json(s)


def log_to_json(result: LogResult) -> dict[str, Any]:
    return {
        "workout_id": result.workout_id,
        "exercise_id": result.sets[0].exercise_id,
        "sets": [set_to_json(s) for s in result.sets],
        "records": [
            {"kind": r.kind, "reps": r.from_set.reps, "value_kg": r.value_kg, "previous_kg": r.previous_kg}
            for r in result.records
        ],
        "adaptations": [{"date": a.session_date.isoformat(), "reason": a.reason} for a in result.adaptations],
    }


def workouts_of(db: Session, user: User, *, since: datetime | None = None) -> list[tuple[int, Workout]]:
    """The person's workouts with their ids, oldest first."""
    query = select(WorkoutRow.id).where(WorkoutRow.user_id == user.id)
    if since is not None:
        query = query.where(WorkoutRow.started_at >= since)
    ids = list(db.scalars(query.order_by(WorkoutRow.started_at, WorkoutRow.id)))
    done = workouts(db, user_id=user.id, since=since)
    return list(zip(ids, done, strict=True))


def workout_of(db: Session, user: User, workout_id: int) -> Workout:
    """One of the person's workouts; NotFound for an unknown id or anyone else's."""
    _owned_workout(db, user, workout_id)
    return workout(db, workout_id=workout_id)


def workout_to_json(workout_id: int, w: Workout) -> dict[str, Any]:
    """The CLI's ``history --json`` entry, with the workout's id."""
    return {
        "id": workout_id,
        "started_at": w.started_at.isoformat(),
        "ended_at": w.ended_at.isoformat() if w.ended_at else None,
        "planned_date": w.planned_date.isoformat() if w.planned_date else None,
        "feeling": w.feeling.value if w.feeling else None,
        "notes": w.notes,
        "sets": [set_to_json(s) for s in w.sets],
        "pain": [
            {
                "reported_at": p.reported_at.isoformat(),
                "location": p.location,
                "severity": p.severity,
                "exercise_id": p.exercise_id,
                "action": p.action,
            }
            for p in w.pain
        ],
    }


# ---------------------------------------------------------------------- analysis


def progress_of(db: Session, catalog: Catalog, user: User, exercise_id: str) -> dict[str, Any]:
    """The CLI's ``progress --json``: e1RM per day, rep records, the best e1RM (kilograms)."""
    exercise = catalog.exercise(exercise_id)
    points = e1rm_history(
        best_sets_by_day(db, user_id=user.id, exercise_id=exercise.id),
        exercise.id,
        load_type=exercise.load_type,
    )
    kept = rep_maxima(db, user_id=user.id, exercise_id=exercise.id)
    best = records_from(points, kept, exercise.id, load_type=exercise.load_type)
    return {
        "exercise_id": exercise.id,
        "name": exercise.name,
        "e1rm": [{"date": p.date.isoformat(), "e1rm_kg": round(p.e1rm_kg, 2)} for p in points],
        "records": [
            {"reps": r.reps, "load_kg": r.load_kg, "achieved_at": r.achieved_at.isoformat()}
            for r in best.rep_maxima
        ],
        "best_e1rm_kg": None if best.best_e1rm is None else round(best.best_e1rm.e1rm_kg, 2),
    }


def volume_of(
    db: Session, catalog: Catalog, user: User, *, week: str | None, now: datetime
) -> dict[str, Any]:
    """The CLI's ``volume --json``: hard sets per back muscle in an ISO week, against landmarks."""
    wanted = week or iso_week(now.date())
    profile = current_profile(db, user_id=user.id)
    level = profile.level if profile is not None else Level.INTERMEDIATE
    result = weekly_volume(workouts(db, user_id=user.id), catalog, wanted, level=level)
    return {
        "week": result.week,
        "muscles": {
            node: {
                "sets": v.sets,
                "mev": v.mev,
                "mav": list(v.mav) if v.mav else None,
                "mrv": v.mrv,
                "status": v.status.value if v.status else None,
            }
            for node, v in result.muscles.items()
        },
    }


def recovery_of(db: Session, catalog: Catalog, user: User, *, now: datetime) -> dict[str, float]:
    """The CLI's ``recovery --json``: each back muscle's recovery now, 0-100 %."""
    percent = recovery_now(workouts(db, user_id=user.id, since=now - timedelta(days=28)), catalog, now)
    return {node: round(p, 1) for node, p in percent.items() if catalog.muscles[node].region.value != "other"}
