"""Body-weight entries and personal records: kilograms stored, units mixed freely."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from store_factories import NOW, PULL_UP, ROW, body_weight

from backcoach.errors import InputError, UnknownIdError
from backcoach.science.units import lb_to_kg
from backcoach.store import (
    PersonalRecord,
    add_body_weight,
    body_weights,
    default_user,
    records,
    session_scope,
    upsert_record,
)
from backcoach.store.tables import BodyWeightRow, RecordRow


def _user(engine: Engine) -> int:
    with session_scope(engine) as s:
        return default_user(s).id


def test_body_weights_read_back_in_order_with_the_unit_typed(engine: Engine) -> None:
    user_id = _user(engine)
    entries = [body_weight(0, 80.0), body_weight(7, lb_to_kg(178), "lb"), body_weight(14, 80.6)]
    with session_scope(engine) as s:
        for entry in reversed(entries):
            add_body_weight(s, user_id=user_id, entry=entry, now=NOW)
    with session_scope(engine) as s:
        assert body_weights(s, user_id=user_id) == entries
        assert body_weights(s, user_id=user_id, since=entries[1].measured_at) == entries[1:]
        stored = s.scalars(select(BodyWeightRow.kg).order_by(BodyWeightRow.measured_at)).all()
    assert stored[1] == pytest.approx(80.739, abs=1e-3)  # 178 lb, held in kilograms


def test_a_body_weight_dated_in_the_future_is_refused_and_not_stored(engine: Engine) -> None:
    user_id = _user(engine)
    with pytest.raises(InputError, match="measured_at: 2027-"), session_scope(engine) as s:
        add_body_weight(s, user_id=user_id, entry=body_weight(days=400), now=NOW)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(BodyWeightRow)) == 0


def _best(
    s: Session, user_id: int, load_kg: float, *, reps: int = 5, at: datetime = NOW, ex: str = ROW
) -> bool:
    return upsert_record(
        s, user_id=user_id, exercise_id=ex, reps=reps, load_kg=load_kg, achieved_at=at, now=NOW
    )


def test_a_record_is_kept_per_rep_count_and_only_a_heavier_load_replaces_it(engine: Engine) -> None:
    user_id = _user(engine)
    day, later = NOW - timedelta(days=10), NOW - timedelta(days=7)
    with session_scope(engine) as s:
        assert _best(s, user_id, 80.0, at=day)
        assert _best(s, user_id, 70.0, reps=8, at=day)
        assert not _best(s, user_id, 75.0, at=later)
        assert not _best(s, user_id, 80.0, at=later)
        assert _best(s, user_id, 72.5, reps=8, at=later)
        assert _best(s, user_id, 10.0, ex=PULL_UP, at=day)
    with session_scope(engine) as s:
        assert records(s, user_id=user_id, exercise_id=ROW) == [
            PersonalRecord(ROW, 5, 80.0, day),  # a tie keeps the first time it was lifted
            PersonalRecord(ROW, 8, 72.5, later),
        ]


def test_records_compare_loads_typed_in_pounds_and_kilograms(engine: Engine) -> None:
    user_id = _user(engine)
    with session_scope(engine) as s:
        _best(s, user_id, 100.0)  # typed in kilograms
        assert _best(s, user_id, lb_to_kg(225))  # 102.06 kg: a record, though 225 lb "<" 100 kg is false
        assert not _best(s, user_id, lb_to_kg(220))  # 99.79 kg: no record, though 220 > 102
    with session_scope(engine) as s:
        [best] = records(s, user_id=user_id, exercise_id=ROW)
    assert best.load_kg == pytest.approx(102.0583, abs=1e-4)


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"reps": 0}, InputError, "reps: 0"),
        ({"reps": 101}, InputError, "reps: 101"),
        ({"load_kg": 1200.0}, InputError, "load: 1200.0 kg"),
        ({"load_kg": float("nan")}, InputError, "load: nan kg"),
        ({"exercise_id": "pendley-row"}, UnknownIdError, "pendley-row"),
        ({"achieved_at": NOW + timedelta(days=3)}, InputError, "achieved_at: 2026-12-04"),
    ],
)
def test_a_bad_record_names_the_field_and_writes_nothing(
    engine: Engine, changes: dict[str, object], error: type[Exception], message: str
) -> None:
    fields: dict[str, object] = {"exercise_id": ROW, "reps": 5, "load_kg": 80.0, "achieved_at": NOW}
    fields.update(changes)
    user_id = _user(engine)
    with pytest.raises(error, match=message), session_scope(engine) as s:
        upsert_record(s, user_id=user_id, now=NOW, **fields)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(RecordRow)) == 0
