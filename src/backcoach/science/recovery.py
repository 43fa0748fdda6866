"""How recovered each muscle is, and the hard floor between two heavy sessions for the same muscle.

Two separate answers, on purpose:

1. A *model* (``recovery_percent``), shown to people and used to rank exercises: every logged hard
   set adds fatigue to the muscles it works, and fatigue fades exponentially.

       fatigue added by one set = ROLE_FRACTION[role] × effort_factor(RIR) × fatigue_per_set
       fatigue(t)               = Σ added × 0.5 ** (hours since the set / half_life_h)
       recovery %               = 100 − min(100, fatigue)

   - Role fractions are the volume count (target 1, synergist 0.5, stabiliser 0; Pelland et al.
     2024, training-science.md §3) [V].
   - Effort: a set taken to failure (0 RIR) counts fully; each rep in reserve takes off 12.5 % until
     4 RIR, where a set counts half. Our heuristic, in line with the RIR-based RPE scale treating
     4+ RIR as moderate effort (Zourdos et al. 2016) [R]. A set logged without RIR is assumed to be
     at 2 RIR, the middle of the usual 0–4 RIR working range (RP landmarks, §3).
   - Half-life 24 h and 10 % per target set at failure: a typical back session (about six target
     sets at 1–3 RIR, roughly 45 % fatigue) is ~89 % recovered at 48 h and ~94 % at 72 h, matching
     ACSM's 48 h minimum and the 72 h soft default (Garber et al. 2011; §2) [S]; a very high-volume
     session (20 sets to failure, 200 %) needs about a week to read 100 %, the full-recovery time
     Fitbod describes for its own model (peers.md §4) [S]. These are our calibration choices, not
     measured physiology: the model ranks and explains, it never grants permission.

2. The *hard floor* (``can_load_hard``): no muscle is loaded hard again as a target while its last
   session as a target was less than 48 h ago, whatever the model says. ACSM: at least 48 h between
   sessions for the same muscle group (Garber et al. 2011, MSSE 43:1334; §2) [S].

Times are timezone-aware datetimes passed in by the caller; nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Role
from backcoach.errors import InputError
from backcoach.science.volume import ROLE_FRACTION

# ACSM (Garber et al. 2011): ≥48 h between sessions for the same muscle group (§2) [S].
HARD_FLOOR_HOURS: Final = 48.0
# Secondary ACSM summaries say 48–72 h; no primary text says 72 h, so it is only a soft default (§2) [S].
SOFT_RECOVERY_HOURS: Final = 72.0


@dataclass(frozen=True)
class ExerciseLog:
    """One exercise done at ``at``: one entry per hard set, the set's reps in reserve when logged."""

    at: datetime
    exercise: Exercise
    set_rirs: tuple[float | None, ...]

    @classmethod
    def uniform(cls, at: datetime, exercise: Exercise, sets: int, rir: float | None = None) -> ExerciseLog:
        """``sets`` hard sets of ``exercise``, all at the same reps in reserve."""
        if isinstance(sets, bool) or not isinstance(sets, int) or sets < 0:
            raise InputError(f"sets must be a whole number of zero or more, got {sets!r}")
        return cls(at=at, exercise=exercise, set_rirs=(rir,) * sets)


@dataclass(frozen=True)
class RecoveryModel:
    """Parameters of the fatigue model; the defaults are documented in the module docstring."""

    half_life_h: float = 24.0
    fatigue_per_set: float = 10.0  # % added by one target set at 0 RIR
    easy_rir: float = 4.0  # from this many reps in reserve a set counts ...
    easy_effort_factor: float = 0.5  # ... this share of a set to failure
    assumed_rir: float = 2.0  # for sets logged without RIR

    def __post_init__(self) -> None:
        if not (self.half_life_h > 0 and self.fatigue_per_set > 0 and self.easy_rir > 0):
            raise InputError("half-life, fatigue per set and easy RIR must be above zero")
        if not 0 <= self.easy_effort_factor <= 1:
            raise InputError("the effort factor for easy sets must be between 0 and 1")

    def effort_factor(self, rir: float | None) -> float:
        """1.0 at failure, falling linearly to ``easy_effort_factor`` at ``easy_rir`` and beyond."""
        reserve = self.assumed_rir if rir is None else rir
        if not reserve >= 0:
            raise InputError(f"reps in reserve must be zero or more, got {reserve!r}")
        share = min(reserve, self.easy_rir) / self.easy_rir
        return 1.0 - share * (1.0 - self.easy_effort_factor)

    def decay(self, hours: float) -> float:
        return float(0.5 ** (hours / self.half_life_h))


