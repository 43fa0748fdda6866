"""Workouts as they were done: sets in order with their targets beside them, pain reports, feeling.

Sets and workouts can be corrected afterwards (``replace_set``, ``delete_set``, ``delete_workout``,
``restore_set``); the kept personal records of every exercise touched are rebuilt from the sets
left (``rebuild_records``), and everything else (progress, volume, recovery) is read from the sets.

Two ways in, one shape out:

* live, set by set (the guided session): ``start_workout``, then ``add_set`` once per set, each in
  its own ``session_scope`` so a set is durable the moment it is acknowledged, then
  ``finish_workout``;
* whole (an import, a log typed afterwards): ``log_workout``, all or nothing.

Everything is validated before the first write, so a refused value leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from backcoach.analysis.progress import StrengthBests
from backcoach.catalog.catalog import Catalog
from backcoach.errors import InputError
from backcoach.sessions.records import (
    Feeling,
    LoggedSet,
    PainEntry,
    SetType,
    Target,
    Workout,
    check_not_future,
)
from backcoach.store.checks import known_exercises, unit
from backcoach.store.plans import planned_session_on
from backcoach.store.records import forget_records, note_sets
from backcoach.store.tables import PainRow, SetRow, WorkoutRow
from backcoach.store.times import local, offset_s, utc_now
from backcoach.store.users import user_row


def start_workout(
    session: Session,
    *,
    user_id: int,
    started_at: datetime,
    planned_date: date | None = None,
    now: datetime | None = None,
) -> int:
    """Open a workout and return its id; it follows the active plan's session on ``planned_date``."""
    opened = Workout(started_at=started_at, planned_date=planned_date)
    check_not_future(started_at, utc_now(now), "started_at")
    return _insert_workout(session, user_id, opened).id


