"""Every kind of background job, by name, and one delivery of any of them (what a queue calls).

A new kind (a large import, say) defines its ``background.JobKind`` in its own use-case module
and adds one line to ``kinds``; its door submits it with ``background.submit(kind=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from backcoach.app import form_check, import_job
from backcoach.app.background import JobKind, execute
from backcoach.app.uow import UnitOfWork
from backcoach.store.jobs import JobRecord


def kinds() -> Mapping[str, JobKind]:
    return {form_check.JOB_KIND: form_check.FORM_CHECK_JOB, import_job.JOB_KIND: import_job.IMPORT_JOB}


def run(
    new_uow: Callable[[], UnitOfWork],
    job_id: int,
    *,
    clock: Callable[[], datetime],
    after_start: Callable[[JobRecord], None] | None = None,
) -> None:
    """Deliver the job once; raises only when the queue should try again later."""
    execute(new_uow, job_id, kinds=kinds(), clock=clock, after_start=after_start)
