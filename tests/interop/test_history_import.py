"""Importing history into the store, on SQLite and PostgreSQL: atomic, idempotent, every row
accounted for, and exercise-name corrections remembered and applied to what was imported."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from history_helpers import fixture
from sqlalchemy import Engine, func, select

from backcoach.app import analytics
from backcoach.app.history_import import ImportReport, correct_mapping, import_history
from backcoach.app.log import workouts_of
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.errors import InputError
from backcoach.store import User, default_user, records
from backcoach.store.imports import rebuild_records
from backcoach.store.tables import RecordRow, SetRow, WorkoutRow

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


@pytest.fixture
def user(engine: Engine) -> User:
    uow = UnitOfWork(engine)
    with uow as db:
        return default_user(db)


def run(engine: Engine, user: User, data: bytes, **options: object) -> ImportReport:
    options.setdefault("tz", "Europe/Berlin")
    options.setdefault("unit", "kg")
    return import_history(
        UnitOfWork(engine),
        catalog=curated(),
        user=user,
        source=io.BytesIO(data),
        name="export.csv",
        now=NOW,
        **options,  # type: ignore[arg-type]
    )


def counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as c:
        return (
            c.scalar(select(func.count()).select_from(WorkoutRow)) or 0,
            c.scalar(select(func.count()).select_from(SetRow)) or 0,
        )


def accounted(report: ImportReport) -> bool:
    return report.imported + report.merged + len({s.line for s in report.skipped}) >= report.rows


def test_import_writes_sets_workouts_and_accounts_for_every_row(engine: Engine, user: User) -> None:
    report = run(engine, user, fixture("strong_a_semicolon_units.csv"))
    assert (report.rows, report.imported, report.merged, report.workouts) == (10, 7, 0, 2)
    assert sorted(s.line for s in report.skipped) == [4, 9, 10]
    assert counts(engine) == (2, 7)
    js = report.to_json()
    assert set(js) >= {"format", "dialect", "rows", "imported", "merged", "skipped", "workouts", "exercises"}
    assert js["exercises"]["matched"] >= 1
    assert "Europe/Berlin" in js["timezone"]


def test_the_same_file_twice_adds_nothing(engine: Engine, user: User) -> None:
    data = fixture("fitnotes_old_lbs.csv")  # two identical rows on one day: both kept, once
    first = run(engine, user, data)
    second = run(engine, user, data)
    assert (first.imported, second.imported, second.merged, second.workouts) == (3, 0, 3, 0)
    assert counts(engine) == (1, 3)


def test_a_longer_export_later_adds_only_the_new_rows_to_the_same_workout(engine: Engine, user: User) -> None:
    data = fixture("strong_c2_no_notes.csv")
    head = b"\n".join(data.splitlines()[:2]) + b"\n"
    assert run(engine, user, head).imported == 1
    again = run(engine, user, data)
    assert (again.imported, again.merged, again.workouts) == (1, 1, 0)
    assert counts(engine) == (1, 2)
    with engine.connect() as c:
        assert sorted(c.scalars(select(SetRow.position))) == [0, 1]


def test_a_refused_file_writes_nothing(engine: Engine, user: User) -> None:
    good = fixture("strong_c2_no_notes.csv").decode()
    bad = good + "2024-11-29 10:00:00,C,1h,Row,1,10.0,xx,0,0.0,\n"
    with pytest.raises(InputError, match=r"^export\.csv: line 4: reps: "):
        run(engine, user, bad.encode())
    assert counts(engine) == (0, 0)


def test_a_dry_run_reports_and_writes_nothing(engine: Engine, user: User) -> None:
    dry = run(engine, user, fixture("hevy_kg.csv"), dry_run=True)
    assert dry.imported == 5 and dry.workouts == 1 and dry.dry_run
    assert counts(engine) == (0, 0)
    real = run(engine, user, fixture("hevy_kg.csv"))
    assert (real.imported, real.workouts) == (dry.imported, dry.workouts)


def test_unmatched_names_become_own_exercises_and_a_correction_moves_them(engine: Engine, user: User) -> None:
    data = fixture("fitbod_old.csv")  # "Barbell Deadlift" is in the catalogue, "Chin Up" too
    csv = data.decode().replace("Chin Up", "Towel Grip Hang Thing")
    report = run(engine, user, csv.encode())
    custom = report.to_json()["exercises"]["custom"]
    assert [c["name"] for c in custom] == ["Towel Grip Hang Thing"]
    own_id = custom[0]["id"]
    done = workouts_of(UnitOfWork(engine), user=user)
    assert own_id in {s.exercise_id for _, w in done for s in w.sets}
    # recovery and volume read past an exercise with no muscle map
    analytics.recovery(UnitOfWork(engine), catalog=curated(), user=user, now=NOW)
    fixed = correct_mapping(
        UnitOfWork(engine), catalog=curated(), user=user, name="towel grip hang thing", exercise_id="pull-up"
    )
    assert (fixed.exercise_id, fixed.moved) == ("pull-up", 1)
    done = workouts_of(UnitOfWork(engine), user=user)
    assert own_id not in {s.exercise_id for _, w in done for s in w.sets}
    # remembered for the next import: another file with that name maps at once
    later = csv.replace("2019-02-13", "2019-02-20")
    again = run(engine, user, later.encode())
    assert again.to_json()["exercises"]["custom"] == []


def test_a_correction_rebuilds_the_records_of_both_exercises(engine: Engine, user: User) -> None:
    data = b"Date,Exercise,Sets,Reps,Weight,isWarmup,Note\n2019-02-13,Mystery Pull,1,5,40,,\n"
    report = run(engine, user, data)
    own_id = report.to_json()["exercises"]["custom"][0]["id"]
    uow = UnitOfWork(engine)
    with uow as db:
        assert [r.load_kg for r in records(db, user_id=user.id, exercise_id=own_id)] == [40.0]
    correct_mapping(
        UnitOfWork(engine), catalog=curated(), user=user, name="Mystery Pull", exercise_id="pull-up"
    )
    with uow as db:
        assert records(db, user_id=user.id, exercise_id=own_id) == []
        assert [r.load_kg for r in records(db, user_id=user.id, exercise_id="pull-up")] == [40.0]


def test_a_correction_to_an_unknown_exercise_is_refused(engine: Engine, user: User) -> None:
    with pytest.raises(Exception, match="unknown exercise"):
        correct_mapping(
            UnitOfWork(engine), catalog=curated(), user=user, name="X", exercise_id="no-such-thing"
        )


def test_future_rows_are_skipped_with_their_line(engine: Engine, user: User) -> None:
    header = b"Date,Exercise,Sets,Reps,Weight,isWarmup,Note\n"
    data = header + b"2030-01-01,Chin Up,1,5,0,,\n2019-01-01,Chin Up,1,5,0,,\n"
    report = run(engine, user, data)
    assert report.imported == 1 and [s.line for s in report.skipped] == [2]


def test_bad_time_zone_is_refused_by_name(engine: Engine, user: User) -> None:
    with pytest.raises(InputError, match=r"^--tz: "):
        run(engine, user, fixture("hevy_kg.csv"), tz="Mars/Olympus")


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(__file__).parent / "fixtures").glob("*.csv")))
def test_every_fixture_imports_with_every_row_accounted_for(engine: Engine, user: User, name: str) -> None:
    report = run(engine, user, fixture(name))
    assert accounted(report)
    assert report.imported > 0


def test_records_kept_during_an_import_equal_those_rebuilt_from_every_set(engine: Engine, user: User) -> None:
    # Records are worked out once per import from the few sets that can matter (RecordBests):
    # heavy ties at different times, RPE that changes the e1RM ranking, warm-ups, two imports.
    header = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    rng = random.Random(12)
    lines = [
        f"2026-0{1 + w // 28}-{1 + w % 28:02d} 18:00:00,Back,{name},{order},{load},{reps},0,0,{rpe}"
        for w in range(40)
        for k, name in enumerate(("Pull Up", "Bent Over Row (Barbell)", "Zercher Carry (Barbell)"))
        for order, load, reps, rpe in (
            ("W", 20, 5, ""),
            (k + 1, rng.choice((60, 62.5, 65)), rng.randint(3, 6), rng.choice(("", 7, 8.5, 10))),
        )
    ]
    run(engine, user, (header + "\n".join(lines[:50]) + "\n").encode())
    run(engine, user, (header + "\n".join(lines) + "\n").encode())
    uow = UnitOfWork(engine)
    with uow as db:
        ids = set(db.scalars(select(SetRow.exercise_id).distinct()))
        e1rm = select(RecordRow.exercise_id, RecordRow.reps, RecordRow.best_e1rm_kg)
        kept = {i: records(db, user_id=user.id, exercise_id=i) for i in ids}, sorted(db.execute(e1rm).all())
        rebuild_records(db, user_id=user.id, exercise_ids=ids)
        db.flush()
        best = {i: records(db, user_id=user.id, exercise_id=i) for i in ids}, sorted(db.execute(e1rm).all())
    assert kept == best and len(ids) == 3
    assert all(value is not None for *_, value in kept[1])
