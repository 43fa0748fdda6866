"""The plain data a progression rule reads and returns: logged workouts in, a decision out.

A rule never touches a database or a clock: the shell hands it the history of one exercise (oldest
first or in any order; rules sort by date) and stores or shows the decision it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from backcoach.errors import InputError
from backcoach.science.units import positive_mass


@dataclass(frozen=True)
class SetResult:
    """One working set: the reps done and, when logged, the reps left in reserve."""

    reps: int
    rir: float | None = None

    def __post_init__(self) -> None:
        if isinstance(self.reps, bool) or not isinstance(self.reps, int) or self.reps < 0:
            raise InputError(f"reps must be a whole number of zero or more, got {self.reps!r}")
        if self.rir is not None and not self.rir >= 0:
            raise InputError(f"reps in reserve must be zero or more, got {self.rir!r}")


@dataclass(frozen=True)
class WorkoutRecord:
    """One exercise in one session: the load used (kg) and its working sets, warm-ups excluded."""

    date: dt.date
    load_kg: float
    sets: tuple[SetResult, ...]

    def __post_init__(self) -> None:
        positive_mass(self.load_kg, "the logged load")
        if not self.sets:
            raise InputError(f"the workout of {self.date.isoformat()} has no working sets")

    @classmethod
    def of(cls, day: dt.date, load_kg: float, reps: Sequence[int], rir: float | None = None) -> WorkoutRecord:
        """Sets with the given reps, all logged with the same reps in reserve."""
        return cls(day, load_kg, tuple(SetResult(r, rir) for r in reps))

    @property
    def total_reps(self) -> int:
        return sum(s.reps for s in self.sets)

    @property
    def last_set(self) -> SetResult:
        return self.sets[-1]


class Action(StrEnum):
    INCREASE = "increase"  # more load next time
    HOLD = "hold"  # same load; chase reps or effort
    DECREASE = "decrease"  # a little less load to get back into the rep range
    DELOAD = "deload"  # a reset after repeated failures


@dataclass(frozen=True)
class ProgressionDecision:
    """What to do next time: the load (kg), the rep range to aim for, and why."""

    load_kg: float
    reps_min: int
    reps_max: int
    action: Action
    reason: str
    source: str
    rir: float | None = None  # target reps in reserve, when the rule sets one


def chronological(history: Sequence[WorkoutRecord]) -> list[WorkoutRecord]:
    """The records oldest first; an empty history is an error (there is nothing to progress from)."""
    if not history:
        raise InputError("a progression needs at least one logged workout")
    return sorted(history, key=lambda record: record.date)


def same_load(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def at_current_load(history: Sequence[WorkoutRecord]) -> list[WorkoutRecord]:
    """The latest run of workouts done at the most recent load, newest first."""
    ordered = chronological(history)
    current = ordered[-1].load_kg
    run: list[WorkoutRecord] = []
    for record in reversed(ordered):
        if not same_load(record.load_kg, current):
            break
        run.append(record)
    return run


def streak(records: Sequence[WorkoutRecord], test: Callable[[WorkoutRecord], bool]) -> int:
    """How many of ``records`` (newest first) in a row pass ``test``."""
    count = 0
    for record in records:
        if not test(record):
            break
        count += 1
    return count
