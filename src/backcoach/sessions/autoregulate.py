"""The next set's suggested load, from how the last set went (set-to-set autoregulation).

The rule, in order (sources in brackets):

1. Body-weight, band, assisted and drill exercises get no load (None); their reps targets stand.
2. Before the first working set of an exercise has been logged, the plan's load stands (the
   planner already capped it); with no planned load the person chooses one, and says so.
3. From the last working set (load L, reps r, reps in reserve q; q is the target when not given):
   * **lower** when the set was clearly too hard: no reps, r at least 2 below the bottom of the
     range, or q = 0 when the target was 2 or more. The new load is the lower of the e1RM-based load (below)
     and one step below L (one step of the equipment, else 0.5 kg), so a drop always drops.
   * otherwise estimate the 1RM from the set with the RTS chart (``science.intensity.e1rm_from_set``,
     Helms et al. 2016; Zourdos et al. 2016) and take the load for the next set's top reps at its
     target RIR (``science.loading.suggest_load``). It is limited to L + 10 % (the top of ACSM
     2009's 2-10 % load change, applied set to set) and rounded **down** to the equipment (else to
     0.5 kg). Only a result above L raises the load; anything else **holds** L: inside the rep range
     the person adds reps before load (double progression), and a small e1RM dip within the range
     is noise (RIR is misjudged by about a rep, Hackett et al. 2017), not a reason to lighten.
4. Never above the safety cap (``safety.limits.cap_load``: a share of the known e1RM by level, or a
   beginner's body-weight starting cap), rounded down to the equipment.

A set of 0 reps is always too hard; with nothing to estimate from, the drop takes 10 % off, the
mirror of the raise limit. Where the next target lies beyond the chart (over 20 reps), the load holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from backcoach.catalog.models import Exercise, LoadType
from backcoach.safety.limits import LoadCap
from backcoach.science.intensity import MAX_REPS_TO_FAILURE, MAX_RPE, MIN_RPE, e1rm_from_set
from backcoach.science.loading import Loadable, suggest_load
from backcoach.sessions.records import LoggedSet

# ACSM 2009 (Ratamess et al.): load changes of 2-10 %; we never raise more than the top of it
# from one set to the next.
MAX_RAISE: Final = 0.10
# With no usable set to estimate from (0 reps), lower by the same share.
BLIND_DROP: Final = 0.10
# Without known equipment, loads move on a 0.5 kg grid (the safety caps' own rounding).
GRID_KG: Final = 0.5
# "Missed the bottom of the range by 2+ reps" and "RIR 0 when the target was 2 or more".
MISS_BY: Final = 2
HARD_TARGET_RIR: Final = 2.0

LOADED = frozenset({LoadType.EXTERNAL, LoadType.WEIGHTED_BODYWEIGHT})


@dataclass(frozen=True)
class LoadAdvice:
    kg: float | None
    change: str  # planned, raised, held, lowered, choose, bodyweight
    note: str  # why, in words
    capped: bool = False


@dataclass(frozen=True)
class SetTarget:
    reps_min: int
    reps_max: int
    rir: float | None
    planned_kg: float | None


def next_load(
    exercise: Exercise,
    target: SetTarget,
    last: LoggedSet | None,
    *,
    loadable: Loadable | None = None,
    cap: LoadCap | None = None,
) -> LoadAdvice:
    """The suggested load for the next set of ``exercise`` (see the module docstring for the rule)."""
    if exercise.load_type not in LOADED:
        return LoadAdvice(None, "bodyweight", "Body weight: no load to set; aim for the target reps.")
    if last is None or last.load_kg is None or last.load_kg <= 0:
        if target.planned_kg is None:
            return LoadAdvice(None, "choose", _choose_note(target))
        return _capped(LoadAdvice(target.planned_kg, "planned", "The planned load."), cap, loadable)
    return _capped(_from_last(last.load_kg, last, target, loadable), cap, loadable)


def _from_last(last_kg: float, last: LoggedSet, target: SetTarget, loadable: Loadable | None) -> LoadAdvice:
    goal_rir = (
        target.rir if target.rir is not None else (last.rir if last.rir is not None else HARD_TARGET_RIR)
    )
    done_rir = last.rir if last.rir is not None else goal_rir
    too_hard = (
        last.reps == 0
        or last.reps <= target.reps_min - MISS_BY
        or (done_rir == 0 and goal_rir >= HARD_TARGET_RIR)
    )
    estimated = _estimate(last_kg, last.reps, done_rir, target.reps_max, goal_rir)
    if too_hard:
        wanted = estimated if estimated is not None else last_kg * (1 - BLIND_DROP)
        kg = min(_round_down(wanted, loadable), _step_below(last_kg, loadable))
        kg = max(kg, _lightest(loadable))
        if kg >= last_kg - 1e-9:
            note = "The last set was harder than planned and no lighter load is available: do fewer reps."
            return LoadAdvice(last_kg, "held", note)
        return LoadAdvice(kg, "lowered", "Lowered: the last set was harder than planned.")
    limit = last_kg * (1 + MAX_RAISE)
    kg = _round_down(min(estimated, limit), loadable) if estimated is not None else last_kg
    if last_kg + 1e-9 < kg <= limit + 1e-9:
        return LoadAdvice(kg, "raised", "Raised: the last set left more reps in reserve than planned.")
    return LoadAdvice(last_kg, "held", "Same load: add reps toward the top of the range before adding load.")


def _estimate(load: float, reps: int, rir: float, next_reps: int, next_rir: float) -> float | None:
    """The load for ``next_reps`` at ``next_rir`` from a set of ``reps`` at ``rir`` (RTS chart)."""
    if reps < 1 or next_reps < 1 or next_reps > MAX_REPS_TO_FAILURE:
        return None
    done = min(reps, MAX_REPS_TO_FAILURE)
    e1rm = e1rm_from_set(load, done, rir=_chart_rir(rir, done))
    goal = _chart_rir(next_rir, next_reps)
    return suggest_load(e1rm, next_reps, rir=goal).exact_load


def _chart_rir(rir: float, reps: int) -> float:
    """RIR on the chart's half steps, within 0-9 and with reps + RIR inside the chart's reach."""
    half = math.floor(rir * 2 + 1e-9) / 2
    return max(0.0, min(half, MAX_RPE - MIN_RPE, float(MAX_REPS_TO_FAILURE - reps)))


def _round_down(kg: float, loadable: Loadable | None) -> float:
    if loadable is not None:
        found = loadable.at_most(kg)
        return found if found is not None else loadable.lightest_kg
    return max(GRID_KG, math.floor(kg / GRID_KG + 1e-9) * GRID_KG)


def _step_below(kg: float, loadable: Loadable | None) -> float:
    if loadable is not None:
        found = loadable.at_most(kg - 1e-3)
        return found if found is not None else loadable.lightest_kg
    return max(GRID_KG, math.ceil(kg / GRID_KG - 1e-9) * GRID_KG - GRID_KG)


def _lightest(loadable: Loadable | None) -> float:
    return loadable.lightest_kg if loadable is not None else GRID_KG


def _capped(advice: LoadAdvice, cap: LoadCap | None, loadable: Loadable | None) -> LoadAdvice:
    if advice.kg is None or cap is None or advice.kg <= cap.kg + 1e-9:
        return advice
    kg = cap.kg
    if loadable is not None:
        found = loadable.at_most(cap.kg)
        kg = found if found is not None else cap.kg  # never above the cap, achievable or not
    basis = "your estimated 1RM" if cap.basis == "e1rm" else "your body weight"
    note = f"{advice.note} Capped at {kg:g} kg, the safety limit from {basis} ({cap.source.strip()})."
    return LoadAdvice(kg, advice.change, note, capped=True)


def _choose_note(target: SetTarget) -> str:
    reserve = f" with {target.rir:g} reps in reserve" if target.rir is not None else ""
    return f"Choose a light load you can lift for {target.reps_max} reps{reserve}; log what you used."
