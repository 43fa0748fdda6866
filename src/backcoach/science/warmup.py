"""Warming up and cooling down: ramp sets before the first working set, and drill blocks around a session.

(a) Ramp sets (``ramp_steps``, ``loaded_ramp``, ``ramp_sets``, ``bodyweight_ramp``, ``ramp_for``): the
    one rule the plan and the ``backcoach warmup`` command share. A ladder of 45 % x 8, 55 % x 5,
    65 % x 2 and 75 % x 1 of the 1RM, the middles of coaches' bands (biolayne.com; the NSCA 1RM
    ramp climbs alike) [S], keeps its steps at least 10 % of the 1RM below the working sets [H],
    whose own share of the 1RM the RTS chart gives for their reps plus reps in reserve [S]. Light
    work gets one step or none, heavy work up to four sets; a single-joint lift or a beginner's
    lift gets one at most [H]. Each step is the same share of the working load, rounded down to
    the equipment, below the working load and heavier than the one before; heavy work on a bar
    opens with the empty bar (davidmiserak.com) [S] (training-science.md §7; data/warmup.yaml).
    Exercises loaded by body weight climb by difficulty instead, one set per step.

(b) Blocks (``warmup_block``, ``cooldown_block``) built from catalogue drills, following RAMP (Raise;
    Activate and Mobilise; Potentiate — Jeffreys 2007) [S]: a raise drill, a breathing drill, and
    mobility/activation drills (categories warmup and mobility) chosen to cover the muscles the
    session targets; no static stretching before training (NSCA Essentials) [S]. The cool-down covers
    the same muscles with stretches (category cooldown) and ends with a breathing drill. Choices are
    greedy and deterministic: most newly covered muscles first, then id order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Final, Literal, Self

from pydantic import Field, model_validator

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Category, Dose, Exercise, Level, LoadType, Role
from backcoach.errors import InputError
from backcoach.science.intensity import MAX_REPS_TO_FAILURE, rts_curve
from backcoach.science.loading import Loadable, PlateSet
from backcoach.science.tables import Frozen, load_table
from backcoach.science.units import positive_mass

WARMUP_FILE: Final = "warmup.yaml"
_EPS: Final = 1e-6

# Categories that are preparation or recovery, not training: they never set the session's targets.
DRILL_CATEGORIES: Final = frozenset({Category.WARMUP, Category.COOLDOWN, Category.MOBILITY})


class DrillRole(StrEnum):
    RAISE = "raise"
    BREATHING = "breathing"
    MOBILITY = "mobility"
    ACTIVATION = "activation"
    STRETCH = "stretch"


class _Step(Frozen):
    percent_1rm: float = Field(gt=0, lt=100)
    reps: int = Field(ge=1)


class _Ramp(Frozen):
    source: str
    confidence: str
    steps: tuple[_Step, ...] = Field(min_length=1)
    below_work_percent: float = Field(gt=0, lt=100)
    max_sets: int = Field(ge=1)
    max_sets_single_joint: int = Field(ge=0)
    max_sets_beginner: int = Field(ge=0)
    empty_bar_ratio: float = Field(gt=1)
    empty_bar_reps: int = Field(ge=1)
    budget_reps: tuple[int, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _a_ladder_that_climbs(self) -> Self:
        percents = [s.percent_1rm for s in self.steps]
        reps = [s.reps for s in self.steps]
        if percents != sorted(set(percents)):
            raise ValueError("the ramp steps' percentages must rise")
        if reps != sorted(reps, reverse=True):
            raise ValueError("the ramp steps' reps must not rise")
        if max(self.max_sets_single_joint, self.max_sets_beginner) > self.max_sets:
            raise ValueError("a capped ramp cannot be longer than max_sets")
        if len(self.budget_reps) < self.max_sets or sum(self.budget_reps) < self.longest_reps():
            raise ValueError("budget_reps must cover the longest ramp the rule gives")
        return self

    def longest_reps(self) -> int:
        """Reps of the longest ramp the rule can give: the empty bar then the first steps, or the
        first ``max_sets`` steps alone."""
        reps = [s.reps for s in self.steps]
        opener = max(self.empty_bar_reps, reps[0] + 1)
        return max(sum(reps[: self.max_sets]), opener + sum(reps[: self.max_sets - 1]))


class _Bodyweight(Frozen):
    note: str
    confidence: str
    share_of_working_reps: float = Field(gt=0, le=1)
    minimum_reps: int = Field(ge=1)
    partial_reps: int = Field(ge=1)


class _Blocks(Frozen):
    source: str
    confidence: str
    raise_: tuple[str, ...] = Field(alias="raise")
    breathing: tuple[str, ...]
    cooldown_breathing: tuple[str, ...]
    max_prep_drills: int = Field(ge=1)
    max_stretches: int = Field(ge=1)
    default_doses: dict[DrillRole, Dose]

    @model_validator(mode="after")
    def _every_role(self) -> Self:
        if set(self.default_doses) != set(DrillRole):
            raise ValueError("default_doses needs a dose for every drill role")
        return self


class WarmupTable(Frozen):
    ramp: _Ramp
    bodyweight: _Bodyweight
    blocks: _Blocks


@cache
def warmup_table() -> WarmupTable:
    return load_table(WARMUP_FILE, WarmupTable)


# ---------------------------------------------------------------------- ramp sets


@dataclass(frozen=True)
class RampSet:
    """One warm-up set: a load (kg; None for body-weight ramps), reps, and its share of the working load."""

    exercise_id: str
    reps: int
    load_kg: float | None = None
    percent: float | None = None  # of the working load, after rounding
    note: str = ""


def ramp_ladder() -> tuple[tuple[float, int], ...]:
    """The ladder's steps as (percent of the 1RM, reps), lightest first."""
    return tuple((s.percent_1rm, s.reps) for s in warmup_table().ramp.steps)


