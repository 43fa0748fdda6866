"""Warm-up and cool-down drills and ramp-up sets, trimmed to the time a session sets aside.

Each session opens with a warm-up (raise, breathing, mobility for the muscles it trains; RAMP,
Jeffreys 2007) and the main lift's ramp-up sets (science.warmup's rule, the one the ``backcoach
warmup`` command prints: as many as its intensity and the person's level ask), and closes with a
cool-down of stretches and slow breathing; the source article asks for both. The drills come from
what the person may do at all (``usable_catalog``); each block is trimmed to its allowance, so the
solver's budget for the working sets stays exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Level, LoadType
from backcoach.planning.candidates import unsuitable_reason
from backcoach.planning.plan import PlanItem, SetSpec
from backcoach.planning.profile import Profile, Unit
from backcoach.planning.timing import DRILL_REST_S, RAMP_REST_S, drills_seconds
from backcoach.science.loading import typical_loadable
from backcoach.science.warmup import Block as DrillBlock
from backcoach.science.warmup import (
    cooldown_block,
    ramp_for,
    ramp_ladder,
    warmup_block,
)
from backcoach.science.warmup import loaded_ramp as loaded_ramp
from backcoach.science.warmup import ramp_steps as ramp_steps
from backcoach.science.warmup import working_percent as working_percent

# Warm-up and cool-down allowances: a share of the session, within bounds in seconds. Iversen et al.
# 2021 advise short, specific warm-ups; a few minutes of raise, breathing and mobility is what RAMP
# asks (Jeffreys 2007; training-science.md section 7). Our shares: about 7 minutes of a 60-minute
# session warming up and 5 cooling down, never under 4 and 2.5 minutes, never over 10 and 7.
WARMUP_SHARE, WARMUP_BOUNDS = 0.12, (240, 600)
COOLDOWN_SHARE, COOLDOWN_BOUNDS = 0.08, (150, 420)
# Trimming keeps the warm-up's opening raise and breathing drills (RAMP's "raise" comes first).
WARMUP_KEPT_FIRST = 2
# Trimming keeps the cool-down's closing breathing drill.
COOLDOWN_KEPT_LAST = 1
# The article pairs back work with upper-arm work: without arm exercises, the cool-down carries
# one of these stretches, in order of preference.
UPPER_ARM_STRETCHES = ("triceps-overhead-stretch", "biceps-wall-stretch")

# The ramp-up rule's ladder, (percent of 1RM, reps), from science.warmup (data/warmup.yaml): the
# plan and the ``backcoach warmup`` command share one rule.
RAMP_LADDER: Final = ramp_ladder()

Blocks = tuple[tuple[PlanItem, ...], tuple[PlanItem, ...]]


def block_allowances(minutes: int) -> tuple[int, int]:
    """Seconds set aside for the warm-up and the cool-down: a share of the session within bounds.

    Iversen et al. 2021 advise short, specific warm-ups; a few minutes of raise, breathing and
    mobility is what RAMP asks (Jeffreys 2007). The drills are trimmed to fit, so the solver's
    budget for the working sets is exact."""
    total = minutes * 60
    warm = min(max(round(total * WARMUP_SHARE), WARMUP_BOUNDS[0]), WARMUP_BOUNDS[1])
    cool = min(max(round(total * COOLDOWN_SHARE), COOLDOWN_BOUNDS[0]), COOLDOWN_BOUNDS[1])
    return warm, cool


def usable_catalog(person: Profile, catalog: Catalog) -> Catalog:
    """The catalogue cut to what this person may do at all (level, equipment, exclusions, spinal
    load): the warm-up, the cool-down and the ramp-up sets choose from it."""
    keep = {i: e for i, e in catalog.exercises.items() if unsuitable_reason(e, person, catalog) is None}
    return replace(catalog, exercises=keep)


class SessionDrills:
    """The warm-up and cool-down drills of one person's sessions. Weeks repeat the same sessions,
    so each session's blocks are worked out once and remembered."""

    def __init__(self, *, usable: Catalog, equipment: frozenset[str], minutes: int) -> None:
        self.usable = usable
        self.equipment = equipment
        self.minutes = minutes
        self._known: dict[tuple[tuple[str, ...], bool], Blocks] = {}

    def blocks(self, exercises: Sequence[Exercise], *, has_arms: bool) -> Blocks:
        """Warm-up and cool-down drills for a session of ``exercises``, trimmed to their time."""
        key = (tuple(e.id for e in exercises), has_arms)
        known = self._known.get(key)
        if known is not None:
            return known
        warm_s, cool_s = block_allowances(self.minutes)
        chosen = tuple(exercises)
        warm = drill_items(warmup_block(self.usable, chosen, self.equipment))
        cool = with_upper_arm_stretch(
            drill_items(cooldown_block(self.usable, chosen, self.equipment)),
            usable=self.usable,
            has_arms=has_arms,
        )
        warm = trim(warm, warm_s, catalog=self.usable, keep_first=WARMUP_KEPT_FIRST)
        # Keep the upper-arm stretch (first, when added) and the closing breathing drill.
        stretch_first = not has_arms and bool(cool) and cool[0].exercise_id in UPPER_ARM_STRETCHES
        cool = trim(
            cool, cool_s, catalog=self.usable, keep_first=int(stretch_first), keep_last=COOLDOWN_KEPT_LAST
        )
        self._known[key] = (warm, cool)
        return warm, cool


