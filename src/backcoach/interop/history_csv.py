"""Writing the training log as CSV: Strong-compatible, Hevy-compatible, and a neutral file.

The Strong and Hevy files are written in the dialects our importers read (Strong's ``;`` dialect A'
with a unit per row, Hevy's kg variant), so an export imported again gives the same sets:
exercise, reps, load, set type, reps in reserve (as RPE = 10 - RIR), rest and hold. Each set is
written in the unit it was entered in, rounded as the importer rounds (``history.PRECISION``).
Exercise names are the catalogue's names (or the person's own exercise's name), which the
importer matches back to the same id. A set's own time is not kept by either app: every set of a
workout carries the workout's start, and Hevy's times have minutes only.

The neutral file carries everything explicitly: ISO-8601 times with their offset, ``load_kg``,
``entered_unit`` and ``set_type`` columns (formats.md §4.2).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import TextIO

from backcoach.interop.history import PRECISION
from backcoach.science.units import from_kg
from backcoach.sessions.records import LoggedSet, SetType, Workout

STRONG_HEADER = (
    "Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps", "RPE",
    "Distance", "Distance Unit", "Seconds", "Notes", "Workout Notes", "Workout Duration",
)  # fmt: skip
HEVY_HEADER = (
    "title", "start_time", "end_time", "description", "exercise_title", "superset_id", "exercise_notes",
    "set_index", "set_type", "weight_kg", "reps", "distance_km", "duration_seconds", "rpe",
)  # fmt: skip
NEUTRAL_HEADER = (
    "workout_started_at", "workout_ended_at", "position", "exercise_id", "exercise_name", "set_type",
    "reps", "load_kg", "entered_unit", "rir", "rest_s", "hold_s", "performed_at",
)  # fmt: skip
# Neither app has a cool-down type: a cool-down goes out as a warm-up, the nearest set that, like
# it, counts for no record or volume.
STRONG_TAGS = {SetType.WARMUP: "W", SetType.DROP: "D", SetType.FAILURE: "F", SetType.COOLDOWN: "W"}
HEVY_TYPES = {
    SetType.WORKING: "normal",
    SetType.WARMUP: "warmup",
    SetType.FAILURE: "failure",
    SetType.DROP: "dropset",
    SetType.COOLDOWN: "warmup",
}
WORKOUT_NAME = "backcoach"

NameOf = Callable[[str], str]


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{round(value, PRECISION):g}"


def _rpe(s: LoggedSet) -> str:
    if s.set_type is SetType.FAILURE or s.rir is None or not 0 <= s.rir <= 9:
        return ""
    return f"{10 - s.rir:g}"


def _duration(w: Workout) -> str:
    if w.ended_at is None:
        return ""
    minutes = int((w.ended_at - w.started_at).total_seconds() // 60)
    return f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m"


def write_strong(out: TextIO, workouts: Iterable[Workout], name_of: NameOf) -> int:
    """Strong's dialect A' (``;``, unit per row, duration); returns the sets written."""
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(STRONG_HEADER)
    written = 0
    for w in workouts:
        date = w.started_at.strftime("%Y-%m-%d %H:%M:%S")
        duration = _duration(w)
        order: dict[str, int] = {}
        for s in w.sets:
            name = name_of(s.exercise_id)
            if s.rest_s is not None:
                writer.writerow(
                    (
                        date,
                        WORKOUT_NAME,
                        name,
                        "Rest Timer",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        s.rest_s,
                        "",
                        "",
                        duration,
                    )
                )
            if s.set_type in STRONG_TAGS:
                tag = STRONG_TAGS[s.set_type]
            else:
                order[name] = order.get(name, 0) + 1
                tag = str(order[name])
            load = None if s.load_kg is None else from_kg(s.load_kg, s.entered_unit)
            unit = "lbs" if s.entered_unit == "lb" else "kg"
            weight = (_number(load), unit if load is not None else "")
            writer.writerow(
                (
                    date,
                    WORKOUT_NAME,
                    name,
                    tag,
                    *weight,
                    s.reps,
                    _rpe(s),
                    "",
                    "",
                    s.hold_s or 0,
                    s.note or "",  # Strong's per-set Notes
                    w.notes,
                    duration,
                )
            )
            written += 1
    return written


def write_hevy(out: TextIO, workouts: Iterable[Workout], name_of: NameOf) -> int:
    """Hevy's kg variant; returns the sets written."""
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEVY_HEADER)
    written = 0
    for w in workouts:
        start = w.started_at.strftime("%d %b %Y, %H:%M")
        end = w.ended_at.strftime("%d %b %Y, %H:%M") if w.ended_at else ""
        index: dict[str, int] = {}
        for s in w.sets:
            name = name_of(s.exercise_id)
            n = index.get(name, 0)
            index[name] = n + 1
            reps = s.reps if s.reps or not s.hold_s else ""
            kind = HEVY_TYPES[s.set_type]
            writer.writerow(
                (
                    WORKOUT_NAME,
                    start,
                    end,
                    w.notes,
                    name,
                    "",
                    "",
                    n,
                    kind,
                    _number(s.load_kg),
                    reps,
                    "",
                    s.hold_s or "",
                    _rpe(s),
                )
            )
            written += 1
    return written


def write_neutral(out: TextIO, workouts: Iterable[Workout], name_of: NameOf) -> int:
    """Every field explicit, in kilograms with the entered unit beside; returns the sets written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NEUTRAL_HEADER)
    written = 0
    for w in workouts:
        for position, s in enumerate(w.sets):
            ended = w.ended_at.isoformat() if w.ended_at else ""
            load = "" if s.load_kg is None else repr(s.load_kg)
            rir = "" if s.rir is None else f"{s.rir:g}"
            rest = "" if s.rest_s is None else s.rest_s
            hold = "" if s.hold_s is None else s.hold_s
            row = [w.started_at.isoformat(), ended, position, s.exercise_id, name_of(s.exercise_id)]
            row += [
                s.set_type.value,
                s.reps,
                load,
                s.entered_unit,
                rir,
                rest,
                hold,
                s.performed_at.isoformat(),
            ]
            writer.writerow(row)
            written += 1
    return written
