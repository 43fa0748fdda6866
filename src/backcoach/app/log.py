"""The training log: sets logged by hand (a new workout, or added to one of the person's own), the
person's workouts, and their public JSON shapes.

Masses are kilograms; the unit a person typed is kept beside each set (``entered_unit``) so it is
shown back as entered. Records are updated by the store as it writes the sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcoach.analysis import Adaptation, NewRecord, records_beating
from backcoach.app import gate
from backcoach.app.adaptation import adapt_after_training
from backcoach.app.bounds import check_datetime
from backcoach.app.profile import field_named
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog, LoadType
from backcoach.errors import InputError, NotFound
from backcoach.sessions import Feeling, LoggedSet, SetType, Workout
from backcoach.sessions.public import set_json
from backcoach.sessions.records import MAX_SET_NOTE, Unit, check_not_future
from backcoach.store import (
    User,
    append_sets,
    describe_workout,
    last_set_ids,
    last_sets,
    log_workout,
    set_ids,
    start_workout,
    strength_bests,
    workout,
    workouts,
)
from backcoach.store.tables import WorkoutRow  # ids of workouts: the store's workouts() has none

# A load of 0 on these exercises means "no added load": body weight, a band's tension or nothing.
NO_LOAD = (LoadType.BODYWEIGHT, LoadType.BAND, LoadType.NONE)


@dataclass(frozen=True)
class SetEntry:
    """One set as typed: reps, the load in kilograms (None: body weight), reps in reserve."""

    reps: int
    load_kg: float | None = None
    rir: float | None = None
    set_type: SetType = SetType.WORKING
    hold_s: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Logged:
    workout_id: int
    sets: tuple[LoggedSet, ...]
    records: tuple[NewRecord, ...]
    adaptations: tuple[Adaptation, ...]
    set_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Done:
    """A workout as stored: its id, the workout, and its sets' ids in the order of ``workout.sets``."""

    id: int
    workout: Workout
    set_ids: tuple[int, ...]


def check_reps(reps: int, hold_s: int | None, what: str = "reps") -> None:
    """A set done has at least one rep (or, for a hold, some seconds held): 0 is not a set done."""
    if reps == 0 and not hold_s:
        raise InputError(f"{what}: a set needs at least 1 rep; leave out a set you did not do")


def set_note(value: object, what: str = "note") -> str | None:
    """A note on a set as typed: trimmed, blank is no note; refused when not text or too long."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{what}: must be text")
    text = value.strip()
    if len(text) > MAX_SET_NOTE:
        raise InputError(f"{what}: {len(text)} characters is more than {MAX_SET_NOTE}")
    return text or None


def _owned(db: Session, user: User, workout_id: int) -> None:
    owner = db.scalar(select(WorkoutRow.user_id).where(WorkoutRow.id == workout_id))
    if owner != user.id:
        raise NotFound(f"workout {workout_id} not found")


def log_sets(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    exercise_id: str,
    sets: Sequence[SetEntry],
    at: datetime,
    entered_unit: Unit,
    now: datetime,
    workout_id: int | None = None,
    adapt: bool | None = None,
) -> Logged:
    """Log sets of one exercise: a new workout, or appended to one of the person's own.

    A new workout is a session done, so the plan's coming sessions are adapted to it (``adapt``
    None). Sets added to a workout one at a time, between sets, do not adapt the plan each time
    (it reads four weeks of training: too slow for every set, and the session is not over); the
    next whole log or guided session does. ``adapt`` forces either way.
    """
    if not sets:
        raise InputError("sets: log at least one set")
    for index, typed in enumerate(sets):
        check_reps(typed.reps, typed.hold_s, f"sets[{index}].reps")
    with field_named("exercise_id"):
        exercise = catalog.exercise(exercise_id)
    check_not_future(at, now, "at")  # also refuses a time without a zone, naming the field given
    check_datetime(at, "at")
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
            note=set_note(s.note, f"sets[{index}].note"),
        )
        for index, s in enumerate(sets)
    )
    countable = any(s.set_type.is_hard and s.load_kg for s in logged)
    if adapt is None:
        adapt = workout_id is None
    with uow as db:
        if workout_id is None:
            bests = strength_bests(db, user_id=user.id, exercise_id=exercise.id) if countable else None
            workout_id = log_workout(
                db, user_id=user.id, workout=Workout(started_at=at, sets=logged), catalog=catalog, now=now
            )
            ids = last_set_ids(db, workout_id=workout_id, count=len(logged))
        else:
            # Between sets, the hot path: the ownership check, the lock, the new ids and the bests
            # to beat come with the append (4 queries for one set, not add_set's way's 7).
            appended = append_sets(
                db, user_id=user.id, workout_id=workout_id, sets=logged, catalog=catalog, now=now
            )
            if appended is None:
                raise NotFound(f"workout {workout_id} not found")
            ids, bests = list(appended.set_ids), appended.bests.get(exercise.id)
        changes = adapt_after_training(db, user_id=user.id, catalog=catalog, now=now) if adapt else []
    found = [] if bests is None else records_beating(bests, logged)
    return Logged(workout_id, logged, tuple(found), tuple(changes), tuple(ids))


def start_free(uow: UnitOfWork, *, user: User, at: datetime, now: datetime) -> int:
    """Open an empty workout that no plan asked for (free training); sets are added to it with
    ``log_sets(workout_id=...)``. Returns its id. The safety gate holds it as it holds a planned
    session (SafetyHold while the person is held)."""
    check_not_future(at, now, "at")
    check_datetime(at, "at")
    with uow as db:
        gate.require_clear(db, user_id=user.id)
        return start_workout(db, user_id=user.id, started_at=at, now=now)


def workouts_of(uow: UnitOfWork, *, user: User, since: datetime | None = None) -> list[tuple[int, Workout]]:
    """The person's workouts with their ids, oldest first."""
    with uow as db:
        query = select(WorkoutRow.id).where(WorkoutRow.user_id == user.id)
        if since is not None:
            query = query.where(WorkoutRow.started_at >= since)
        ids = list(db.scalars(query.order_by(WorkoutRow.started_at, WorkoutRow.id)))
        done = workouts(db, user_id=user.id, since=since)
    return list(zip(ids, done, strict=True))


