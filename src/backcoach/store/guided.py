"""Guided workouts kept on the server: the state of the one a person is doing, and the finished ones.

The web app saves ``sessions.state.GuidedState.to_json()`` after every step, so a reloaded page,
another tab or another device resumes where the person was. Each user has at most one 'active'
record; ``save_guided`` creates it or overwrites it in place, ``finish_guided`` closes it, and the
finished ones stay as a history. Every read is scoped to a user: an id of someone else's record
reads as absent, never as theirs.

The store treats ``state`` as an opaque JSON object. It is stored as its JSON round trip, so what
``save_guided`` returns is exactly what every later read returns (tuples read back as lists).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backcoach.errors import InputError
from backcoach.store.tables import GuidedRow, PlannedSessionRow, PlanRow, WorkoutRow
from backcoach.store.times import utc_now
from backcoach.store.users import user_row

GuidedStatus = Literal["active", "finished"]
ACTIVE: GuidedStatus = "active"
FINISHED: GuidedStatus = "finished"
# A guided state is a few kilobytes (the slots and sets of one session); a megabyte is a bug or abuse.
MAX_STATE_BYTES = 1_000_000


@dataclass(frozen=True)
class GuidedRecord:
    id: int
    user_id: int
    planned_session_id: int | None
    session_date: date
    workout_id: int | None
    state: dict[str, Any]  # a copy: changing it changes nothing stored
    status: GuidedStatus
    updated_at: datetime


def save_guided(
    session: Session,
    *,
    user_id: int,
    session_date: date,
    state: dict[str, Any],
    planned_session_id: int | None = None,
    workout_id: int | None = None,
    now: datetime | None = None,
) -> GuidedRecord:
    """Store the user's active guided workout, creating it or overwriting the one there is.

    Every field takes the value given here (None clears a link), so pass the record's
    ``planned_session_id`` and ``workout_id`` again when saving a later step.
    """
    stored = _stored_state(state)
    user_row(session, user_id)
    _check_links(session, user_id, planned_session_id, workout_id)
    fields: dict[str, Any] = {
        "session_date": session_date,
        "state": stored,
        "planned_session_id": planned_session_id,
        "workout_id": workout_id,
        "updated_at": utc_now(now),
    }
    row = _active_row(session, user_id)
    if row is None:
        try:
            with session.begin_nested():  # a concurrent save may have created it since our look
                row = GuidedRow(user_id=user_id, status=ACTIVE, **fields)
                session.add(row)
                session.flush()
            return _record(row)
        except IntegrityError:  # ... and the partial unique index refused a second active one
            row = _active_row(session, user_id)
            if row is None:
                raise
    for key, value in fields.items():
        setattr(row, key, value)
    session.flush()
    return _record(row)


def active_guided(session: Session, *, user_id: int, lock: bool = False) -> GuidedRecord | None:
    """The user's guided workout in progress, if any; ``lock`` holds its row until the transaction
    ends (PostgreSQL ``FOR UPDATE``), for a read that decides a write: a compare-and-set."""
    row = _active_row(session, user_id, lock=lock)
    return None if row is None else _record(row)


def finish_guided(session: Session, *, user_id: int, now: datetime | None = None) -> None:
    """Mark the user's active guided workout finished; nothing happens when there is none."""
    row = _active_row(session, user_id)
    if row is None:
        return
    row.status = FINISHED
    row.updated_at = utc_now(now)
    session.flush()


def guided_by_id(session: Session, *, user_id: int, guided_id: int) -> GuidedRecord | None:
    """The user's guided record with this id; None when there is none or it is someone else's."""
    row = session.scalars(
        select(GuidedRow).where(GuidedRow.id == guided_id, GuidedRow.user_id == user_id)
    ).one_or_none()
    return None if row is None else _record(row)


def _stored_state(state: dict[str, Any]) -> dict[str, Any]:
    """The state as the database will give it back; refused naming the field when it is not JSON."""
    if not isinstance(state, dict):
        raise InputError(f"state: must be a JSON object, not {type(state).__name__}")
    try:
        # allow_nan=False: PostgreSQL's json refuses NaN and Infinity, so SQLite must not take them
        text = json.dumps(state, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InputError(f"state: not storable as JSON ({exc})") from exc
    if len(text.encode()) > MAX_STATE_BYTES:
        raise InputError(f"state: {len(text.encode())} bytes of JSON, more than {MAX_STATE_BYTES}")
    stored: dict[str, Any] = json.loads(text)
    return stored


def _check_links(
    session: Session, user_id: int, planned_session_id: int | None, workout_id: int | None
) -> None:
    """Refuse a planned session or workout that is not this user's (or does not exist)."""
    if planned_session_id is not None:
        owner = session.scalar(
            select(PlanRow.user_id)
            .join(PlannedSessionRow, PlannedSessionRow.plan_id == PlanRow.id)
            .where(PlannedSessionRow.id == planned_session_id)
        )
        if owner != user_id:
            raise InputError(
                f"planned_session_id: {planned_session_id!r} is not a planned session of this user"
            )
    if workout_id is not None:
        owner = session.scalar(select(WorkoutRow.user_id).where(WorkoutRow.id == workout_id))
        if owner != user_id:
            raise InputError(f"workout_id: {workout_id!r} is not a workout of this user")


def _active_row(session: Session, user_id: int, *, lock: bool = True) -> GuidedRow | None:
    """The active row; locked (PostgreSQL) when it is about to change, so changes queue up."""
    query = select(GuidedRow).where(GuidedRow.user_id == user_id, GuidedRow.status == ACTIVE)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def _record(row: GuidedRow) -> GuidedRecord:
    status: GuidedStatus = FINISHED if row.status == FINISHED else ACTIVE
    return GuidedRecord(
        id=row.id,
        user_id=row.user_id,
        planned_session_id=row.planned_session_id,
        session_date=row.session_date,
        workout_id=row.workout_id,
        state=json.loads(json.dumps(row.state)),
        status=status,
        updated_at=row.updated_at,
    )
