"""The web process's job runner (``backcoach.jobs``), made on first use and kept on the app."""

from __future__ import annotations

import threading

from fastapi import Request

from backcoach.app.background import JobRunner
from backcoach.jobs import runner_for

_LOCK = threading.Lock()


def job_runner(request: Request) -> JobRunner:
    """In-process threads, or the Redis queue when ``BACKCOACH_REDIS_URL`` is set."""
    state = request.app.state
    runner: JobRunner | None = getattr(state, "jobs", None)
    if runner is None:
        with _LOCK:
            runner = getattr(state, "jobs", None)
            if runner is None:
                runner = state.jobs = runner_for(state.engine)
    return runner
