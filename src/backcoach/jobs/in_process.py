"""The embedded default: jobs run in a small pool of processes started by the web process.

Processes rather than threads: an analysis is CPU-bound Python and NumPy (and MediaPipe for a
video), so in a thread it would hold the GIL the web server's request threads need; and the pose
and analysis code changes process-wide state a thread cannot isolate (``warnings.catch_warnings``
is documented as not thread-safe). The pool is started with "spawn", never "fork": forking a
process that runs threads (the server's) can copy a lock that is held and never released. It is
made once per process and kept, so only the first job pays the children's start-up.

The state is in the database as with Redis, so a page polls the same rows; a process that stops
leaves its jobs queued or running there, and the next one resumes them (``resume``). Retries
happen here too: a delivery that raises, or whose child died, is queued again until the job's
attempts (counted in the database) run out.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sqlalchemy import Engine

from backcoach.app.uow import UnitOfWork
from backcoach.jobs.execution import run_job
from backcoach.jobs.settings import JobSettings
from backcoach.store.jobs import unfinished_jobs

log = logging.getLogger(__name__)

_POOLS: dict[int, ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()
_ENGINES: dict[str, Engine] = {}  # in a child: one engine per database it was asked to use
PARENT_CHECK_S = 1.0  # an orphaned child notices within a second


def _pool(workers: int, *, broken: ProcessPoolExecutor | None = None) -> ProcessPoolExecutor:
    """The shared pool of ``workers`` processes (a new one in place of ``broken``)."""
    with _POOLS_LOCK:
        pool = _POOLS.get(workers)
        if pool is None or pool is broken:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=False)
            pool = _POOLS[workers] = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_watch_parent,
                initargs=(os.getpid(),),
            )
        return pool


def _watch_parent(parent: int) -> None:
    """In a child: leave when the web process is gone (killed, it cannot tell its children). A job
    in hand stays marked running and the next web process resumes it."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="backcoach-parent-watch", daemon=True).start()


def _run_in_child(url: str, job_id: int, settings: JobSettings) -> None:
    from backcoach.store import make_engine

    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = make_engine(url)
    run_job(engine, job_id, settings)


class InProcessRunner:
    def __init__(self, engine: Engine, settings: JobSettings) -> None:
        self._url = engine.url.render_as_string(hide_password=False)
        self._engine = engine
        self._settings = settings

    def enqueue(self, job_id: int) -> None:
        pool = _pool(self._settings.threads)
        try:
            future = pool.submit(_run_in_child, self._url, job_id, self._settings)
        except BrokenProcessPool:
            pool = _pool(self._settings.threads, broken=pool)
            future = pool.submit(_run_in_child, self._url, job_id, self._settings)
        future.add_done_callback(lambda done: self._delivered(job_id, pool, done))

    def _delivered(self, job_id: int, pool: ProcessPoolExecutor, done: Future[None]) -> None:
        if done.cancelled() or done.exception() is None:
            return
        error = done.exception()
        if isinstance(error, BrokenProcessPool):  # the child died: a new pool, then deliver again
            _pool(self._settings.threads, broken=pool)
        log.warning("job %s will be tried again: %s", job_id, error)
        self.enqueue(job_id)

    def resume(self) -> None:
        """Queue again the jobs a stopped process left unfinished."""
        with UnitOfWork(self._engine, readonly=True) as db:
            pending = unfinished_jobs(db)
        for job_id in pending:
            self.enqueue(job_id)
