"""The plan as the safety guards see it, and the last check before a plan is returned.

Every working set of every week goes through ``safety.guards.check_week``; a violation here is a
planner defect (``PlanBug``), never something a person sees.
"""

from __future__ import annotations

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import LoadType
from backcoach.planning.plan import Plan
from backcoach.planning.profile import Profile
from backcoach.safety.guards import PlannedSession, Prescription, Trainee, check_week
from backcoach.safety.screening import Outcome

# How many violations a PlanBug's message names.
REPORTED_VIOLATIONS = 5


class PlanBug(RuntimeError):
    """The planner produced something the safety guards reject: a defect, never user-facing."""


def trainee_of(profile: Profile) -> Trainee:
    """The person as the guards see them (their own level and screening, not the effective ones)."""
    return Trainee(
        level=profile.level,
        body_weight_kg=profile.bodyweight_kg,
        e1rm_kg=profile.e1rm_kg,
        screening=Outcome(profile.screening.value),
    )


def planned_sessions(plan: Plan, catalog: Catalog) -> list[PlannedSession]:
    """Every session's working sets as the guards' prescriptions (a band's load is not a weight)."""
    out = []
    for week in plan.weeks:
        for s in week.sessions:
            items = []
            for item in s.items:
                if item.role in ("drill", "ramp") or not item.working_sets:
                    continue
                first = item.working_sets[0]
                exercise = catalog.exercise(item.exercise_id)
                items.append(
                    Prescription(
                        exercise,
                        len(item.working_sets),
                        (first.reps_min, first.reps_max),
                        first.load_kg if exercise.load_type is not LoadType.BAND else None,
                        first.rir if first.rir is not None else 0,  # none: judged as to failure
                    )
                )
            out.append(PlannedSession(s.date, tuple(items)))
    return out


def check_safe(plan: Plan, catalog: Catalog) -> None:
    """Raise ``PlanBug`` when any session breaks a safety guard."""
    violations = check_week(planned_sessions(plan, catalog), trainee_of(plan.profile), catalog=catalog)
    if violations:
        raise PlanBug("; ".join(f"{v.rule_key}: {v.message}" for v in violations[:REPORTED_VIOLATIONS]))
