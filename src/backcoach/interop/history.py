"""What the training-log importers produce, and the value parsing they share.

Each app's parser (``strong``, ``hevy``, ``fitnotes``, ``fitbod``) turns records into ``SourceSet``
(a set as the file wrote it, in the file's unit), ``Pseudo`` (a rest-timer or note row, which
becomes an attribute, never a set), ``Skipped`` (a data row that is not a strength set, with why)
and ``Unknown`` (a value kept as unknown: an absurd load or duration). ``workouts`` groups them,
streaming, into ``SourceWorkout`` chunks of consecutive rows of one workout.

Limits for what is absurd (a timer left running, a misplaced decimal point), documented here:
a workout longer than ``MAX_WORKOUT`` has an unknown end; a load beyond ``MAX_LOAD_KG`` (the
store's own ceiling, ``sessions.records``) is unknown; a hold beyond ``MAX_REST_S`` is unknown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal

from backcoach.errors import InputError
from backcoach.interop.textfile import refuse
from backcoach.science.units import to_kg
from backcoach.sessions.records import MAX_LOAD_KG, MAX_REPS, MAX_REST_S, SetType, Unit

# Strong's help and the sample files show sessions of minutes to a few hours; "264h 1m" is a timer
# left running (formats.md §1.1). Twelve hours is longer than any real session.
MAX_WORKOUT = timedelta(hours=12)
DATE_ONLY_HOUR = 12  # a file with days only: noon local, so a zone slip cannot move the day
PRECISION = 2  # decimals kept of a load in the file's unit (149.99999999999997 -> 150)


# Not frozen: a frozen dataclass sets each of its fifteen fields through ``object.__setattr__``,
# four times the cost of a plain one (9 against 2 us a set measured here), paid on every row of
# a hundred-thousand-row import. Nothing hashes or mutates these; ``replace`` makes new ones.
@dataclass(slots=True)
class SourceSet:
    line: int
    workout_key: str
    workout_name: str
    started_at: datetime
    exercise: str
    reps: int
    load: float | None  # in ``unit``, rounded; None: body weight, nothing, or unknown
    unit: Unit
    set_type: SetType = SetType.WORKING
    rir: float | None = None
    hold_s: int | None = None
    rest_s: int | None = None
    ended_at: datetime | None = None
    workout_note: str = ""
    identity: str = ""  # the row's content, for recognising it in a later import

    @property
    def load_kg(self) -> float | None:
        return None if self.load is None else round(to_kg(self.load, self.unit), 6)


@dataclass(frozen=True, slots=True)
class Pseudo:
    line: int
    workout_key: str
    exercise: str
    kind: Literal["rest", "note"]
    started_at: datetime
    workout_name: str = ""
    seconds: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Unknown:
    line: int
    field: str
    reason: str


Item = SourceSet | Pseudo | Skipped | Unknown


@dataclass
class SourceWorkout:
    key: str
    name: str
    started_at: datetime
    ended_at: datetime | None = None
    notes: list[str] = field(default_factory=list)
    sets: list[SourceSet] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def workouts(items: Iterable[Item]) -> Iterator[SourceWorkout | Skipped | Unknown]:
    """Group consecutive rows of one workout; rest rows become the next set's rest, notes the
    workout's notes. Memory: one workout at a time."""
    current: SourceWorkout | None = None
    rests: dict[str, tuple[int, int]] = {}  # exercise -> (line, seconds) waiting for its next set

    def close() -> SourceWorkout | None:
        if current is None:
            return None
        for line, _ in rests.values():
            current.skipped.append(
                Skipped(line, "rest timer after the exercise's last set: nothing to attach")
            )
        rests.clear()
        return current

    for item in items:
        if type(item) is SourceSet and current is not None and item.workout_key == current.key:
            # The common row, a set of the workout being read: the same steps as below, fewer checks.
            if current.ended_at is None and item.ended_at is not None:
                current.ended_at = item.ended_at
            if item.workout_note and item.workout_note not in current.notes:
                current.notes.insert(0, item.workout_note)
            if rests:
                waiting = rests.pop(item.exercise, None)
                if waiting is not None:
                    item = _rested(item, waiting, current)
            current.sets.append(item)
            continue
        if isinstance(item, (Skipped, Unknown)):  # a tuple: checked faster than a union, per row
            yield item
            continue
        if current is None or item.workout_key != current.key:
            done = close()
            if done is not None:
                yield done
            if isinstance(item, Pseudo):
                current = SourceWorkout(item.workout_key, item.workout_name, item.started_at)
            else:
                current = SourceWorkout(item.workout_key, item.workout_name, item.started_at, item.ended_at)
        if isinstance(item, SourceSet):
            if current.ended_at is None and item.ended_at is not None:
                current.ended_at = item.ended_at
            if item.workout_note and item.workout_note not in current.notes:
                current.notes.insert(0, item.workout_note)
        if isinstance(item, Pseudo):
            if item.kind == "rest" and item.seconds is not None:
                rests[item.exercise] = (item.line, item.seconds)
            elif item.kind == "note" and item.text.strip():
                current.notes.append(f"{item.exercise}: {item.text.strip()}")
                current.skipped.append(Skipped(item.line, "note row: kept with the workout's notes"))
            else:
                current.skipped.append(Skipped(item.line, f"empty {item.kind} row"))
            continue
        waiting = rests.pop(item.exercise, None)
        if waiting is not None:
            item = _rested(item, waiting, current)
        current.sets.append(item)
    done = close()
    if done is not None:
        yield done


