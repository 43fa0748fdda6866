"""The application's job machinery (``app.background``) with the form-check job, on both databases:
a job delivered twice stores its result once, a bad file fails once with a plain reason, a
passing error is retried until the attempts run out, and the upload is removed unless kept."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from landmark_files import synthetic_npy
from sqlalchemy import Engine

from backcoach.app import background, form_check, job_kinds
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.errors import NotFound
from backcoach.store import User, add_user
from backcoach.store.form_checks import count_form_checks
from backcoach.store.jobs import get_job

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Recorder:
    """A runner that only remembers what it was given (the test delivers by hand)."""

    def __init__(self) -> None:
        self.sent: list[int] = []

    def enqueue(self, job_id: int) -> None:
        self.sent.append(job_id)


def _clock() -> datetime:
    return NOW


def _user(engine: Engine, name: str = "ana") -> User:
    with UnitOfWork(engine) as db:
        return add_user(db, name=name)


def _submit(engine: Engine, user: User, folder: Path, data: bytes, *, keep: bool = False) -> int:
    runner = Recorder()
    job_id = form_check.submit_form_check(
        UnitOfWork(engine),
        runner,
        catalog=curated(),
        user=user,
        exercise_id="pull-up",
        name="set.npy",
        source=io.BytesIO(data),
        keep=keep,
        now=NOW,
        folder=folder,
    )
    assert runner.sent == [job_id]
    return job_id


def _factory(engine: Engine) -> Callable[[], UnitOfWork]:
    return lambda: UnitOfWork(engine)


def test_a_job_delivered_twice_stores_its_result_once(engine: Engine, tmp_path: Path) -> None:
    user = _user(engine)
    job_id = _submit(engine, user, tmp_path, synthetic_npy())
    assert len(list(tmp_path.iterdir())) == 1
    job_kinds.run(_factory(engine), job_id, clock=_clock)
    job_kinds.run(_factory(engine), job_id, clock=_clock)  # a second delivery: nothing happens
    status = form_check.form_check_status(UnitOfWork(engine), user=user, job_id=job_id)
    assert (status.job.status, status.job.progress, status.job.attempts) == ("done", 1.0, 1)
    assert status.result is not None and status.result.reps == 5
    assert len(status.result.report["charts"]) == 5
    assert status.job.summary == {"reps": 5}
    with UnitOfWork(engine) as db:
        assert count_form_checks(db, job_id=job_id) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_run_killed_after_claiming_is_run_again_and_stored_once(engine: Engine, tmp_path: Path) -> None:
    user = _user(engine)
    job_id = _submit(engine, user, tmp_path, synthetic_npy(), keep=True)

    class Killed(BaseException):
        """Stands for the process dying: nothing after the claim runs."""

    def die(_job: object) -> None:
        raise Killed

    with pytest.raises(Killed):
        job_kinds.run(_factory(engine), job_id, clock=_clock, after_start=die)
    with UnitOfWork(engine) as db:
        assert get_job(db, job_id=job_id).status == "running"
    job_kinds.run(_factory(engine), job_id, clock=_clock)
    with UnitOfWork(engine) as db:
        job = get_job(db, job_id=job_id)
        assert (job.status, job.attempts) == ("done", 2)
        assert count_form_checks(db, job_id=job_id) == 1
    assert len(list(tmp_path.iterdir())) == 1  # kept, as asked


def test_an_unreadable_file_fails_at_once_with_its_reason(engine: Engine, tmp_path: Path) -> None:
    user = _user(engine)
    job_id = _submit(engine, user, tmp_path, b"\x93NUMPY not really")
    job_kinds.run(_factory(engine), job_id, clock=_clock)
    status = form_check.form_check_status(UnitOfWork(engine), user=user, job_id=job_id)
    assert status.job.status == "failed" and status.job.attempts == 1
    assert status.job.error is not None and status.job.error.startswith("set.npy")
    assert status.result is None
    assert list(tmp_path.iterdir()) == []


def test_a_passing_error_is_retried_then_given_up(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = _user(engine)
    job_id = _submit(engine, user, tmp_path, synthetic_npy())

    def flaky(context: background.JobContext) -> object:
        raise ConnectionError("database restarting")

    broken = dataclasses.replace(form_check.FORM_CHECK_JOB, run=flaky)
    monkeypatch.setattr(job_kinds, "kinds", lambda: {form_check.JOB_KIND: broken})
    for attempt in range(1, background.MAX_ATTEMPTS):
        with pytest.raises(RuntimeError, match=f"attempt {attempt}"):
            job_kinds.run(_factory(engine), job_id, clock=_clock)
        with UnitOfWork(engine) as db:
            assert get_job(db, job_id=job_id).status == "queued"
    job_kinds.run(_factory(engine), job_id, clock=_clock)  # the last attempt: no raise
    with UnitOfWork(engine) as db:
        job = get_job(db, job_id=job_id)
    assert (job.status, job.attempts, job.error) == ("failed", background.MAX_ATTEMPTS, background.GAVE_UP)
    assert list(tmp_path.iterdir()) == []


def test_a_job_is_its_owners_only(engine: Engine, tmp_path: Path) -> None:
    ana, ben = _user(engine, "ana"), _user(engine, "ben")
    job_id = _submit(engine, ana, tmp_path, synthetic_npy())
    with pytest.raises(NotFound):
        form_check.form_check_status(UnitOfWork(engine), user=ben, job_id=job_id)
    with pytest.raises(NotFound):
        background.job_status(UnitOfWork(engine), user=ben, job_id=job_id)


def test_a_saved_file_is_analysed_in_place_and_never_deleted(engine: Engine, tmp_path: Path) -> None:
    user = _user(engine)
    saved = tmp_path / "mine.npy"
    saved.write_bytes(synthetic_npy())
    job_id = form_check.submit_form_check(
        UnitOfWork(engine),
        Recorder(),
        catalog=curated(),
        user=user,
        exercise_id="pull-up",
        name=saved.name,
        source=saved,
        keep=False,
        now=NOW,
    )
    job_kinds.run(_factory(engine), job_id, clock=_clock)
    assert saved.is_file()
