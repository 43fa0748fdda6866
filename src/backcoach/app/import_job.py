"""A big history import as a background job (``app.background``), so the request that confirms it
answers at once and the page follows its progress.

The job reads its own copy of the upload (made with ``store.uploads``' bounded copy) twice:
through the one import use case's reader, then through the use case itself
(``app.history_import``, unchanged):

* ``run`` (outside any transaction) reads the whole file without writing: a file that would be
  refused (a bad line, a missing unit) fails the job at once with the reason, naming its line,
  before any write lock is taken, and the read's pace is the progress shown (``READ_SHARE``);
* ``store`` imports it with ``import_history`` in the unit of work that marks the job done, so the
  sets and the job's "done" commit together, once: a worker that dies half-way leaves neither, and
  the retry imports the file whole. A second delivery of a finished job does nothing
  (``claim_job``), and importing the same rows again only merges them (the import is idempotent).

``cleanup`` deletes that copy once the job has finished, done or failed.

Small files never come here: ``import_flow.confirm`` imports them in the request, as before.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from backcoach.app import background
from backcoach.app.history_import import FormatChoice, import_history, zone_named
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.config import load_settings
from backcoach.errors import InputError, NotFound
from backcoach.interop.history import workouts
from backcoach.interop.history_files import open_history
from backcoach.sessions.records import Unit
from backcoach.store import User
from backcoach.store.jobs import JobRecord, fail_job, get_job
from backcoach.store.uploads import copy_bounded
from backcoach.store.users import get_user

JOB_KIND = "history_import"
# From this size (bytes) a confirmed import runs as a background job. A Strong row is about 77
# bytes (the benchmark's generated file, ``benchmarks/import_bench.py``), so 1 MiB is about 13,600
# sets, which imported in 0.6 s on SQLite and 1.2 s on PostgreSQL, wall time (0.24 / 0.26 s of the
# importing process's CPU), measured 2026-12-05 on the 2 shared cores at load average 6. Above it
# a request would keep the person waiting more than a second or two with no sign of progress.
# Wordier formats hold fewer sets per MiB, so they cross it sooner, which errs the right way.
BACKGROUND_FROM_BYTES = 2**20
THRESHOLD_ENV = "BACKCOACH_IMPORT_BACKGROUND_BYTES"  # an operator's (or a test's) other threshold
# The share of the job the checking read is shown as: reading 20,000 generated sets took 18 % of
# the CPU time of importing them (measured beside the figures above); the rest is the import.
READ_SHARE = 0.2
EVERY_ITEMS = 64  # workouts read between two looks at the progress (a write is throttled anyway)
GONE = "file: the uploaded file is no longer on the server; please upload it again"
UNQUEUED = "the import could not be queued; please try again later"
GAVE_UP = "the import stopped unexpectedly several times, so it was given up; please try again"


def background_from() -> int:
    """The size (bytes) from which a confirmed import runs in the background."""
    raw = os.environ.get(THRESHOLD_ENV, "").strip()
    return int(raw) if raw.isdigit() else BACKGROUND_FROM_BYTES


def upload_root() -> Path:
    """Where uploads wait: ``uploads`` in the data folder (``BACKCOACH_HOME``), which workers on
    other machines must share (a shared mount), as with form checks."""
    return load_settings().home / "uploads"


def submit_import(
    uow: UnitOfWork,
    runner: background.JobRunner,
    *,
    user: User,
    source: BinaryIO,
    name: str,
    options: dict[str, Any],
    now: datetime,
    max_bytes: int,
    folder: Path | None = None,
) -> int:
    """Keep ``source`` in a file of the job's own (in ``folder``, else ``upload_root()``) and queue
    its import; the job's id once it is stored and queued (a failure to queue leaves no file).

    A file of its own, not a waiting upload (``Uploads.put``): a person's waiting uploads are
    capped, the oldest dropped first, and a queued job's file must not be one of them."""
    folder = folder or upload_root()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"import-{uuid.uuid4().hex}.data"
    copy_bounded(source, path, max_bytes, empty="choose your app's export file")
    payload = {"path": str(path), "name": Path(name).name[:200], "options": options}
    try:
        return background.submit(uow, runner, user=user, kind=JOB_KIND, payload=payload, now=now)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