def _rested(item: SourceSet, waiting: tuple[int, int], current: SourceWorkout) -> SourceSet:
    """The set with the rest timer row before it (its line, its seconds) as its rest."""
    line, seconds = waiting
    if seconds <= MAX_REST_S:
        current.skipped.append(Skipped(line, "rest timer: kept as the rest before the next set"))
        return replace(item, rest_s=seconds)
    current.skipped.append(Skipped(line, f"rest timer of {seconds} s: kept as unknown"))
    return item


# ---------------------------------------------------------------------- values


def number(text: str, where: str, line: int, what: str) -> float | None:
    """A decimal number (comma or point as decimal mark), None when empty."""
    try:  # the common case first: ``float`` takes surrounding blanks, never a comma
        result = float(text)
    except ValueError:
        pass
    else:
        if result - result == 0:  # neither NaN nor an infinity
            return result
    value = text.strip()
    if not value:
        return None
    try:
        result = float(value.replace(",", ".") if value.count(",") == 1 and "." not in value else value)
    except ValueError:
        raise InputError(
            f"{where}: line {line}: {what}: {value[:40]!r} is not a number", field=what
        ) from None
    if math.isnan(result) or math.isinf(result):
        raise InputError(f"{where}: line {line}: {what}: {value[:40]!r} is not a number", field=what)
    return result


def rounded(value: float) -> float:
    """A load in its file unit with float artefacts removed."""
    return round(value, PRECISION) + 0.0


def reps_of(value: float | None) -> int | str | None:
    """Whole reps; a reason (str) when they cannot be."""
    if value is None:
        return None
    if value != int(value):
        return f"reps: {value:g} is not a whole number"
    if not 0 <= value <= MAX_REPS:
        return f"reps: {value:g} is outside 0-{MAX_REPS}"
    return int(value)


def rir_from_rpe(rpe: float | None) -> float | None:
    """Reps in reserve from an RPE of 1-10 (RTS chart: RIR = 10 - RPE); other values: none."""
    if rpe is None or not 1 <= rpe <= 10:
        return None
    return 10.0 - rpe


def load_of(
    value: float | None, unit: Unit, line: int, field_name: str
) -> tuple[float | None, Unknown | None]:
    """The load rounded in its unit; 0 or empty is no load; absurd is unknown and reported."""
    if value is None or value == 0:
        return None, None
    load = rounded(value)
    if load < 0 or to_kg(load, unit) > MAX_LOAD_KG:
        return None, Unknown(line, field_name, f"{value:g} {unit} is not a plausible load: kept as unknown")
    return load, None


def exercise_of(text: str, where: str, line: int, field_name: str) -> str:
    """An exercise's name with its runs of white space made one space; an empty one is refused."""
    exercise = " ".join(text.split())
    if not exercise:
        raise refuse(where, line, field_name, "is empty")
    return exercise


def not_strength(reps: int | None, distance: float | None, seconds: float | None) -> str | None:
    """Why a set with no reps is not a strength set (cardio, or nothing at all); None when it is one."""
    if not reps:
        if distance:
            return "distance set (cardio): not a strength set"
        if not seconds:
            return "a set with no reps, time or distance"
    return None


def load_in(
    value: float | None, unit: Unit | None, where: str, line: int, field_name: str
) -> tuple[float | None, Unknown | None]:
    """``load_of`` in the file's unit (kg when none); a load in a file that says no unit is refused."""
    if value and unit is None:
        raise refuse(where, line, "--unit", "this file does not say its unit: give --unit kg or --unit lb")
    return load_of(value, unit or "kg", line, field_name)


def hold_of(
    seconds: float | None, reps: int | None, line: int, field_name: str
) -> tuple[int | None, Unknown | None]:
    """A set's seconds as a hold when it has no reps; beyond ``MAX_REST_S`` unknown and reported."""
    if not seconds or reps:
        return None, None
    if seconds <= MAX_REST_S:
        return int(seconds), None
    shown = f"{seconds}" if isinstance(seconds, int) else f"{seconds:g}"
    return None, Unknown(line, field_name, f"{shown} s is not a plausible hold: kept as unknown")


