"""What was actually done: logged sets, workouts, pain reports and body-weight entries.

Plain, immutable, validated values shared by the guided session (which produces them), the
analysis (which reads them) and the store (which persists them). Masses are kilograms and times
are timezone-aware datetimes; the unit a person typed is kept beside the value only so that it
can be shown back to them (``entered_unit``), never for arithmetic.

Validation limits (a typo, not a training decision, is what they catch): reps 0-100, load
0-1,000 kg, reps in reserve 0-10, rest 0-3,600 s, and no time more than a day in the future of
the ``now`` a caller passes (so a wrong year is refused, a time-zone slip is not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal

from backcoach.errors import InputError

MAX_REPS = 100
MAX_LOAD_KG = 1000.0
MAX_RIR = 10.0
MAX_REST_S = 3600
# A note on one set ("left grip slipped", "felt it in the hip"): a line or two, as Strong's and
# Hevy's per-set notes are used; longer thoughts belong in the workout's notes.
MAX_SET_NOTE = 280
FUTURE_SLACK = timedelta(days=1)

Unit = Literal["kg", "lb"]


class SetType(StrEnum):
    """Warm-up, cool-down and drop sets never count for records or hard-set volume."""

    WARMUP = "warmup"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"  # a working set taken to failure (0 reps in reserve)
    COOLDOWN = "cooldown"  # a stretch or easy drill after the work (store revision 0008)

    @property
    def is_hard(self) -> bool:
        return self in (SetType.WORKING, SetType.FAILURE)


class Feeling(StrEnum):
    """How the session felt, as wger's impression field (peers.md §1)."""

    BAD = "bad"
    NEUTRAL = "neutral"
    GOOD = "good"


def _aware(value: datetime, what: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(f"{what}: '{value.isoformat()}' needs a time zone")
    return value


def check_not_future(value: datetime, now: datetime, what: str) -> None:
    """Refuse a time more than a day after ``now`` (both timezone-aware)."""
    if _aware(value, what) > _aware(now, "now") + FUTURE_SLACK:
        raise InputError(f"{what}: {value.isoformat()} is in the future")


@dataclass(frozen=True)
class Target:
    """What the plan asked for, kept beside what was done (wger's WorkoutLog pattern)."""

    reps_min: int | None = None
    reps_max: int | None = None
    load_kg: float | None = None
    rir: float | None = None


@dataclass(frozen=True)
class LoggedSet:
    exercise_id: str
    performed_at: datetime
    reps: int
    load_kg: float | None  # None: body weight only (no external load)
    set_type: SetType = SetType.WORKING
    rir: float | None = None  # reps in reserve, if the person said
    rest_s: int | None = None  # rest taken before this set
    target: Target = field(default_factory=Target)
    entered_unit: Unit = "kg"
    hold_s: int | None = None  # for holds and timed drills
    note: str | None = None  # the person's own words on this set

    def __post_init__(self) -> None:
        _aware(self.performed_at, "performed_at")
        if self.note is not None and len(self.note) > MAX_SET_NOTE:
            raise InputError(f"note: {len(self.note)} characters is more than {MAX_SET_NOTE}")
        if not self.exercise_id:
            raise InputError("exercise_id: must not be empty")
        if isinstance(self.reps, bool) or not isinstance(self.reps, int) or not 0 <= self.reps <= MAX_REPS:
            raise InputError(f"reps: {self.reps!r} must be a whole number from 0 to {MAX_REPS}")
        if self.load_kg is not None and not 0 <= self.load_kg <= MAX_LOAD_KG:
            raise InputError(f"load: {self.load_kg!r} kg must be from 0 to {MAX_LOAD_KG:g} kg")
        if self.rir is not None and not 0 <= self.rir <= MAX_RIR:
            raise InputError(f"rir: {self.rir!r} must be from 0 to {MAX_RIR:g}")
        if self.rest_s is not None and not 0 <= self.rest_s <= MAX_REST_S:
            raise InputError(f"rest: {self.rest_s!r} s must be from 0 to {MAX_REST_S} s")
        if self.hold_s is not None and not 0 <= self.hold_s <= MAX_REST_S:
            raise InputError(f"hold: {self.hold_s!r} s must be from 0 to {MAX_REST_S} s")
        if self.set_type is SetType.FAILURE and self.rir not in (None, 0, 0.0):
            raise InputError(f"rir: a failure set has 0 reps in reserve, not {self.rir}")

    @property
    def day(self) -> date:
        return self.performed_at.date()

    @property
    def effective_rir(self) -> float | None:
        return 0.0 if self.set_type is SetType.FAILURE else self.rir


@dataclass(frozen=True)
class PainEntry:
    reported_at: datetime
    location: str  # muscle node id or body region (safety.pain)
    severity: int
    sharp: bool = False
    radiating: bool = False
    numbness: bool = False
    exercise_id: str | None = None
    action: str | None = None  # the safety core's decision (stop_exercise, end_session, ...)

    def __post_init__(self) -> None:
        _aware(self.reported_at, "reported_at")
        if isinstance(self.severity, bool) or not 0 <= self.severity <= 10:
            raise InputError(f"severity: {self.severity!r} must be from 0 to 10")


@dataclass(frozen=True)
class BodyWeight:
    measured_at: datetime
    kg: float
    entered_unit: Unit = "kg"

    def __post_init__(self) -> None:
        _aware(self.measured_at, "measured_at")
        if not 20 <= self.kg <= 400:
            raise InputError(f"body weight: {self.kg!r} kg must be from 20 to 400 kg")


@dataclass(frozen=True)
class Workout:
    """One training session as done: its sets in order, pain reports, and how it went."""

    started_at: datetime
    sets: tuple[LoggedSet, ...] = ()
    ended_at: datetime | None = None
    planned_date: date | None = None  # the plan's session this follows, if any
    notes: str = ""
    feeling: Feeling | None = None
    pain: tuple[PainEntry, ...] = ()

    def __post_init__(self) -> None:
        _aware(self.started_at, "started_at")
        if self.ended_at is not None and _aware(self.ended_at, "ended_at") < self.started_at:
            raise InputError("ended_at: a session cannot end before it starts")

    @property
    def hard_sets(self) -> tuple[LoggedSet, ...]:
        return tuple(s for s in self.sets if s.set_type.is_hard)


def cool_down_indices(sets: tuple[LoggedSet, ...] | list[LoggedSet]) -> frozenset[int]:
    """Positions of the cool-down in a workout's sets: those typed ``COOLDOWN``, and the
    warm-up-typed sets after its last hard set. Before store revision 0008 a guided session logged
    its cool-down as ``SetType.WARMUP`` (there was no cool-down type), so for those workouts the
    order tells them apart for display."""
    typed = {i for i, s in enumerate(sets) if s.set_type is SetType.COOLDOWN}
    hard = [i for i, s in enumerate(sets) if s.set_type.is_hard]
    if not hard:
        return frozenset(typed)
    after = (i for i in range(hard[-1] + 1, len(sets)) if sets[i].set_type is SetType.WARMUP)
    return frozenset(typed.union(after))
