"""Stored form-check results (table ``form_checks``, 0007): one per job, written once.

``save_form_check`` inserts with ON CONFLICT DO NOTHING on the unique job id, so a job delivered
twice (a worker killed after storing, before acknowledging) stores its result exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from backcoach.store.tables import FormCheckRow
from backcoach.store.times import utc_now


@dataclass(frozen=True)
class FormCheckRecord:
    job_id: int
    user_id: int
    exercise_id: str
    reps: int
    report: dict[str, Any]
    created_at: datetime
    logged_workout_id: int | None


def save_form_check(
    session: Session,
    *,
    job_id: int,
    user_id: int,
    exercise_id: str,
    reps: int,
    report: dict[str, Any],
    now: datetime,
) -> bool:
    """Store a job's result; False when it was stored before (nothing changes)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(FormCheckRow)
        .values(
            job_id=job_id,
            user_id=user_id,
            exercise_id=exercise_id,
            reps=reps,
            report=report,
            created_at=utc_now(now),
        )
        .on_conflict_do_nothing(index_elements=["job_id"])
    )
    return session.execute(statement.returning(FormCheckRow.id)).first() is not None


def _record(row: FormCheckRow) -> FormCheckRecord:
    return FormCheckRecord(
        row.job_id,
        row.user_id,
        row.exercise_id,
        row.reps,
        dict(row.report),
        row.created_at,
        row.logged_workout_id,
    )


def form_check_of_job(session: Session, *, job_id: int, lock: bool = False) -> FormCheckRecord | None:
    """The stored result of a job, or None; ``lock`` holds the row until the transaction ends."""
    query = select(FormCheckRow).where(FormCheckRow.job_id == job_id)
    row = session.scalars(query.with_for_update() if lock else query).first()
    return None if row is None else _record(row)


def count_form_checks(session: Session, *, job_id: int) -> int:
    """How many results the job has stored (tests: exactly one, however often it ran)."""
    return len(list(session.scalars(select(FormCheckRow.id).where(FormCheckRow.job_id == job_id))))


def mark_logged(session: Session, *, job_id: int, workout_id: int) -> None:
    row = session.scalars(select(FormCheckRow).where(FormCheckRow.job_id == job_id)).one()
    row.logged_workout_id = workout_id
    session.flush()
