"""How long things take: the seconds of one set, of rest, of a drill, of a whole session.

Durations feed the solver's time budget and each session's estimate, so both use these functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Dose, Exercise, LoadType
from backcoach.planning.plan import Block, PlanItem, SetSpec
from backcoach.planning.prescription import prescriptions
from backcoach.science.warmup import warmup_table

# McGill's short-hold dosing: a set of side bridges is a few 7-10 s holds, not one long hold
# (training-science.md section 5: holds of about 7-10 s, progressed by adding repetitions).
HOLDS_PER_SET = 3
# Holds up to this long count as McGill's short holds (7-10 s, with room for a slow count).
SHORT_HOLD_MAX_S = 15
# A breath between two short holds of one set (McGill's dosing: hold, breathe, hold again).
BREATH_BETWEEN_HOLDS_S = 3
# When a rep-based exercise has no catalogue dose, its set is timed at this many reps (the top of
# ACSM 2009's 8-12 novice range).
UNDOSED_REPS = 10
# Each drill in a warm-up or cool-down costs this many seconds of moving to the next one and
# setting up (our estimate, like the transition between exercises in prescriptions.yaml).
DRILL_GAP_S = 15
# Rest after a drill's set: drills are light, so only the change of position (our estimate).
DRILL_REST_S = 15
# A tempo's "X" (explosive) phase takes about a second; a tempo of all zeros (pauses only) still
# takes a second a rep.
EXPLOSIVE_PHASE_S = 1.0


def rep_seconds(dose: Dose | None) -> float:
    """Seconds of one repetition: the tempo's sum ('X' = explosive, about 1 s), else the default."""
    if dose is None or dose.tempo is None:
        return prescriptions().default_rep_s
    phases = dose.tempo.split("-")
    return float(sum(EXPLOSIVE_PHASE_S if part == "X" else int(part) for part in phases)) or EXPLOSIVE_PHASE_S


def work_seconds(exercise: Exercise, reps: int | None = None) -> int:
    """Seconds of work in one set; ``reps`` overrides the catalogue dose for rep-based exercises."""
    dose = exercise.dose
    if dose is None:
        return math.ceil((reps or UNDOSED_REPS) * prescriptions().default_rep_s)
    sides = 2 if dose.per_side or exercise.unilateral else 1
    if dose.kind == "reps":
        count = reps if reps is not None else int(dose.range.max)
        seconds = count * rep_seconds(dose)
    elif dose.kind == "breaths":
        seconds = dose.range.max * prescriptions().breath_s
    else:  # hold_s and time_s: one hold or bout per set
        seconds = dose.range.max
        if is_short_hold(dose):
            # Short holds (McGill's 7-10 s) are repeated: a set is HOLDS_PER_SET holds with a
            # breath between them, the way McGill doses the side bridge.
            seconds = HOLDS_PER_SET * (seconds + BREATH_BETWEEN_HOLDS_S)
    return math.ceil(seconds * sides)


def is_short_hold(dose: Dose) -> bool:
    """A hold dosed as a few of McGill's short holds a set rather than one long one."""
    return dose.kind == "hold_s" and dose.tempo is None and dose.range.max <= SHORT_HOLD_MAX_S


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


# Rest after a ramp set before the next one (NSCA ramp protocol: 1-2 min between light sets;
# training-science.md section 7).
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
        reps = list(spec.ramp.budget_reps)
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


def set_seconds(exercise: Exercise, spec: SetSpec) -> int:
    """Seconds of work in one planned set (a hold's set by its catalogue dose)."""
    if spec.hold_s is not None:
        return work_seconds(exercise)
    return work_seconds(exercise, spec.reps_max)


def drills_seconds(items: Sequence[PlanItem], catalog: Catalog) -> int:
    """Seconds for a run of warm-up or cool-down drills, moving between them included."""
    return sum(drill_seconds(catalog.exercise(i.exercise_id)) + DRILL_GAP_S for i in items)


def session_seconds(blocks: Sequence[Block], catalog: Catalog) -> int:
    """Seconds for a whole session: drills, ramp-up sets, working sets with their rests and the
    transitions between exercises; a superset's pair alternates, resting once a round."""
    total = 0
    transition = prescriptions().transition_s
    supersets: dict[str, list[PlanItem]] = {}
    for block in blocks:
        for item in block.items:
            ex = catalog.exercise(item.exercise_id)
            if item.role == "drill":
                total += drill_seconds(ex) + DRILL_GAP_S
                continue
            if item.role == "ramp":
                total += sum(ramp_set_seconds(ex, s.reps_max) for s in item.sets)
                continue
            total += transition
            if item.superset is not None:
                supersets.setdefault(item.superset, []).append(item)
                continue
            total += sum(set_seconds(ex, s) + s.rest_s for s in item.working_sets)
    for pair in supersets.values():
        # alternate the two exercises: each round costs both sets' work plus the longer rest once
        rounds = max(len(i.working_sets) for i in pair)
        for r in range(rounds):
            work = 0
            rest = 0
            for item in pair:
                if r < len(item.working_sets):
                    s = item.working_sets[r]
                    work += set_seconds(catalog.exercise(item.exercise_id), s)
                    rest = max(rest, s.rest_s)
            total += work + rest
    return total
