"""A backup restored into an empty account answers every read as the original, on SQLite and
PostgreSQL, with every reference translated to the new rows' ids."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from history_helpers import fixture
from sqlalchemy import Engine

from backcoach.app import analytics
from backcoach.app.backup import backup, restore
from backcoach.app.history_import import import_history
from backcoach.app.log import workouts_of
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.errors import InputError
from backcoach.store import User, add_user, default_user

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
ROW = "bent-over-barbell-row"
LATER = datetime(2024, 3, 5, tzinfo=UTC)  # the day after the Strong fixture: recovery not at 100 %


def test_a_restored_account_answers_as_the_original(engine: Engine) -> None:
    with UnitOfWork(engine) as db:
        first = default_user(db)
        second = add_user(db, name="restored")
    for name in ("strong_a_semicolon_units.csv", "hevy_kg.csv", "fitbod_old.csv"):
        import_history(
            UnitOfWork(engine), catalog=curated(), user=first, source=io.BytesIO(fixture(name)),
            name=name, now=NOW, unit="kg", tz="UTC",
        )  # fmt: skip
    data = backup(UnitOfWork(engine), user=first, now=NOW)
    written = restore(UnitOfWork(engine), user=second, data=data)
    assert written["sets"] == sum(len(w.sets) for _, w in workouts_of(UnitOfWork(engine), user=first))

    def reads(user: User) -> object:
        cat = curated()
        return (
            [w for _, w in workouts_of(UnitOfWork(engine), user=user)],
            analytics.progress(UnitOfWork(engine), catalog=cat, user=user, exercise_id=ROW).to_json(),
            analytics.volume(UnitOfWork(engine), catalog=cat, user=user, week="2025-W38", now=NOW),
            analytics.recovery(
                UnitOfWork(engine), catalog=cat, user=user, now=datetime(2024, 3, 5, tzinfo=UTC)
            ),
        )

    assert reads(second) == reads(first)
    with pytest.raises(InputError, match="already has data"):
        restore(UnitOfWork(engine), user=second, data=data)
    again = import_history(
        UnitOfWork(engine), catalog=curated(), user=second, source=io.BytesIO(fixture("hevy_kg.csv")),
        name="hevy_kg.csv", now=NOW, tz="UTC",
    )  # fmt: skip
    assert again.imported == 0  # the provenance came along


def test_a_malformed_backup_is_refused_whole(engine: Engine) -> None:
    with UnitOfWork(engine) as db:
        user = default_user(db)
    bad = {
        "format": "backcoach-backup",
        "version": 1,
        "tables": {"workouts": [{"id": 1, "started_at": "nope"}]},
    }
    with pytest.raises(InputError, match=r"^backup: workouts\[0\]"):
        restore(UnitOfWork(engine), user=user, data=bad)
    assert workouts_of(UnitOfWork(engine), user=user) == []
