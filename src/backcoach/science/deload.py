"""When to deload, and what a deload week looks like.

Planned: every ``every_weeks`` weeks (default 5). Coaches deload every 4–6 weeks (Bell et al. 2022,
Front Sports Act Living 4:1073223, 18 coaches) [V]; athletes report every 5.6 ± 2.3 weeks (Bell et
al. 2024, Sports Med Open, 246 athletes) [V] (training-science.md §7).

Reactive: earlier when an exercise's history shows
* a stalled estimated 1RM: no new best for ``stall_sessions`` sessions (3) spanning at least
  ``stall_days`` days (14); requiring both keeps three sessions in one week from counting as a stall;
* effort rising at the same load: reps in reserve down by ``effort_rise_rir`` (2) or more for no more
  reps than before, i.e. the same work feels clearly harder.
Both triggers are our heuristics built on the coaches' reasons for deloading (fatigue, stalled
performance; Bell et al. 2022) [V].

The prescription (Bell et al. 2022 and 2024; Delphi consensus 2023) [V]: about a week (6.4 ± 1.7 days),
volume always down (here sets × 0.6, a 40 % cut, inside the 25–50 % in secondary summaries [S]),
intensity down (load −10 % or 2 more reps in reserve) and frequency and exercises kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal

from backcoach.errors import InputError
from backcoach.science.intensity import e1rm_from_set
from backcoach.science.one_rep_max import MAX_REPS, estimate_1rm
from backcoach.science.progression.records import WorkoutRecord, at_current_load, chronological

SOURCES: Final = (
    "Bell et al. 2022, Front Sports Act Living 4:1073223 (deload every 4–6 weeks, 5–7 days)",
    "Bell et al. 2024, Sports Med Open (6.4 ± 1.7 days every 5.6 ± 2.3 weeks; frequency kept)",
    "Bell et al. 2023 Delphi consensus (volume always reduced)",
)


@dataclass(frozen=True)
class DeloadPolicy:
    """When a deload is due."""

    every_weeks: int = 5
    stall_sessions: int = 3
    stall_days: int = 14
    effort_rise_rir: float = 2.0

    def __post_init__(self) -> None:
        if isinstance(self.every_weeks, bool) or not isinstance(self.every_weeks, int):
            raise InputError(f"weeks between deloads must be a whole number, got {self.every_weeks!r}")
        # Outside 3-8 weeks the planned deload no longer matches anything coaches report (Bell 2022/2024).
        if not 3 <= self.every_weeks <= 8:
            raise InputError(f"a planned deload comes every 3 to 8 weeks, got {self.every_weeks}")
        if self.stall_sessions < 2 or self.stall_days < 0 or self.effort_rise_rir <= 0:
            raise InputError(
                "stall sessions must be 2 or more, stall days 0 or more and the RIR rise above 0"
            )


@dataclass(frozen=True)
class DeloadPrescription:
    """What changes in a deload week; ``mode`` picks a lighter load or more reps in reserve."""

    days: int = 7
    sets_factor: float = 0.6  # 40 % fewer sets
    load_factor: float = 0.9  # 10 % lighter (mode "load")
    extra_rir: float = 2.0  # 2 more reps in reserve (mode "effort")
    mode: Literal["load", "effort"] = "load"
    keep_frequency: bool = True
    keep_exercises: bool = True

    def sets(self, planned: int) -> int:
        """Sets per exercise in the deload week: ``planned`` × factor, rounded, at least one."""
        cut = Decimal(planned * self.sets_factor).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return max(1, int(cut))

    def load(self, planned_kg: float) -> float:
        return planned_kg * self.load_factor if self.mode == "load" else planned_kg

    def rir(self, planned_rir: float) -> float:
        return planned_rir + self.extra_rir if self.mode == "effort" else planned_rir


@dataclass(frozen=True)
class DeloadDecision:
    due: bool
    reasons: tuple[str, ...]
    sources: tuple[str, ...] = SOURCES
    prescription: DeloadPrescription | None = field(default=None)


DEFAULT_POLICY: Final = DeloadPolicy()


def session_e1rm(record: WorkoutRecord) -> float | None:
    """The best estimated 1RM among the record's sets: from the RPE chart when RIR was logged,
    else Brzycki assuming the set went to failure; None when no set can be read."""
    best: float | None = None
    for s in record.sets:
        if s.reps < 1 or s.reps > MAX_REPS:
            continue
        try:
            value = e1rm_from_set(record.load_kg, s.reps, rir=s.rir) if s.rir is not None else None
        except InputError:
            value = None
        if value is None:
            value = estimate_1rm(record.load_kg, s.reps).value
        best = value if best is None else max(best, value)
    return best


def stall_reason(history: Sequence[WorkoutRecord], policy: DeloadPolicy = DEFAULT_POLICY) -> str | None:
    """Why the estimated 1RM counts as stalled, or None."""
    scored = [(r, e) for r in chronological(history) if (e := session_e1rm(r)) is not None]
    if not scored:
        return None
    best_index, best = 0, scored[0][1]
    for index, (_, value) in enumerate(scored):
        if value > best + 1e-9:
            best_index, best = index, value
    since = len(scored) - 1 - best_index
    days = (scored[-1][0].date - scored[best_index][0].date).days
    if since >= policy.stall_sessions and days >= policy.stall_days:
        return f"no new best estimated 1RM in {since} sessions over {days} days (best {best:.1f} kg)"
    return None


def effort_reason(history: Sequence[WorkoutRecord], policy: DeloadPolicy = DEFAULT_POLICY) -> str | None:
    """Why the same load counts as getting harder (RIR falling for no more reps), or None."""
    run = at_current_load(history)
    latest, earlier = run[0], run[1:]
    now_rir = _mean_rir(latest)
    if now_rir is None:
        return None
    for record in earlier:
        then_rir = _mean_rir(record)
        if then_rir is None or latest.total_reps > record.total_reps:
            continue
        if then_rir - now_rir >= policy.effort_rise_rir:
            return (
                f"at {latest.load_kg:g} kg the sets left {now_rir:g} reps in reserve against {then_rir:g} "
                f"on {record.date.isoformat()}, for no more reps"
            )
    return None


def _mean_rir(record: WorkoutRecord) -> float | None:
    values = [s.rir for s in record.sets if s.rir is not None]
    return sum(values) / len(values) if values else None


def deload_decision(
    *,
    weeks_since_deload: int,
    histories: Mapping[str, Sequence[WorkoutRecord]] | None = None,
    policy: DeloadPolicy = DEFAULT_POLICY,
    prescription: DeloadPrescription | None = None,
) -> DeloadDecision:
    """Whether a deload is due now, with every reason found; ``histories`` maps exercise id → records."""
    if (
        isinstance(weeks_since_deload, bool)
        or not isinstance(weeks_since_deload, int)
        or weeks_since_deload < 0
    ):
        raise InputError(f"weeks since the last deload must be zero or more, got {weeks_since_deload!r}")
    reasons: list[str] = []
    if weeks_since_deload >= policy.every_weeks:
        reasons.append(
            f"planned: {weeks_since_deload} weeks since the last deload (every {policy.every_weeks})"
        )
    for exercise_id, history in sorted((histories or {}).items()):
        if not history:
            continue
        for found in (stall_reason(history, policy), effort_reason(history, policy)):
            if found is not None:
                reasons.append(f"{exercise_id}: {found}")
    if not reasons:
        return DeloadDecision(due=False, reasons=())
    return DeloadDecision(due=True, reasons=tuple(reasons), prescription=prescription or DeloadPrescription())
