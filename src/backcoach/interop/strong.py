"""Strong's CSV export, every dialect in formats.md §1, read by column name.

A  ``;``, a ``Weight Unit`` column per row (kg and lbs may mix); A' adds ``Workout Duration``
B  ``,``, no unit and no duration (the unit follows an app setting: ``--unit`` says it)
C  ``,`` with ``Duration`` (``1h 5m``, ``38min``, ``20s``); C' without the Notes columns
D  ``"Workout #"``, every field quoted, ``;``, the unit in the header (``Weight (kg)``), seconds

``Set Order`` is a number, or a tag that replaces it (``W`` warm-up, ``D`` drop, ``F`` failure),
or a pseudo-row: ``Rest Timer`` (its ``Seconds`` is the rest) and ``Note`` (its ``Notes``).
"""

from __future__ import annotations

from collections.abc import Iterator

from backcoach.interop.columns import Columns, header_unit, unit_word
from backcoach.interop.history import (
    Dates,
    Item,
    Pseudo,
    Skipped,
    SourceSet,
    duration_of,
    hold_of,
    load_in,
    not_strength,
    number,
    reps_of,
    rir_from_rpe,
    workout_end,
)
from backcoach.interop.textfile import refuse
from backcoach.sessions.records import SetType, Unit

REQUIRED = ("date", "exercise name", "set order", "reps")
TAGS = {"w": SetType.WARMUP, "d": SetType.DROP, "f": SetType.FAILURE}


def weight_column(cols: Columns) -> str | None:
    for name in cols.names:
        if name.replace(" ", "").startswith("weight") and "unit" not in name:
            return name
    return None


def dialect_of(header: list[str]) -> str | None:
    cols = Columns(header)
    if not all(c in cols for c in REQUIRED) or weight_column(cols) is None:
        return None
    if "workout #" in cols:
        return "D"
    if "weight unit" in cols:
        return "A'" if "workout duration" in cols else "A"
    if "duration" in cols:
        return "C" if "notes" in cols else "C'"
    return "B"


def file_unit(header: list[str]) -> Unit | None:
    """The unit the header states (D, ``Weight (lbs)``), None when rows or nobody say it."""
    cols = Columns(header)
    column = weight_column(cols)
    return header_unit(column) if column else None


def carries_unit(header: list[str]) -> bool:
    return "weight unit" in Columns(header) or file_unit(header) is not None


def parse(
    rows: Iterator[tuple[int, list[str]]], header: list[str], *, where: str, dates: Dates, unit: Unit | None
) -> Iterator[Item]:
    cols = Columns(header)
    weight = weight_column(cols)
    assert weight is not None
    fixed = file_unit(header)
    per_row = "weight unit" in cols
    duration_col = next((c for c in ("duration", "workout duration", "duration (sec)") if c in cols), None)
    seconds_col = "seconds" if "seconds" in cols else None
    distance_col = next((c for c in cols.names if c.startswith("distance") and "unit" not in c), None)
    last_unit: Unit | None = None
    late_reported = ""
    for line, row in rows:
        get = cols.reader(row, where, line)
        started = dates.parse(get("date"), line)
        name = get("workout name").strip()
        exercise = " ".join(get("exercise name").split())
        key = f"{started.isoformat()}|{name}"
        order = get("set order").strip()
        secs = number(get(seconds_col), where, line, "seconds") if seconds_col else None
        if order.lower() == "rest timer":
            yield Pseudo(line, key, exercise, "rest", started, name, None if secs is None else int(secs))
            continue
        if order.lower() == "note":
            yield Pseudo(line, key, exercise, "note", started, name, text=get("notes"))
            continue
        if order.lower() in TAGS:
            set_type = TAGS[order.lower()]
        elif order.isdigit():
            set_type = SetType.WORKING
        else:
            raise refuse(where, line, "set_order", f"{order[:40]!r} is not a set number or tag")
        if not exercise:
            raise refuse(where, line, "exercise_name", "is empty")
        row_unit: Unit | None = fixed
        if per_row:
            row_unit = unit_word(get("weight unit"), where, line) or last_unit or unit
            last_unit = row_unit or last_unit
        elif row_unit is None:
            row_unit = unit
        raw_load = number(get(weight), where, line, "weight")
        reps = reps_of(number(get("reps"), where, line, "reps"))
        if isinstance(reps, str):
            yield Skipped(line, reps)
            continue
        distance = number(get(distance_col), where, line, "distance") if distance_col else None
        why = not_strength(reps, distance, secs)
        if why is not None:
            yield Skipped(line, why)
            continue
        load, unknown = load_in(raw_load, row_unit, where, line, "weight")
        if unknown is not None:
            yield unknown
        hold, long_hold = hold_of(secs, reps, line, "seconds")
        if long_hold is not None:
            yield long_hold
        ended = None
        if duration_col:
            duration = duration_of(get(duration_col))
            if isinstance(duration, str):
                raise refuse(where, line, duration_col.replace(" ", "_"), duration)
            ended, late = workout_end(started, duration, line)
            if late is not None and key != late_reported:  # once per workout
                late_reported = key
                yield late
        rpe = number(get("rpe"), where, line, "rpe") if "rpe" in cols else None
        rir = 0.0 if set_type is SetType.FAILURE else rir_from_rpe(rpe)
        yield SourceSet(
            line=line,
            workout_key=key,
            workout_name=name,
            started_at=started,
            exercise=exercise,
            reps=reps or 0,
            load=load,
            unit=row_unit or "kg",
            set_type=set_type,
            rir=rir,
            hold_s=hold,
            ended_at=ended,
            workout_note=get("workout notes").strip() if "workout notes" in cols else "",
            identity="|".join(("strong", key, exercise, order, str(load), str(reps), str(hold))),
        )
