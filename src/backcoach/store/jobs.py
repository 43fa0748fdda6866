"""Background jobs' state: what to do, how far it got, how it ended (table ``jobs``, 0007).

The queue carries only a job's id; a worker claims the job here (``claim_job``: running, one more
attempt), reports progress, and finishes it once (``finish_job`` changes only a job not yet
finished, so a second delivery after a worker died cannot finish it twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backcoach.errors import NotFound
from backcoach.store.tables import JobRow
from backcoach.store.times import utc_now
from backcoach.store.users import user_row

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
FINISHED = (DONE, FAILED)
ERROR_LENGTH = 2000  # a message for a person, never a traceback


@dataclass(frozen=True)
class JobRecord:
    id: int
    user_id: int
    kind: str
    status: str
    progress: float
    payload: dict[str, Any]
    summary: dict[str, Any] | None
    error: str | None
    attempts: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


def _record(row: JobRow) -> JobRecord:
    return JobRecord(
        row.id,
        row.user_id,
        row.kind,
        row.status,
        row.progress,
        dict(row.payload),
        dict(row.summary) if row.summary is not None else None,
        row.error,
        row.attempts,
        row.created_at,
        row.updated_at,
        row.finished_at,
    )


def add_job(session: Session, *, user_id: int, kind: str, payload: dict[str, Any], now: datetime) -> int:
    """A new queued job; its id is what the queue carries."""
    user_row(session, user_id)
    when = utc_now(now)
    row = JobRow(
        user_id=user_id,
        kind=kind,
        status=QUEUED,
        progress=0.0,
        payload=payload,
        attempts=0,
        created_at=when,
        updated_at=when,
    )
    session.add(row)
    session.flush()
    return row.id


def get_job(session: Session, *, job_id: int, user_id: int | None = None) -> JobRecord:
    """The job; NotFound when there is none, or it is someone else's (``user_id`` given)."""
    row = session.get(JobRow, job_id)
    if row is None or (user_id is not None and row.user_id != user_id):
        raise NotFound(f"job: no form check or job {job_id} of yours")
    return _record(row)


def claim_job(session: Session, *, job_id: int, now: datetime) -> JobRecord | None:
    """Mark the job running, one more attempt; None when it is already finished (or gone)."""
    row = session.scalars(select(JobRow).where(JobRow.id == job_id).with_for_update()).first()
    if row is None or row.status in FINISHED:
        return None
    row.status = RUNNING
    row.attempts += 1
    row.updated_at = utc_now(now)
    session.flush()
    return _record(row)


def set_progress(session: Session, *, job_id: int, progress: float, now: datetime) -> None:
    """How far a running job got, 0 to 1 (a finished job keeps its final state)."""
    share = min(1.0, max(0.0, float(progress)))
    session.execute(
        update(JobRow)
        .where(JobRow.id == job_id, JobRow.status == RUNNING)
        .values(progress=share, updated_at=utc_now(now))
    )


def finish_job(session: Session, *, job_id: int, summary: dict[str, Any], now: datetime) -> bool:
    """Mark the job done with its summary; False when it had already finished."""
    when = utc_now(now)
    done = session.execute(
        update(JobRow)
        .where(JobRow.id == job_id, JobRow.status.not_in(FINISHED))
        .values(status=DONE, progress=1.0, summary=summary, error=None, updated_at=when, finished_at=when)
    )
    return bool(getattr(done, "rowcount", 0))


def fail_job(session: Session, *, job_id: int, error: str, now: datetime, final: bool) -> None:
    """Record why an attempt failed: finally (failed), or queued again for another attempt."""
    when = utc_now(now)
    session.execute(
        update(JobRow)
        .where(JobRow.id == job_id, JobRow.status.not_in(FINISHED))
        .values(
            status=FAILED if final else QUEUED,
            error=error[:ERROR_LENGTH],
            updated_at=when,
            finished_at=when if final else None,
        )
    )


def unfinished_jobs(session: Session) -> list[int]:
    """Ids of the jobs queued or running, oldest first (an in-process queue resumes them)."""
    return list(session.scalars(select(JobRow.id).where(JobRow.status.not_in(FINISHED)).order_by(JobRow.id)))
