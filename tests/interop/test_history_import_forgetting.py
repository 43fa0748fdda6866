"""An import holds little per workout, so its memory stays flat however long the file: where the
latest workouts went is forgotten past a bound and found again in the store. What it writes must
not depend on what it forgot, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from backcoach.app import history_import
from backcoach.app.history_import import ImportReport, import_history
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.store import User, default_user
from backcoach.store.tables import SetRow, WorkoutRow

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)


def _file() -> bytes:
    """Three workouts, each cut in two: its second half comes back after the others' first."""
    rows = []
    for half in (0, 1):
        for day in (15, 17, 19):
            for k in range(3):
                order = half * 3 + k + 1
                rows.append(f'2025-09-{day} 07:48:00,"Back",1h,"Pull Up",{order},0,{8 + half},0,0,"","",\n')
    return (HEADER + "".join(rows)).encode()


@pytest.fixture
def user(engine: Engine) -> User:
    with UnitOfWork(engine) as db:
        return default_user(db)


def _run(engine: Engine, user: User, data: bytes) -> ImportReport:
    return import_history(
        UnitOfWork(engine),
        catalog=curated(),
        user=user,
        source=io.BytesIO(data),
        name="export.csv",
        now=NOW,
        tz="Europe/Berlin",
        unit="kg",
    )


def _stored(engine: Engine) -> list[tuple[str, int, int]]:
    """Each set as (its workout's start, its position, its reps), in order."""
    with engine.connect() as c:
        rows = c.execute(
            select(WorkoutRow.started_at, SetRow.position, SetRow.reps)
            .join(SetRow, SetRow.workout_id == WorkoutRow.id)
            .order_by(WorkoutRow.started_at, SetRow.position)
        )
        return [(started.isoformat(), position, reps) for started, position, reps in rows]


def test_a_workout_that_comes_back_after_being_forgotten_joins_the_first_part(
    engine: Engine, user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_import, "BATCH_SETS", 2)  # a write every workout
    monkeypatch.setattr(history_import, "WORKOUTS", 0)  # and everything forgotten after it
    report = _run(engine, user, _file())
    assert (report.imported, report.workouts, report.merged) == (18, 3, 0)
    stored = _stored(engine)
    assert [position for _, position, _ in stored] == list(range(6)) * 3
    assert [reps for _, _, reps in stored] == [8, 8, 8, 9, 9, 9] * 3
    again = _run(engine, user, _file())
    assert (again.imported, again.merged) == (0, 18)
    assert _stored(engine) == stored
