"""Rep-sum progression: add load once the reps of all working sets add up to a target.

Useful when sets are taken close to failure and the reps fall from set to set (e.g. 12, 10, 8):
the total, not each set, shows progress. Liftosaur ships it as ``sum(totalReps, inc)``
(peers.md §3); increments follow ACSM 2009 (training-science.md §2) [V].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from backcoach.science.progression.records import Action, ProgressionDecision, WorkoutRecord, chronological
from backcoach.science.progression.steps import ACSM_2009, LoadSteps, positive_count, rep_range

SOURCE = f"Rep-sum progression (Liftosaur sum, peers.md §3); {ACSM_2009}"


@dataclass(frozen=True, kw_only=True)
class RepSumProgression(LoadSteps):
    key: ClassVar[str] = "sum"

    total_reps: int = 30  # e.g. three sets of ten
    reps_min: int = 8  # the per-set range shown to the person
    reps_max: int = 12

    def __post_init__(self) -> None:
        positive_count(self.total_reps, "the rep total")
        rep_range(self.reps_min, self.reps_max)

    def decide(self, history: Sequence[WorkoutRecord]) -> ProgressionDecision:
        latest = chronological(history)[-1]
        target = (self.reps_min, self.reps_max)
        done = latest.total_reps
        if done >= self.total_reps:
            return self.increase(
                latest.load_kg, target, f"{done} reps in total reached {self.total_reps}", SOURCE
            )
        reason = f"{done} of {self.total_reps} reps in total: keep the load"
        return ProgressionDecision(latest.load_kg, *target, Action.HOLD, reason, SOURCE)
