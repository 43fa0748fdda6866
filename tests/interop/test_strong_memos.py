"""Strong's reader remembers what cells read as (dates, names, numbers, loads) to import a large
file fast; what it reads must not depend on what it remembers, nor on when it forgets."""

from __future__ import annotations

import dataclasses

import pytest
from history_helpers import fixture, read

from backcoach.interop import strong

FIXTURES = (
    "strong_a2_duration_rpe.csv",
    "strong_a_semicolon_units.csv",
    "strong_b_no_unit.csv",
    "strong_c2_no_notes.csv",
    "strong_c_duration.csv",
    "strong_d_quoted_lbs.csv",
)
# Rows that repeat the cells a memo keeps (a workout's date and name, loads, rep counts), one
# absurd load (an unknown on each of its lines, never remembered), a workout left running for
# days (reported once), a rest timer and a note.
HEADER = (
    b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    b"Workout Notes,RPE\n"
)
REPEATS = (
    HEADER
    + b"""2025-09-15 07:48:00,"Back",1h 5m,"Pull Up",1,0,8,0,0,"","",
2025-09-15 07:48:00,"Back",1h 5m,"Pull Up",Rest Timer,0,0,0,90,"","",
2025-09-15 07:48:00,"Back",1h 5m,"Pull Up",2,0,8,0,0,"","",
2025-09-15 07:48:00,"Back",1h 5m,"Bent Over Row (Barbell)",1,60,8,0,0,"","",8
2025-09-15 07:48:00,"Back",1h 5m,"Bent Over Row (Barbell)",2,60,8,0,0,"","",9
2025-09-15 07:48:00,"Back",1h 5m,"Bent Over Row (Barbell)",3,6000,8,0,0,"","",
2025-09-15 07:48:00,"Back",1h 5m,"Bent Over Row (Barbell)",4,6000,8,0,0,"","",
2025-09-15 07:48:00,"Back",1h 5m,"Bent Over Row (Barbell)",Note,0,0,0,0,"elbows in","",
2025-09-17 07:48:00,"Back",264h 1m,"Bent Over Row (Barbell)",1,60,8,0,0,"","",
2025-09-17 07:48:00,"Back",264h 1m,"Bent Over Row (Barbell)",2,62.5,8,0,0,"","",
2025-09-19 07:48:00,"Back",1h 5m,"Bent Over Row (Barbell)",1,60,8,0,0,"","",
2025-09-19 07:48:00,"Back",1h 5m,"Pull Up",1,0,8,0,0,"","",
"""
)


def _everything(data: bytes) -> tuple[object, ...]:
    h, found, skipped, unknown = read(data)
    return (
        [dataclasses.astuple(w) for w in found],
        sorted((s.line, s.reason) for s in skipped),
        [(u.line, u.field, u.reason) for u in unknown],
        h.counter[0],
    )


@pytest.mark.parametrize("data", [REPEATS, *(fixture(name) for name in FIXTURES)])
def test_a_file_reads_the_same_when_every_memo_forgets_at_every_row(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    remembering = _everything(data)
    monkeypatch.setattr(strong, "CACHE_ENTRIES", -1)
    monkeypatch.setattr(strong, "VALUE_ENTRIES", -1)
    assert _everything(data) == remembering


def test_an_absurd_load_is_reported_on_each_of_its_lines_and_a_runaway_workout_once() -> None:
    _, found, _, unknown = read(REPEATS)
    assert [(u.line, u.field) for u in unknown] == [(7, "weight"), (8, "weight"), (10, "duration")]
    assert [w.ended_at is None for w in found] == [False, True, False]
    rows = [s.load for s in found[0].sets if s.exercise == "Bent Over Row (Barbell)"]
    assert rows == [60.0, 60.0, None, None]
    assert found[0].sets[1].rest_s == 90
