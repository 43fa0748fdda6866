"""Exports carry a set's note where the format has a per-set notes column (Strong's ``Notes``), and a
cool-down set goes out as the nearest type each app knows (neither has a cool-down)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from backcoach.interop.history_csv import write_hevy, write_strong
from backcoach.sessions.records import LoggedSet, SetType, Workout

AT = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
WORKOUT = Workout(
    started_at=AT,
    sets=(
        LoggedSet("one-arm-dumbbell-row", AT, 10, 20.0, note="grip slipped"),
        LoggedSet("childs-pose", AT, 1, None, SetType.COOLDOWN, hold_s=60),
    ),
    notes="a good day",
)


def test_strong_export_writes_each_sets_note_and_a_cool_down_as_a_warm_up() -> None:
    out = io.StringIO()
    assert write_strong(out, [WORKOUT], lambda exercise_id: exercise_id) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=";"))
    assert [(r["Set Order"], r["Notes"], r["Workout Notes"]) for r in rows] == [
        ("1", "grip slipped", "a good day"),
        ("W", "", "a good day"),
    ]


def test_hevy_export_writes_a_cool_down_as_a_warm_up() -> None:
    out = io.StringIO()
    assert write_hevy(out, [WORKOUT], lambda exercise_id: exercise_id) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["set_type"] for r in rows] == ["normal", "warmup"]
