"""FitNotes' CSV export (formats.md §3): a day is a workout (dates carry no time).

Old header: ``Date,Exercise,Category,Weight (lbs)|Weight (kgs),Reps,Distance,Distance Unit,Time``;
new header: ``…,Weight,Weight Unit,Reps,…`` (``kgs``/``lbs`` per row), some builds with a trailing
``Comment``. Exercise names with commas are written unquoted, so such a row has surplus fields:
they are merged back into the exercise name, counting the other columns from the right.
"""

from __future__ import annotations

from collections.abc import Iterator

from backcoach.interop.columns import Columns, header_unit, states_unit, unit_word
from backcoach.interop.history import (
    Dates,
    Item,
    Skipped,
    SourceSet,
    duration_of,
    exercise_of,
    measured,
    number,
    reps_of,
)
from backcoach.interop.textfile import refuse
from backcoach.sessions.records import Unit

# The columns named when a row's load or hold is reported.
FIELDS = ("weight", "time")
REQUIRED = ("date", "exercise", "category", "reps")


def weight_column(cols: Columns) -> str | None:
    return next((n for n in cols.names if n.startswith("weight") and "unit" not in n), None)


def dialect_of(header: list[str]) -> str | None:
    cols = Columns(header)
    if not all(c in cols for c in REQUIRED) or weight_column(cols) is None:
        return None
    if "weight unit" in cols:
        return "new+comment" if "comment" in cols else "new"
    return "old"


def carries_unit(header: list[str]) -> bool:
    cols = Columns(header)
    column = weight_column(cols)
    return "weight unit" in cols or states_unit(column)


def repaired(row: list[str], width: int, exercise_at: int) -> list[str]:
    """A row with an unquoted comma in its exercise name, put back to ``width`` fields."""
    extra = len(row) - width
    if extra <= 0:
        return row
    name = ",".join(row[exercise_at : exercise_at + extra + 1])
    return [*row[:exercise_at], name, *row[exercise_at + extra + 1 :]]


def parse(
    rows: Iterator[tuple[int, list[str]]], header: list[str], *, where: str, dates: Dates, unit: Unit | None
) -> Iterator[Item]:
    cols = Columns(header)
    weight = weight_column(cols)
    assert weight is not None
    fixed = header_unit(weight)
    width = len(header)
    exercise_at = cols.index["exercise"]
    for line, raw in rows:
        row = repaired(raw, width, exercise_at)
        get = cols.reader(row, where, line)
        started = dates.parse(get("date"), line)
        key = started.date().isoformat()
        exercise = exercise_of(get("exercise"), where, line, "exercise")
        row_unit = (
            fixed or (unit_word(get("weight unit"), where, line) if "weight unit" in cols else None) or unit
        )
        reps = reps_of(number(get("reps"), where, line, "reps"))
        if isinstance(reps, str):
            yield Skipped(line, reps)
            continue
        time = duration_of(get("time")) if "time" in cols else None
        if isinstance(time, str):
            raise refuse(where, line, "time", time)
        seconds = int(time.total_seconds()) if time is not None else 0
        distance = number(get("distance"), where, line, "distance") if "distance" in cols else None
        weight_value = number(get(weight), where, line, "weight")
        got = yield from measured(reps, seconds, distance, weight_value, row_unit, where, line, FIELDS)
        if got is None:
            continue
        load, hold = got
        yield SourceSet(
            line=line,
            workout_key=key,
            workout_name="",
            started_at=started,
            exercise=exercise,
            reps=reps or 0,
            load=load,
            unit=row_unit or "kg",
            hold_s=hold,
            workout_note=get("comment").strip() if "comment" in cols else "",
            identity="|".join(("fitnotes", key, exercise, str(load), str(reps), str(hold))),
        )
