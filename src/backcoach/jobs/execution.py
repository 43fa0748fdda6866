"""One delivery of a job, whichever queue delivered it: the application's ``execute`` on a unit
of work of this process's engine, with the server's clock."""

from __future__ import annotations

import time
from datetime import datetime

from sqlalchemy import Engine

from backcoach.app import job_kinds
from backcoach.app.uow import UnitOfWork
from backcoach.jobs.settings import JobSettings
from backcoach.store.jobs import JobRecord

RELEASE = "release"
GATE_LIMIT_S = 120.0  # a test that forgot to release its job does not hold a worker forever
GATE_POLL_S = 0.02


def clock() -> datetime:
    """The server's local time with its offset (the domain never reads a clock)."""
    return datetime.now().astimezone()


def run_job(engine: Engine, job_id: int, settings: JobSettings) -> None:
    """Execute the job; raises only when the queue should deliver it again later."""
    gate = settings.gate_dir

    def hold(_job: JobRecord) -> None:
        assert gate is not None
        deadline = time.monotonic() + GATE_LIMIT_S
        while not (gate / RELEASE).exists() and time.monotonic() < deadline:
            time.sleep(GATE_POLL_S)

    job_kinds.run(lambda: UnitOfWork(engine), job_id, clock=clock, after_start=hold if gate else None)
