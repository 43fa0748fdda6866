"""The Redis-backed queue: Dramatiq's Redis broker (``jobs.__init__`` says why Dramatiq).

The web process only sends (``RedisRunner.enqueue``: one message carrying a job id); ``backcoach
worker`` processes consume (``run_worker``). A worker killed mid-job stops heartbeating, and the
next fetch of any live worker puts its unacknowledged message back on the queue; a job that
raises is retried with backoff by Dramatiq's ``Retries``. Both are bounded by the job's attempts
in the database (``app.background.MAX_ATTEMPTS``).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import AgeLimit, Retries, ShutdownNotifications, TimeLimit
from sqlalchemy import Engine

from backcoach.app.background import MAX_ATTEMPTS
from backcoach.jobs.execution import run_job
from backcoach.jobs.settings import JobSettings

log = logging.getLogger(__name__)

ACTOR = "backcoach_job"
QUEUE = "jobs"
# Maintenance (moving a dead worker's messages back) on every broker call, not Dramatiq's one in
# a thousand: an analysis queue carries a few messages a minute, and a job must come back within
# about one heartbeat timeout of its worker's death, not after a thousand idle fetches.
MAINTENANCE_PER_MILLION = 1_000_000
# Retries after a raised error: a first wait of 2 s doubling to at most 60 s rides out a database
# restart; the attempts in the database bound them.
MIN_BACKOFF_MS = 2_000
MAX_BACKOFF_MS = 60_000
# An hour for one job: a ten-minute 1080p video at 13.7 frames/s (README "Form check", every frame)
# takes about 45 minutes; Dramatiq's default of 10 minutes would cut it off.
TIME_LIMIT_MS = 3_600_000
STOP_TIMEOUT_MS = 600_000  # on SIGTERM a worker finishes its job in hand for up to ten minutes


def make_broker(settings: JobSettings) -> RedisBroker:
    if not settings.redis_url:
        raise ValueError("no Redis URL")
    return RedisBroker(  # type: ignore[no-untyped-call]  # its __init__ carries no annotations
        url=settings.redis_url,
        namespace=settings.namespace,
        heartbeat_timeout=int(settings.heartbeat_s * 1000),
        maintenance_chance=MAINTENANCE_PER_MILLION,
        middleware=[
            AgeLimit(),
            TimeLimit(time_limit=TIME_LIMIT_MS),
            ShutdownNotifications(),
            Retries(max_retries=MAX_ATTEMPTS - 1, min_backoff=MIN_BACKOFF_MS, max_backoff=MAX_BACKOFF_MS),
        ],
    )


def declare(broker: RedisBroker, engine: Engine | None, settings: JobSettings) -> dramatiq.Actor[Any, Any]:
    """The one actor: run the job whose id the message carries."""

    def perform(job_id: int) -> None:
        if engine is None:
            raise RuntimeError("this process only sends jobs")
        run_job(engine, job_id, settings)

    return dramatiq.Actor(perform, broker=broker, actor_name=ACTOR, queue_name=QUEUE, priority=0, options={})


class RedisRunner:
    """The sending side, in the web process."""

    def __init__(self, settings: JobSettings) -> None:
        self._broker = make_broker(settings)
        self._actor = declare(self._broker, None, settings)

    def enqueue(self, job_id: int) -> None:
        self._actor.send(job_id)

    def close(self) -> None:
        self._broker.close()


def run_worker(engine: Engine, settings: JobSettings, *, stop: threading.Event) -> None:
    """Consume jobs until ``stop`` is set, then finish the job in hand and requeue the rest."""
    broker = make_broker(settings)
    declare(broker, engine, settings)
    worker = dramatiq.Worker(
        broker, worker_threads=settings.threads, worker_timeout=settings.worker_timeout_ms
    )
    # Take no more jobs than there are threads: a prefetched message would wait behind a long
    # analysis while another worker sits idle.
    worker.queue_prefetch = settings.threads
    worker.start()
    log.info("consuming %s:%s with %d thread(s)", settings.namespace, QUEUE, settings.threads)
    try:
        stop.wait()
    finally:
        worker.stop(timeout=STOP_TIMEOUT_MS)
        broker.close()