class HeldRunner:
    """Holds the jobs submitted inside a larger transaction (an idempotent API request) until it
    has committed: a worker handed the id before that would not find the job yet."""

    def __init__(self) -> None:
        self.held: list[int] = []

    def enqueue(self, job_id: int) -> None:
        self.held.append(job_id)

    def release(self, uow: UnitOfWork, runner: background.JobRunner, *, now: datetime) -> None:
        """Hand the held jobs to ``runner``; one that cannot be queued fails, its upload deleted."""
        for job_id in self.held:
            try:
                runner.enqueue(job_id)
            except Exception:
                with uow as db:
                    fail_job(db, job_id=job_id, error=UNQUEUED, now=now, final=True)
                    job = get_job(db, job_id=job_id)
                _cleanup(job)
                raise
        self.held = []


def _open(job: JobRecord) -> BinaryIO:
    try:
        return Path(job.payload["path"]).open("rb")
    except OSError:
        raise InputError(GONE) from None


def _options(job: JobRecord) -> tuple[FormatChoice, Unit | None, str | None]:
    options = job.payload.get("options") or {}
    return options.get("format") or "auto", options.get("unit") or None, options.get("tz") or None


@dataclass(frozen=True)
class _Read:
    """What the checking read hands the import: how many items the file holds (to turn the
    import's ticks into a share) and the job's progress reporter."""

    items: int
    progress: Callable[[float], None]


def _run(context: background.JobContext) -> _Read:
    job = context.job
    fmt, unit, tz = _options(job)
    zone, _ = zone_named(tz)
    context.progress(0.0)
    with _open(job) as source:
        size = max(1, os.fstat(source.fileno()).st_size)
        opened = open_history(source, where=job.payload["name"], fmt=fmt, unit=unit, zone=zone)
        items = 0
        for items, _ in enumerate(workouts(opened.items), start=1):
            if items % EVERY_ITEMS == 0:
                context.progress(READ_SHARE * min(1.0, source.tell() / size))
    context.progress(READ_SHARE)
    return _Read(items, context.progress)


def _ticks(read: _Read, *, live: bool) -> Callable[[], None] | None:
    """The import's progress callback (one call per ``EVERY_ITEMS`` items read), as a share
    after the checking read. SQLite has one writer at a time and the import's transaction holds
    it, so there progress could not be written until the import commits: none is reported."""
    if not live or read.items == 0:
        return None
    done = [0]

    def tick() -> None:
        done[0] += 1
        read.progress(READ_SHARE + (1 - READ_SHARE) * min(0.99, done[0] * EVERY_ITEMS / read.items))

    return tick


def _store(uow: UnitOfWork, job: JobRecord, read: _Read, now: datetime) -> dict[str, Any]:
    fmt, unit, tz = _options(job)
    with uow as db, _open(job) as source:
        report = import_history(
            uow,
            catalog=curated(),
            user=get_user(db, user_id=job.user_id),
            source=source,
            name=job.payload["name"],
            now=now,
            fmt=fmt,
            unit=unit,
            tz=tz,
            progress=_ticks(read, live=uow.engine.dialect.name != "sqlite"),
        )
    return report.to_json()


def _cleanup(job: JobRecord) -> None:
    """The file goes once the job has finished, imported or not."""
    Path(job.payload["path"]).unlink(missing_ok=True)


IMPORT_JOB = background.JobKind(run=_run, store=_store, cleanup=_cleanup)


@dataclass(frozen=True)
class ImportJobStatus:
    """A background import as a person follows it: the job's state, then the import's report."""

    job: JobRecord

    @property
    def name(self) -> str:
        return str(self.job.payload.get("name", ""))

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.job.payload.get("options") or {})

    @property
    def report(self) -> dict[str, Any] | None:
        return self.job.summary if self.job.status == "done" else None

    @property
    def error(self) -> str | None:
        """Why it failed, in words about an import (the job runner's own words speak of an analysis)."""
        if self.job.status != "failed":
            return None
        return GAVE_UP if self.job.error == background.GAVE_UP else self.job.error

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.job.id,
            "status": self.job.status,
            "progress": round(self.job.progress, 3),
            "attempts": self.job.attempts,
            "error": self.error,
            "created_at": self.job.created_at.isoformat(),
            "finished_at": self.job.finished_at.isoformat() if self.job.finished_at else None,
            "result": self.report,
        }


def import_status(uow: UnitOfWork, *, user: User, job_id: int) -> ImportJobStatus:
    """The person's background import (NotFound for another person's, or another kind of job)."""
    with uow:
        job = background.job_status(uow, user=user, job_id=job_id)
    if job.kind != JOB_KIND:
        raise NotFound(f"import: no import {job_id} of yours")
    return ImportJobStatus(job)
