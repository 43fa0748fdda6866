"""Background jobs, from the application's side: submit one, read its status, and execute it.

A job is a row (``store.jobs``: kind, payload, status, progress 0..1, attempts, error); a queue
carries only its id. The application defines the queue's shape, ``JobRunner``, and the adapter
``backcoach.jobs`` implements it (in-process threads by default, Redis-backed Dramatiq workers
with ``BACKCOACH_REDIS_URL``), so no use case knows which queue runs it.

Each kind of job is a ``JobKind``: ``run`` does the long work outside any transaction (reporting
progress), ``store`` writes its result in the same transaction that marks the job done (so a
result is stored exactly when the job is done, and once: ``finish_job`` changes only an unfinished
job), and ``cleanup`` removes what the job no longer needs once it has finished either way.

An ``InputError`` from ``run`` or ``store`` is the person's file or choice: the job fails at once,
with that message (``store``'s transaction rolled back). Anything else may be passing (a database
restart, a worker killed): the attempt is recorded and the error raised again so the queue
retries, until ``MAX_ATTEMPTS``.

    submit(uow, runner, user=..., kind=..., payload=..., now=...) -> job id (committed, then queued)
    job_status(uow, user=..., job_id=...)                         -> JobRecord (NotFound: not theirs)
    execute(new_uow, job_id, kinds=..., clock=...)                -> one delivery of a job

Every kind of job is listed in ``app.job_kinds`` (a new kind adds one line there), which the
queues call (``job_kinds.run``); this module knows none of them, so a use case that defines a
kind can import it without a loop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from backcoach.app.uow import UnitOfWork
from backcoach.errors import InputError
from backcoach.store import User
from backcoach.store.jobs import (
    JobRecord,
    add_job,
    claim_job,
    fail_job,
    finish_job,
    get_job,
    set_progress,
)

log = logging.getLogger(__name__)

# A job that failed this many times, or whose worker died this many times, is given up on:
# three attempts ride out a restart of the database or a worker without looping forever on a
# file that kills whoever reads it.
MAX_ATTEMPTS = 3
# Progress is written at most this often (seconds) or when it moved by this much: a page polls
# every two seconds, and a write per frame would cost more than the analysis.
PROGRESS_EVERY_S = 0.5
PROGRESS_STEP = 0.05
UNQUEUED = "the analysis could not be queued; please try again later"
GAVE_UP = "the analysis stopped unexpectedly several times, so it was given up; please try again"


class JobRunner(Protocol):
    """Where a committed job goes to be run (implemented by ``backcoach.jobs``)."""

    def enqueue(self, job_id: int) -> None: ...


@dataclass
class JobContext:
    """What a running job sees: its record, a progress reporter and the clock."""

    job: JobRecord
    progress: Callable[[float], None]
    clock: Callable[[], datetime]


@dataclass(frozen=True)
class JobKind:
    run: Callable[[JobContext], Any]
    store: Callable[[UnitOfWork, JobRecord, Any, datetime], dict[str, Any]]
    cleanup: Callable[[JobRecord], None]


def submit(
    uow: UnitOfWork, runner: JobRunner, *, user: User, kind: str, payload: dict[str, Any], now: datetime
) -> int:
    """Store a job and hand it to the queue; returns its id only once both are done."""
    with uow as db:
        job_id = add_job(db, user_id=user.id, kind=kind, payload=payload, now=now)
    try:
        runner.enqueue(job_id)
    except Exception:  # the queue is down: the job must not wait for a delivery that never comes
        with uow as db:
            fail_job(db, job_id=job_id, error=UNQUEUED, now=now, final=True)
        raise
    return job_id


def job_status(uow: UnitOfWork, *, user: User, job_id: int) -> JobRecord:
    """The person's job (NotFound for anyone else's)."""
    with uow as db:
        return get_job(db, job_id=job_id, user_id=user.id)


class Progress:
    """A progress reporter that writes to the job's row, not more often than it is worth."""

    def __init__(self, new_uow: Callable[[], UnitOfWork], job_id: int, clock: Callable[[], datetime]) -> None:
        self._new_uow = new_uow
        self._job_id = job_id
        self._clock = clock
        self._shown = 0.0
        self._at = 0.0

    def __call__(self, share: float) -> None:
        moment = time.monotonic()
        if share < 1.0 and share - self._shown < PROGRESS_STEP and moment - self._at < PROGRESS_EVERY_S:
            return
        self._shown, self._at = share, moment
        with self._new_uow() as db:
            set_progress(db, job_id=self._job_id, progress=share, now=self._clock())


def execute(
    new_uow: Callable[[], UnitOfWork],
    job_id: int,
    *,
    kinds: Mapping[str, JobKind],
    clock: Callable[[], datetime],
    after_start: Callable[[JobRecord], None] | None = None,
) -> None:
    """Run one delivery of a job. Raises only when the queue should try again later."""
    with new_uow() as db:
        job = claim_job(db, job_id=job_id, now=clock())
    if job is None:
        return  # finished already (a second delivery) or deleted with its person
    kind = kinds.get(job.kind)
    if kind is None or job.attempts > MAX_ATTEMPTS:
        why = f"kind: '{job.kind}' is not a kind of job" if kind is None else GAVE_UP
        _give_up(new_uow, kind, job, why, clock)
        return
    if after_start is not None:
        after_start(job)
    context = JobContext(job, Progress(new_uow, job.id, clock), clock)
    try:
        result = kind.run(context)
    except InputError as exc:
        if _finished(new_uow, job.id):  # a twin delivery finished it and removed the file meanwhile
            return
        _give_up(new_uow, kind, job, str(exc), clock)
        return
    except Exception as exc:
        final = job.attempts >= MAX_ATTEMPTS
        log.exception("job %s (%s), attempt %s failed", job.id, job.kind, job.attempts)
        with new_uow() as db:
            fail_job(db, job_id=job.id, error=GAVE_UP if final else "retrying", now=clock(), final=final)
        if final:
            kind.cleanup(job)
            return
        raise RuntimeError(f"job {job.id} attempt {job.attempts} failed: {exc}") from exc
    uow = new_uow()
    try:
        with uow:
            summary = kind.store(uow, job, result, clock())
            finish_job(uow.session, job_id=job.id, summary=summary, now=clock())
    except InputError as exc:
        # the person's data refused while it was being stored (rolled back whole): final, with its
        # reason, as in ``run``; a retry would only meet the same refusal
        if _finished(new_uow, job.id):
            return
        _give_up(new_uow, kind, job, str(exc), clock)
        return
    kind.cleanup(job)


def _finished(new_uow: Callable[[], UnitOfWork], job_id: int) -> bool:
    with new_uow() as db:
        return get_job(db, job_id=job_id).finished


def _give_up(
    new_uow: Callable[[], UnitOfWork],
    kind: JobKind | None,
    job: JobRecord,
    message: str,
    clock: Callable[[], datetime],
) -> None:
    with new_uow() as db:
        fail_job(db, job_id=job.id, error=message, now=clock(), final=True)
    if kind is not None:
        kind.cleanup(job)