def workouts_done(
    uow: UnitOfWork, *, user: User, since: datetime | None = None, until: datetime | None = None
) -> list[Done]:
    """The person's workouts that started in [since, until), with their ids and set ids, oldest first."""
    with uow as db:
        query = select(WorkoutRow.id).where(WorkoutRow.user_id == user.id)
        if since is not None:
            query = query.where(WorkoutRow.started_at >= since)
        if until is not None:
            query = query.where(WorkoutRow.started_at < until)
        ids = list(db.scalars(query.order_by(WorkoutRow.started_at, WorkoutRow.id)))
        done = workouts(db, user_id=user.id, since=since, until=until)
        pairs = list(zip(ids, done, strict=True))
        sets = set_ids(db, workout_ids=[i for i, _ in pairs])
    return [Done(i, w, tuple(sets[i])) for i, w in pairs]


def workout_done(uow: UnitOfWork, *, user: User, workout_id: int) -> Done:
    """One of the person's workouts with its set ids; NotFound for an unknown id or anyone else's."""
    with uow as db:
        _owned(db, user, workout_id)
        found = workout(db, workout_id=workout_id)
        sets = set_ids(db, workout_ids=[workout_id])[workout_id]
    return Done(workout_id, found, tuple(sets))


def workout_of(uow: UnitOfWork, *, user: User, workout_id: int) -> Workout:
    """One of the person's workouts; NotFound for an unknown id or anyone else's."""
    with uow as db:
        _owned(db, user, workout_id)
        return workout(db, workout_id=workout_id)


MAX_NOTES = 2000  # characters of a workout's notes: a paragraph or two, not a diary


@dataclass(frozen=True)
class LastTime:
    """The sets of one exercise the last time it was done (before the workout under way)."""

    exercise_id: str
    sets: tuple[LoggedSet, ...]

    @property
    def working(self) -> tuple[LoggedSet, ...]:
        """The hard sets, or every set when there were none (a drill, a body-weight hold)."""
        hard = tuple(s for s in self.sets if s.set_type.is_hard)
        return hard or self.sets


def last_time(
    uow: UnitOfWork, *, user: User, exercise_id: str, excluding_workout_id: int | None = None
) -> LastTime | None:
    """What the person did of ``exercise_id`` last time (None: never), for "last time" at a set."""
    with uow as db:
        sets = last_sets(
            db, user_id=user.id, exercise_id=exercise_id, excluding_workout_id=excluding_workout_id
        )
    return LastTime(exercise_id, tuple(sets)) if sets else None


def describe(
    uow: UnitOfWork,
    *,
    user: User,
    workout_id: int,
    notes: str | None = None,
    feeling: Feeling | str | None = None,
) -> Done:
    """Rate a workout (bad, neutral, good) and note on it; NotFound for anyone else's."""
    if notes is not None and len(notes) > MAX_NOTES:
        raise InputError(f"notes: {len(notes)} characters is more than {MAX_NOTES}")
    with uow as db:
        _owned(db, user, workout_id)
        describe_workout(db, workout_id=workout_id, notes=notes, feeling=feeling)
        return workout_done(uow, user=user, workout_id=workout_id)


def logged_to_json(result: Logged) -> dict[str, Any]:
    """The public shape of a log (``log --json``, ``POST /api/v1/sets``)."""
    return {
        "workout_id": result.workout_id,
        "exercise_id": result.sets[0].exercise_id,
        "sets": [
            _with_id(set_json(s), i)
            for s, i in zip(result.sets, _ids(result.set_ids, result.sets), strict=True)
        ],
        "records": [
            {"kind": r.kind, "reps": r.from_set.reps, "value_kg": r.value_kg, "previous_kg": r.previous_kg}
            for r in result.records
        ],
        "adaptations": [{"date": a.session_date.isoformat(), "reason": a.reason} for a in result.adaptations],
    }


def done_to_json(done: Done) -> dict[str, Any]:
    """The public shape of a workout with its set ids (``history --json``, ``/api/v1/workouts``)."""
    return workout_to_json(done.id, done.workout, set_ids=done.set_ids)


def _ids(ids: Sequence[int], sets: Sequence[object]) -> Sequence[int | None]:
    return ids if len(ids) == len(sets) else [None] * len(sets)


def _with_id(shape: dict[str, Any], set_id: int | None) -> dict[str, Any]:
    return {"id": set_id, **shape}


def workout_to_json(workout_id: int, w: Workout, *, set_ids: Sequence[int] = ()) -> dict[str, Any]:
    """The public shape of a workout; each set carries its ``id`` (None where not given)."""
    return {
        "id": workout_id,
        "started_at": w.started_at.isoformat(),
        "ended_at": w.ended_at.isoformat() if w.ended_at else None,
        "planned_date": w.planned_date.isoformat() if w.planned_date else None,
        "feeling": w.feeling.value if w.feeling else None,
        "notes": w.notes,
        "sets": [_with_id(set_json(s), i) for s, i in zip(w.sets, _ids(set_ids, w.sets), strict=True)],
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
