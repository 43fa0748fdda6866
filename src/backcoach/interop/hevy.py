"""Hevy's CSV export (formats.md §2): one dialect in a kg and a lb variant (``weight_kg`` or
``weight_lbs``), ``,`` or ``;``, dates ``15 Sep 2025, 07:48`` (or ISO, or US month-first).

Set types are explicit (``normal``, ``warmup``, ``failure``, ``dropset``); a set with a duration
and no reps is a hold; the workout's ``description`` becomes its notes.
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
    rir_from_rpe,
    workout_end,
)
from backcoach.interop.textfile import refuse
from backcoach.sessions.records import SetType, Unit

REQUIRED = ("title", "start_time", "exercise_title", "set_type", "reps")
TYPES = {
    "normal": SetType.WORKING,
    "warmup": SetType.WARMUP,
    "failure": SetType.FAILURE,
    "dropset": SetType.DROP,
    "": SetType.WORKING,
}


def weight_column(cols: Columns) -> str | None:
    return cols.first("weight")


def dialect_of(header: list[str]) -> str | None:
    cols = Columns(header)
    column = weight_column(cols)
    if not all(c in cols for c in REQUIRED) or column is None:
        return None
    unit = header_unit(column)
    return unit if unit is not None else "no-unit"


def carries_unit(header: list[str]) -> bool:
    return states_unit(weight_column(Columns(header)))


def parse(
    rows: Iterator[tuple[int, list[str]]], header: list[str], *, where: str, dates: Dates, unit: Unit | None
) -> Iterator[Item]:
    cols = Columns(header)
    weight = weight_column(cols)
    assert weight is not None
    file_unit = header_unit(weight) or unit
    distance_col = cols.first("distance")
    fields = (weight, "duration_seconds")  # the columns named when a load or hold is reported
    late_reported = ""
    for line, row in rows:
        get = cols.reader(row, where, line)
        started = dates.parse(get("start_time"), line, "start_time")
        title = get("title").strip()
        key = f"{started.isoformat()}|{title}"
        exercise = exercise_of(get("exercise_title"), where, line, "exercise_title")
        kind = get("set_type").strip().lower()
        if kind not in TYPES:
            raise refuse(where, line, "set_type", f"{kind[:40]!r} is not normal, warmup, failure or dropset")
        set_type = TYPES[kind]
        reps = reps_of(number(get("reps"), where, line, "reps"))
        if isinstance(reps, str):
            yield Skipped(line, reps)
            continue
        seconds = number(get("duration_seconds"), where, line, "duration_seconds")
        distance = number(get(distance_col), where, line, "distance") if distance_col else None
        weight_value = number(get(weight), where, line, weight)
        got = yield from measured(reps, seconds, distance, weight_value, file_unit, where, line, fields)
        if got is None:
            continue
        load, hold = got
        end_text = get("end_time").strip()
        ended = None
        if end_text:
            finished = dates.parse(end_text, line, "end_time")
            ended, late = workout_end(started, finished - started if finished >= started else None, line)
            if late is not None and key != late_reported:  # once per workout
                late_reported = key
                yield late
        rpe = number(get("rpe"), where, line, "rpe")
        yield SourceSet(
            line=line,
            workout_key=key,
            workout_name=title,
            started_at=started,
            exercise=exercise,
            reps=reps or 0,
            load=load,
            unit=file_unit or "kg",
            set_type=set_type,
            rir=0.0 if set_type is SetType.FAILURE else rir_from_rpe(rpe),
            hold_s=hold,
            ended_at=ended,
            workout_note=get("description").strip(),
            identity="|".join(
                ("hevy", key, exercise, get("set_index").strip(), str(load), str(reps), str(hold))
            ),
        )
