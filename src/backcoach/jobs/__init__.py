"""The job queues behind ``app.background.JobRunner``: in-process threads by default, Redis-backed
Dramatiq workers (``backcoach worker``) when ``BACKCOACH_REDIS_URL`` is set.

Why Dramatiq rather than RQ. A form check must survive a worker killed in the middle of it, and be
retried. Dramatiq's Redis broker acknowledges a message only after the actor returns: while it
runs, the message sits in the worker's own "acks" set, the worker keeps a heartbeat, and any
other worker's next fetch moves the messages of a worker whose heartbeat stopped back onto the
queue (its ``dispatch.lua`` maintenance). That is at-least-once delivery by design, decided by a
heartbeat that does not depend on how long a job may take. RQ dequeues a job at its start: a
killed worker leaves it in the StartedJobRegistry until the job's whole timeout (a long video's,
plus a minute) has passed and a registry cleanup runs, and its work horse, a forked child in a
session of its own, can outlive a killed parent. Dramatiq also retries failed messages with
backoff (its ``Retries`` middleware) and runs several jobs per process in threads, without a fork
per job. The job's state lives in the database (``store.jobs``), never in the queue, so pages and
the API read one place whichever queue runs it, and a job delivered twice stores its result once.

    runner_for(engine)            the runner the web app hands its use cases
    InProcessRunner               threads in the web process (the embedded default)
    RedisRunner, run_worker       the Dramatiq broker's two sides (web: send; worker: consume)
    JobSettings                   the environment: BACKCOACH_REDIS_URL and the queue's knobs
"""

from __future__ import annotations

from sqlalchemy import Engine

from backcoach.app.background import JobRunner
from backcoach.jobs.in_process import InProcessRunner
from backcoach.jobs.settings import JobSettings, job_settings


def runner_for(engine: Engine, settings: JobSettings | None = None) -> JobRunner:
    """Redis-backed when ``BACKCOACH_REDIS_URL`` is set, else threads in this process (which
    first resume the jobs a previous process left unfinished)."""
    settings = settings or job_settings()
    if settings.redis_url:
        from backcoach.jobs.redis_queue import RedisRunner

        return RedisRunner(settings)
    runner = InProcessRunner(engine, settings)
    runner.resume()
    return runner


__all__ = ["InProcessRunner", "JobSettings", "job_settings", "runner_for"]
