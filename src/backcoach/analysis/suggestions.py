"""What to do next session: the plan's exercises with a load and rep range from what was actually done.

Each loaded exercise of the planned session goes through a progression rule from
``science.progression`` (by its registry key), fed the person's logged history of that exercise.

Default rule by level (``DEFAULT_RULE``):

* beginner and intermediate: ``double`` (reps up through the planned range, then load). It needs
  nothing but reps, which people count reliably, whereas reps-in-reserve ratings are off by about a
  rep near failure and by more when far from it, worse in the inexperienced (Hackett et al. 2017;
  Zourdos et al. 2016) [V]; and it is ACSM 2009's 8–12RM progression for novices and
  intermediates (training-science.md §2) [V].
* advanced: ``rpe`` (next load from the e1RM the last set's RIR implies). Trained lifters rate RIR
  most accurately (Zourdos et al. 2016; Helms et al. 2016) [R], and near their ceiling
  day-to-day readiness moves more than the fixed 2.5 % step does, which autoregulation absorbs.

From logs to the rule's records. Per workout, the hard sets (working or failure; warm-up and drop
sets excluded) of the exercise at its *heaviest* load that day: back-off sets at a lighter load are a
different prescription and would read as missed reps. A set's RIR is its effective RIR (0 for a
failure set). Loads are kilograms whatever unit was typed.

Rule settings from the planned item: the rep range of its working sets (``double``, ``sum``); one
target number (``linear``, ``rpe``, ``nsca-2for2``) is the top of that range, the demanding end, so a
load goes up only once the whole range is mastered; ``sum`` aims at the top times the number of
sets; ``rpe`` aims at the planned RIR (2 when the plan gives none). Increments come from the level
and the exercise's body region (``science.progression.increments``); loads round down to the
equipment given, or to the exercise's typical equipment.

No history, or no loaded history (body-weight work), keeps the planned prescription and says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Exercise, Level
from backcoach.planning.plan import PlanItem, Session
from backcoach.science.loading import Loadable, typical_loadable
from backcoach.science.progression.increments import body_region
from backcoach.science.progression.records import Action, SetResult, WorkoutRecord
from backcoach.science.progression.registry import make_rule, rule_class
from backcoach.sessions.records import LoggedSet, Workout

DEFAULT_RULE: Final = {Level.BEGINNER: "double", Level.INTERMEDIATE: "double", Level.ADVANCED: "rpe"}

# When the plan gives no RIR for an RPE-ruled exercise: the middle of the usual 0–4 RIR working range
# (RP landmarks, training-science.md §3), as science.recovery assumes for sets logged without RIR.
DEFAULT_TARGET_RIR: Final = 2.0

SAME_LOAD_KG: Final = 1e-6


@dataclass(frozen=True)
class Suggestion:
    exercise_id: str
    load_kg: float | None  # None: body weight, or no load to suggest
    reps_min: int
    reps_max: int
    action: Action
    reason: str
    rir: float | None = None
    rule: str | None = None  # the progression rule's key, when one decided


def workout_records(history: Iterable[Workout], exercise_id: str) -> list[WorkoutRecord]:
    """The exercise's loaded workouts as progression records (top load of the day), oldest first."""
    records: list[WorkoutRecord] = []
    for workout in sorted(history, key=lambda w: w.started_at):
        loaded = [
            s
            for s in workout.hard_sets
            if s.exercise_id == exercise_id and s.load_kg is not None and s.load_kg > 0
        ]
        if not loaded:
            continue
        top = max(_kg(s) for s in loaded)
        sets = tuple(SetResult(s.reps, s.effective_rir) for s in loaded if _kg(s) >= top - SAME_LOAD_KG)
        records.append(WorkoutRecord(workout.started_at.date(), top, sets))
    return records


def _kg(s: LoggedSet) -> float:
    assert s.load_kg is not None
    return s.load_kg


def _rule_settings(key: str, item: PlanItem) -> dict[str, Any]:
    working = item.working_sets
    low = min(s.reps_min for s in working)
    high = max(s.reps_max for s in working)
    rir = next((float(s.rir) for s in working if s.rir is not None), DEFAULT_TARGET_RIR)
    match key:
        case "double":
            return {"reps_min": low, "reps_max": high}
        case "sum":
            return {"reps_min": low, "reps_max": high, "total_reps": high * len(working)}
        case "linear":
            return {"reps": high}
        case "rpe":
            return {"target_reps": high, "target_rir": rir}
        case "nsca-2for2":
            return {"goal_reps": high}
    return {}


def _planned(item: PlanItem, reason: str) -> Suggestion:
    working = item.working_sets
    first = working[0]
    return Suggestion(
        item.exercise_id,
        first.load_kg,
        min(s.reps_min for s in working),
        max(s.reps_max for s in working),
        Action.HOLD,
        reason,
        float(first.rir) if first.rir is not None else None,
    )


def suggest_for(
    item: PlanItem,
    exercise: Exercise,
    history: Iterable[Workout],
    catalog: Catalog,
    level: Level,
    rule_key: str,
    loadable: Loadable | None,
) -> Suggestion:
    """The suggestion for one planned item (which must have working sets)."""
    records = workout_records(history, item.exercise_id)
    if not records:
        if all(s.load_kg is None for s in item.working_sets):
            return _planned(item, "body-weight work: keep the planned dose and add a rep where you can")
        return _planned(item, "no loaded sets logged yet for this exercise: start with the planned dose")
    rule = make_rule(
        rule_key,
        level=level,
        region=body_region(exercise, catalog),
        loadable=loadable if loadable is not None else typical_loadable(exercise),
        **_rule_settings(rule_key, item),
    )
    decision = rule.decide(records)
    return Suggestion(
        item.exercise_id,
        decision.load_kg,
        decision.reps_min,
        decision.reps_max,
        decision.action,
        decision.reason,
        decision.rir,
        rule_key,
    )


def next_session_suggestions(
    planned_session: Session,
    history: Iterable[Workout],
    catalog: Catalog,
    level: Level,
    rule_key: str | None = None,
    loadable: Loadable | None = None,
) -> list[Suggestion]:
    """One suggestion per planned exercise with working sets, in session order.

    ``rule_key`` None means the level's default (``DEFAULT_RULE``); ``loadable`` overrides the
    exercises' typical equipment for rounding.
    """
    key = rule_key if rule_key is not None else DEFAULT_RULE[level]
    rule_class(key)
    workouts = list(history)
    out: list[Suggestion] = []
    for item in planned_session.items:
        if not item.working_sets:
            continue
        exercise = catalog.exercise(item.exercise_id)
        out.append(suggest_for(item, exercise, workouts, catalog, level, key, loadable))
    return out
