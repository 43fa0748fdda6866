"""``backcoach worker``: consume background jobs (form checks) from the Redis queue.

Without ``BACKCOACH_REDIS_URL`` there is no queue to consume: jobs run inside the web server.
SIGTERM or Ctrl-C stops taking jobs, finishes the one in hand and puts the rest back.
"""

from __future__ import annotations

from typing import Annotated

import typer

from backcoach.cli.app import app, console, handles_errors
from backcoach.cli.storage import DbOption
from backcoach.errors import InputError


@app.command(short_help="Run background jobs from the Redis queue.")
@handles_errors
def worker(
    threads: Annotated[
        int | None, typer.Option(help="Jobs run at once (default: $BACKCOACH_JOB_THREADS or 1).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Run form-check analyses queued by the web app (needs BACKCOACH_REDIS_URL) until stopped."""
    import logging
    import signal
    import threading
    from dataclasses import replace

    from backcoach.cli.storage import engine_for
    from backcoach.jobs.redis_queue import run_worker
    from backcoach.jobs.settings import MAX_THREADS, REDIS_URL_ENV, job_settings

    settings = job_settings()
    if not settings.redis_url:
        raise InputError(
            f"{REDIS_URL_ENV} is not set: without a Redis queue, analyses run inside the web server"
        )
    if threads is not None:
        if not 1 <= threads <= MAX_THREADS:
            raise InputError(f"--threads: {threads} must be between 1 and {MAX_THREADS}")
        settings = replace(settings, threads=threads)
    engine = engine_for(db)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    console.print(f"Worker started ({settings.threads} at a time); Ctrl-C stops it.", markup=False)
    try:
        run_worker(engine, settings, stop=stop)
    finally:
        engine.dispose()