def working_percent(reps: int, rir: int | None) -> float:
    """The working sets' share of the 1RM: ``reps`` with ``rir`` in reserve on the RTS chart
    (training-science.md §1.3), counted as the chart's lightest row beyond its end."""
    return rts_curve(min(max(1, reps + (rir or 0)), MAX_REPS_TO_FAILURE))


def ramp_steps(
    exercise: Exercise, *, reps: int, rir: int | None, level: Level | None = None
) -> tuple[tuple[float, int], ...]:
    """The ladder's steps (percent of 1RM, reps) at least ``below_work_percent`` under this working
    set: none or one for light work, single-joint lifts and beginners, more for heavy compound lifts."""
    spec = warmup_table().ramp
    work = working_percent(reps, rir)
    steps = tuple(step for step in ramp_ladder() if step[0] <= work - spec.below_work_percent)
    cap = spec.max_sets_single_joint if exercise.mechanic == "isolation" else spec.max_sets
    if level is Level.BEGINNER:
        cap = min(cap, spec.max_sets_beginner)
    return steps[:cap]


def _climb(
    working_kg: float,
    *,
    reps: int,
    rir: int | None,
    steps: Sequence[tuple[float, int]],
    loadable: Loadable | None,
) -> list[tuple[float, int, str]]:
    """(exact load, reps, note) of the loaded ramp sets; see ``loaded_ramp``. The rule decides on
    loads kept to 0.01 kg, as a plan stores them; the exact load stays for showing in pounds."""
    if not steps:
        return []
    spec = warmup_table().ramp
    work = working_percent(reps, rir)
    lightest = loadable.lightest_kg if loadable is not None else 0.0
    top_kg = working_kg * steps[-1][0] / work
    out: list[tuple[float, int, str, float]] = []  # rounded load, reps, note, exact load
    for percent, step_reps in steps:
        target = working_kg * percent / work
        found = loadable.at_most(target) if loadable is not None else round(target, 1)
        # below the lightest load: the lightest stands in while it is no heavier than the top step
        load = found if found is not None else (lightest if lightest <= top_kg + _EPS else None)
        if load is None or load <= 0 or load >= working_kg - _EPS or (out and load <= out[-1][0] + _EPS):
            continue
        stand_in = "empty bar" if isinstance(loadable, PlateSet) else "lightest load"
        out.append((round(load, 2), step_reps, "" if found is not None else stand_in, load))
    if (
        isinstance(loadable, PlateSet)
        and len(steps) > 1
        and out
        and out[0][0] >= spec.empty_bar_ratio * lightest
        and len(out) < spec.max_sets
    ):
        out.insert(0, (round(lightest, 2), max(spec.empty_bar_reps, out[0][1] + 1), "empty bar", lightest))
    return [(exact, step_reps, note) for _, step_reps, note, exact in out]


def loaded_ramp(
    working_kg: float,
    *,
    reps: int,
    rir: int | None,
    steps: Sequence[tuple[float, int]],
    loadable: Loadable | None,
) -> tuple[tuple[float, int], ...]:
    """(load, reps) of the ramp sets before ``working_kg``: each step's share of the working load
    (its percent of 1RM over the working sets'), rounded down to ``loadable`` (to 0.1 kg without
    one), never at or above the working load, each heavier than the one before; heavy bar work
    opens with the empty bar."""
    climb = _climb(working_kg, reps=reps, rir=rir, steps=steps, loadable=loadable)
    return tuple((round(load, 2), step_reps) for load, step_reps, _ in climb)


