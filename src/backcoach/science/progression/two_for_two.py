"""The NSCA "2-for-2" rule: add load after two sessions in a row with 2+ reps over the goal in the last set.

NSCA *Essentials* (Baechle & Earle): when the last set beats the goal by two or more reps in two
consecutive workouts, raise the load next session; ACSM 2009 words the same trigger as "1–2 reps
over the target on two consecutive sessions" and adds 2–10 % (training-science.md §2) [V]/[S].
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

SOURCE = f"NSCA 2-for-2 rule (Baechle & Earle, Essentials; training-science.md §2); {ACSM_2009}"


@dataclass(frozen=True, kw_only=True)
class TwoForTwo(LoadSteps):
    key: ClassVar[str] = "nsca-2for2"

    goal_reps: int = 10
    extra_reps: int = 2
    sessions: int = 2

    def __post_init__(self) -> None:
        rep_range(self.goal_reps, self.goal_reps)
        positive_count(self.extra_reps, "the reps over the goal")
        positive_count(self.sessions, "the sessions in a row")

    def beat_goal(self, record: WorkoutRecord) -> bool:
        return record.last_set.reps >= self.goal_reps + self.extra_reps

    def decide(self, history: Sequence[WorkoutRecord]) -> ProgressionDecision:
        run = at_current_load(history)
        load = run[0].load_kg
        target = (self.goal_reps, self.goal_reps)
        beaten = streak(run, self.beat_goal)
        if beaten >= self.sessions:
            reason = (
                f"the last set beat {self.goal_reps} reps by {self.extra_reps}+ in {beaten} sessions in a row"
            )
            return self.increase(load, target, reason, SOURCE)
        reason = (
            f"{beaten} of {self.sessions} sessions in a row with {self.goal_reps + self.extra_reps}+ reps "
            "in the last set: keep the load"
        )
        return ProgressionDecision(load, *target, Action.HOLD, reason, SOURCE)
