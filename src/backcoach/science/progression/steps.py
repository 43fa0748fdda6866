"""The configuration every load-changing rule shares: level, body region, increment and equipment."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.catalog.models import Level
from backcoach.errors import InputError
from backcoach.science.loading import Loadable
from backcoach.science.progression.increments import BodyRegion, Step, increment_percent, step_down, step_up
from backcoach.science.progression.records import Action, ProgressionDecision

ACSM_2009 = "ACSM 2009 position stand (Ratamess et al., MSSE 41:687): +2–10 % load"


@dataclass(frozen=True, kw_only=True)
class LoadSteps:
    """Increment settings: by default from data/increments.yaml for ``level`` and ``region``."""

    level: Level = Level.BEGINNER
    region: BodyRegion = "upper"
    increment_pct: float | None = None  # clamped to the ACSM 2–10 % range
    loadable: Loadable | None = None  # when given, every load is rounded to it

    @property
    def percent(self) -> float:
        return increment_percent(self.level, self.region, self.increment_pct)

    def up(self, load_kg: float) -> Step:
        return step_up(load_kg, self.percent, self.loadable)

    def down(self, load_kg: float, percent: float | None = None) -> Step:
        return step_down(load_kg, self.percent if percent is None else percent, self.loadable)

    def increase(
        self, load_kg: float, reps: tuple[int, int], reason: str, source: str, rir: float | None = None
    ) -> ProgressionDecision:
        """An INCREASE decision, or HOLD when no heavier load exists; equipment notes join the reason."""
        step = self.up(load_kg)
        if step.load_kg <= load_kg + 1e-6:
            return ProgressionDecision(
                load_kg, reps[0], reps[1], Action.HOLD, f"{reason}, but {step.note}", source, rir
            )
        text = f"{reason}: add {self.percent:g} %" + (f" ({step.note})" if step.note else "")
        return ProgressionDecision(step.load_kg, reps[0], reps[1], Action.INCREASE, text, source, rir)


def rep_range(low: int, high: int) -> tuple[int, int]:
    """A validated rep range."""
    for value in (low, high):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(f"reps must be whole numbers of at least 1, got {value!r}")
    if low > high:
        raise InputError(f"the rep range {low}-{high} is upside down")
    return low, high


def positive_count(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"{what} must be a whole number of at least 1, got {value!r}")
    return value
