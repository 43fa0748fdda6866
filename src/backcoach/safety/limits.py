"""The numeric limits a plan must respect, read from ``data/guards.yaml``, and small helpers.

Sources (each limit names its own in the data file): the source article's weekly frequency by
level; ACSM, Garber et al. 2011 (48 h between sessions for the same muscle group) [S]; ACSM 2009,
Ratamess et al. (novice 8-12RM, 1-3 sets, 60-70 % 1RM) [V]; the RIR-based effort scale (Zourdos
et al. 2016; Helms et al. 2016) [R/S]; our own conservative body-weight starting caps [heuristic].
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Self

from pydantic import Field, model_validator

from backcoach.catalog import Exercise, Level, LoadType, SpinalLoad
from backcoach.errors import InputError
from backcoach.safety.tables import Frozen, Sourced, load_table


class BackSessions(Sourced):
    ceilings: dict[Level, int]
    window_days: int = Field(gt=0)


class Recovery(Sourced):
    min_hours: float = Field(gt=0)


class ConsecutiveDays(Sourced):
    synergist_weight_from: float = Field(gt=0, le=1)


class RepRange(Sourced):
    min: int = Field(ge=1)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError("min is above max")
        return self


class SetCap(Sourced):
    max: int = Field(ge=1)


class RirFloor(Sourced):
    by_level: dict[Level, int]


class MinRir(Sourced):
    min: int = Field(ge=0)


class E1rmCap(Sourced):
    by_level: dict[Level, float]


class Pattern(Frozen):
    pattern: str
    fraction: float = Field(gt=0, lt=1)
    per_hand: bool
    exercises: tuple[str, ...] = Field(min_length=1)


class BodyweightCaps(Sourced):
    patterns: tuple[Pattern, ...]

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [e for p in self.patterns for e in p.exercises]
        if len(ids) != len(set(ids)):
            raise ValueError("an exercise is listed under two patterns")
        return self


class GuardTable(Frozen):
    back_sessions_per_week: BackSessions
    recovery: Recovery
    consecutive_days: ConsecutiveDays
    beginner_reps: RepRange
    beginner_sets: SetCap
    rir_floor: RirFloor
    high_spinal_load_rir_floor: MinRir
    e1rm_cap: E1rmCap
    bodyweight_caps: BodyweightCaps

    @model_validator(mode="after")
    def _every_level(self) -> Self:
        for name, table in (
            ("back_sessions_per_week", self.back_sessions_per_week.ceilings),
            ("rir_floor", self.rir_floor.by_level),
            ("e1rm_cap", self.e1rm_cap.by_level),
        ):
            if set(table) != set(Level):
                raise ValueError(f"{name} must give a value for every level")
        return self


@cache
def guard_table() -> GuardTable:
    """The shipped limits, validated once per process."""
    return load_table("guards.yaml", GuardTable)


def max_back_sessions(level: Level) -> int:
    """The most sessions with back work in any 7 days at this level (a ceiling, not a goal)."""
    return guard_table().back_sessions_per_week.ceilings[Level(level)]


def min_recovery_hours() -> float:
    """The floor between two sessions that use the same muscle as a target (ACSM: 48 h)."""
    return guard_table().recovery.min_hours


def rir_floor(level: Level, spinal_load: SpinalLoad = SpinalLoad.LOW) -> int:
    """The fewest reps in reserve a working set may leave, at this level and spinal load."""
    table = guard_table()
    floor = table.rir_floor.by_level[Level(level)]
    if spinal_load is SpinalLoad.HIGH:
        floor = max(floor, table.high_spinal_load_rir_floor.min)
    return floor


# Load types whose load_kg is a weight that can be capped; for weighted body-weight exercises
# load_kg is the added weight.
CAPPABLE = frozenset({LoadType.EXTERNAL, LoadType.WEIGHTED_BODYWEIGHT})


@dataclass(frozen=True)
class LoadCap:
    """The heaviest working load allowed, and why."""

    kg: float
    per_hand: bool  # the cap is for one dumbbell/kettlebell/side, not the total
    basis: str  # "e1rm" or "body_weight"
    source: str


def cap_load(
    exercise: Exercise,
    *,
    level: Level,
    body_weight_kg: float | None = None,
    e1rm_kg: float | None = None,
) -> LoadCap | None:
    """The heaviest working load allowed for ``exercise``, or None when no rule limits it.

    With an e1RM: a fraction of it by level (beginner 70 %, ACSM 2009 novice 60-70 %). A beginner
    without one gets the body-weight starting cap of the exercise's movement pattern, when the data
    table has one. Caps are rounded down to 0.5 kg, so a rounded value never exceeds the limit.
    """
    if body_weight_kg is not None and not body_weight_kg > 0:
        raise InputError(f"body weight must be above 0 kg, not {body_weight_kg}")
    if e1rm_kg is not None and not e1rm_kg > 0:
        raise InputError(f"estimated 1RM must be above 0 kg, not {e1rm_kg}")
    if exercise.load_type not in CAPPABLE:
        return None
    table = guard_table()
    level = Level(level)
    pattern = _pattern_of(exercise.id)
    per_hand = pattern.per_hand if pattern is not None else False
    if e1rm_kg is not None:
        fraction = table.e1rm_cap.by_level[level]
        return LoadCap(_round_down(e1rm_kg * fraction), per_hand, "e1rm", table.e1rm_cap.source)
    if level is Level.BEGINNER and body_weight_kg is not None and pattern is not None:
        kg = _round_down(body_weight_kg * pattern.fraction)
        return LoadCap(kg, pattern.per_hand, "body_weight", table.bodyweight_caps.source)
    return None


def _pattern_of(exercise_id: str) -> Pattern | None:
    for pattern in guard_table().bodyweight_caps.patterns:
        if exercise_id in pattern.exercises:
            return pattern
    return None


def _round_down(kg: float) -> float:
    return math.floor(kg * 2 + 1e-9) / 2
