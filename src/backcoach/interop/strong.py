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
    # What a cell as written reads as, remembered while reading: a file repeats its dates, names,
    # loads and rep counts on row after row, and parsing each again was most of a row's cost.
    # Only readings are kept (a refusal or an unknown load is worked out again on its own line),
    # and each memo is cleared past ``CACHE_ENTRIES`` (``VALUE_ENTRIES`` for values), so memory
    # stays bounded.
    stamps: dict[str, tuple[datetime, str]] = {}  # a date as written -> the time, its ISO text
    names: dict[str, str] = {}  # an exercise name as written -> with its blanks made single
    numbers: dict[str, float | None] = {}  # a number as written (reps, seconds, distance, RPE)
    loads: dict[tuple[str, Unit | None], tuple[float | None, str]] = {}  # -> the load, as text
    end_of: tuple[datetime | None, str, datetime | None] = (None, "", None)  # start, duration, end
    last_unit: Unit | None = None
    late_reported = ""
    last_date = last_name = key = ""
    for line, row in rows:
        if len(row) < width:
            row = _Short(row, cols.names, where, line)
        row.append("")
        date_text = row[i_date]
        stamp = stamps.get(date_text)
        if stamp is None:
            started = dates.parse(date_text, line)
            if len(stamps) > CACHE_ENTRIES:
                stamps.clear()
            stamp = stamps[date_text] = (started, started.isoformat())
        started, iso = stamp
        name = row[i_name].strip()
        raw_exercise = row[i_exercise]
        exercise = names.get(raw_exercise)
        if exercise is None:
            exercise = " ".join(raw_exercise.split())
            if len(names) > CACHE_ENTRIES:
                names.clear()
            names[raw_exercise] = exercise
        if date_text != last_date or name != last_name:  # one key (one string) a workout
            last_date, last_name, key = date_text, name, f"{iso}|{name}"
        order = row[i_order].strip()
        secs = _number(numbers, row[i_seconds], where, line, "seconds") if seconds_col else None
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
        weight_text = row[i_weight]
        raw_load = _number(numbers, weight_text, where, line, "weight")
        reps = reps_of(_number(numbers, row[i_reps], where, line, "reps"))
        if isinstance(reps, str):
            yield Skipped(line, reps)
            continue
        distance = _number(numbers, row[i_distance], where, line, "distance") if distance_col else None
        why = None if reps else not_strength(reps, distance, secs)  # a set with reps is one
        if why is not None:
            yield Skipped(line, why)
            continue
        read = loads.get((weight_text, row_unit))
        if read is None:
            load, unknown = load_in(raw_load, row_unit, where, line, "weight")
            if unknown is not None:
                yield unknown
                read = (load, str(load))
            else:
                if len(loads) > VALUE_ENTRIES:
                    loads.clear()
                read = loads[(weight_text, row_unit)] = (load, str(load))
        load, load_text = read
        hold, long_hold = (None, None) if reps or not secs else hold_of(secs, reps, line, "seconds")
        if long_hold is not None:
            yield long_hold
        ended = None
        if duration_col:
            duration_text = row[i_duration]
            if started is end_of[0] and duration_text == end_of[1]:  # the workout's next row
                ended = end_of[2]
            else:
                duration = duration_of(duration_text)
                if isinstance(duration, str):
                    raise refuse(where, line, duration_col.replace(" ", "_"), duration)
                ended, late = workout_end(started, duration, line)
                if late is not None:
                    if key != late_reported:  # once per workout
                        late_reported = key
                        yield late
                else:
                    end_of = (started, duration_text, ended)
        rpe = _number(numbers, row[i_rpe], where, line, "rpe") if i_rpe >= 0 else None
        rir = 0.0 if set_type is SetType.FAILURE else None if rpe is None else rir_from_rpe(rpe)
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
            "|".join(("strong", key, exercise, order, load_text, str(reps), str(hold))),
        )


def _number(memo: dict[str, float | None], text: str, where: str, line: int, what: str) -> float | None:
    """``number``, remembered by the text as written (a refusal is not: it names its line)."""
    try:
        return memo[text]
    except KeyError:
        pass
    value = number(text, where, line, what)
    if len(memo) > VALUE_ENTRIES:
        memo.clear()
    memo[text] = value
    return value


CACHE_ENTRIES = 512  # distinct dates or names remembered while reading: a workout's rows are adjacent
# Distinct values remembered (a few hundred bytes each, so at most a megabyte or two): loads to a
# tenth of a unit, say 20-300 kg, are under 3,000, and rep counts, seconds and RPEs far fewer.
VALUE_ENTRIES = 4096


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
