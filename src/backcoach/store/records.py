"""Personal records: the heaviest load lifted for each exercise at each rep count.

Kept per rep count (a 5-rep best and a 10-rep best are different achievements), in kilograms
whatever unit the lifts were typed in, so a record set in pounds and one set in kilograms compare.
A tie keeps the earlier record: the first time a load was lifted is the achievement. The store
keeps them as sets are written (``note_sets``, from ``workouts``); ``upsert_record`` sets one by
hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from backcoach.analysis.progress import Record, StrengthBests, at_least, counts_for_records, set_e1rm
from backcoach.catalog.catalog import Catalog
from backcoach.errors import InputError
from backcoach.sessions.records import MAX_LOAD_KG, MAX_REPS, LoggedSet, check_not_future
from backcoach.store.checks import known_exercises
from backcoach.store.tables import RecordRow, UserRow
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
    _achieved(row, load_kg, achieved_at)
    session.flush()
    return True


def note_sets(session: Session, *, user_id: int, sets: Iterable[LoggedSet]) -> dict[str, StrengthBests]:
    """Bring the person's records up to date with ``sets``, just stored (``workouts`` calls this).

    Only the sets that count for records (``analysis.counts_for_records``) take part; a tie keeps
    the earlier time; the highest e1RM (``analysis.set_e1rm``) is kept per rep count. Returns what
    the counted sets had to beat, per exercise: the bests held before them (as
    ``strength.strength_bests`` reads them), from the rows read here anyway.
    """
    counted = sorted((s for s in sets if counts_for_records(s)), key=lambda s: s.performed_at)
    if not counted:
        return {}
    if session.get_bind().dialect.name != "sqlite":
        # Two writers for one person (two tabs, a CLI beside the web app) would both find a rep
        # count without a record and both insert it; they take turns on the person's row instead.
        # SQLite's BEGIN IMMEDIATE already gives every writer its turn.
        # FOR NO KEY UPDATE (key_share), not FOR UPDATE: every row inserted earlier in the same
        # transaction that refers to the person (a workout, an idempotency key) holds FOR KEY SHARE
        # on their row, which FOR UPDATE waits for and FOR NO KEY UPDATE does not. With FOR UPDATE,
        # two such writers each waited for the other's key-share lock: a deadlock, answered 503
        # (PostgreSQL docs, "Explicit Locking", row-level lock modes).
        session.execute(select(UserRow.id).where(UserRow.id == user_id).with_for_update(key_share=True))
    exercise_ids = sorted({s.exercise_id for s in counted})
    held = {
        (row.exercise_id, row.reps): row
        for row in session.scalars(_HELD, {"user_id": user_id, "exercise_ids": exercise_ids})
    }
    bests = _bests(held.values(), exercise_ids)
    for s in counted:
        assert s.load_kg is not None  # counts_for_records
        e1rm = set_e1rm(s)
        row = held.get((s.exercise_id, s.reps))
        if row is None:
            row = held[(s.exercise_id, s.reps)] = RecordRow(
                user_id=user_id, exercise_id=s.exercise_id, reps=s.reps, best_e1rm_kg=e1rm
            )
            _achieved(row, s.load_kg, s.performed_at)
            session.add(row)
            continue
        if s.load_kg > row.load_kg or (s.load_kg == row.load_kg and s.performed_at < row.achieved_at):
            _achieved(row, s.load_kg, s.performed_at)
        if e1rm is not None and (row.best_e1rm_kg is None or e1rm > row.best_e1rm_kg):
            row.best_e1rm_kg = e1rm
    session.flush()
    return bests


def _bests(rows: Iterable[RecordRow], exercise_ids: Iterable[str]) -> dict[str, StrengthBests]:
    """``strength.strength_bests`` of each exercise from its record rows (those with a load)."""
    heaviest: dict[str, dict[int, float]] = {e: {} for e in exercise_ids}
    e1rm: dict[str, float | None] = dict.fromkeys(heaviest)
    for row in rows:
        if row.load_kg > 0:
            heaviest[row.exercise_id][row.reps] = row.load_kg
            held, value = e1rm[row.exercise_id], row.best_e1rm_kg
            if value is not None and (held is None or value > held):
                e1rm[row.exercise_id] = value
    return {e: StrengthBests(e, heaviest[e], e1rm[e]) for e in heaviest}


# Built once: every logged set reads its exercise's records (building the query cost more CPU).
_HELD = select(RecordRow).where(
    RecordRow.user_id == bindparam("user_id"),
    RecordRow.exercise_id.in_(bindparam("exercise_ids", expanding=True)),
)


def forget_records(session: Session, *, user_id: int, exercise_ids: Iterable[str]) -> None:
    """Drop the person's kept records of these exercises (before ``note_sets`` rebuilds them from
    the sets left, after a set is edited or deleted)."""
    for row in session.scalars(
        select(RecordRow).where(RecordRow.user_id == user_id, RecordRow.exercise_id.in_(set(exercise_ids)))
    ):
        session.delete(row)
    session.flush()


def _achieved(row: RecordRow, load_kg: float, at: datetime) -> None:
    row.load_kg = float(load_kg)
    row.achieved_at = at
    row.utc_offset_s = offset_s(at)


def rep_maxima(session: Session, *, user_id: int, exercise_id: str) -> list[Record]:
    """The person's rep maxima of one exercise: for each rep count kept, the heaviest load lifted
    for at least that many reps (``analysis.at_least`` over the rows, which hold exact counts)."""
    return list(
        at_least(
            Record(r.reps, r.load_kg, r.achieved_at)
            for r in records(session, user_id=user_id, exercise_id=exercise_id)
        )
    )


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
