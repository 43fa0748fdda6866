"""A form check survives its worker being killed mid-job: the app, Redis and real ``backcoach worker``
processes. The job marks itself running in the database, then waits on a marker file (the test
gate, ``BACKCOACH_JOB_GATE_DIR``), so the test kills the worker while the job is provably in
hand, without racing it. A second worker takes the job back once the first one's heartbeat is
older than the (shortened) timeout, runs it, stores the result once and deletes the upload."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from landmark_files import synthetic_npy

REDIS_URL = os.environ.get("BACKCOACH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
HEARTBEAT_S = 2.0  # a killed worker's job returns after this long (production: 60 s)
WAIT_S = 45.0  # bound on each readiness poll; the whole test takes about 10 s on two cores
API = "/api/v1"


@pytest.fixture
def namespace() -> Iterator[str]:
    """A Redis key prefix of this test's own, deleted afterwards; skips when Redis is not there."""
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


def _poll(read: Any, done: Any, what: str) -> Any:
    deadline = time.monotonic() + WAIT_S
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {WAIT_S:g} s: {value}")
        time.sleep(0.05)


def test_a_job_survives_its_worker_killed_mid_job(
    tmp_path: Path, namespace: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.store.form_checks import count_form_checks
    from backcoach.web import create_app
    from backcoach.web.settings import load_web_settings

    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    uploads, gate = tmp_path / "uploads", tmp_path / "gate"
    gate.mkdir()
    env = {
        "BACKCOACH_REDIS_URL": REDIS_URL,
        "BACKCOACH_JOB_NAMESPACE": namespace,
        "BACKCOACH_JOB_HEARTBEAT_S": str(HEARTBEAT_S),
        "BACKCOACH_UPLOAD_DIR": str(uploads),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    worker_env = {**os.environ, **env, "BACKCOACH_JOB_GATE_DIR": str(gate)}
    app = create_app(
        load_web_settings(environment="test", database_url=url, single_user=True, secret_key="k" * 40)
    )
    workers: list[subprocess.Popen[bytes]] = []

    def start_worker(n: int) -> subprocess.Popen[bytes]:
        with (tmp_path / f"worker-{n}.log").open("wb") as log:  # the child keeps its own copy
            process = subprocess.Popen(
                [sys.executable, "-m", "backcoach", "worker", "--db", url],
                env=worker_env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        workers.append(process)
        return process

    try:
        with TestClient(app) as client:
            csrf = client.get(f"{API}/auth/csrf").json()["csrf_token"]

            def status() -> dict[str, Any]:
                answer: dict[str, Any] = client.get(f"{API}/form-checks/{job_id}").json()
                return answer

            first = start_worker(1)
            started = time.monotonic()
            sent = client.post(
                f"{API}/form-checks",
                data={"exercise_id": "pull-up"},
                files={"file": ("set.npy", synthetic_npy())},
                headers={"X-CSRF-Token": csrf},
            )
            assert sent.status_code == 202, sent.text
            job_id = sent.json()["id"]
            assert len(list(uploads.iterdir())) == 1

            running = _poll(status, lambda s: s["status"] == "running", "the first worker taking the job")
            assert running["attempts"] == 1
            in_hand = time.monotonic()

            first.send_signal(signal.SIGKILL)  # mid-job: claimed, waiting at the gate
            assert first.wait(timeout=WAIT_S) == -signal.SIGKILL
            (gate / "release").touch()
            killed = time.monotonic()
            assert status()["status"] == "running"  # nobody finished it

            second = start_worker(2)
            done = _poll(status, lambda s: s["status"] in ("done", "failed"), "the retry finishing")
            finished = time.monotonic()
            assert done["status"] == "done", done
            assert done["attempts"] == 2
            assert done["result"]["reps"] == 5
            with app.state.engine.connect() as connection:
                from sqlalchemy.orm import Session

                assert count_form_checks(Session(connection), job_id=job_id) == 1
            assert list(uploads.iterdir()) == []  # the upload is gone

            second.send_signal(signal.SIGTERM)  # a graceful stop: exit code 0
            assert second.wait(timeout=WAIT_S) == 0
            print(
                f"\ntaken after {in_hand - started:.1f} s; retried and finished "
                f"{finished - killed:.1f} s after the kill (heartbeat timeout {HEARTBEAT_S:g} s)"
            )
    finally:
        for process in workers:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT_S)
        runner = getattr(app.state, "jobs", None)
        if runner is not None and hasattr(runner, "close"):
            runner.close()
        app.state.engine.dispose()
