"""A big import as a background job, through the use cases on SQLite and PostgreSQL: confirmed, it
runs on the real in-process queue and stores its sets once with the job's report; a second delivery
and a second job of the same file add nothing; small files still import in the request; progress
rises while the file is read (and, where the database lets a second writer in, while it imports)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from benchmarks.import_bench import write_strong
from sqlalchemy import Engine

from backcoach.app import background, import_flow, import_job, job_kinds
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.jobs import InProcessRunner, job_settings
from backcoach.store import User, add_user, workouts
from backcoach.store.jobs import claim_job, get_job
from backcoach.store.uploads import Uploads
from db_urls import engine, module_engine

__all__ = ["engine", "module_engine"]  # the shared database fixtures

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
GOOD = Path(__file__).parents[1] / "web" / "pages" / "fixtures" / "strong_for_import_page.csv"
DEADLINE_S = 60.0  # ten rows import in well under a second; the first job also starts the pool
MAX_BYTES = 2**20


def _user(engine: Engine, name: str) -> User:
    with UnitOfWork(engine) as db:
        return add_user(db, name=name)


def _sets(engine: Engine, user: User) -> int:
    with UnitOfWork(engine) as db:
        return sum(len(w.sets) for w in workouts(db, user_id=user.id))


def _uploaded(engine: Engine, uploads: Uploads, user: User, path: Path) -> str:
    with path.open("rb") as source:
        step = import_flow.upload(
            UnitOfWork(engine),
            uploads,
            catalog=curated(),
            user=user,
            source=source,
            name=path.name,
            fmt="auto",
            unit="kg",
            tz="Europe/Berlin",
            now=NOW,
            max_bytes=MAX_BYTES,
        )
    return step.key


def _wait_finished(engine: Engine, user: User, job_id: int) -> import_job.ImportJobStatus:
    """Poll the job until it has finished (bounded: a readiness poll, not a sleep)."""
    deadline = time.monotonic() + DEADLINE_S
    while True:
        found = import_job.import_status(UnitOfWork(engine), user=user, job_id=job_id)
        if found.job.finished or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def _confirm(
    engine: Engine,
    uploads: Uploads,
    user: User,
    key: str,
    *,
    runner: Callable[[], background.JobRunner],
    background_from: int | None = None,
) -> import_flow.Step:
    return import_flow.confirm(
        UnitOfWork(engine),
        uploads,
        catalog=curated(),
        user=user,
        key=key,
        now=NOW,
        runner=runner,
        background_from=background_from,
    )


def test_a_big_file_imports_once_in_the_background_and_its_upload_goes(
    engine: Engine, tmp_path: Path
) -> None:
    ana = _user(engine, "ana")
    uploads = Uploads(tmp_path / "uploads")
    key = _uploaded(engine, uploads, ana, GOOD)
    runner = InProcessRunner(engine, job_settings())

    step = _confirm(engine, uploads, ana, key, runner=lambda: runner, background_from=1)
    assert step.job_id is not None and step.report == {}
    found = _wait_finished(engine, ana, step.job_id)
    assert found.job.status == "done", found.job.error
    report = found.report
    assert report is not None
    assert (report["rows"], report["imported"], report["merged"], report["workouts"]) == (10, 8, 0, 2)
    assert [s["line"] for s in report["skipped"]] == [5, 11]
    assert _sets(engine, ana) == 8
    left = [p.name for p in uploads.root.rglob("*") if p.is_file()]
    assert left == [f"{key}.json"]  # only the confirmed upload's note (it points at the job)

    again = _confirm(engine, uploads, ana, key, runner=lambda: runner, background_from=1)
    assert (again.job_id, again.repeated) == (step.job_id, True)  # the same job: nothing queued

    job_kinds.run(lambda: UnitOfWork(engine), step.job_id, clock=lambda: NOW)  # delivered twice
    assert _sets(engine, ana) == 8
    with UnitOfWork(engine) as db:
        assert get_job(db, job_id=step.job_id).summary == report

    second = _confirm(
        engine, uploads, ana, _uploaded(engine, uploads, ana, GOOD), runner=lambda: runner, background_from=1
    )
    assert second.job_id is not None
    repeat = _wait_finished(engine, ana, second.job_id).report
    assert repeat is not None and (repeat["imported"], repeat["merged"]) == (0, 8)
    assert _sets(engine, ana) == 8


def test_a_small_file_still_imports_in_the_request(engine: Engine, tmp_path: Path) -> None:
    ben = _user(engine, "ben")
    uploads = Uploads(tmp_path / "uploads")

    def no_runner() -> background.JobRunner:
        raise AssertionError("a small file needs no job runner")

    step = _confirm(engine, uploads, ben, _uploaded(engine, uploads, ben, GOOD), runner=no_runner)
    assert step.job_id is None and step.report["imported"] == 8
    assert GOOD.stat().st_size < import_job.background_from()
    assert _sets(engine, ben) == 8


class Recorder:
    """A runner that only remembers what it was given (the test runs the job's steps by hand)."""

    def __init__(self) -> None:
        self.sent: list[int] = []

    def enqueue(self, job_id: int) -> None:
        self.sent.append(job_id)


def _submitted(engine: Engine, user: User, path: Path, folder: Path, max_bytes: int = MAX_BYTES) -> int:
    """``path`` submitted as an import job for ``user`` (kg, UTC), its copy kept in ``folder``."""
    with path.open("rb") as source:
        return import_job.submit_import(
            UnitOfWork(engine),
            Recorder(),
            user=user,
            source=source,
            name=path.name,
            options={"format": "auto", "unit": "kg", "tz": "UTC"},
            now=NOW,
            max_bytes=max_bytes,
            folder=folder,
        )


def _big_job(engine: Engine, tmp_path: Path, user: User) -> tuple[Uploads, int]:
    """A 7,200-set Strong file submitted as an import job for ``user``."""
    big = tmp_path / "strong.csv"
    write_strong(big, 7200)
    uploads = Uploads(tmp_path / "uploads")
    return uploads, _submitted(engine, user, big, uploads.root, max_bytes=MAX_BYTES * 8)


def test_progress_rises_as_the_file_is_read_and_imported(engine: Engine, tmp_path: Path) -> None:
    cy = _user(engine, "cy")
    uploads, job_id = _big_job(engine, tmp_path, cy)  # 300 workouts: several progress reports
    with UnitOfWork(engine) as db:
        job = get_job(db, job_id=job_id)
    shares: list[float] = []
    read = import_job.IMPORT_JOB.run(background.JobContext(job, shares.append, lambda: NOW))
    reading = list(shares)
    assert reading == sorted(reading) and len(reading) > 3 and reading[-1] == import_job.READ_SHARE
    uow = UnitOfWork(engine)
    with uow:
        summary = import_job.IMPORT_JOB.store(uow, job, read, NOW)
    importing = shares[len(reading) :]
    if engine.dialect.name == "sqlite":
        assert importing == []  # the import holds SQLite's one write lock: nothing could be written
    else:
        assert importing == sorted(importing) and len(importing) > 3
        assert importing[0] > import_job.READ_SHARE and importing[-1] < 1.0
    assert summary["imported"] == 7200 and _sets(engine, cy) == 7200
    import_job.IMPORT_JOB.cleanup(job)
    assert not [p for p in uploads.root.rglob("*") if p.is_file()]


def test_a_big_job_delivered_in_full_writes_its_progress_and_finishes(engine: Engine, tmp_path: Path) -> None:
    dee = _user(engine, "dee")
    uploads, job_id = _big_job(engine, tmp_path, dee)
    # One delivery as a worker makes it: progress rows written beside the import's own transaction
    # (on PostgreSQL, from another connection while the import is open) must not block it.
    job_kinds.run(lambda: UnitOfWork(engine), job_id, clock=lambda: NOW)
    found = import_job.import_status(UnitOfWork(engine), user=dee, job_id=job_id)
    assert found.job.status == "done" and found.job.progress == 1.0 and found.job.attempts == 1
    assert found.report is not None and found.report["imported"] == 7200
    assert _sets(engine, dee) == 7200
    assert not [p for p in uploads.root.rglob("*") if p.is_file()]


@pytest.mark.parametrize("threshold", ["", "oops"])
def test_the_threshold_falls_back_to_its_default(threshold: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(import_job.THRESHOLD_ENV, threshold)
    assert import_job.background_from() == import_job.BACKGROUND_FROM_BYTES


def test_a_job_whose_workers_kept_dying_is_given_up_in_words_about_an_import(
    engine: Engine, tmp_path: Path
) -> None:
    eve = _user(engine, "eve")
    folder = tmp_path / "uploads"
    job_id = _submitted(engine, eve, GOOD, folder)
    for _ in range(background.MAX_ATTEMPTS):  # each worker claimed it, then died
        with UnitOfWork(engine) as db:
            assert claim_job(db, job_id=job_id, now=NOW) is not None
    job_kinds.run(lambda: UnitOfWork(engine), job_id, clock=lambda: NOW)
    found = import_job.import_status(UnitOfWork(engine), user=eve, job_id=job_id)
    assert found.job.status == "failed" and found.to_json()["error"] == import_job.GAVE_UP
    assert _sets(engine, eve) == 0
    assert list(folder.iterdir()) == []
