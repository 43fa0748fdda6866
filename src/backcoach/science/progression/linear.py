"""Linear progression: add load after N successful sessions in a row, reset after M failures in a row.

A session succeeds when every working set reaches the target reps. The shape is Liftosaur's built-in
``lp(inc, successes, dec, failures)`` (peers.md §3); increments follow ACSM 2009 (+2–10 %,
training-science.md §2) [V]; the 10 % reset is the middle of the 7.5–15 % load cut in deload
summaries (§7) [S, low confidence].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from backcoach.errors import InputError
from backcoach.science.progression.increments import deload_percent
from backcoach.science.progression.records import (
    Action,
    ProgressionDecision,
    WorkoutRecord,
    at_current_load,
    streak,
)
from backcoach.science.progression.steps import ACSM_2009, LoadSteps, positive_count, rep_range

SOURCE = f"Linear progression (Liftosaur lp, peers.md §3); {ACSM_2009}"


@dataclass(frozen=True, kw_only=True)
class LinearProgression(LoadSteps):
    key: ClassVar[str] = "linear"

    reps: int = 5  # target reps in every working set
    successes_to_increase: int = 1
    failures_to_deload: int = 3
    deload_pct: float | None = None  # default: data/increments.yaml deload.percent

    def __post_init__(self) -> None:
        rep_range(self.reps, self.reps)
        positive_count(self.successes_to_increase, "successes before adding load")
        positive_count(self.failures_to_deload, "failures before a reset")
        if self.deload_pct is not None and not 0 < self.deload_pct < 50:
            raise InputError(f"the reset must take off between 0 and 50 %, got {self.deload_pct!r}")

    def succeeded(self, record: WorkoutRecord) -> bool:
        return all(s.reps >= self.reps for s in record.sets)

    def decide(self, history: Sequence[WorkoutRecord]) -> ProgressionDecision:
        run = at_current_load(history)
        load = run[0].load_kg
        target = (self.reps, self.reps)
        wins = streak(run, self.succeeded)
        if wins >= self.successes_to_increase:
            return self.increase(load, target, f"{wins} successful session(s) in a row at this load", SOURCE)
        misses = streak(run, lambda r: not self.succeeded(r))
        if misses >= self.failures_to_deload:
            cut = self.deload_pct if self.deload_pct is not None else deload_percent()
            step = self.down(load, cut)
            reason = f"{misses} sessions in a row missed {self.reps} reps: reset the load by {cut:g} %"
            return ProgressionDecision(step.load_kg, *target, Action.DELOAD, reason, SOURCE)
        if misses:
            reason = f"missed {self.reps} reps ({misses} of {self.failures_to_deload} to a reset): hold"
        else:
            reason = f"{wins} of {self.successes_to_increase} successful sessions needed: keep the load"
        return ProgressionDecision(load, *target, Action.HOLD, reason, SOURCE)
