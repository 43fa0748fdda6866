"""The person a plan is for: level, days, time, equipment, goal, body and screening."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator, model_validator

from backcoach.catalog.models import Level


class Goal(StrEnum):
    STRENGTH = "strength"
    POSTURE = "posture"
    HYPERTROPHY = "hypertrophy"
    LOW_BACK = "low_back"  # low-back resilience: endurance and stiffness at low spinal load (McGill)


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday is 0, as in ``date.weekday()``."""
        return list(Weekday).index(self)

    @classmethod
    def of(cls, day: date) -> Weekday:
        return list(cls)[day.weekday()]


class Screening(StrEnum):
    """The screening outcomes the safety core decides (safety.screening)."""

    CLEARED = "cleared"
    START_GENTLY = "start_gently"
    SEE_PROFESSIONAL = "see_professional"
    EMERGENCY = "emergency"


class Unit(StrEnum):
    KG = "kg"
    LB = "lb"


# Equipment every home and gym has, so no one needs to list it: a floor (mat), a wall, a doorway
# and a towel. Anything else must be named in the profile.
UBIQUITOUS_EQUIPMENT = frozenset({"none", "mat", "wall", "doorway", "towel"})

# Plausibility bounds on what a person may ask for (input checks, not training science): a session
# of 10 minutes to 4 hours, a plan of up to a year, a body weight of 20-400 kg, an e1RM up to 1000 kg
# (above every lifting record).
MIN_MINUTES, MAX_MINUTES = 10, 240
DAYS_A_WEEK = 7
MAX_WEEKS = 52
# Unless asked otherwise, a plan runs 8 weeks: past its first deload week (every 5th; science.deload).
DEFAULT_WEEKS = 8
MIN_BODYWEIGHT_KG, MAX_BODYWEIGHT_KG = 20, 400
MAX_E1RM_KG = 1000
# Desk breaks a workday: issue 11 asks for 1 to 4; 0 (the default) means none
# (the routine and its times: planning.desk_breaks).
MAX_DESK_BREAKS = 4

Minutes = Annotated[int, Field(ge=MIN_MINUTES, le=MAX_MINUTES)]


class Profile(BaseModel):
    """Everything the planner needs; validated at the edge, immutable afterwards."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: Level
    days: tuple[Weekday, ...] = Field(min_length=1, max_length=DAYS_A_WEEK)
    sessions: int | None = Field(
        default=None, ge=1, le=DAYS_A_WEEK
    )  # back sessions a week; default: as many as allowed
    minutes: Minutes
    equipment: frozenset[str] = frozenset()
    goal: Goal
    weeks: int = Field(default=DEFAULT_WEEKS, ge=1, le=MAX_WEEKS)
    start: date
    bodyweight_kg: float | None = Field(default=None, gt=MIN_BODYWEIGHT_KG, le=MAX_BODYWEIGHT_KG)
    e1rm_kg: dict[str, float] = Field(default_factory=dict)  # exercise id → estimated one-rep max
    screening: Screening = Screening.CLEARED
    exclude: frozenset[str] = frozenset()  # exercise ids or muscle node ids to avoid
    unit: Unit = Unit.KG
    seed: int = Field(default=0, ge=0)
    # Left out of the JSON while 0, so profiles and plans stored before it existed read the same.
    desk_breaks_per_day: int = Field(default=0, ge=0, le=MAX_DESK_BREAKS, exclude_if=lambda n: n == 0)

    @field_validator("days")
    @classmethod
    def _unique_days(cls, days: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
        if len(set(days)) != len(days):
            raise ValueError("a weekday is listed twice")
        return tuple(sorted(days, key=lambda d: d.number))

    @field_validator("e1rm_kg")
    @classmethod
    def _positive_loads(cls, loads: dict[str, float]) -> dict[str, float]:
        for exercise_id, kg in loads.items():
            if not 0 < kg <= MAX_E1RM_KG:
                raise ValueError(
                    f"e1RM for '{exercise_id}' must be above 0 and at most {MAX_E1RM_KG} kg, got {kg}"
                )
        return loads

    @field_serializer("equipment", "exclude", when_used="json")
    def _sorted(self, ids: frozenset[str]) -> list[str]:
        """Sets in sorted order, so the same profile gives the same JSON in every process."""
        return sorted(ids)

    @model_validator(mode="after")
    def _sessions_fit_days(self) -> Self:
        if self.sessions is not None and self.sessions > len(self.days):
            raise ValueError(f"{self.sessions} sessions a week need at least {self.sessions} training days")
        return self

    @property
    def available_equipment(self) -> frozenset[str]:
        return self.equipment | UBIQUITOUS_EQUIPMENT
