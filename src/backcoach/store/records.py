"""Personal records: the heaviest load lifted for each exercise at each rep count.

Kept per rep count (a 5-rep best and a 10-rep best are different achievements), in kilograms
whatever unit the lifts were typed in, so a record set in pounds and one set in kilograms compare.
A tie keeps the earlier record: the first time a load was lifted is the achievement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcoach.catalog.catalog import Catalog
from backcoach.errors import InputError
from backcoach.sessions.records import MAX_LOAD_KG, MAX_REPS, check_not_future
from backcoach.store.checks import known_exercises
from backcoach.store.tables import RecordRow
from backcoach.store.times import local, offset_s, utc_now
from backcoach.store.users import user_row


@dataclass(frozen=True)
class PersonalRecord:
    exercise_id: str
    reps: int
    load_kg: float
    achieved_at: datetime


def upsert_record(
    session: Session,
    *,
    user_id: int,
    exercise_id: str,
    reps: int,
    load_kg: float,
    achieved_at: datetime,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> bool:
    """Keep ``load_kg`` as the record for ``reps`` if it beats the stored one; True when it does."""
    if isinstance(reps, bool) or not isinstance(reps, int) or not 1 <= reps <= MAX_REPS:
        raise InputError(f"reps: {reps!r} must be a whole number from 1 to {MAX_REPS}")
    if not 0 <= load_kg <= MAX_LOAD_KG:  # also refuses NaN
        raise InputError(f"load: {load_kg!r} kg must be from 0 to {MAX_LOAD_KG:g} kg")
    check_not_future(achieved_at, utc_now(now), "achieved_at")
    known_exercises((exercise_id,), catalog)
    user_row(session, user_id)
    row = session.scalars(
        select(RecordRow).where(
            RecordRow.user_id == user_id, RecordRow.exercise_id == exercise_id, RecordRow.reps == reps
        )
    ).one_or_none()
    if row is not None and row.load_kg >= load_kg:
        return False
    if row is None:
        row = RecordRow(user_id=user_id, exercise_id=exercise_id, reps=reps)
        session.add(row)
    row.load_kg = float(load_kg)
    row.achieved_at = achieved_at
    row.utc_offset_s = offset_s(achieved_at)
    session.flush()
    return True


def records(session: Session, *, user_id: int, exercise_id: str) -> list[PersonalRecord]:
    """The person's records for one exercise, by rep count."""
    rows = session.scalars(
        select(RecordRow)
        .where(RecordRow.user_id == user_id, RecordRow.exercise_id == exercise_id)
        .order_by(RecordRow.reps)
    )
    return [
        PersonalRecord(r.exercise_id, r.reps, r.load_kg, local(r.achieved_at, r.utc_offset_s)) for r in rows
    ]
