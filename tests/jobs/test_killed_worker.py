"""A form check survives its worker being killed mid-job: the app, Redis and real ``backcoach worker``
processes. The job marks itself running in the database, then waits on a marker file (the test
gate, ``BACKCOACH_JOB_GATE_DIR``), so the test kills the worker while the job is provably in
hand, without racing it. A second worker takes the job back once the first one's heartbeat is
older than the (shortened) timeout, runs it, stores the result once and deletes the upload."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from landmark_files import synthetic_npy

from queue_workers import API, HEARTBEAT_S, WAIT_S, close_app, poll, queue_app, redis_namespace


@pytest.fixture
def namespace() -> Iterator[str]:
    yield from redis_namespace()


def test_a_job_survives_its_worker_killed_mid_job(
    tmp_path: Path, namespace: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.store.form_checks import count_form_checks

    uploads = tmp_path / "uploads"
    app, workers = queue_app(tmp_path, namespace, monkeypatch, BACKCOACH_UPLOAD_DIR=str(uploads))

    try:
        with TestClient(app) as client:
            csrf = client.get(f"{API}/auth/csrf").json()["csrf_token"]

            def status() -> dict[str, Any]:
                answer: dict[str, Any] = client.get(f"{API}/form-checks/{job_id}").json()
                return answer

            first = workers.start()
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

            running = poll(status, lambda s: s["status"] == "running", "the first worker taking the job")
            assert running["attempts"] == 1
            in_hand = time.monotonic()

            first.send_signal(signal.SIGKILL)  # mid-job: claimed, waiting at the gate
            assert first.wait(timeout=WAIT_S) == -signal.SIGKILL
            workers.release()
            killed = time.monotonic()
            assert status()["status"] == "running"  # nobody finished it

            second = workers.start()
            done = poll(status, lambda s: s["status"] in ("done", "failed"), "the retry finishing")
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
        close_app(app, workers)
