"""One delivery of a background job (app.background.execute), with made-up kinds of job, on SQLite
and PostgreSQL: what the person's data refuses fails the job at once with its reason, whether
``run`` or ``store`` refuses it; nothing half-stored stays; the job's files are cleaned up."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from backcoach.app import background
from backcoach.app.uow import UnitOfWork
from backcoach.errors import InputError
from backcoach.store import User, add_user, start_workout, workouts
from backcoach.store.jobs import add_job, get_job

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
KIND = "made-up"


def _job(engine: Engine) -> tuple[User, int]:
    with UnitOfWork(engine) as db:
        user = add_user(db, name="ada")
        return user, add_job(db, user_id=user.id, kind=KIND, payload={}, now=NOW)


class Kind:
    """A kind of job that counts its calls; ``refuse_in`` names the step that refuses the data."""

    def __init__(self, refuse_in: str | None) -> None:
        self.refuse_in = refuse_in
        self.calls: list[str] = []

    def run(self, context: background.JobContext) -> Any:
        self.calls.append("run")
        if self.refuse_in == "run":
            raise InputError("line 3: reps: 'many' is not a number")
        return {"sets": 2}

    def store(self, uow: UnitOfWork, job: Any, result: Any, now: datetime) -> dict[str, Any]:
        self.calls.append("store")
        start_workout(uow.session, user_id=job.user_id, started_at=now)  # written, then rolled back
        if self.refuse_in == "store":
            raise InputError("line 7: exercise: the same set twice with other loads")
        return dict(result)

    def cleanup(self, job: Any) -> None:
        self.calls.append("cleanup")

    def as_kind(self) -> background.JobKind:
        return background.JobKind(self.run, self.store, self.cleanup)


def _deliver(engine: Engine, kind: Kind, job_id: int) -> None:
    background.execute(lambda: UnitOfWork(engine), job_id, kinds={KIND: kind.as_kind()}, clock=lambda: NOW)


def test_a_job_whose_store_refuses_the_data_fails_at_once_with_the_reason_and_stores_nothing(
    engine: Engine,
) -> None:
    user, job_id = _job(engine)
    kind = Kind(refuse_in="store")
    _deliver(engine, kind, job_id)  # returns: no retry asked of the queue
    with UnitOfWork(engine) as db:
        job = get_job(db, job_id=job_id)
        assert (job.status, job.attempts) == ("failed", 1)
        assert job.error == "line 7: exercise: the same set twice with other loads"
        assert workouts(db, user_id=user.id) == []
    assert kind.calls == ["run", "store", "cleanup"]
    _deliver(engine, kind, job_id)  # a second delivery of a finished job does nothing
    assert kind.calls == ["run", "store", "cleanup"]


def test_a_job_whose_run_refuses_the_data_fails_at_once_without_storing(engine: Engine) -> None:
    _, job_id = _job(engine)
    kind = Kind(refuse_in="run")
    _deliver(engine, kind, job_id)
    with UnitOfWork(engine) as db:
        job = get_job(db, job_id=job_id)
        assert (job.status, job.error) == ("failed", "line 3: reps: 'many' is not a number")
    assert kind.calls == ["run", "cleanup"]


def test_a_job_that_stores_finishes_with_its_summary_and_cleans_up(engine: Engine) -> None:
    user, job_id = _job(engine)
    kind = Kind(refuse_in=None)
    _deliver(engine, kind, job_id)
    with UnitOfWork(engine) as db:
        job = get_job(db, job_id=job_id)
        assert (job.status, job.summary) == ("done", {"sets": 2})
        assert len(workouts(db, user_id=user.id)) == 1
    assert kind.calls == ["run", "store", "cleanup"]
