"""Guided workouts kept in the store: start, step, reload, finish (the sans-I/O machine's shell).

The state machine (``sessions.GuidedSession``) decides every step; this module restores it from the
stored state (``store.guided``), feeds it one event per call, and stores what came out in the same
transaction: the new state, each new set and pain report (durable once acknowledged), and at the
end the finished workout, records, and the plan adapted (``adaptation``). Every door (the pages,
the API, the CLI's ``start``) drives a workout through here, so a reloaded page, another device or
the terminal resumes at the same step.

Safety: starting a workout, and every event that moves it on, passes the safety gate (``gate``);
pain, pause and finish are always accepted, so a person can always report pain and stop.
Concurrency: the step token is a compare-and-set. The active record is read locked (PostgreSQL
``FOR UPDATE``; SQLite writers are serialised), so of several events sent against one step exactly
one is applied and the others see the token changed (``Conflict``).

Events arrive as JSON or form fields (``event_from_json``), always dated by the server's clock;
steps leave as JSON (``step_to_json``), masses in kilograms.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from backcoach.analysis import Adaptation
from backcoach.app import gate
from backcoach.app.adaptation import adapt_after_training
from backcoach.app.log import LastTime, last_time, set_note
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog, Level
from backcoach.errors import Conflict, InputError, NotFound, UnknownIdError
from backcoach.safety import ScreeningDecision, screen
from backcoach.science.plates import PlateLoad, plates_per_side
from backcoach.science.units import from_kg, to_kg
from backcoach.sessions import (
    AcceptSubstitute,
    Continue,
    DeclineSubstitute,
    Event,
    ExerciseStep,
    Finish,
    GuidedContext,
    GuidedSession,
    GuidedState,
    PainGuidanceStep,
    PainReported,
    Pause,
    RestStep,
    Resume,
    SetDone,
    Skip,
    SkipExercise,
    Start,
    Step,
    SummaryStep,
    Workout,
)
from backcoach.store import (
    GuidedRecord,
    ScheduledSession,
    User,
    active_guided,
    add_pain,
    add_set,
    current_profile,
    finish_guided,
    finish_workout,
    guided_by_id,
    has_active_plan,
    latest_screening,
    planned_session_on,
    save_guided,
    scheduled_sessions,
    start_workout,
    workouts,
)


@dataclass(frozen=True)
class GuidedView:
    """A guided workout as a page or the API shows it: the step now, and where it stands."""

    id: int
    session_date: date
    workout_id: int | None
    status: str  # active or finished
    step: Step
    state: GuidedState
    token: str  # changes with every step; send it back to refuse a stale double tap (409)
    adapted_reason: str | None = None
    adaptations: tuple[Adaptation, ...] = ()  # plan changes made when the workout ended

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @property
    def slots_done(self) -> int:
        """Steps actually done (skipped and pain-stopped ones are not)."""
        return sum(1 for s in self.state.slots if s.status == "done")

    @property
    def slots_left(self) -> int:
        return sum(1 for s in self.state.slots if s.status == "pending")

    @property
    def slots_not_done(self) -> int:
        """Steps passed over: skipped, or stopped by pain."""
        return sum(1 for s in self.state.slots if s.status in ("skipped", "stopped"))

    @property
    def slots_total(self) -> int:
        return len(self.state.slots)


# Bars loaded with plates (the catalogue's equipment ids): a plate calculator helps with these.
BARBELLS = frozenset({"barbell", "ez-bar", "trap-bar", "landmine"})


@dataclass(frozen=True)
class AtTheSet:
    """What helps at a set: what was done last time, the load to prefill (the plan's, else last
    time's heaviest), and the plates per side for a barbell load, in the person's unit."""

    last_time: LastTime | None
    load_kg: float | None
    plates: PlateLoad | None

    def to_json(self) -> dict[str, Any]:
        last = self.last_time
        return {
            "last_time": None
            if last is None
            else {
                "date": last.sets[0].performed_at.date().isoformat(),
                "sets": [
                    {"reps": s.reps, "load_kg": s.load_kg, "hold_s": s.hold_s, "rir": s.rir}
                    for s in last.working
                ],
            },
            "load_kg": self.load_kg,
            "plates": None
            if self.plates is None
            else {
                "unit": self.plates.unit,
                "bar": self.plates.bar,
                "per_side": list(self.plates.per_side),
                "total": self.plates.total,
            },
        }


def at_the_set(uow: UnitOfWork, *, catalog: Catalog, user: User, view: GuidedView) -> AtTheSet | None:
    """For a set step: last time's figures, the load to prefill, the plates (None for other steps)."""
    step = view.step
    if not isinstance(step, ExerciseStep):
        return None
    last = last_time(uow, user=user, exercise_id=step.exercise_id, excluding_workout_id=view.workout_id)
    loads = [s.load_kg for s in last.working if s.load_kg] if last is not None else []
    load = step.load_kg if step.load_kg is not None else (max(loads) if loads else None)
    exercise = catalog.exercises.get(step.exercise_id)
    plates = None
    if load and exercise is not None and BARBELLS & set(exercise.equipment):
        unit = user.display_unit
        plates = plates_per_side(round(from_kg(load, unit), 2), "lb" if unit == "lb" else "kg")
    return AtTheSet(last, load, plates)


def state_token(state: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]


def _context(db: Session, user: User) -> GuidedContext:
    profile = current_profile(db, user_id=user.id)
    if profile is None:
        return GuidedContext(level=Level.INTERMEDIATE, unit=user.display_unit, typical_equipment=True)
    return GuidedContext.from_profile(profile, typical_equipment=True)


def _view(
    db: Session,
    catalog: Catalog,
    user: User,
    record: GuidedRecord,
    *,
    machine: GuidedSession | None = None,
    adaptations: Sequence[Adaptation] = (),
) -> GuidedView:
    if machine is None:
        machine = GuidedSession.from_state(record.state, catalog=catalog, context=_context(db, user))
    step = machine.step
    if step is None:  # a record is only ever saved after Start
        raise InputError("state: the guided workout was never started")
    scheduled = planned_session_on(db, user_id=user.id, day=record.session_date)
    reason = (
        scheduled.adapted_reason
        if scheduled is not None and scheduled.id == record.planned_session_id
        else None
    )
    return GuidedView(
        id=record.id,
        session_date=record.session_date,
        workout_id=record.workout_id,
        status=record.status,
        step=step,
        state=machine.state,
        token=state_token(record.state),
        adapted_reason=reason,
        adaptations=tuple(adaptations),
    )


def current(uow: UnitOfWork, *, catalog: Catalog, user: User) -> GuidedView | None:
    """The guided workout in progress, at the step it is on (after a reload: the same step)."""
    with uow as db:
        record = active_guided(db, user_id=user.id)
        return None if record is None else _view(db, catalog, user, record)


def by_id(uow: UnitOfWork, *, catalog: Catalog, user: User, guided_id: int) -> GuidedView:
    """One of the person's guided workouts, in progress or finished; NotFound for anyone else's."""
    with uow as db:
        record = guided_by_id(db, user_id=user.id, guided_id=guided_id)
        if record is None:
            raise NotFound(f"guided workout {guided_id} not found")
        return _view(db, catalog, user, record)


def start(uow: UnitOfWork, *, catalog: Catalog, user: User, day: date, now: datetime) -> GuidedView:
    """Start the active plan's session on ``day``: a workout is opened and the first step shown.

    The safety gate must allow training (``SafetyHold``). Starting the same day again (a double
    tap) returns the workout already in progress; another day's workout in progress must be
    finished first (Conflict). One whose saved state can no longer be read (an exercise gone from
    the catalogue) is closed, so it cannot block training: its sets were stored as they were done.
    """
    with uow as db:
        gate.require_clear(db, user_id=user.id)
        current = active_guided(db, user_id=user.id, lock=True)
        if current is not None:
            try:
                view = _view(db, catalog, user, current)
            except (InputError, UnknownIdError):
                finish_guided(db, user_id=user.id, now=now)
            else:
                if current.session_date == day:
                    return view
                raise Conflict(
                    f"a guided workout for {current.session_date.isoformat()} is in progress: finish it first"
                )
        scheduled = planned_session_on(db, user_id=user.id, day=day)
        if scheduled is None:
            raise InputError(f"date: there is no planned session on {day.isoformat()}")
        machine = GuidedSession(scheduled.session, catalog=catalog, context=_context(db, user))
        machine.start(Start(at=now))
        workout_id = start_workout(db, user_id=user.id, started_at=now, planned_date=day, now=now)
        record = save_guided(
            db,
            user_id=user.id,
            session_date=day,
            state=machine.state.to_json(),
            planned_session_id=scheduled.id,
            workout_id=workout_id,
            now=now,
        )
        return _view(db, catalog, user, record, machine=machine)


# Events that a hold never refuses: reporting pain, pausing and stopping are always possible.
ALWAYS_ALLOWED = (PainReported, Pause, Finish)


def send(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    event: Event,
    now: datetime,
    token: str | None = None,
) -> GuidedView:
    """Apply one event to the workout in progress and store what it produced, in one transaction.

    New sets and pain reports go to the workout as they happen; at the end (the summary, or pain
    that ended the session) the workout is closed, records are updated and the coming sessions of
    the plan adapted. ``token`` (from the view shown) refuses an event sent against an older step:
    of several sent with one token, exactly one is applied.
    """
    with uow as db:
        record = active_guided(db, user_id=user.id, lock=True)
        if record is None:
            raise NotFound("there is no guided workout in progress")
        if token is not None and token != state_token(record.state):
            raise Conflict("the workout moved on since this page was shown: reload it")
        if not isinstance(event, ALWAYS_ALLOWED):
            gate.require_clear(db, user_id=user.id)
        machine = GuidedSession.from_state(record.state, catalog=catalog, context=_context(db, user))
        before = machine.state
        try:
            step = machine.send(event)
        except UnknownIdError as exc:  # a pain report's location: a field of the event, not a page
            raise InputError(f"location: {exc}", field="location") from None
        state = machine.state
        workout_id = record.workout_id
        if workout_id is None:  # the workout row was removed under it: keep what comes in any case
            workout_id = start_workout(
                db,
                user_id=user.id,
                started_at=state.started_at or now,
                planned_date=record.session_date,
                now=now,
            )
        for entry in state.sets[len(before.sets) :]:
            add_set(db, workout_id=workout_id, logged=entry, catalog=catalog, now=now)
        for pain in state.pain[len(before.pain) :]:
            add_pain(db, user_id=user.id, entry=pain, workout_id=workout_id, catalog=catalog, now=now)
        saved = save_guided(
            db,
            user_id=user.id,
            session_date=record.session_date,
            state=state.to_json(),
            planned_session_id=record.planned_session_id,
            workout_id=workout_id,
            now=now,
        )
        summary = _summary_of(step)
        if summary is None:
            return _view(db, catalog, user, saved, machine=machine)
        finish_workout(db, workout_id=workout_id, ended_at=max(now, state.started_at or now), now=now)
        finish_guided(db, user_id=user.id, now=now)
        changes = adapt_after_training(db, user_id=user.id, catalog=catalog, now=now)
        done = dataclasses.replace(saved, status="finished")
        return _view(db, catalog, user, done, machine=machine, adaptations=changes)


def _summary_of(step: Step) -> SummaryStep | None:
    if isinstance(step, SummaryStep):
        return step
    if isinstance(step, PainGuidanceStep) and step.session_over:
        return step.summary
    return None


_SIMPLE_EVENTS: dict[str, Callable[[datetime], Event]] = {
    "skip": lambda at: Skip(at=at),
    "skip_exercise": lambda at: SkipExercise(at=at),
    "continue": lambda at: Continue(at=at),
    "accept_substitute": lambda at: AcceptSubstitute(at=at),
    "decline_substitute": lambda at: DeclineSubstitute(at=at),
    "pause": lambda at: Pause(at=at),
    "resume": lambda at: Resume(at=at),
    "finish": lambda at: Finish(at=at),
}
EVENT_TYPES = ("set_done", "pain", *_SIMPLE_EVENTS)
_WHOLE = re.compile(r"-?\d{1,6}")
MAX_SEVERITY = 10  # the 0-10 numeric pain rating scale the safety core reads
_PAIN_FLAGS = (
    "sharp",
    "radiating",
    "numbness",
    "saddle_numbness",
    "bladder_or_bowel_change",
    "leg_weakness",
    "both_legs",
)


def _int(data: Mapping[str, Any], key: str, *, required: bool = False) -> int | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise InputError(f"{key}: is required")
        return None
    if isinstance(value, bool):
        raise InputError(f"{key}: {value!r} must be a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        return int(value.strip())
    raise InputError(f"{key}: {value!r} must be a whole number")


def _float(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{key}: {value!r} must be a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(str(value).strip())
        except ValueError:
            raise InputError(f"{key}: {value!r} must be a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InputError(f"{key}: {value!r} must be a finite number")
    return number


def _flag(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("", "false", "off", "no", "0"):
        return False
    if isinstance(value, str) and value.strip().lower() in ("true", "on", "yes", "1"):
        return True
    raise InputError(f"{key}: {value!r} must be true or false")


def event_from_json(data: Mapping[str, Any], now: datetime) -> Event:
    """An event from its JSON (or form) fields, dated ``now`` (the server's clock, never the client's).

    ``{"type": "set_done", "reps": 10, "load_kg": 20, "rir": 2}``; a load may instead be given as
    ``load`` with ``unit`` (kg or lb). ``{"type": "pain", "location": "lower_back", "severity": 6,
    "sharp": true}``; the other types take no fields. Strings from a form are read as numbers.
    """
    kind = data.get("type")
    if kind == "set_done":
        load_kg = _float(data, "load_kg")
        load = _float(data, "load")
        if load is not None:
            if load_kg is not None:
                raise InputError("load: give load_kg or load with unit, not both")
            load_kg = to_kg(load, str(data.get("unit") or "kg"))
        reps = _int(data, "reps", required=True)
        assert reps is not None
        if reps == 0:  # a set with no rep (or no hold) was not done: it is a skip, said as one
            raise InputError("reps: a set needs at least 1 rep; use Skip set for a set you did not do")
        return SetDone(
            at=now,
            reps=reps,
            load_kg=load_kg,
            rir=_float(data, "rir"),
            hold_s=_int(data, "hold_s"),
            note=set_note(data.get("note")),
        )
    if kind == "pain":
        location = data.get("location")
        if not isinstance(location, str) or not location.strip():
            raise InputError("location: is required (a body region such as lower_back, or a muscle id)")
        severity = _int(data, "severity", required=True)
        if severity is None or not 0 <= severity <= MAX_SEVERITY:
            raise InputError(f"severity: {severity!r} must be from 0 to {MAX_SEVERITY}")
        flags = {key: _flag(data, key) for key in _PAIN_FLAGS}
        return PainReported(at=now, location=location.strip(), severity=severity, **flags)
    if isinstance(kind, str) and kind in _SIMPLE_EVENTS:
        return _SIMPLE_EVENTS[kind](now)
    raise InputError(f"type: {kind!r} must be one of {', '.join(EVENT_TYPES)}")


def _plain(value: Any) -> Any:
    """Steps and their parts as JSON-ready values (dataclasses to objects with their ``kind``)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        kind = getattr(value, "kind", None)
        if isinstance(kind, str):
            out["kind"] = kind
        for f in dataclasses.fields(value):
            out[f.name] = _plain(getattr(value, f.name))
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def step_to_json(step: Step) -> dict[str, Any]:
    """The step as JSON: its fields and ``kind``; a rest adds ``ends_at`` for the countdown."""
    out: dict[str, Any] = _plain(step)
    if isinstance(step, RestStep):
        out["ends_at"] = (step.began_at + timedelta(seconds=step.seconds)).isoformat()
    summary = _summary_of(step)
    if summary is not None:
        out["ended_early"] = summary.ended_early
    return out


def guided_to_json(view: GuidedView) -> dict[str, Any]:
    return {
        "id": view.id,
        "session_date": view.session_date.isoformat(),
        "workout_id": view.workout_id,
        "status": view.status,
        "phase": view.state.phase,
        "token": view.token,
        "slots_done": view.slots_done,
        "slots_total": view.slots_total,
        "adapted_reason": view.adapted_reason,
        "adaptations": [{"date": a.session_date.isoformat(), "reason": a.reason} for a in view.adaptations],
        "step": step_to_json(view.step),
    }


@dataclass(frozen=True)
class Idle:
    """No workout in progress: today's planned session to start, or why there is none."""

    todays: ScheduledSession | None
    done_today: bool
    hold: gate.Hold | None
    decision: ScreeningDecision | None
    has_plan: bool


def idle(uow: UnitOfWork, *, user: User, day: date) -> Idle:
    """What the workout page offers when nothing is in progress; never a session while held."""
    with uow as db:
        hold = gate.hold_of(db, user_id=user.id)
        latest = latest_screening(db, user_id=user.id)
        decision = screen(latest.answers) if latest is not None else None
        scheduled = planned_session_on(db, user_id=user.id, day=day) if hold is None else None
        done_today = any(w.planned_date == day and w.ended_at is not None for w in workouts_on(db, user, day))
        has_plan = has_active_plan(db, user_id=user.id)
    return Idle(scheduled, done_today, hold, decision, has_plan)


def workouts_on(db: Session, user: User, day: date) -> list[Workout]:
    since = datetime.combine(day, time(), tzinfo=UTC) - timedelta(days=1)  # local days straddle UTC ones
    return workouts(db, user_id=user.id, since=since)


def scheduled_of(uow: UnitOfWork, *, user: User) -> list[ScheduledSession]:
    with uow as db:
        return scheduled_sessions(db, user_id=user.id)