def add_set(
    session: Session,
    *,
    workout_id: int,
    logged: LoggedSet,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> int:
    """Append one set to an open workout and return its position (from 0)."""
    _check_sets((logged,), utc_now(now), catalog, indexed=False)
    # Lock the workout row so two appends at once (two tabs, a retry) take positions in turn;
    # SQLite's BEGIN IMMEDIATE already serialises writers, PostgreSQL needs FOR UPDATE.
    owner = _workout_row(session, workout_id, lock=True).user_id
    # The unique (workout_id, position) index answers this without reading the workout's sets.
    last = session.scalar(select(func.max(SetRow.position)).where(SetRow.workout_id == workout_id))
    position = 0 if last is None else last + 1
    added = _set_row(position, logged)
    added.workout_id = workout_id
    session.add(added)
    session.flush()
    note_sets(session, user_id=owner, sets=(logged,))
    return position


def append_sets(
    session: Session,
    *,
    user_id: int,
    workout_id: int,
    sets: Sequence[LoggedSet],
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> Appended | None:
    """Append sets to one of the person's workouts, in order: their ids and what they had to beat
    (``Appended``); None when the workout is not theirs (or does not exist), with nothing written.

    ``add_set`` for the hot path (a set logged between sets): the owner is read with the row lock
    (one query, not a look then a locked read), and the new ids come back from the insert.
    """
    _check_sets(sets, utc_now(now), catalog, indexed=False)
    # The lock as in ``add_set``: appends to one workout take positions in turn (PostgreSQL).
    if session.scalar(_OWNER_LOCKED, {"workout_id": workout_id}) != user_id:
        return None
    # A statement of its own, after the lock: under READ COMMITTED it sees an append that
    # committed while this one waited for the lock.
    last = session.scalar(_LAST_POSITION, {"workout_id": workout_id})
    start = 0 if last is None else last + 1
    # A Core insert, not the ORM's unit of work (a third of this function's CPU): no object of
    # the workout or its sets is loaded in this session for it to bypass.
    rows = [{**_set_values(start + i, logged), "workout_id": workout_id} for i, logged in enumerate(sets)]
    ids = session.scalars(_INSERT_SET, rows).all()
    bests = note_sets(session, user_id=user_id, sets=sets)
    return Appended(tuple(ids), bests)


@dataclass(frozen=True)
class Appended:
    """Sets just appended: their ids in order, and each exercise's bests held before them."""

    set_ids: tuple[int, ...]
    bests: Mapping[str, StrengthBests]


# Built once, as Core statements over the tables: on the hot path, building a statement, its cache
# key and the ORM's execution context cost more CPU than SQLite took to run it.
_WORKOUTS = WorkoutRow.metadata.tables[WorkoutRow.__tablename__]
_SETS = SetRow.metadata.tables[SetRow.__tablename__]
_OWNER_LOCKED = select(_WORKOUTS.c.user_id).where(_WORKOUTS.c.id == bindparam("workout_id")).with_for_update()
_LAST_POSITION = select(func.max(_SETS.c.position)).where(_SETS.c.workout_id == bindparam("workout_id"))
_INSERT_SET = insert(_SETS).returning(_SETS.c.id, sort_by_parameter_order=True)


def add_pain(
    session: Session,
    *,
    user_id: int,
    entry: PainEntry,
    workout_id: int | None = None,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> None:
    _check_pain((entry,), utc_now(now), catalog)
    user_row(session, user_id)
    row = _pain_row(user_id, entry)
    parent = None if workout_id is None else _workout_row(session, workout_id)
    if parent is None:
        session.add(row)
    else:
        parent.pain.append(row)
    session.flush()


def finish_workout(
    session: Session,
    *,
    workout_id: int,
    ended_at: datetime,
    notes: str = "",
    feeling: Feeling | str | None = None,
    now: datetime | None = None,
) -> None:
    row = _workout_row(session, workout_id)
    check_not_future(ended_at, utc_now(now), "ended_at")
    if ended_at < row.started_at:
        raise InputError(f"ended_at: {ended_at.isoformat()} is before the workout started")
    row.ended_at = ended_at
    row.notes = notes
    row.feeling = None if feeling is None else _feeling(feeling).value
    session.flush()


def log_workout(
    session: Session,
    *,
    user_id: int,
    workout: Workout,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> int:
    """Store a whole workout with its sets and pain reports, all or nothing; return its id."""
    at = utc_now(now)
    check_not_future(workout.started_at, at, "started_at")
    if workout.ended_at is not None:
        check_not_future(workout.ended_at, at, "ended_at")
    _check_sets(workout.sets, at, catalog, indexed=True)
    _check_pain(workout.pain, at, catalog)
    row = _insert_workout(session, user_id, workout)
    row.sets.extend(_set_row(position, logged) for position, logged in enumerate(workout.sets))
    row.pain.extend(_pain_row(user_id, entry) for entry in workout.pain)
    session.flush()
    note_sets(session, user_id=user_id, sets=workout.sets)
    return row.id


def set_owner(session: Session, *, set_id: int) -> tuple[int, int] | None:
    """(user id, workout id) of a stored set, or None for an unknown id."""
    row = session.execute(
        select(WorkoutRow.user_id, SetRow.workout_id)
        .join(WorkoutRow, SetRow.workout_id == WorkoutRow.id)
        .where(SetRow.id == set_id)
    ).first()
    return None if row is None else (row[0], row[1])


def stored_set(session: Session, *, set_id: int) -> tuple[int, LoggedSet]:
    """A stored set and its position in its workout."""
    row = session.get(SetRow, set_id)
    if row is None:
        raise InputError(f"set_id: {set_id!r} is not a known set")
    return row.position, logged_from_columns(row)


def last_set_ids(session: Session, *, workout_id: int, count: int) -> list[int]:
    """The ids of a workout's last ``count`` sets, in the order done: read through the unique
    (workout_id, position) index, so the cost does not grow with the workout."""
    query = (
        select(SetRow.id).where(SetRow.workout_id == workout_id).order_by(SetRow.position.desc()).limit(count)
    )
    return list(reversed(list(session.scalars(query))))


def set_ids(session: Session, *, workout_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each workout's set ids in the order done (the order of ``Workout.sets``)."""
    wanted = list(workout_ids)
    out: dict[int, list[int]] = {w: [] for w in wanted}
    if not wanted:
        return out
    query = select(SetRow.workout_id, SetRow.id).where(SetRow.workout_id.in_(wanted))
    for workout_id, set_id in session.execute(query.order_by(SetRow.workout_id, SetRow.position)):
        out[workout_id].append(set_id)
    return out


def replace_set(
    session: Session,
    *,
    set_id: int,
    logged: LoggedSet,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> None:
    """Overwrite a stored set with ``logged`` (same id and position); records rebuilt."""
    _check_sets((logged,), utc_now(now), catalog, indexed=False)
    row = session.get(SetRow, set_id)
    if row is None:
        raise InputError(f"set_id: {set_id!r} is not a known set")
    before = row.exercise_id
    fresh = _set_row(row.position, logged)
    for name in _SET_FIELDS:
        setattr(row, name, getattr(fresh, name))
    session.flush()
    rebuild_records(
        session,
        user_id=_workout_row(session, row.workout_id).user_id,
        exercise_ids={before, logged.exercise_id},
    )


def delete_set(session: Session, *, set_id: int) -> None:
    """Remove a stored set; the records of its exercise are rebuilt from the sets left."""
    row = session.get(SetRow, set_id)
    if row is None:
        raise InputError(f"set_id: {set_id!r} is not a known set")
    user_id = _workout_row(session, row.workout_id).user_id
    exercise_id = row.exercise_id
    session.delete(row)
    session.flush()
    rebuild_records(session, user_id=user_id, exercise_ids={exercise_id})


def restore_set(
    session: Session,
    *,
    workout_id: int,
    position: int,
    logged: LoggedSet,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> int:
    """Put a deleted set back at its place in its workout (at the end if that place was taken
    since); return its new id. Records rebuilt."""
    _check_sets((logged,), utc_now(now), catalog, indexed=False)
    parent = _workout_row(session, workout_id, lock=True)
    taken = session.scalar(
        select(func.count()).where(SetRow.workout_id == workout_id, SetRow.position == position)
    )
    if taken:
        last = session.scalar(select(func.max(SetRow.position)).where(SetRow.workout_id == workout_id))
        position = 0 if last is None else last + 1
    row = _set_row(position, logged)
    row.workout_id = workout_id
    session.add(row)
    session.flush()
    rebuild_records(session, user_id=parent.user_id, exercise_ids={logged.exercise_id})
    return row.id


def delete_workout(session: Session, *, workout_id: int) -> None:
    """Remove a workout with its sets and pain reports; the records of its exercises are rebuilt."""
    row = _workout_row(session, workout_id)
    user_id = row.user_id
    touched = {s.exercise_id for s in row.sets}
    session.delete(row)
    session.flush()
    rebuild_records(session, user_id=user_id, exercise_ids=touched)


def last_sets(
    session: Session, *, user_id: int, exercise_id: str, excluding_workout_id: int | None = None
) -> list[LoggedSet]:
    """The sets of ``exercise_id`` in the person's latest workout that has any (but the one
    excluded: the workout under way), in the order done; empty when there is none."""
    query = (
        select(WorkoutRow.id)
        .join(SetRow, SetRow.workout_id == WorkoutRow.id)
        .where(WorkoutRow.user_id == user_id, SetRow.exercise_id == exercise_id)
        .order_by(WorkoutRow.started_at.desc(), WorkoutRow.id.desc())
        .limit(1)
    )
    if excluding_workout_id is not None:
        query = query.where(WorkoutRow.id != excluding_workout_id)
    latest = session.scalar(query)
    if latest is None:
        return []
    rows = session.execute(
        select(*set_columns())
        .where(SetRow.workout_id == latest, SetRow.exercise_id == exercise_id)
        .order_by(SetRow.position)
    )
    return [logged_from_columns(row) for row in rows]


def describe_workout(
    session: Session, *, workout_id: int, notes: str | None = None, feeling: Feeling | str | None = None
) -> None:
    """Set how a workout felt and its notes (None leaves either as it is)."""
    row = _workout_row(session, workout_id)
    if notes is not None:
        row.notes = notes
    if feeling is not None:
        row.feeling = _feeling(feeling).value
    session.flush()


def rebuild_records(session: Session, *, user_id: int, exercise_ids: Iterable[str]) -> None:
    """The kept records of these exercises, computed again from every set of them left."""
    wanted = sorted(set(exercise_ids))
    if not wanted:
        return
    forget_records(session, user_id=user_id, exercise_ids=wanted)
    for exercise_id in wanted:
        note_sets(
            session,
            user_id=user_id,
            sets=sets_for_exercise(session, user_id=user_id, exercise_id=exercise_id),
        )


def workout(session: Session, *, workout_id: int) -> Workout:
    return _workout(_workout_row(session, workout_id))


def workouts(
    session: Session, *, user_id: int, since: datetime | None = None, until: datetime | None = None
) -> list[Workout]:
    """The person's workouts that started at or after ``since`` (and before ``until``), oldest first."""
    query = (
        select(WorkoutRow)
        .where(WorkoutRow.user_id == user_id)
        .options(selectinload(WorkoutRow.sets), selectinload(WorkoutRow.pain))
        .order_by(WorkoutRow.started_at, WorkoutRow.id)
    )
    if since is not None:
        query = query.where(WorkoutRow.started_at >= since)
    if until is not None:
        query = query.where(WorkoutRow.started_at < until)
    return [_workout(row) for row in session.scalars(query)]


def sets_for_exercise(
    session: Session, *, user_id: int, exercise_id: str, since: datetime | None = None
) -> list[LoggedSet]:
    """Every set of one exercise the person logged, in the order done."""
    query = (
        select(*set_columns())
        .join(WorkoutRow, SetRow.workout_id == WorkoutRow.id)
        .where(WorkoutRow.user_id == user_id, SetRow.exercise_id == exercise_id)
        .order_by(SetRow.performed_at, WorkoutRow.id, SetRow.position)
    )
    if since is not None:
        query = query.where(SetRow.performed_at >= since)
    # Plain columns, not ORM objects: a long history reads several times faster.
    return [logged_from_columns(row) for row in session.execute(query)]


def pain_reports(session: Session, *, user_id: int, since: datetime | None = None) -> list[PainEntry]:
    """Every pain report, during a workout or not, oldest first."""
    query = select(PainRow).where(PainRow.user_id == user_id).order_by(PainRow.reported_at, PainRow.id)
    if since is not None:
        query = query.where(PainRow.reported_at >= since)
    return [_pain(row) for row in session.scalars(query)]


# ---------------------------------------------------------------------- checks


def _check_sets(sets: Iterable[LoggedSet], now: datetime, catalog: Catalog | None, *, indexed: bool) -> None:
    """Refuse future times (naming ``sets[i]`` within a whole workout) and unknown exercises."""
    checked = tuple(sets)
    for index, logged in enumerate(checked):
        check_not_future(
            logged.performed_at, now, f"sets[{index}].performed_at" if indexed else "performed_at"
        )
    known_exercises((s.exercise_id for s in checked), catalog)


def _check_pain(entries: Iterable[PainEntry], now: datetime, catalog: Catalog | None) -> None:
    checked = tuple(entries)
    for entry in checked:
        check_not_future(entry.reported_at, now, "reported_at")
    known_exercises((e.exercise_id for e in checked if e.exercise_id is not None), catalog)


def _feeling(value: Feeling | str) -> Feeling:
    try:
        return Feeling(value)
    except ValueError:
        raise InputError(f"feeling: {value!r} must be one of {', '.join(f.value for f in Feeling)}") from None


# ---------------------------------------------------------------------- rows


def _insert_workout(session: Session, user_id: int, done: Workout) -> WorkoutRow:
    """The workout's own row (no sets yet), linked to the planned session it follows, if any."""
    user_row(session, user_id)
    planned = (
        None
        if done.planned_date is None
        else planned_session_on(session, user_id=user_id, day=done.planned_date)
    )
    row = WorkoutRow(
        user_id=user_id,
        started_at=done.started_at,
        ended_at=done.ended_at,
        utc_offset_s=offset_s(done.started_at),
        planned_date=done.planned_date,
        planned_session_id=None if planned is None else planned.id,
        notes=done.notes,
        feeling=None if done.feeling is None else done.feeling.value,
    )
    session.add(row)
    session.flush()
    return row


def _workout_row(session: Session, workout_id: int, *, lock: bool = False) -> WorkoutRow:
    row = session.get(WorkoutRow, workout_id, with_for_update=lock)
    if row is None:
        raise InputError(f"workout_id: {workout_id!r} is not a known workout")
    return row


def _set_row(position: int, logged: LoggedSet) -> SetRow:
    return SetRow(**_set_values(position, logged))


def _set_values(position: int, logged: LoggedSet) -> dict[str, Any]:
    """A set's columns but its workout's id (``_set_row``, and ``append_sets``'s insert)."""
    return {
        "position": position,
        "exercise_id": logged.exercise_id,
        "set_type": logged.set_type.value,
        "performed_at": logged.performed_at,
        "utc_offset_s": offset_s(logged.performed_at),
        "reps": logged.reps,
        "load_kg": logged.load_kg,
        "entered_unit": logged.entered_unit,
        "rir": logged.rir,
        "rest_s": logged.rest_s,
        "hold_s": logged.hold_s,
        "target_reps_min": logged.target.reps_min,
        "target_reps_max": logged.target.reps_max,
        "target_load_kg": logged.target.load_kg,
        "target_rir": logged.target.rir,
        "note": logged.note,
    }


def _pain_row(user_id: int, entry: PainEntry) -> PainRow:
    return PainRow(
        user_id=user_id,
        reported_at=entry.reported_at,
        utc_offset_s=offset_s(entry.reported_at),
        location=entry.location,
        severity=entry.severity,
        sharp=entry.sharp,
        radiating=entry.radiating,
        numbness=entry.numbness,
        exercise_id=entry.exercise_id,
        action=entry.action,
    )


def set_columns() -> tuple[InstrumentedAttribute[Any], ...]:
    """The columns ``logged_from_columns`` reads, for queries that skip the ORM's objects."""
    return tuple(getattr(SetRow, name) for name in _SET_FIELDS)


_SET_FIELDS = (
    "exercise_id", "performed_at", "utc_offset_s", "reps", "load_kg", "set_type", "rir", "rest_s",
    "target_reps_min", "target_reps_max", "target_load_kg", "target_rir", "entered_unit", "hold_s",
    "note",
)  # fmt: skip


def logged_from_columns(row: SetRow | Row[Any]) -> LoggedSet:
    """A stored set as the domain's value, from its ORM row or from ``set_columns()``."""
    # Unpacked by position, not read by name: a query row's attributes cost a lookup each, and
    # these run thousands of times for a progress chart.
    values = tuple(row) if isinstance(row, Row) else tuple(getattr(row, name) for name in _SET_FIELDS)
    exercise_id, at, offset, reps, load, kind, rir, rest, low, high, t_load, t_rir, typed, hold, note = values
    return LoggedSet(
        exercise_id=exercise_id,
        performed_at=local(at, offset),
        reps=reps,
        load_kg=load,
        set_type=_SET_TYPES[kind],
        rir=rir,
        rest_s=rest,
        target=_NO_TARGET
        if high is None and low is None and t_load is None and t_rir is None
        else Target(low, high, t_load, t_rir),
        entered_unit=unit(typed, "entered_unit"),
        hold_s=hold,
        note=note,
    )


_SET_TYPES = {t.value: t for t in SetType}
_NO_TARGET = Target()


def _pain(row: PainRow) -> PainEntry:
    return PainEntry(
        reported_at=local(row.reported_at, row.utc_offset_s),
        location=row.location,
        severity=row.severity,
        sharp=row.sharp,
        radiating=row.radiating,
        numbness=row.numbness,
        exercise_id=row.exercise_id,
        action=row.action,
    )


def _workout(row: WorkoutRow) -> Workout:
    return Workout(
        started_at=local(row.started_at, row.utc_offset_s),
        sets=tuple(logged_from_columns(s) for s in row.sets),
        ended_at=None if row.ended_at is None else local(row.ended_at, row.utc_offset_s),
        planned_date=row.planned_date,
        notes=row.notes,
        feeling=None if row.feeling is None else Feeling(row.feeling),
        pain=tuple(_pain(p) for p in row.pain),
    )
