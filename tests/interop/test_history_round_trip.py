"""Exports that import back: Strong and Hevy CSV give the same sets; the neutral CSV states every
field."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from backcoach.app.history_export import export_log
from backcoach.app.history_import import import_history
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.sessions.records import LoggedSet, SetType, Workout
from backcoach.store import User, default_user, ensure_schema, log_workout, workouts

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
AT = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def _db(path: Path) -> tuple[Engine, User]:
    engine = create_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    with UnitOfWork(engine) as db:
        user = default_user(db)
    return engine, user


def _history() -> list[Workout]:
    def s(ex: str, reps: int, load: float | None, **kw: object) -> LoggedSet:
        return LoggedSet(ex, AT, reps, load, **kw)  # type: ignore[arg-type]

    first = Workout(
        started_at=AT,
        ended_at=AT + timedelta(minutes=65),
        sets=(
            s("bent-over-barbell-row", 10, 40.0, set_type=SetType.WARMUP),
            s("bent-over-barbell-row", 8, 61.23496995, entered_unit="lb", rir=2.0),  # 135 lb
            s("bent-over-barbell-row", 8, 60.0, rir=1.5, rest_s=120),
            s("bent-over-barbell-row", 6, 60.0, set_type=SetType.FAILURE, rir=0.0),
            s("bent-over-barbell-row", 12, 40.0, set_type=SetType.DROP),
            s("pull-up", 8, None, rir=2.0),
            s("pull-up", 7, None),
        ),
    )
    later = AT + timedelta(days=2)
    second = Workout(started_at=later, sets=(LoggedSet("seated-cable-row", later, 12, 50.0),))
    return [first, second]


def _key(s: LoggedSet, *, kg_places: int = 6, rest: bool = True) -> tuple[object, ...]:
    load = None if s.load_kg is None else round(s.load_kg, kg_places)
    return (s.exercise_id, s.reps, load, s.set_type, s.rir, s.rest_s if rest else None, s.hold_s)


@pytest.fixture
def source(tmp_path: Path) -> tuple[Engine, User]:
    engine, user = _db(tmp_path / "a.db")
    with UnitOfWork(engine) as db:
        for w in _history():
            log_workout(db, user_id=user.id, workout=w, now=NOW)
    return engine, user


def _round_trip(source: tuple[Engine, User], tmp_path: Path, fmt: str) -> tuple[list[Workout], list[Workout]]:
    engine, user = source
    out = io.StringIO()
    written = export_log(UnitOfWork(engine), catalog=curated(), user=user, fmt=fmt, out=out)  # type: ignore[arg-type]
    assert written == 8
    target, other = _db(tmp_path / f"{fmt}.db")
    report = import_history(
        UnitOfWork(target),
        catalog=curated(),
        user=other,
        source=io.BytesIO(out.getvalue().encode()),
        name=f"export.{fmt}.csv",
        now=NOW,
        tz="UTC",
    )
    assert report.imported == 8 and report.to_json()["exercises"]["custom"] == []
    with UnitOfWork(engine) as a, UnitOfWork(target) as b:
        return workouts(a, user_id=user.id), workouts(b, user_id=other.id)


def test_strong_export_imports_back_to_identical_sets(source: tuple[Engine, User], tmp_path: Path) -> None:
    before, after = _round_trip(source, tmp_path, "strong")
    assert [[_key(s) for s in w.sets] for w in after] == [[_key(s) for s in w.sets] for w in before]
    assert [[s.entered_unit for s in w.sets] for w in after] == [
        [s.entered_unit for s in w.sets] for w in before
    ]
    assert [w.started_at for w in after] == [w.started_at for w in before]
    assert after[0].ended_at == before[0].ended_at


def test_hevy_export_imports_back_to_the_same_sets_in_kg(source: tuple[Engine, User], tmp_path: Path) -> None:
    before, after = _round_trip(source, tmp_path, "hevy")
    # Hevy's file has no rest column, and its kg variant keeps no entered unit: loads to 0.01 kg
    assert [[_key(s, kg_places=2, rest=False) for s in w.sets] for w in after] == [
        [_key(s, kg_places=2, rest=False) for s in w.sets] for w in before
    ]


def test_neutral_csv_states_every_field(source: tuple[Engine, User]) -> None:
    engine, user = source
    out = io.StringIO()
    export_log(UnitOfWork(engine), catalog=curated(), user=user, fmt="csv", out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 8
    lb = rows[1]
    assert (lb["exercise_id"], lb["entered_unit"], float(lb["load_kg"]), lb["set_type"]) == (
        "bent-over-barbell-row", "lb", 61.23496995, "working",
    )  # fmt: skip
    assert rows[2]["rest_s"] == "120"
    assert datetime.fromisoformat(rows[0]["workout_started_at"]) == AT
