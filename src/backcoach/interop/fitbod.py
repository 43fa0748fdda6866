"""Fitbod's CSV export (formats.md §3), a day being a workout.

Current: ``Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,
multiplier``, dates with an offset (``2026-01-22 06:54:26 +0000``). Older: ``Date,Exercise,Sets,
Reps,Weight,isWarmup,Note`` with ``Sets`` (each row is that many identical sets) and no unit.
``isWarmup`` ``true``/``TRUE`` marks a warm-up. ``multiplier`` 2 marks a pair of dumbbells; the
load kept is the weight as written (per dumbbell), which is how the catalogue doses its dumbbell
exercises and how Strong and Hevy users log them, so it is never doubled.
"""

from __future__ import annotations

from collections.abc import Iterator

from backcoach.interop.columns import Columns, header_unit, states_unit
from backcoach.interop.history import (
    Dates,
    Item,
    Skipped,
    SourceSet,
    exercise_of,
    measured,
    number,
    reps_of,
)
from backcoach.interop.textfile import refuse
from backcoach.sessions.records import MAX_REPS, SetType, Unit

# The columns named when a row's load or hold is reported.
FIELDS = ("weight", "duration")
REQUIRED = ("date", "exercise", "reps", "iswarmup")


def weight_column(cols: Columns) -> str | None:
    return cols.first("weight")


def dialect_of(header: list[str]) -> str | None:
    cols = Columns(header)
    if not all(c in cols for c in REQUIRED) or weight_column(cols) is None:
        return None
    return "current" if "multiplier" in cols else "old"


def carries_unit(header: list[str]) -> bool:
    return states_unit(weight_column(Columns(header)))


def parse(
    rows: Iterator[tuple[int, list[str]]], header: list[str], *, where: str, dates: Dates, unit: Unit | None
) -> Iterator[Item]:
    cols = Columns(header)
    weight = weight_column(cols)
    assert weight is not None
    file_unit = header_unit(weight) or unit
    duration_col = cols.first("duration")
    distance_col = cols.first("distance")
    for line, row in rows:
        get = cols.reader(row, where, line)
        at = dates.parse(get("date"), line)
        key = at.date().isoformat()
        exercise = exercise_of(get("exercise"), where, line, "exercise")
        warm = get("iswarmup").strip().lower()
        if warm not in ("", "true", "false", "1", "0"):
            raise refuse(where, line, "iswarmup", f"{warm[:20]!r} is not true or false")
        set_type = SetType.WARMUP if warm in ("true", "1") else SetType.WORKING
        reps = reps_of(number(get("reps"), where, line, "reps"))
        if isinstance(reps, str):
            yield Skipped(line, reps)
            continue
        seconds = number(get(duration_col), where, line, "duration") if duration_col else None
        distance = number(get(distance_col), where, line, "distance") if distance_col else None
        weight_value = number(get(weight), where, line, "weight")
        got = yield from measured(reps, seconds, distance, weight_value, file_unit, where, line, FIELDS)
        if got is None:
            continue
        load, hold = got
        count = number(get("sets"), where, line, "sets") if "sets" in cols else 1.0
        copies = 1 if count is None else int(count)
        if copies != count or not 1 <= copies <= MAX_REPS:
            yield Skipped(
                line, f"sets: {count:g} is not a count of sets" if count is not None else "sets: empty"
            )
            continue
        for copy in range(copies):
            yield SourceSet(
                line=line,
                workout_key=key,
                workout_name="",
                started_at=at,
                exercise=exercise,
                reps=reps or 0,
                load=load,
                unit=file_unit or "kg",
                set_type=set_type,
                hold_s=hold,
                identity="|".join(
                    ("fitbod", at.isoformat(), exercise, str(load), str(reps), str(hold), str(copy))
                ),
            )