def measured(
    reps: int | None,
    seconds: float | None,
    distance: float | None,
    load: float | None,
    unit: Unit | None,
    where: str,
    line: int,
    fields: tuple[str, str],
) -> Generator[Skipped | Unknown, None, tuple[float | None, int | None] | None]:
    """One row's load and hold as the app stores them (``not_strength``, ``load_in``, ``hold_of``
    in turn), what every reader does once it has the row's numbers: yields what is reported
    (``yield from``), returns None when the row is skipped. ``fields``: the weight and time
    columns' names, for the reports."""
    why = not_strength(reps, distance, seconds)
    if why is not None:
        yield Skipped(line, why)
        return None
    kg, unknown_load = load_in(load, unit, where, line, fields[0])
    hold, long_hold = hold_of(seconds, reps, line, fields[1])
    yield from (r for r in (unknown_load, long_hold) if r is not None)
    return kg, hold


_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


@lru_cache(maxsize=1024)
def duration_of(text: str) -> timedelta | str | None:
    """``1h 5m``, ``38min``, ``20s``, plain seconds or ``H:MM:SS``; None when empty, a reason
    (str) when unreadable."""
    value = text.strip()
    if not value:
        return None
    if re.fullmatch(r"\d+(\.0+)?", value):
        return timedelta(seconds=int(float(value)))
    clock = re.fullmatch(r"(\d+):(\d{1,2}):(\d{1,2})", value)
    if clock:
        h, m, s = (int(g) for g in clock.groups())
        return timedelta(hours=h, minutes=m, seconds=s)
    match = _DURATION.match(value)
    if match is None or not any(match.groups()):
        return f"duration: {value[:40]!r} is not a duration"
    h, m, s = (int(g) if g else 0 for g in match.groups())
    return timedelta(hours=h, minutes=m, seconds=s)


def workout_end(
    started: datetime, duration: timedelta | None, line: int
) -> tuple[datetime | None, Unknown | None]:
    if duration is None or duration.total_seconds() == 0:
        return None, None
    if duration > MAX_WORKOUT:
        hours = duration.total_seconds() / 3600
        return None, Unknown(line, "duration", f"{hours:.0f} h is not a plausible session: kept as unknown")
    return started + duration, None


# Date formats seen in the exports (formats.md) and their documented variants; a file's first
# date that parses fixes the preferred format, and every later date is tried against it first.
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d %b %Y, %H:%M",
    "%b %d, %Y, %H:%M",
    "%b %d, %Y, %I:%M %p",
    "%m/%d/%Y, %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%d/%m/%Y, %H:%M",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %I:%M:%S %p",
)
_DATE_ONLY = {"%Y-%m-%d"}
# Dates remembered as written and as normalised: a workout's rows are adjacent and share one, so a
# few hundred suffice; more only held memory that grew with the file (about 150 bytes a date).
DATE_CACHE = 512


@lru_cache(maxsize=64)
def _fixed(offset: timedelta | None) -> tzinfo:
    return timezone(offset or timedelta(0))


class Dates:
    """Parses a file's dates in a zone, learning the file's format from its first date."""

    def __init__(self, zone: tzinfo, where: str) -> None:
        self.zone = zone
        self.where = where
        self.formats = list(DATE_FORMATS)
        self.cache: dict[str, datetime] = {}

    def parse(self, text: str, line: int, what: str = "date") -> datetime:
        hit = self.cache.get(text)  # every set of a workout repeats its date as written
        if hit is not None:
            return hit
        value = " ".join(text.replace("\u202f", " ").split())
        hit = self.cache.get(value)
        if hit is not None:
            if len(self.cache) <= DATE_CACHE:
                self.cache[text] = hit
            return hit
        for index, fmt in enumerate(self.formats):
            try:
                parsed = datetime.strptime(value, fmt)
            except ValueError:
                continue
            if index:
                self.formats.insert(0, self.formats.pop(index))
            if fmt in _DATE_ONLY:
                parsed = parsed.replace(hour=DATE_ONLY_HOUR)
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=self.zone)
            parsed = parsed.astimezone(self.zone)
            # The offset in force at that instant, as a fixed offset: the same instant and local
            # time, and every later offset look-up (validation, the store) is cheap.
            parsed = parsed.replace(tzinfo=_fixed(parsed.utcoffset()))
            if not 1900 <= parsed.year <= 2200:
                break
            if len(self.cache) > DATE_CACHE:
                self.cache.clear()
            self.cache[value] = self.cache[text] = parsed
            return parsed
        raise InputError(
            f"{self.where}: line {line}: {what}: {value[:40]!r} is not a date this importer reads", field=what
        )