def _whole(value: int, what: str, lowest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < lowest:
        raise InputError(f"{what} must be a whole number of at least {lowest}, got {value!r}")
    return value


def ramp_sets(
    exercise: Exercise,
    working_kg: float,
    *,
    working_reps: int,
    rir: int | None = None,
    level: Level | None = None,
    loadable: Loadable | None = None,
) -> tuple[RampSet, ...]:
    """Loaded ramp sets before ``working_kg`` for ``working_reps`` at ``rir`` in reserve."""
    working = positive_mass(working_kg, "the working load")
    reps = _whole(working_reps, "working reps", 1)
    reserve = None if rir is None else _whole(rir, "reps in reserve", 0)
    steps = ramp_steps(exercise, reps=reps, rir=reserve, level=level)
    return tuple(
        RampSet(exercise.id, r, load_kg=load, percent=round(load / working * 100, 1), note=note)
        for load, r, note in _climb(working, reps=reps, rir=reserve, steps=steps, loadable=loadable)
    )


def bodyweight_ramp(exercise: Exercise, working_reps: int) -> tuple[RampSet, ...]:
    """Reps-only ramp for a body-weight exercise: an easier variant or a partial range, then partial reps."""
    if isinstance(working_reps, bool) or not isinstance(working_reps, int) or working_reps < 1:
        raise InputError(f"working reps must be a whole number of at least 1, got {working_reps!r}")
    spec = warmup_table().bodyweight
    first_reps = max(spec.minimum_reps, math.ceil(working_reps * spec.share_of_working_reps))
    if exercise.regressions:
        return (
            RampSet(exercise.regressions[0], first_reps, note="easier variant"),
            RampSet(exercise.id, spec.partial_reps, note="partial range"),
        )
    return (RampSet(exercise.id, first_reps, note="partial range"),)


def ramp_for(
    exercise: Exercise,
    *,
    working_reps: int,
    working_kg: float | None = None,
    loadable: Loadable | None = None,
    rir: int | None = None,
    level: Level | None = None,
) -> tuple[RampSet, ...]:
    """The ramp that suits ``exercise`` before ``working_reps`` at ``rir`` in reserve (None: to
    failure) for a person at ``level`` (None: not a beginner): loaded for external loads, by
    difficulty otherwise, one set per step ``ramp_steps`` allows.

    Holds, timed drills and warm-up or cool-down drills get no ramp (they are the warm-up).
    """
    if exercise.category in DRILL_CATEGORIES or (exercise.dose is not None and exercise.dose.kind != "reps"):
        return ()
    if exercise.load_type is LoadType.EXTERNAL:
        if working_kg is None:
            raise InputError(f"'{exercise.id}' is loaded in kg: give the working load")
        return ramp_sets(
            exercise, working_kg, working_reps=working_reps, rir=rir, level=level, loadable=loadable
        )
    reps = _whole(working_reps, "working reps", 1)
    reserve = None if rir is None else _whole(rir, "reps in reserve", 0)
    steps = ramp_steps(exercise, reps=reps, rir=reserve, level=level)
    return bodyweight_ramp(exercise, reps)[: len(steps)]


# ---------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class BlockItem:
    exercise_id: str
    name: str
    role: DrillRole
    dose: Dose
    muscles: tuple[str, ...] = ()  # the session's target muscles this drill covers


@dataclass(frozen=True)
class Block:
    kind: Literal["warm-up", "cool-down"]
    items: tuple[BlockItem, ...]
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]  # target muscles no available drill reaches
    source: str


def session_targets(session: Iterable[Exercise]) -> tuple[str, ...]:
    """The muscle ids the session's training exercises (drills excluded) target, sorted."""
    return tuple(
        sorted(
            {
                i.muscle
                for ex in session
                if ex.category not in DRILL_CATEGORIES
                for i in ex.muscles
                if i.role is Role.TARGET
            }
        )
    )


def _available(ex: Exercise, equipment: frozenset[str]) -> bool:
    return set(ex.equipment) <= equipment | {"none"}


def _is_breathing(ex: Exercise) -> bool:
    return ex.dose is not None and ex.dose.kind == "breaths"


def _is_raise(ex: Exercise) -> bool:
    return (
        ex.category is Category.WARMUP
        and ex.dose is not None
        and ex.dose.kind == "time_s"
        and not _is_breathing(ex)
    )


def _pick(
    catalog: Catalog, preferred: Sequence[str], fallback: Sequence[Exercise], equipment: frozenset[str]
) -> Exercise | None:
    for drill_id in preferred:
        drill = catalog.exercises.get(drill_id)
        if drill is not None and _available(drill, equipment):
            return drill
    return fallback[0] if fallback else None


