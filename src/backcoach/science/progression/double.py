"""Double progression: climb reps through a range at one load, add load only when every set hits the top.

Add load only when ALL working sets reached ``reps_max``; otherwise keep the load and aim for more
reps. If every one of the last ``misses_to_decrease`` sessions at this load had a set below
``reps_min``, the load is too heavy for the range and comes down one step (our guard, so a person is
not left stuck). Liftosaur ships the same rule as ``dp(inc, minReps, maxReps)`` (peers.md §3); the
default 8–12 range is ACSM 2009's novice 8–12RM zone (training-science.md §2) [V].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from backcoach.science.progression.records import (
    Action,
    ProgressionDecision,
    WorkoutRecord,
    at_current_load,
    streak,
)
from backcoach.science.progression.steps import ACSM_2009, LoadSteps, positive_count, rep_range

SOURCE = f"Double progression (Liftosaur dp, peers.md §3); ACSM 2009 8–12RM for novices; {ACSM_2009}"


@dataclass(frozen=True, kw_only=True)
class DoubleProgression(LoadSteps):
    key: ClassVar[str] = "double"

    reps_min: int = 8
    reps_max: int = 12
    misses_to_decrease: int = 2

    def __post_init__(self) -> None:
        rep_range(self.reps_min, self.reps_max)
        positive_count(self.misses_to_decrease, "sessions below the range before a decrease")

    def decide(self, history: Sequence[WorkoutRecord]) -> ProgressionDecision:
        run = at_current_load(history)
        latest = run[0]
        load = latest.load_kg
        target = (self.reps_min, self.reps_max)
        short = [s.reps for s in latest.sets if s.reps < self.reps_max]
        if not short:
            return self.increase(load, target, f"every set reached {self.reps_max} reps", SOURCE)
        below = streak(run, lambda r: any(s.reps < self.reps_min for s in r.sets))
        if below >= self.misses_to_decrease:
            step = self.down(load)
            reason = f"a set fell below {self.reps_min} reps in {below} sessions in a row: take a little off"
            return ProgressionDecision(step.load_kg, *target, Action.DECREASE, reason, SOURCE)
        reason = (
            f"{len(short)} of {len(latest.sets)} sets stopped short of {self.reps_max} reps: "
            "keep the load and add a rep where you can"
        )
        return ProgressionDecision(load, *target, Action.HOLD, reason, SOURCE)
