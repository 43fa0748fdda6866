"""Real ``backcoach worker`` processes on a real Redis, for the tests that kill one mid-job
(``tests/jobs/test_killed_worker.py``, ``tests/web/test_import_job_redis.py``).

    redis_namespace()                 yields a Redis key prefix of the test's own, deleted afterwards
                                      (a generator, for ``yield from`` in a fixture); skips when
                                      Redis is absent, fails then under ``BACKCOACH_REDIS_REQUIRED``
    queue_app(tmp_path, url, ns, ...) the web app on that queue, and a ``Workers`` for it
    poll(read, done, what)            a bounded readiness poll: ``read()`` until ``done`` says so
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from backcoach.web import create_app
from backcoach.web.settings import load_web_settings

REDIS_URL = os.environ.get("BACKCOACH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
HEARTBEAT_S = 2.0  # a killed worker's job returns after this long (production: 60 s)
WAIT_S = 45.0  # bound on each readiness poll; a whole test takes about 10 s on two cores
API = "/api/v1"

T = TypeVar("T")


def redis_namespace() -> Iterator[str]:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        if os.environ.get("BACKCOACH_REDIS_REQUIRED"):  # CI (.ci/run) starts Redis: absent is a failure
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {exc}")
    prefix = f"backcoach-test-{uuid.uuid4().hex[:12]}"
    try:
        yield prefix
    finally:
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)
        client.close()


def poll(read: Callable[[], T], done: Callable[[T], bool], what: str) -> T:
    deadline = time.monotonic() + WAIT_S
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {WAIT_S:g} s: {value}")
        time.sleep(0.05)


class Workers:
    """``backcoach worker`` processes on the test's database and queue; each holds a claimed job at
    the test gate (``BACKCOACH_JOB_GATE_DIR``) until ``release()``."""

    def __init__(self, folder: Path, url: str, env: dict[str, str]) -> None:
        self.folder, self.url = folder, url
        self.gate = folder / "gate"
        self.gate.mkdir()
        self.env = {**os.environ, **env, "BACKCOACH_JOB_GATE_DIR": str(self.gate)}
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        with (self.folder / f"worker-{len(self.started) + 1}.log").open("wb") as log:
            process = subprocess.Popen(  # the child keeps its own copy of the log's descriptor
                [sys.executable, "-m", "backcoach", "worker", "--db", self.url],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.started.append(process)
        return process

    def release(self) -> None:
        (self.gate / "release").touch()

    def stop(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT_S)


def queue_app(
    tmp_path: Path, namespace: str, monkeypatch: pytest.MonkeyPatch, **env: str
) -> tuple[Any, Workers]:
    """The web app with its jobs on the Redis queue under ``namespace`` (SQLite in ``tmp_path``),
    and the workers to start for it; ``env``: more settings for both."""
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    settings = {
        "BACKCOACH_REDIS_URL": REDIS_URL,
        "BACKCOACH_JOB_NAMESPACE": namespace,
        "BACKCOACH_JOB_HEARTBEAT_S": str(HEARTBEAT_S),
        **env,
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    app = create_app(
        load_web_settings(environment="test", database_url=url, single_user=True, secret_key="k" * 40)
    )
    return app, Workers(tmp_path, url, settings)


def close_app(app: Any, workers: Workers) -> None:
    workers.stop()
    runner = getattr(app.state, "jobs", None)
    if runner is not None and hasattr(runner, "close"):
        runner.close()
    app.state.engine.dispose()