def _related(catalog: Catalog, muscle_id: str) -> frozenset[str]:
    return catalog.parts(muscle_id) | {m.id for m in catalog.ancestors(muscle_id)}


def _greedy(
    catalog: Catalog, pool: Sequence[Exercise], targets: Sequence[str], limit: int
) -> list[tuple[Exercise, frozenset[str]]]:
    related = {t: _related(catalog, t) for t in targets}  # read once: the scoring asks many times
    worked = {d.id: {i.muscle for i in d.muscles if i.role is not Role.STABILISER} for d in pool}

    def covers(drill: Exercise, left: set[str]) -> frozenset[str]:
        return frozenset(t for t in left if worked[drill.id] & related[t])

    chosen: list[tuple[Exercise, frozenset[str]]] = []
    left = set(targets)
    candidates = sorted(pool, key=lambda e: e.id)
    while left and len(chosen) < limit:
        scored = [(len(covers(d, left)), d) for d in candidates]
        best_score, best = max(scored, key=lambda p: p[0], default=(0, None))
        if best is None or best_score == 0:
            break
        gained = covers(best, left)
        chosen.append((best, gained))
        left -= gained
        candidates.remove(best)
    return chosen


def _item(drill: Exercise, role: DrillRole, muscles: Iterable[str] = ()) -> BlockItem:
    dose = drill.dose if drill.dose is not None else warmup_table().blocks.default_doses[role]
    return BlockItem(drill.id, drill.name, role, dose, tuple(sorted(muscles)))


def _drills(catalog: Catalog, equipment: frozenset[str], categories: set[Category]) -> list[Exercise]:
    for item in equipment:
        catalog.equipment_item(item)
    return sorted(
        (e for e in catalog.exercises.values() if e.category in categories and _available(e, equipment)),
        key=lambda e: e.id,
    )


def warmup_block(catalog: Catalog, session: Sequence[Exercise], equipment: frozenset[str]) -> Block:
    """Raise, breathing, then mobility and activation drills for the session's target muscles."""
    spec = warmup_table().blocks
    drills = _drills(catalog, equipment, {Category.WARMUP, Category.MOBILITY})
    raise_drill = _pick(catalog, spec.raise_, [d for d in drills if _is_raise(d)], equipment)
    breathing = _pick(catalog, spec.breathing, [d for d in drills if _is_breathing(d)], equipment)
    items: list[BlockItem] = []
    if raise_drill is not None:
        items.append(_item(raise_drill, DrillRole.RAISE))
    if breathing is not None:
        items.append(_item(breathing, DrillRole.BREATHING))
    used = {i.exercise_id for i in items}
    pool = [
        d
        for d in drills
        if d.id not in used
        and not _is_breathing(d)
        and not _is_raise(d)
        and not (d.dose is not None and d.dose.kind == "hold_s")  # no static stretching (NSCA)
    ]
    targets = session_targets(session)
    chosen = _greedy(catalog, pool, targets, spec.max_prep_drills)
    for drill, gained in chosen:
        role = DrillRole.MOBILITY if drill.category is Category.MOBILITY else DrillRole.ACTIVATION
        items.append(_item(drill, role, gained))
    return _block("warm-up", items, targets, spec.source)


def cooldown_block(catalog: Catalog, session: Sequence[Exercise], equipment: frozenset[str]) -> Block:
    """Stretches (category cooldown) covering the session's target muscles, then a breathing drill."""
    spec = warmup_table().blocks
    drills = _drills(catalog, equipment, {Category.COOLDOWN})
    targets = session_targets(session)
    stretches = [d for d in drills if not _is_breathing(d)]
    items = [
        _item(d, DrillRole.STRETCH, gained)
        for d, gained in _greedy(catalog, stretches, targets, spec.max_stretches)
    ]
    every = _drills(catalog, equipment, set(DRILL_CATEGORIES))
    calm = sorted(
        (d for d in every if _is_breathing(d)), key=lambda d: (d.category is not Category.COOLDOWN, d.id)
    )
    breathing = _pick(catalog, spec.cooldown_breathing, calm, equipment)
    if breathing is not None:
        items.append(_item(breathing, DrillRole.BREATHING))
    return _block("cool-down", items, targets, spec.source)


def _block(
    kind: Literal["warm-up", "cool-down"], items: list[BlockItem], targets: Sequence[str], source: str
) -> Block:
    covered = sorted({m for item in items for m in item.muscles})
    return Block(
        kind=kind,
        items=tuple(items),
        covered=tuple(covered),
        uncovered=tuple(t for t in targets if t not in covered),
        source=source,
    )