def trim(
    items: tuple[PlanItem, ...],
    allowance: int,
    *,
    catalog: Catalog,
    keep_first: int = 0,
    keep_last: int = 0,
) -> tuple[PlanItem, ...]:
    """Drop drills from the end (sparing the first and last few) until the block fits its seconds."""
    out = list(items)
    while out and drills_seconds(out, catalog) > allowance:
        removable = range(keep_first, len(out) - keep_last)
        if not removable:
            break
        del out[removable[-1]]
    return tuple(out)


def drill_items(block: DrillBlock) -> tuple[PlanItem, ...]:
    """Plan items for a warm-up or cool-down block, each at the low end of its dose."""
    out = []
    for drill in block.items:
        dose = drill.dose
        low, high = int(dose.range.min), int(dose.range.max)
        if dose.kind == "reps" or dose.kind == "breaths":
            spec = SetSpec("warmup", low, high, None, None, DRILL_REST_S)
        else:
            spec = SetSpec("warmup", 1, 1, None, None, DRILL_REST_S, hold_s=low)
        out.append(PlanItem(drill.exercise_id, (spec,), None, "drill", drill.role.value))
    return tuple(out)


def with_upper_arm_stretch(
    cool: tuple[PlanItem, ...], *, usable: Catalog, has_arms: bool
) -> tuple[PlanItem, ...]:
    """The article pairs back work with upper-arm work: without arm exercises, the cool-down
    carries an upper-arm stretch, first, where trimming the cool-down to its time keeps it."""
    if has_arms:
        return cool
    present = next((i for i in cool if i.exercise_id in UPPER_ARM_STRETCHES), None)
    if present is not None:
        return (present, *(i for i in cool if i is not present))
    for stretch_id in UPPER_ARM_STRETCHES:
        stretch = usable.exercises.get(stretch_id)
        if stretch is not None and stretch.dose is not None:
            hold = int(stretch.dose.range.min)
            spec = SetSpec("warmup", 1, 1, None, None, DRILL_REST_S, hold_s=hold)
            return (PlanItem(stretch_id, (spec,), None, "drill", "stretch"), *cool)
    return cool


def warm_up(drills: tuple[PlanItem, ...], ramps: Sequence[PlanItem]) -> tuple[PlanItem, ...]:
    """The warm-up block: its drills, then the ramp-up sets, each exercise once. A drill that is also
    a ramp set's easier variant (a hip-hinge drill before a hinge) is done as that ramp set."""
    ramped = {r.exercise_id for r in ramps}
    return (*(d for d in drills if d.exercise_id not in ramped), *ramps)


def ramp(
    exercise: Exercise, item: PlanItem, *, usable: Catalog, unit: Unit, level: Level | None = None
) -> tuple[PlanItem, ...]:
    """Ramp-up sets before the main lift's first working set, by science.warmup's rule for its
    working reps, reps in reserve and the person's level: loaded lifts climb in shares of the
    working load on typical equipment; body-weight lifts climb by difficulty, perhaps on an easier
    variant the person may do. One item per exercise used. Holds, timed work and drills get none:
    they are the warm-up."""
    work = item.working_sets[0]
    if work.hold_s is not None or (exercise.load_type is LoadType.EXTERNAL and work.load_kg is None):
        return ()
    easier = tuple(r for r in exercise.regressions if r in usable.exercises)
    climb = ramp_for(
        exercise.model_copy(update={"regressions": easier}),
        working_reps=work.reps_max,
        working_kg=work.load_kg,
        loadable=typical_loadable(exercise, unit.value),
        rir=work.rir,
        level=level,
    )
    grouped: dict[str, list[SetSpec]] = {}
    for r in climb:
        grouped.setdefault(r.exercise_id, []).append(
            SetSpec("warmup", r.reps, r.reps, _kept(r.load_kg), None, RAMP_REST_S)
        )
    return tuple(
        PlanItem(exercise_id, tuple(sets), None, "ramp", ramp_note(len(sets)))
        for exercise_id, sets in grouped.items()
    )


def _kept(load_kg: float | None) -> float | None:
    """A ramp load as the plan keeps loads: to 0.01 kg."""
    return round(load_kg, 2) if load_kg is not None else None


def ramp_note(sets: int) -> str:
    if sets == 1:
        return "A lighter ramp-up set before your first working set."
    return f"{sets} ramp-up sets, each heavier, before your first working set."
