"""Profile → multi-week plan: screen, pick candidates, solve the week, lay out the weeks, check them.

The order of work:
1. the screening outcome may refuse a plan outright (see a professional, emergency: ``refusals``);
2. the level's ceiling and the person's days decide how many back sessions a week;
3. CP-SAT picks the days and each session's exercises and sets (``solver``, then ``fill``), twice:
   variant A, then variant B with the same days and main lifts but other accessories (``variants``);
4. weeks alternate A and B; every fifth week is a deload in the deload prescription's mode;
   ``start_gently`` lightens the first block (``weeks``, ``dosing``, ``drills``);
5. loads come from known e1RMs, else from conservative body-weight starting points, else are left
   for the first session to calibrate; they rise by the progression increments week to week;
6. every session is checked by the safety guards before the plan is returned (``safety_check``):
   a violation here is a bug, never something a person sees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.loader import curated
from backcoach.catalog.models import Exercise, Level
from backcoach.planning.candidates import back_leaves, candidate, eligible, excluded_reason, shortlist
from backcoach.planning.dosing import START_SHARE_OF_CAP
from backcoach.planning.drills import (
    COOLDOWN_BOUNDS,
    COOLDOWN_SHARE,
    UPPER_ARM_STRETCHES,
    WARMUP_BOUNDS,
    WARMUP_SHARE,
    SessionDrills,
    block_allowances,
    usable_catalog,
)
from backcoach.planning.explain import explain
from backcoach.planning.fill import fill_week
from backcoach.planning.plan import NoPlan, Plan, SolverReport
from backcoach.planning.prescription import prescriptions
from backcoach.planning.profile import Goal, Profile, Screening
from backcoach.planning.reach import MAIN, Reach, solve_reaching
from backcoach.planning.refusals import (
    above_ceiling,
    infeasible,
    missing_kinds,
    screening_refusal,
    too_short,
    unsolved,
)
from backcoach.planning.remedies import shortfalls
from backcoach.planning.safety_check import PlanBug, check_safe, planned_sessions, trainee_of
from backcoach.planning.schedule import spread_days
from backcoach.planning.solver import (
    Candidate,
    VolumeTarget,
    WeekProblem,
    minimum_session_seconds,
)
from backcoach.planning.time_use import time_use
from backcoach.planning.timing import DRILL_GAP_S
from backcoach.planning.variants import variant_b
from backcoach.planning.weeks import GENTLE_WEEKS, lay_out_weeks, volume_rows
from backcoach.safety.limits import guard_table, max_back_sessions
from backcoach.science.deload import DeloadPrescription
from backcoach.science.volume import landmarks

# The deload week's prescription (science.deload: sets × 0.6, and a 10 % lighter load in its default
# mode; Bell et al. 2022 and 2024). ``build_plan`` takes another through ``deload=``.
DELOAD = DeloadPrescription()
# Volume targets are in half-sets: a set counts 1 for a target muscle and 0.5 for a helper
# (Pelland et al. 2024, fractional counting), so the solver's integers count halves.
HALF_SETS = 2


def effective_level(profile: Profile) -> Level:
    """The level whose limits apply: beginner while the screening says to start gently."""
    return Level.BEGINNER if profile.screening is Screening.START_GENTLY else profile.level


@dataclass(frozen=True)
class _Setup:
    """What ``build_plan`` solves: the person at their effective level, the exercises that fit and
    the week model."""

    person: Profile
    pool: list[Exercise]
    problem: WeekProblem
    reserve_s: int  # seconds set aside for the warm-up and the cool-down


def _setup(profile: Profile, cat: Catalog) -> _Setup | NoPlan:
    refused = screening_refusal(profile.screening)
    if refused is not None:
        return refused
    level = effective_level(profile)
    ceiling = max_back_sessions(level)
    sessions = profile.sessions if profile.sessions is not None else min(len(profile.days), ceiling)
    if sessions > ceiling:
        return above_ceiling(sessions=sessions, level=level, ceiling=ceiling)
    person = profile.model_copy(update={"level": level})
    pool = eligible(person, cat)
    leaves = back_leaves(cat)
    cands = shortlist(with_hard_synergists(tuple(candidate(e, person, cat, leaves) for e in pool), pool))
    missing = missing_kinds(cands, person=person, catalog=cat)
    if missing is not None:
        return missing
    warm_s, cool_s = block_allowances(profile.minutes)
    days = spread_days(tuple(d.number for d in profile.days), sessions)
    volume = volume_targets(cands, person=person, catalog=cat)
    problem = WeekProblem(
        days=days,
        sessions=sessions,
        fixed_days=days,
        item_budget_s=profile.minutes * 60 - warm_s - cool_s,
        transition_s=prescriptions().transition_s,
        candidates=cands,
        volume=volume,
        week_start=profile.start.weekday(),
        main=main_groups(volume, level=level, catalog=cat),
    )
    return _Setup(person, pool, problem, warm_s + cool_s)


def week_problem(profile: Profile, catalog: Catalog | None = None) -> WeekProblem | None:
    """The weekly model ``build_plan`` solves for this profile (variant A), or None when the plan is
    refused or decided before solving (screening, ceiling, no main lift or core work, too short)."""
    setup = _setup(profile, catalog if catalog is not None else curated())
    if isinstance(setup, NoPlan):
        return None
    problem = setup.problem
    if problem.item_budget_s < minimum_session_seconds(problem.candidates, problem.transition_s):
        return None
    return problem


def build_plan(
    profile: Profile, catalog: Catalog | None = None, *, deload: DeloadPrescription = DELOAD
) -> Plan | NoPlan:
    """The person's multi-week plan, or why there is none; ``deload`` is the deload week's
    prescription (its mode picks a lighter load or more reps in reserve)."""
    cat = catalog if catalog is not None else curated()
    setup = _setup(profile, cat)
    if isinstance(setup, NoPlan):
        return setup
    person, problem = setup.person, setup.problem
    cands = problem.candidates
    if problem.item_budget_s < minimum_session_seconds(cands, problem.transition_s):
        return too_short(cands, minutes=profile.minutes, reserve_s=setup.reserve_s)
    solved, reach = solve_reaching(problem)
    week_a = fill_week(problem, solved)
    if week_a.status == "INFEASIBLE":
        return infeasible(
            week_a, cands, minutes=profile.minutes, sessions=problem.sessions, reserve_s=setup.reserve_s
        )
    if not week_a.solved:
        return unsolved(week_a)
    # variant B keeps every main muscle A brings to its minimum (or there is no variant B)
    reached = frozenset(reach.reached) if reach is not None else frozenset()
    week_b = variant_b(replace(problem, required=reached), week_a, weeks=profile.weeks)
    drills = SessionDrills(
        usable=usable_catalog(person, cat), equipment=profile.available_equipment, minutes=profile.minutes
    )
    weeks = lay_out_weeks(week_a, week_b, person=person, catalog=cat, drills=drills, deload=deload)
    plan = Plan(
        profile=profile,
        solver=SolverReport(
            week_a.status, week_a.objective, week_a.wall_ms + (week_b.wall_ms if week_b else 0)
        ),
        weeks=weeks,
        explanations=(),
        volume=volume_rows(weeks, person.level),
    )
    check_safe(plan, cat)
    plan = replace(
        plan,
        shortfalls=shortfalls(
            profile,
            problem,
            reach if reach is not None else Reach((), {}),
            sets={row.node: row.sets for row in plan.volume},
            level=person.level,
            catalog=cat,
            problem_for=lambda p: week_problem(p, cat),
        ),
        time_use=time_use(plan, problem, (week_a, week_b)),
    )
    return replace(
        plan,
        explanations=explain(
            plan, cat, person.level, week_b is not None, pool_size=len(setup.pool), deload=deload
        ),
    )


# ---------------------------------------------------------------------- model inputs


def with_hard_synergists(cands: tuple[Candidate, ...], pool: Sequence[Exercise]) -> tuple[Candidate, ...]:
    """Strong synergists count as loaded for the consecutive-day rule (safety guard threshold)."""
    threshold = guard_table().consecutive_days.synergist_weight_from
    by_id = {e.id: e for e in pool}
    out = []
    for c in cands:
        hard = {
            i.muscle for i in by_id[c.id].muscles if i.role.value == "synergist" and i.weight >= threshold
        }
        out.append(replace(c, targets=c.targets | hard))
    return tuple(out)


def volume_targets(
    cands: Sequence[Candidate], *, person: Profile, catalog: Catalog
) -> dict[str, VolumeTarget]:
    """Half-sets a week per trainable back leaf (science.volume landmarks at the effective level):
    at least MEV; aim at the bottom of the adaptive range (MAV) unless a beginner trains for
    anything but size, who grows on the minimum (ACSM 2009: 1-3 sets for novices); never above MRV."""
    reachable = {leaf for c in cands for leaf in c.volume}
    modest = person.level is Level.BEGINNER and person.goal is not Goal.HYPERTROPHY
    out: dict[str, VolumeTarget] = {}
    for lm in landmarks().values():
        values = lm.at(person.level)
        aim = values.mev if modest else values.mav[0]
        for node in lm.muscles:
            # parts() is a set: sorted, so the model (and so the plan) is the same in every process
            for leaf in sorted(catalog.parts(node)):
                if catalog.is_leaf(leaf) and leaf in reachable:
                    out[leaf] = VolumeTarget(
                        low=round(values.mev * HALF_SETS),
                        aim=round(aim * HALF_SETS),
                        high=round(values.mav[1] * HALF_SETS),
                        cap=round(values.mrv * HALF_SETS),
                        adaptive=round(values.mav[0] * HALF_SETS),
                    )
    return out


def main_groups(
    volume: Mapping[str, VolumeTarget], *, level: Level, catalog: Catalog
) -> dict[str, tuple[str, ...]]:
    """The main back muscles with a minimum to reach at this level (landmark group → its leaves the
    candidates can train; empty when none can)."""
    out = {}
    for group in MAIN:
        lm = landmarks()[group]
        if lm.at(level).mev <= 0:
            continue
        leaves = {leaf for node in lm.muscles for leaf in catalog.parts(node) if catalog.is_leaf(leaf)}
        out[group] = tuple(sorted(leaf for leaf in leaves if leaf in volume))
    return out


__all__ = [
    "COOLDOWN_BOUNDS",
    "COOLDOWN_SHARE",
    "DELOAD",
    "DRILL_GAP_S",
    "GENTLE_WEEKS",
    "START_SHARE_OF_CAP",
    "UPPER_ARM_STRETCHES",
    "WARMUP_BOUNDS",
    "WARMUP_SHARE",
    "PlanBug",
    "block_allowances",
    "build_plan",
    "effective_level",
    "excluded_reason",
    "planned_sessions",
    "trainee_of",
    "week_problem",
]