DEFAULT_MODEL: Final = RecoveryModel()


def _check_time(moment: datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InputError(f"{what} must carry a time zone")


def _checked_history(now: datetime, history: Iterable[ExerciseLog]) -> list[ExerciseLog]:
    _check_time(now, "now")
    logs = list(history)
    for log in logs:
        _check_time(log.at, f"the log of '{log.exercise.id}'")
        if log.at > now:
            raise InputError(f"the log of '{log.exercise.id}' at {log.at.isoformat()} is later than now")
    return logs


def _matching(muscle: str, catalog: Catalog | None) -> frozenset[str]:
    return catalog.parts(muscle) if catalog is not None else frozenset({muscle})


def fatigue_by_muscle(
    now: datetime, history: Iterable[ExerciseLog], *, model: RecoveryModel = DEFAULT_MODEL
) -> dict[str, float]:
    """Remaining fatigue (%, not capped) of every muscle id the logged exercises involve."""
    out: dict[str, float] = {}
    for log in _checked_history(now, history):
        fade = model.decay((now - log.at) / timedelta(hours=1))
        per_set = sum(model.effort_factor(rir) for rir in log.set_rirs) * model.fatigue_per_set * fade
        for involvement in log.exercise.muscles:
            out[involvement.muscle] = (
                out.get(involvement.muscle, 0.0) + ROLE_FRACTION[involvement.role] * per_set
            )
    return out


def recovery_percent(
    muscle: str,
    now: datetime,
    history: Iterable[ExerciseLog],
    *,
    model: RecoveryModel = DEFAULT_MODEL,
    catalog: Catalog | None = None,
) -> float:
    """How recovered ``muscle`` is, 0–100 %. With a catalogue a parent node reads its most tired part."""
    fatigue = fatigue_by_muscle(now, history, model=model)
    worst = max((fatigue.get(m, 0.0) for m in _matching(muscle, catalog)), default=0.0)
    return 100.0 - min(100.0, worst)


def recovery_by_muscle(
    now: datetime, history: Iterable[ExerciseLog], *, model: RecoveryModel = DEFAULT_MODEL
) -> dict[str, float]:
    """Recovery (0–100 %) of every muscle id the logged exercises involve."""
    return {m: 100.0 - min(100.0, f) for m, f in fatigue_by_muscle(now, history, model=model).items()}


def last_loaded_as_target(
    muscle: str, now: datetime, history: Sequence[ExerciseLog], *, catalog: Catalog | None = None
) -> datetime | None:
    """When ``muscle`` (or, with a catalogue, one of its parts) was last worked as a target."""
    wanted = _matching(muscle, catalog)
    times = [
        log.at
        for log in _checked_history(now, history)
        if log.set_rirs and any(i.role is Role.TARGET and i.muscle in wanted for i in log.exercise.muscles)
    ]
    return max(times, default=None)


def hours_until_hard_loading_allowed(
    muscle: str, now: datetime, history: Sequence[ExerciseLog], *, catalog: Catalog | None = None
) -> float:
    """Hours left before ``muscle`` may be a target again (0 when allowed): the 48 h ACSM floor."""
    last = last_loaded_as_target(muscle, now, history, catalog=catalog)
    if last is None:
        return 0.0
    elapsed = (now - last) / timedelta(hours=1)
    return max(0.0, HARD_FLOOR_HOURS - elapsed)


def can_load_hard(
    muscle: str, now: datetime, history: Sequence[ExerciseLog], *, catalog: Catalog | None = None
) -> bool:
    """False while the last session that targeted ``muscle`` was under 48 h ago."""
    return hours_until_hard_loading_allowed(muscle, now, history, catalog=catalog) == 0.0
