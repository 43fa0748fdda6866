"""A big import on the Redis queue with real ``backcoach worker`` processes: the worker that took the
job is killed while it holds it (claimed, waiting at the test gate, ``BACKCOACH_JOB_GATE_DIR``), a
second worker takes it back once the first one's heartbeat is stale, and the file is imported once,
with its report, and its copy deleted. As ``tests/jobs/test_killed_worker.py`` does for form checks."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backcoach.app import import_job
from backcoach.store import session_scope, workouts
from backcoach.store.users import LOCAL_USER, user_named
from queue_workers import API, WAIT_S, close_app, poll, queue_app, redis_namespace

GOOD = Path(__file__).parent / "pages" / "fixtures" / "strong_for_import_page.csv"  # 8 sets


@pytest.fixture
def namespace() -> Iterator[str]:
    yield from redis_namespace()


def test_a_big_import_survives_its_worker_killed_and_imports_once(
    tmp_path: Path, isolated_home: Path, namespace: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the ten-row fixture counts as big
    app, workers = queue_app(tmp_path, namespace, monkeypatch, **{import_job.THRESHOLD_ENV: "1"})
    copies = isolated_home / "uploads"

    def sets_stored() -> int:
        with session_scope(app.state.engine) as db:
            user = user_named(db, name=LOCAL_USER)
            assert user is not None
            return sum(len(w.sets) for w in workouts(db, user_id=user.id))

    try:
        with TestClient(app) as client:
            csrf = client.get(f"{API}/auth/csrf").json()["csrf_token"]

            def status() -> dict[str, Any]:
                answer: dict[str, Any] = client.get(f"{API}/import-jobs/{job_id}").json()
                return answer

            first = workers.start()
            sent = client.post(
                f"{API}/imports",
                data={"unit": "kg", "tz": "Europe/Berlin"},
                files={"file": (GOOD.name, GOOD.read_bytes())},
                headers={"X-CSRF-Token": csrf},
            )
            assert sent.status_code == 202, sent.text
            job_id = sent.json()["id"]
            assert len(list(copies.iterdir())) == 1

            running = poll(status, lambda s: s["status"] == "running", "the first worker taking the job")
            assert running["attempts"] == 1
            first.send_signal(signal.SIGKILL)  # claimed, waiting at the gate
            assert first.wait(timeout=WAIT_S) == -signal.SIGKILL
            workers.release()
            assert status()["status"] == "running" and sets_stored() == 0  # nobody imported it

            second = workers.start()
            done = poll(status, lambda s: s["status"] in ("done", "failed"), "the retry finishing")
            assert done["status"] == "done", done
            assert done["attempts"] == 2
            assert (done["result"]["imported"], done["result"]["merged"]) == (8, 0)
            assert sets_stored() == 8
            assert list(copies.iterdir()) == []  # the job's copy is gone

            second.send_signal(signal.SIGTERM)  # a graceful stop: exit code 0
            assert second.wait(timeout=WAIT_S) == 0
    finally:
        close_app(app, workers)
