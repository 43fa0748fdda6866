"""RPE / RIR autoregulation: set next session's load from what the last set says about today's 1RM.

The last set's load, reps and reps in reserve give an estimated 1RM through the RTS chart
(%1RM = C(reps + RIR), training-science.md §1.3) [S]; the next load is that e1RM times the chart's
%1RM for the target reps and RIR. Two guards, both ours:

* the change is capped at ``max_change_pct`` (default 10 %, the top of ACSM 2009's increment range,
  §2) because one set's RIR is a noisy reading: people misjudge it by about a rep near failure
  (Hackett et al. 2017) [V];
* changes smaller than ``hold_band_pct`` (default 1 %) keep the load, so noise does not make the
  load wobble from session to session.

An increase is rounded down to the equipment (and held if the equipment cannot go up that little);
a decrease is rounded down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from backcoach.errors import InputError
from backcoach.science.intensity import e1rm_from_set, percent_1rm
from backcoach.science.loading import round_load
from backcoach.science.progression.records import Action, ProgressionDecision, WorkoutRecord, chronological
from backcoach.science.progression.steps import LoadSteps, rep_range

SOURCE = (
    "RTS RPE chart (Tuchscherer; training-science.md §1.3); RIR-based RPE (Zourdos et al. 2016; "
    "Helms et al. 2016); change capped at ACSM 2009's 10 %"
)


@dataclass(frozen=True, kw_only=True)
class RpeProgression(LoadSteps):
    key: ClassVar[str] = "rpe"

    target_reps: int = 8
    target_rir: float = 2.0
    max_change_pct: float = 10.0
    hold_band_pct: float = 1.0

    def __post_init__(self) -> None:
        rep_range(self.target_reps, self.target_reps)
        percent_1rm(self.target_reps, rir=self.target_rir)
        if not 0 < self.max_change_pct <= 20:
            raise InputError(
                f"the largest change must be above 0 and at most 20 %, got {self.max_change_pct!r}"
            )
        if not 0 <= self.hold_band_pct < self.max_change_pct:
            raise InputError("the hold band must be zero or more and below the largest change")

    def decide(self, history: Sequence[WorkoutRecord]) -> ProgressionDecision:
        latest = chronological(history)[-1]
        load = latest.load_kg
        last = latest.last_set

        def hold(reason: str) -> ProgressionDecision:
            return ProgressionDecision(
                load, self.target_reps, self.target_reps, Action.HOLD, reason, SOURCE, self.target_rir
            )

        if last.rir is None:
            return hold("the last set has no reps in reserve logged: keep the load and log RIR next time")
        try:
            e1rm = e1rm_from_set(load, last.reps, rir=last.rir)
        except InputError as exc:
            return hold(f"the last set cannot be read on the RPE chart ({exc}): keep the load")
        aim = percent_1rm(self.target_reps, rir=self.target_rir).percent_1rm
        wanted = e1rm * aim / 100
        change = max(-self.max_change_pct, min(self.max_change_pct, (wanted / load - 1) * 100))
        basis = f"last set {last.reps} reps at {last.rir:g} RIR → e1RM {e1rm:.1f} kg"
        goal = f"{self.target_reps} reps at {self.target_rir:g} RIR"
        if abs(change) < self.hold_band_pct:
            return hold(f"{basis}; {goal} is within {self.hold_band_pct:g} % of this load: keep it")
        target = load * (1 + change / 100)
        new = round_load(target, self.loadable) if self.loadable is not None else target
        if change > 0 and new <= load + 1e-6:
            return hold(f"{basis}; {goal} needs a smaller step than the equipment allows: keep the load")
        action = Action.INCREASE if new > load else Action.DECREASE
        reason = f"{basis}; {goal} is about {change:+.1f} % from this load"
        return ProgressionDecision(
            new, self.target_reps, self.target_reps, action, reason, SOURCE, self.target_rir
        )
