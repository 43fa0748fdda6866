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
from datetime import datetime

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

    # Cells by position, read in the order the checks below need them. A column the file lacks
    # reads as -1, the empty cell appended to every row; a row shorter than the header is wrapped
    # so that reading a cell it lacks refuses it by name (``Columns.reader``'s message).
    def at(name: str | None) -> int:
        return -1 if name is None else cols.index.get(name, -1)

    i_date, i_name, i_exercise, i_order, i_unit, i_reps, i_rpe, i_wnotes, i_notes = (
        at(c)
        for c in (
            "date",
            "workout name",
            "exercise name",
            "set order",
            "weight unit",
            "reps",
            "rpe",
            "workout notes",
            "notes",
        )
    )
    i_weight, i_duration, i_seconds, i_distance = (
        at(c) for c in (weight, duration_col, seconds_col, distance_col)
    )
    width = len(cols.names)
    stamps: dict[str, tuple[datetime, str]] = {}  # a date as written -> the time, its ISO text
    names: dict[str, str] = {}  # an exercise name as written -> with its blanks made single
    last_unit: Unit | None = None
    late_reported = ""
    for line, row in rows:
        if len(row) < width:
            row = _Short(row, cols.names, where, line)
        row.append("")
        stamp = stamps.get(row[i_date])
        if stamp is None:
            started = dates.parse(row[i_date], line)
            if len(stamps) > CACHE_ENTRIES:
                stamps.clear()
            stamp = stamps[row[i_date]] = (started, started.isoformat())
        started, iso = stamp
        name = row[i_name].strip()
        raw_exercise = row[i_exercise]
        exercise = names.get(raw_exercise)
        if exercise is None:
            exercise = " ".join(raw_exercise.split())
            if len(names) > CACHE_ENTRIES:
                names.clear()
            names[raw_exercise] = exercise
        key = f"{iso}|{name}"
        order = row[i_order].strip()
        secs = number(row[i_seconds], where, line, "seconds") if seconds_col else None
        lowered = order.lower()
        if lowered == "rest timer":
            yield Pseudo(line, key, exercise, "rest", started, name, None if secs is None else int(secs))
            continue
        if lowered == "note":
            yield Pseudo(line, key, exercise, "note", started, name, text=row[i_notes])
            continue
        if order.isdigit():
            set_type = SetType.WORKING
        elif lowered in TAGS:
            set_type = TAGS[lowered]
        else:
            raise refuse(where, line, "set_order", f"{order[:40]!r} is not a set number or tag")
        if not exercise:
            raise refuse(where, line, "exercise_name", "is empty")
        row_unit: Unit | None = fixed
        if per_row:
            row_unit = unit_word(row[i_unit], where, line) or last_unit or unit
            last_unit = row_unit or last_unit
        elif row_unit is None:
            row_unit = unit
        raw_load = number(row[i_weight], where, line, "weight")
        reps = reps_of(number(row[i_reps], where, line, "reps"))
        if isinstance(reps, str):
            yield Skipped(line, reps)
            continue
        distance = number(row[i_distance], where, line, "distance") if distance_col else None
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
            duration = duration_of(row[i_duration])
            if isinstance(duration, str):
                raise refuse(where, line, duration_col.replace(" ", "_"), duration)
            ended, late = workout_end(started, duration, line)
            if late is not None and key != late_reported:  # once per workout
                late_reported = key
                yield late
        rpe = number(row[i_rpe], where, line, "rpe") if i_rpe >= 0 else None
        rir = 0.0 if set_type is SetType.FAILURE else rir_from_rpe(rpe)
        yield SourceSet(
            line,
            key,
            name,
            started,
            exercise,
            reps or 0,
            load,
            row_unit or "kg",
            set_type,
            rir,
            hold,
            None,
            ended,
            row[i_wnotes].strip() if i_wnotes >= 0 else "",
            "|".join(("strong", key, exercise, order, str(load), str(reps), str(hold))),
        )


CACHE_ENTRIES = 512  # distinct dates or names remembered while reading: a workout's rows are adjacent


class _Short(list[str]):
    """A row with fewer cells than the header: reading a cell it lacks refuses it by name."""

    def __init__(self, row: list[str], names: list[str], where: str, line: int) -> None:
        super().__init__(row)
        self.width = len(row)
        self.names = names
        self.where = where
        self.line = line

    def __getitem__(self, at: int) -> str:  # type: ignore[override]
        if at == -1:
            return ""
        if at >= self.width:
            raise refuse(
                self.where,
                self.line,
                self.names[at].replace(" ", "_"),
                f"missing: the row has {self.width} of {len(self.names)} fields",
            )
        return super().__getitem__(at)
