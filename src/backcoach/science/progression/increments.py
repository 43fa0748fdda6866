"""How much load to add or take off, by training level and body region (data/increments.yaml).

ACSM 2009 (Ratamess et al.): progress load by 2–10 % (training-science.md §2) [V]; NSCA and a
Bodybuilding.com summary: beginners ~5–10 %, advanced ~2–5 %, upper body ~5 %, lower body ~10 % [S].
Every increment, a caller's own included, is clamped to the ACSM 2–10 % range.

Rounding to equipment. An increase goes to the heaviest achievable load not above the target; when
the equipment's steps are coarser than the increment (2 kg dumbbells at 10 kg is a 20 % step) that
would mean no change, so the next load up is used instead and the rule says so in its reason. A
decrease is always rounded down.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final, Literal, Self

from pydantic import model_validator

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Level, Region, Role
from backcoach.science.loading import Loadable, round_load
from backcoach.science.tables import Frozen, load_table

BodyRegion = Literal["upper", "lower"]

INCREMENTS_FILE: Final = "increments.yaml"


class _RegionPercent(Frozen):
    upper: float
    lower: float


class _Deload(Frozen):
    percent: float
    source: str


class IncrementTable(Frozen):
    source: str
    confidence: str
    acsm_range_percent: tuple[float, float]
    percent: dict[Level, _RegionPercent]
    lower_body_muscles: tuple[str, ...]
    deload: _Deload

    @model_validator(mode="after")
    def _complete(self) -> Self:
        lo, hi = self.acsm_range_percent
        if set(self.percent) != set(Level):
            raise ValueError("percent needs every level")
        for row in self.percent.values():
            if not (lo <= row.upper <= hi and lo <= row.lower <= hi):
                raise ValueError("every increment must lie in the ACSM range")
        return self


@cache
def increment_table() -> IncrementTable:
    return load_table(INCREMENTS_FILE, IncrementTable)


def increment_percent(level: Level, region: BodyRegion, override: float | None = None) -> float:
    """The load increment in percent for ``level`` and ``region`` (or ``override``), clamped to 2–10 %."""
    table = increment_table()
    lo, hi = table.acsm_range_percent
    row = table.percent[level]
    wanted = override if override is not None else (row.upper if region == "upper" else row.lower)
    return min(hi, max(lo, wanted))


def deload_percent() -> float:
    return increment_table().deload.percent


def body_region(exercise: Exercise, catalog: Catalog) -> BodyRegion:
    """ "lower" when a target muscle is in the lower back or the hips and legs, else "upper"."""
    legs = set(increment_table().lower_body_muscles)
    for involvement in exercise.muscles:
        if involvement.role is not Role.TARGET:
            continue
        muscle = catalog.muscle(involvement.muscle)
        if muscle.region is Region.LOWER_BACK or muscle.id in legs:
            return "lower"
    return "upper"


@dataclass(frozen=True)
class Step:
    """A new load, and a note when the equipment forced a different step from the one asked for."""

    load_kg: float
    note: str = ""


def step_up(load_kg: float, percent: float, loadable: Loadable | None) -> Step:
    """``load_kg`` raised by ``percent``, rounded down to the equipment but never to no change."""
    target = load_kg * (1 + percent / 100)
    if loadable is None:
        return Step(target)
    rounded = round_load(target, loadable)
    if rounded > load_kg + 1e-6:
        return Step(rounded)
    bigger = loadable.above(load_kg)
    if bigger is None:
        return Step(load_kg, "no heavier load is available")
    jump = (bigger / load_kg - 1) * 100
    return Step(bigger, f"the next available load is {jump:.0f} % heavier, more than the {percent:g} % step")


def step_down(load_kg: float, percent: float, loadable: Loadable | None) -> Step:
    """``load_kg`` cut by ``percent``, rounded down to the equipment (the lightest at worst)."""
    target = load_kg * (1 - percent / 100)
    if loadable is None:
        return Step(target)
    return Step(round_load(target, loadable))
