"""How recovered each muscle node is right now, from what was logged, and whether it may be loaded hard.

A thin reading of the logged workouts through ``science.recovery``'s fatigue model (role fractions
target 1 / synergist 0.5 / stabiliser 0; effort from reps in reserve, a failure set at 0 RIR, a set
without RIR assumed at 2; 24 h half-life; see that module for the calibration and its sources). Each
hard set is its own entry at its own time, so a long session fades set by set. Warm-up and drop sets
add no fatigue here, as they add no hard-set volume.

Roll-up. A parent node reads its *least* recovered part (the minimum over the node and its parts):
if one rhomboid is tired the rhomboids are not ready, whatever the other reads. This is the same
reading ``science.recovery.recovery_percent`` gives with a catalogue.

Only sets done at or before ``now`` count, so the same history can be read as of any moment. The
hard floor (``hard_loading_allowed``) is ACSM's 48 h between sessions that target the same muscle
group (Garber et al. 2011, MSSE 43:1334) [S], whatever the model reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from backcoach.catalog.catalog import Catalog
from backcoach.errors import InputError
from backcoach.science.recovery import (
    DEFAULT_MODEL,
    ExerciseLog,
    RecoveryModel,
    hours_until_hard_loading_allowed,
    recovery_by_muscle,
)
from backcoach.sessions.records import Workout


def _check_now(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise InputError(f"now: '{now.isoformat()}' needs a time zone")


def exercise_logs(workouts: Iterable[Workout], catalog: Catalog, now: datetime) -> list[ExerciseLog]:
    """One science-layer log entry per hard set done at or before ``now``."""
    _check_now(now)
    return [
        ExerciseLog(s.performed_at, catalog.exercises[s.exercise_id], (s.effective_rir,))
        for workout in workouts
        for s in workout.hard_sets
        if s.performed_at <= now and s.exercise_id in catalog.exercises  # own exercises: no muscle map
    ]


def recovery_now(
    workouts: Iterable[Workout], catalog: Catalog, now: datetime, *, model: RecoveryModel = DEFAULT_MODEL
) -> dict[str, float]:
    """Recovery (0-100 %) of every catalogue muscle node; a parent reads its least recovered part."""
    by_muscle = recovery_by_muscle(now, exercise_logs(workouts, catalog, now), model=model)
    return {node: min(by_muscle.get(part, 100.0) for part in catalog.parts(node)) for node in catalog.muscles}


def hours_until_hard(node: str, workouts: Iterable[Workout], catalog: Catalog, now: datetime) -> float:
    """Hours before ``node`` (or any of its parts) may be a target again: 0 when it may now."""
    catalog.muscle(node)
    logs = exercise_logs(workouts, catalog, now)
    return hours_until_hard_loading_allowed(node, now, logs, catalog=catalog)


def hard_loading_allowed(node: str, workouts: Iterable[Workout], catalog: Catalog, now: datetime) -> bool:
    """False while a hard set that targeted ``node`` or one of its parts was done under 48 h ago."""
    return hours_until_hard(node, workouts, catalog, now) == 0.0
