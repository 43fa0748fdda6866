"""Warming up and cooling down: ramp sets before the first working set, and drill blocks around a session.

(a) Ramp sets (``ramp_sets``, ``bodyweight_ramp``, ``ramp_for``). For a working load W the ramp climbs
    through about 45 % × 8, 65 % × 5 and 85 % × 3 of W, each rounded down to the equipment, after the
    NSCA 1RM-test ramp (light 5–10 reps, 3–5 reps, near-maximal 2–3 reps) and coaches' working-set
    ramps (training-science.md §7) [S]. Steps below the lightest load are skipped and steps that
    round to the same load or to W are dropped. On a bar, an empty-bar set opens the ramp when the
    first step is at least twice the bar or fewer than two sets are left, so a heavy lift gets four
    sets and a light one fewer; other equipment with no step left gets one set at its lightest load.
    Exercises loaded by body weight ramp by difficulty instead (reps only; data/warmup.yaml).

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
from backcoach.catalog.models import Category, Dose, Exercise, LoadType, Role
from backcoach.errors import InputError
from backcoach.science.loading import Loadable, PlateSet, round_load
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
    percent: float = Field(gt=0, lt=100)
    reps: int = Field(ge=1)


class _Ramp(Frozen):
    source: str
    confidence: str
    steps: tuple[_Step, ...] = Field(min_length=1)
    empty_bar_ratio: float = Field(gt=1)
    empty_bar_reps: int = Field(ge=1)


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


def ramp_sets(
    exercise_id: str, working_kg: float, *, loadable: Loadable | None = None
) -> tuple[RampSet, ...]:
    """Loaded ramp sets up to ``working_kg``, rounded down to ``loadable`` when given."""
    working = positive_mass(working_kg, "the working load")
    spec = warmup_table().ramp
    lightest = loadable.lightest_kg if loadable is not None else 0.0
    out: list[RampSet] = []
    for step in spec.steps:
        target = working * step.percent / 100
        if target < lightest - _EPS:
            continue  # below the empty bar or the lightest dumbbell: nothing to load
        load = round_load(target, loadable) if loadable is not None else target
        if load >= working - _EPS or (out and load <= (out[-1].load_kg or 0.0) + _EPS):
            continue
        out.append(_loaded(exercise_id, load, step.reps, working))
    if loadable is None or lightest >= working - _EPS:
        return tuple(out)
    if isinstance(loadable, PlateSet):
        # The empty bar opens the ramp when the first step is far above it, or the ramp is short.
        first = out[0].load_kg if out else None
        if first is None or (
            first > lightest + _EPS and (len(out) < 2 or first >= spec.empty_bar_ratio * lightest)
        ):
            out.insert(0, _loaded(exercise_id, lightest, spec.empty_bar_reps, working, note="empty bar"))
    elif not out:
        out.append(_loaded(exercise_id, lightest, spec.steps[-1].reps, working, note="lightest load"))
    return tuple(out)


def _loaded(exercise_id: str, load: float, reps: int, working: float, note: str = "") -> RampSet:
    return RampSet(exercise_id, reps, load_kg=load, percent=round(load / working * 100, 1), note=note)


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
) -> tuple[RampSet, ...]:
    """The ramp that suits ``exercise``: loaded for external loads, by difficulty otherwise.

    Holds, timed drills and warm-up or cool-down drills get no ramp (they are the warm-up).
    """
    if exercise.category in DRILL_CATEGORIES or (exercise.dose is not None and exercise.dose.kind != "reps"):
        return ()
    if exercise.load_type is LoadType.EXTERNAL:
        if working_kg is None:
            raise InputError(f"'{exercise.id}' is loaded in kg: give the working load")
        return ramp_sets(exercise.id, working_kg, loadable=loadable)
    return bodyweight_ramp(exercise, working_reps)


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


def _covers(catalog: Catalog, drill: Exercise, targets: Sequence[str]) -> frozenset[str]:
    worked = {i.muscle for i in drill.muscles if i.role is not Role.STABILISER}
    return frozenset(t for t in targets if worked & _related(catalog, t))


def _greedy(
    catalog: Catalog, pool: Sequence[Exercise], targets: Sequence[str], limit: int
) -> list[tuple[Exercise, frozenset[str]]]:
    chosen: list[tuple[Exercise, frozenset[str]]] = []
    left = set(targets)
    candidates = sorted(pool, key=lambda e: e.id)
    while left and len(chosen) < limit:
        scored = [(len(_covers(catalog, d, sorted(left))), d) for d in candidates]
        best_score, best = max(scored, key=lambda p: p[0], default=(0, None))
        if best is None or best_score == 0:
            break
        gained = _covers(catalog, best, sorted(left))
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
