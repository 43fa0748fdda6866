"""Sets, reps, reps in reserve and rest by goal, level and role, from data/prescriptions.yaml."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from backcoach.catalog.models import Level
from backcoach.planning.profile import Goal


class Role(StrEnum):
    """An item's job in a session; decides its rest, reps and effort."""

    MAIN = "main"
    ACCESSORY = "accessory"
    ARMS = "arms"
    CORE = "core"


# Sanity bounds on the prescriptions data file (checks on our own data, not training science):
# rests of 15 s to 10 min (ACSM 2009 ranges from under 90 s to 3-5 min), reps in reserve 0-5 (the
# RIR-based RPE scale reads 0-4 well; Zourdos et al. 2016), at most 10 sets of one exercise.
REST_BOUNDS_S = (15, 600)
LEVEL_REST_BOUNDS_S = (30, 600)
MAX_RIR = 5
MAX_SETS = 10


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Dosage(_Frozen):
    reps: tuple[int, int] | None = None
    rest_s: int = Field(ge=REST_BOUNDS_S[0], le=REST_BOUNDS_S[1])
    rir: int | None = Field(default=None, ge=0, le=MAX_RIR)
    sets: tuple[int, int]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.reps is not None and not 1 <= self.reps[0] <= self.reps[1]:
            raise ValueError("reps must be a rising pair of positive numbers")
        if not 1 <= self.sets[0] <= self.sets[1]:
            raise ValueError("sets must be a rising pair of positive numbers")
        return self


class LevelRule(_Frozen):
    reps: tuple[int, int] | None = None
    min_rir: int = Field(ge=0, le=MAX_RIR)
    max_sets: int = Field(ge=1, le=MAX_SETS)
    max_rest_s: int = Field(ge=LEVEL_REST_BOUNDS_S[0], le=LEVEL_REST_BOUNDS_S[1])


class Prescriptions(_Frozen):
    goals: dict[Goal, dict[Role, Dosage]]
    levels: dict[Level, LevelRule]
    transition_s: int = Field(ge=0)
    default_rep_s: float = Field(gt=0)
    breath_s: float = Field(gt=0)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        for goal in Goal:
            if set(self.goals.get(goal, {})) != set(Role):
                raise ValueError(f"goal {goal} needs a dosage for every role")
        if set(self.levels) != set(Level):
            raise ValueError("every level needs a rule")
        return self

    def dosage(self, goal: Goal, level: Level, role: Role) -> Dosage:
        """The goal's dosage with the level's limits applied (beginner reps, RIR floor, set cap)."""
        base = self.goals[goal][role]
        rule = self.levels[level]
        reps = base.reps
        if reps is not None and rule.reps is not None:
            reps = rule.reps
        rir = None if base.rir is None else max(base.rir, rule.min_rir)
        low, high = base.sets
        high = min(high, rule.max_sets)
        rest = min(base.rest_s, rule.max_rest_s)
        return Dosage(reps=reps, rest_s=rest, rir=rir, sets=(min(low, high), high))


@cache
def prescriptions() -> Prescriptions:
    text = resources.files("backcoach.planning.data").joinpath("prescriptions.yaml").read_text("utf-8")
    return Prescriptions.model_validate(yaml.safe_load(text))
