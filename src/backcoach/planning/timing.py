"""How long things take: the seconds of one set, of rest, of a whole block.

Durations feed the solver's time budget and each session's estimate, so both use these functions.
"""

from __future__ import annotations

import math

from backcoach.catalog.models import Dose, Exercise, LoadType
from backcoach.planning.prescription import prescriptions
from backcoach.science.warmup import warmup_table

# McGill's short-hold dosing: a set of side bridges is a few 7-10 s holds, not one long hold.
HOLDS_PER_SET = 3


def rep_seconds(dose: Dose | None) -> float:
    """Seconds of one repetition: the tempo's sum ('X' = explosive, about 1 s), else the default."""
    if dose is None or dose.tempo is None:
        return prescriptions().default_rep_s
    return float(sum(1 if part == "X" else int(part) for part in dose.tempo.split("-"))) or 1.0


def work_seconds(exercise: Exercise, reps: int | None = None) -> int:
    """Seconds of work in one set; ``reps`` overrides the catalogue dose for rep-based exercises."""
    dose = exercise.dose
    if dose is None:
        return math.ceil((reps or 10) * prescriptions().default_rep_s)
    sides = 2 if dose.per_side or exercise.unilateral else 1
    if dose.kind == "reps":
        count = reps if reps is not None else int(dose.range.max)
        seconds = count * rep_seconds(dose)
    elif dose.kind == "breaths":
        seconds = dose.range.max * prescriptions().breath_s
    else:  # hold_s and time_s: one hold or bout per set
        seconds = dose.range.max
        if dose.kind == "hold_s" and dose.tempo is None and dose.range.max <= 15:
            # Short holds (McGill's 7-10 s) are repeated: a set is HOLDS_PER_SET holds with a
            # breath between them, the way McGill doses the side bridge.
            seconds = HOLDS_PER_SET * (seconds + 3)
    return math.ceil(seconds * sides)


def drill_seconds(exercise: Exercise) -> int:
    """Seconds for one pass of a warm-up or cool-down drill at the low end of its dose: drills
    are flexible, and the low end is what a short session can count on."""
    dose = exercise.dose
    if dose is None or dose.kind != "reps":
        if dose is None:
            return work_seconds(exercise)
        low = dose.model_copy(update={"range": dose.range.model_copy(update={"max": dose.range.min})})
        return work_seconds(exercise.model_copy(update={"dose": low}))
    return work_seconds(exercise, int(dose.range.min))


# Rest after a ramp set before the next one (NSCA ramp protocol: 1-2 min between light sets).
RAMP_REST_S = 60


def ramp_set_seconds(exercise: Exercise, reps: int) -> int:
    return math.ceil(reps * rep_seconds(exercise.dose)) + RAMP_REST_S


def ramp_bound_seconds(exercise: Exercise, working_reps: int) -> int:
    """The longest the ramp-up before this exercise's first working set can take: every ramp step
    plus an empty-bar opener for loaded lifts, or the easier-variant and partial sets for body
    weight (science.warmup decides the actual sets, never more than these)."""
    spec = warmup_table()
    if exercise.dose is None or exercise.dose.kind != "reps":
        return 0
    if exercise.load_type is LoadType.EXTERNAL:
        reps = [step.reps for step in spec.ramp.steps] + [spec.ramp.empty_bar_reps]
    elif exercise.load_type in (
        LoadType.BODYWEIGHT,
        LoadType.ASSISTED,
        LoadType.WEIGHTED_BODYWEIGHT,
        LoadType.BAND,
    ):
        first = max(
            spec.bodyweight.minimum_reps, math.ceil(working_reps * spec.bodyweight.share_of_working_reps)
        )
        reps = [first, spec.bodyweight.partial_reps]
    else:
        return 0
    return sum(ramp_set_seconds(exercise, r) for r in reps)
