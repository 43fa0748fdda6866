"""Profile → multi-week plan: screen, pick candidates, solve the week, dose it, date it, check it.

The order of work:
1. the screening outcome may refuse a plan outright (see a professional, emergency);
2. the level's ceiling and the person's days decide how many back sessions a week;
3. CP-SAT picks the days and each session's exercises and sets (``solver``), twice: variant A,
   then variant B with the same days and main lifts but other accessories, for variety;
4. weeks alternate A and B; every fifth week is a deload; ``start_gently`` lightens the first block;
5. loads come from known e1RMs, else from conservative body-weight starting points, else are left
   for the first session to calibrate; they rise by the progression increments week to week;
6. every session is checked by the safety guards before the plan is returned: a violation here is
   a bug, never something a person sees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.loader import curated
from backcoach.catalog.models import Category, Exercise, Level, LoadType, Region
from backcoach.planning.candidates import (
    back_leaves,
    candidate,
    eligible,
    excluded_reason,
    reps_for,
    shortlist,
    unsuitable_reason,
)
from backcoach.planning.explain import explain
from backcoach.planning.fill import fill_week
from backcoach.planning.plan import (
    Block,
    NoPlan,
    Plan,
    PlanItem,
    Session,
    SetSpec,
    SolverReport,
    VolumeRow,
    Week,
)
from backcoach.planning.prescription import Role, prescriptions
from backcoach.planning.profile import Goal, Profile, Screening, Weekday
from backcoach.planning.schedule import spread_days
from backcoach.planning.solver import (
    Candidate,
    FixedSession,
    Group,
    Item,
    Kind,
    VolumeTarget,
    WeekProblem,
    WeekSolution,
    minimum_session_seconds,
    solve_week,
    week_position,
)
from backcoach.planning.timing import RAMP_REST_S, drill_seconds, ramp_set_seconds, work_seconds
from backcoach.safety.guards import PlannedSession, Prescription, Trainee, check_week
from backcoach.safety.limits import cap_load, guard_table, max_back_sessions, rir_floor
from backcoach.safety.screening import Outcome
from backcoach.science.deload import DEFAULT_POLICY, DeloadPrescription
from backcoach.science.loading import Loadable, round_load, suggest_load, typical_loadable
from backcoach.science.progression.increments import body_region, increment_percent, step_up
from backcoach.science.volume import classify, landmarks, roll_up, weekly_sets
from backcoach.science.warmup import Block as DrillBlock
from backcoach.science.warmup import cooldown_block, ramp_for, warmup_block

# A beginner's body-weight starting load is this share of the guard's cap: the first sessions
# calibrate upward from a load that is surely light enough (the article: no heavy weights early).
START_SHARE_OF_CAP = 0.8
# start_gently: the first block is this many weeks, one set fewer and one more rep in reserve.
GENTLE_WEEKS = 2
# Warm-up and cool-down allowances: a share of the session, within bounds in seconds.
WARMUP_SHARE, WARMUP_BOUNDS = 0.12, (240, 600)
COOLDOWN_SHARE, COOLDOWN_BOUNDS = 0.08, (150, 420)
# Each drill in a block costs this many seconds of moving between drills.
DRILL_GAP_S = 15
DELOAD = DeloadPrescription()


class PlanBug(RuntimeError):
    """The planner produced something the safety guards reject: a defect, never user-facing."""


@dataclass(frozen=True)
class _Context:
    profile: Profile
    catalog: Catalog
    level: Level  # the level whose limits apply (beginner while screening says start gently)
    sessions: int
    blocks: dict[tuple[tuple[str, ...], bool], tuple[tuple[PlanItem, ...], tuple[PlanItem, ...]]] = field(
        default_factory=dict
    )

    @cached_property
    def usable(self) -> Catalog:
        """The catalogue cut to what this person may do at all (level, equipment, exclusions,
        spinal load): the warm-up, the cool-down and the ramp-up sets choose from it."""
        keep = {
            i: e
            for i, e in self.catalog.exercises.items()
            if unsuitable_reason(e, self.profile, self.catalog) is None
        }
        return replace(self.catalog, exercises=keep)


def effective_level(profile: Profile) -> Level:
    return Level.BEGINNER if profile.screening is Screening.START_GENTLY else profile.level


@dataclass(frozen=True)
class _Setup:
    """What ``build_plan`` solves: the person's context, the exercises that fit and the week model."""

    ctx: _Context
    pool: list[Exercise]
    problem: WeekProblem
    reserve_s: int  # seconds set aside for the warm-up and the cool-down


def _setup(profile: Profile, cat: Catalog) -> _Setup | NoPlan:
    refused = _screening_refusal(profile)
    if refused is not None:
        return refused
    level = effective_level(profile)
    ceiling = max_back_sessions(level)
    sessions = profile.sessions if profile.sessions is not None else min(len(profile.days), ceiling)
    if sessions > ceiling:
        return NoPlan(
            SolverReport("INFEASIBLE"),
            (f"{sessions} back sessions a week is above the {level.value} ceiling of {ceiling}.",),
            (
                f"Plan at most {ceiling} back sessions a week; fill other days with core or arm work "
                "or rest (the source article: beginners once or twice a week, intermediates up to "
                "three, advanced four or five).",
            ),
        )
    ctx = _Context(profile.model_copy(update={"level": level}), cat, level, sessions)
    pool = eligible(ctx.profile, cat)
    leaves = back_leaves(cat)
    cands = shortlist(
        _with_hard_synergists(tuple(candidate(e, ctx.profile, cat, leaves) for e in pool), pool)
    )
    missing = _missing_kinds(cands, ctx)
    if missing is not None:
        return missing
    targets = _volume_targets(ctx, cands)
    warm_s, cool_s = block_allowances(profile.minutes)
    days = spread_days(tuple(d.number for d in profile.days), sessions)
    problem = WeekProblem(
        days=days,
        sessions=sessions,
        fixed_days=days,
        item_budget_s=profile.minutes * 60 - warm_s - cool_s,
        transition_s=prescriptions().transition_s,
        candidates=cands,
        volume=targets,
        week_start=profile.start.weekday(),
    )
    return _Setup(ctx, pool, problem, warm_s + cool_s)


def week_problem(profile: Profile, catalog: Catalog | None = None) -> WeekProblem | None:
    """The weekly model ``build_plan`` solves for this profile (variant A), or None when the plan is
    refused or decided before solving (screening, ceiling, no main lift or core work)."""
    setup = _setup(profile, catalog if catalog is not None else curated())
    return None if isinstance(setup, NoPlan) else setup.problem


def build_plan(profile: Profile, catalog: Catalog | None = None) -> Plan | NoPlan:
    cat = catalog if catalog is not None else curated()
    setup = _setup(profile, cat)
    if isinstance(setup, NoPlan):
        return setup
    ctx, pool, problem = setup.ctx, setup.pool, setup.problem
    cands = problem.candidates
    if problem.item_budget_s < minimum_session_seconds(cands, problem.transition_s):
        return _too_short(ctx, cands, setup.reserve_s)
    week_a = solve_week(problem)
    week_a = fill_week(problem, week_a)
    if week_a.status == "INFEASIBLE":
        return _infeasible(ctx, week_a, cands, setup.reserve_s)
    if week_a.status not in ("OPTIMAL", "FEASIBLE"):
        return NoPlan(
            SolverReport(week_a.status, None, week_a.wall_ms),
            ("The solver found no plan within its time limit.",),
            ("Try again with fewer training days or a shorter list of equipment.",),
        )
    week_b = _variant_b(problem, week_a, ctx, cands)
    weeks = _weeks(ctx, week_a, week_b, cands)
    plan = Plan(
        profile=profile,
        solver=SolverReport(
            week_a.status, week_a.objective, week_a.wall_ms + (week_b.wall_ms if week_b else 0)
        ),
        weeks=weeks,
        explanations=(),
        volume=_volume_rows(ctx, weeks),
    )
    _check_safe(plan, ctx)
    return replace(
        plan, explanations=explain(plan, ctx.catalog, ctx.level, week_b is not None, pool_size=len(pool))
    )


# ---------------------------------------------------------------------- refusals


def _screening_refusal(profile: Profile) -> NoPlan | None:
    if profile.screening is Screening.EMERGENCY:
        return NoPlan(
            SolverReport("REFUSED"),
            ("Your screening answers include signs that need urgent medical care.",),
            (
                "Do not exercise. Seek emergency care today (call your local emergency number or go "
                "to an emergency department).",
            ),
        )
    if profile.screening is Screening.SEE_PROFESSIONAL:
        return NoPlan(
            SolverReport("REFUSED"),
            ("Your screening answers say to see a doctor or qualified exercise professional first.",),
            (
                "See a doctor or physiotherapist before training; once they clear you, screen again "
                "(backcoach screen) and ask for a plan.",
            ),
        )
    return None


def _structure_gaps(cands: Sequence[Candidate]) -> list[str]:
    needs = {
        "a main back lift": any(c.can_be_main for c in cands),
        "core work": any(c.kind is Kind.CORE for c in cands),
    }
    return [name for name, found in needs.items() if not found]


def _missing_kinds(cands: Sequence[Candidate], ctx: _Context) -> NoPlan | None:
    """No main lift or no core exercise fits: say so, and what equipment would open one."""
    gaps = _structure_gaps(cands)
    if not gaps:
        return None
    conflicts = [f"With your equipment and level there is no exercise for {g}." for g in gaps]
    helpful = _equipment_that_helps(ctx)
    suggestions = [f"Add {' or '.join(helpful)} to your equipment."] if helpful else []
    if ctx.profile.exclude:
        suggestions.append("Allow some of the exercises or muscles you excluded.")
    if helpful:
        trial = ctx.profile.model_copy(update={"equipment": ctx.profile.equipment | {helpful[0]}})
        pool = eligible(trial, ctx.catalog)
        leaves = back_leaves(ctx.catalog)
        more = [candidate(e, trial, ctx.catalog, leaves) for e in pool]
        warm_s, cool_s = block_allowances(ctx.profile.minutes)
        need = minimum_session_seconds(more, prescriptions().transition_s) + warm_s + cool_s
        if need > ctx.profile.minutes * 60:
            conflicts.append(
                f"{ctx.profile.minutes} minutes is also too short for a warm-up, a main lift, core work "
                "and a cool-down."
            )
            suggestions.append(f"Allow at least {math.ceil(need / 60)} minutes a session.")
    return NoPlan(SolverReport("INFEASIBLE"), tuple(conflicts), tuple(suggestions))


def _equipment_that_helps(ctx: _Context) -> list[str]:
    """Cheap equipment, in order, that would give this person a main lift and core work."""
    found: list[str] = []
    leaves = back_leaves(ctx.catalog)
    for item in ("resistance-band", "dumbbells", "pull-up-bar", "rings"):
        if item in ctx.profile.equipment:
            continue
        trial = ctx.profile.model_copy(update={"equipment": ctx.profile.equipment | {item}})
        cands = [candidate(e, trial, ctx.catalog, leaves) for e in eligible(trial, ctx.catalog)]
        if not _structure_gaps(cands):
            found.append(item)
        if len(found) == 2:
            break
    return found


def _too_short(ctx: _Context, cands: Sequence[Candidate], reserve: int) -> NoPlan:
    need = math.ceil((minimum_session_seconds(cands, prescriptions().transition_s) + reserve) / 60)
    return NoPlan(
        SolverReport("INFEASIBLE"),
        (
            f"{ctx.profile.minutes} minutes cannot hold a warm-up, a main back lift, core work and a "
            f"cool-down (the least that fits is about {need} minutes).",
        ),
        (f"Allow at least {need} minutes a session.", "Or train fewer, longer sessions."),
    )


_CONFLICT_TEXT = {
    Group.SESSIONS: "the number of sessions does not fit your training days",
    Group.REST_48H: "sessions on consecutive days cannot avoid loading the same muscles within 48 hours",
    Group.STRUCTURE: "each session needs a main back lift and core work",
    Group.TIME_BUDGET: "the session length cannot hold the required work",
    Group.VOLUME_CAP: "the required work exceeds the recoverable volume of some muscles",
}
_SUGGESTION_TEXT = {
    Group.SESSIONS: "Choose more training days or fewer sessions.",
    Group.REST_48H: "Spread your training days so that at least one rest day falls between most sessions, "
    "or plan fewer sessions.",
    Group.STRUCTURE: "Add equipment that opens more back and core exercises (a resistance band is cheapest).",
    Group.TIME_BUDGET: "Allow more minutes a session.",
    Group.VOLUME_CAP: "Plan fewer sessions a week.",
}


def _infeasible(ctx: _Context, week: WeekSolution, cands: Sequence[Candidate], reserve: int) -> NoPlan:
    groups = week.conflicts or tuple(Group)
    conflicts = tuple(f"Conflict: {_CONFLICT_TEXT[g]}." for g in groups)
    suggestions = [_SUGGESTION_TEXT[g] for g in groups]
    if Group.TIME_BUDGET in groups:
        need = math.ceil((minimum_session_seconds(cands, prescriptions().transition_s) + reserve) / 60)
        suggestions.insert(0, f"Allow at least {max(need, ctx.profile.minutes + 10)} minutes a session.")
    if Group.REST_48H in groups and ctx.sessions > 1:
        suggestions.append(f"Or plan {ctx.sessions - 1} sessions a week.")
    return NoPlan(SolverReport("INFEASIBLE"), conflicts, tuple(dict.fromkeys(suggestions)))


# ---------------------------------------------------------------------- model inputs


def _with_hard_synergists(cands: tuple[Candidate, ...], pool: Sequence[Exercise]) -> tuple[Candidate, ...]:
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


def _volume_targets(ctx: _Context, cands: Sequence[Candidate]) -> dict[str, VolumeTarget]:
    """Half-sets a week per trainable back leaf (science.volume landmarks at the effective level):
    at least MEV; aim at the bottom of the adaptive range (MAV) unless a beginner trains for
    anything but size, who grows on the minimum (ACSM 2009: 1-3 sets for novices); never above MRV."""
    reachable = {leaf for c in cands for leaf in c.volume}
    modest = ctx.level is Level.BEGINNER and ctx.profile.goal is not Goal.HYPERTROPHY
    out: dict[str, VolumeTarget] = {}
    for lm in landmarks().values():
        values = lm.at(ctx.level)
        aim = values.mev if modest else values.mav[0]
        for node in lm.muscles:
            # parts() is a set: sorted, so the model (and so the plan) is the same in every process
            for leaf in sorted(ctx.catalog.parts(node)):
                if ctx.catalog.is_leaf(leaf) and leaf in reachable:
                    out[leaf] = VolumeTarget(
                        low=round(values.mev * 2),
                        aim=round(aim * 2),
                        high=round(values.mav[1] * 2),
                        cap=round(values.mrv * 2),
                    )
    return out


def block_allowances(minutes: int) -> tuple[int, int]:
    """Seconds set aside for the warm-up and the cool-down: a share of the session within bounds.

    Iversen et al. 2021 advise short, specific warm-ups; a few minutes of raise, breathing and
    mobility is what RAMP asks (Jeffreys 2007). The drills are trimmed to fit, so the solver's
    budget for the working sets is exact."""
    total = minutes * 60
    warm = min(max(round(total * WARMUP_SHARE), WARMUP_BOUNDS[0]), WARMUP_BOUNDS[1])
    cool = min(max(round(total * COOLDOWN_SHARE), COOLDOWN_BOUNDS[0]), COOLDOWN_BOUNDS[1])
    return warm, cool


# ---------------------------------------------------------------------- solving variants


def _variant_b(
    problem: WeekProblem, a: WeekSolution, ctx: _Context, cands: Sequence[Candidate]
) -> WeekSolution | None:
    """The alternate week: same days and main lifts, other accessories where possible."""
    if ctx.profile.weeks < 2:
        return None
    by_id = {c.id: c for c in cands}
    mains = {d: next(i.id for i in items if i.main) for d, items in a.sessions.items()}
    avoid = {d: frozenset(i.id for i in items if not i.main) for d, items in a.sessions.items()}
    neighbours = tuple(
        FixedSession(week_position(problem, d), frozenset(t for i in items for t in by_id[i.id].targets))
        for d, items in a.sessions.items()
    )
    b = solve_week(
        replace(
            problem,
            fixed_days=tuple(sorted(a.sessions)),
            fixed_main=mains,
            avoid=avoid,
            neighbours=_wrap_neighbours(neighbours),
            explain_conflicts=False,
        )
    )
    if b.status not in ("OPTIMAL", "FEASIBLE"):
        return None
    b = fill_week(replace(problem, neighbours=_wrap_neighbours(neighbours)), b)
    if all(set(b.sessions[d]) == set(a.sessions[d]) for d in a.sessions):
        return None  # nothing to vary with this equipment
    return b


def _wrap_neighbours(sessions: tuple[FixedSession, ...]) -> tuple[FixedSession, ...]:
    """Weeks alternate A and B, so the last day of A's week comes the day before the first day of
    B's (Sunday and Monday when the plan starts on a Monday) and the first day of A's the day after
    the last of B's; inside the week B replaces A, it does not follow it. Days are week positions."""
    out = []
    for s in sessions:
        if s.day == 6:
            out.append(FixedSession(-1, s.targets))
        if s.day == 0:
            out.append(FixedSession(7, s.targets))
    return tuple(out)


# ---------------------------------------------------------------------- weeks and sessions


def _weeks(
    ctx: _Context, a: WeekSolution, b: WeekSolution | None, cands: Sequence[Candidate]
) -> tuple[Week, ...]:
    out: list[Week] = []
    every = DEFAULT_POLICY.every_weeks
    progress_steps: dict[str, int] = {}
    gentle_first = ctx.profile.screening is Screening.START_GENTLY
    for index in range(1, ctx.profile.weeks + 1):
        deload = index % every == 0
        gentle = gentle_first and index <= GENTLE_WEEKS
        variant = "B" if b is not None and index % 2 == 0 else "A"
        week = b if variant == "B" and b is not None else a
        week_start = ctx.profile.start + timedelta(days=7 * (index - 1))
        sessions = []
        for day, items in sorted(week.sessions.items(), key=lambda kv: _date_of(week_start, kv[0])):
            steps = {i.id: progress_steps.get(i.id, 0) for i in items}
            sessions.append(_session(ctx, day, items, week_start, deload, gentle, steps))
        if not deload and not gentle:
            # one progression step per exercise per trained week (loads rise when all sets hit the top)
            for exercise_id in {i.id for items in week.sessions.values() for i in items}:
                progress_steps[exercise_id] = progress_steps.get(exercise_id, 0) + 1
        sessions.sort(key=lambda s: s.date)
        out.append(
            Week(index, deload, tuple(sessions), variant, gentle, volume=_week_volume(ctx, tuple(sessions)))
        )
    return tuple(out)


def _date_of(week_start: date, weekday: int) -> date:
    return week_start + timedelta(days=(weekday - week_start.weekday()) % 7)


def _session(
    ctx: _Context,
    day: int,
    chosen: Sequence[Item],
    week_start: date,
    deload: bool,
    gentle: bool,
    steps: dict[str, int],
) -> Session:
    exercises = [ctx.catalog.exercise(i.id) for i in chosen]
    back_items: list[PlanItem] = []
    core_items: list[PlanItem] = []
    arm_items: list[PlanItem] = []
    warm_ramp: list[PlanItem] = []
    for it, ex in zip(chosen, exercises, strict=True):
        role = (
            Role.MAIN
            if it.main
            else {Kind.BACK: Role.ACCESSORY, Kind.CORE: Role.CORE, Kind.ARMS: Role.ARMS}[it.kind]
        )
        item = _item(ctx, ex, role, it.sets, deload, gentle, steps.get(it.id, 0))
        if role is Role.MAIN:
            warm_ramp.extend(_ramp(ctx, ex, item))
        {Kind.BACK: back_items, Kind.CORE: core_items, Kind.ARMS: arm_items}[it.kind].append(item)
    # Supersets: each core item pairs with an arms item; they rest while the other works.
    labels = "ABCD"
    for n, (core, arms) in enumerate(zip(core_items, arm_items, strict=False)):
        core_items[n] = replace(core, superset=labels[n])
        arm_items[n] = replace(arms, superset=labels[n])
    warm_drills, cool = _drill_blocks(ctx, tuple(exercises), bool(arm_items))
    warm = warm_drills + tuple(warm_ramp)
    blocks = (
        Block("warmup", warm),
        Block("back", tuple(back_items)),
        Block("core", tuple(core_items)),
        *((Block("arms", tuple(arm_items)),) if arm_items else ()),
        Block("cooldown", cool),
    )
    when = _date_of(week_start, day)
    minutes = math.ceil(_session_seconds(ctx, blocks) / 60)
    return Session(when, Weekday.of(when), minutes, blocks, _emphasis(ctx, exercises))


def _item(
    ctx: _Context, ex: Exercise, role: Role, sets: int, deload: bool, gentle: bool, step: int
) -> PlanItem:
    dosage = prescriptions().dosage(ctx.profile.goal, ctx.level, role)
    reps = reps_for(ex, dosage, ctx.level)
    floor = rir_floor(ctx.level, ex.spinal_load)
    rir = max(dosage.rir if dosage.rir is not None else 3, floor)
    if gentle:
        sets, rir = max(1, sets - 1), rir + 1
    if deload:
        sets = DELOAD.sets(sets)
        rir = rir + 2
    load, note = _load(ctx, ex, reps, rir, step, deload)
    hold = None
    dose = ex.dose
    if reps is None and dose is not None:
        hold = int(dose.range.max)
        reps = (1, 1) if dose.kind != "hold_s" or dose.range.max > 15 else (3, 3)
    assert reps is not None
    spec = SetSpec("working", reps[0], reps[1], load, rir, dosage.rest_s, hold)
    return PlanItem(ex.id, (spec,) * sets, None, role.value, note)


def _loadable(ctx: _Context, ex: Exercise) -> Loadable | None:
    return typical_loadable(ex, ctx.profile.unit.value)


def _load(
    ctx: _Context, ex: Exercise, reps: tuple[int, int] | None, rir: int, step: int, deload: bool
) -> tuple[float | None, str | None]:
    if ex.load_type not in (LoadType.EXTERNAL, LoadType.WEIGHTED_BODYWEIGHT) or reps is None:
        return None, None
    loadable = _loadable(ctx, ex)
    e1rm = ctx.profile.e1rm_kg.get(ex.id)
    cap = cap_load(ex, level=ctx.level, body_weight_kg=ctx.profile.bodyweight_kg, e1rm_kg=e1rm)
    if e1rm is not None:
        start = suggest_load(e1rm, reps[1], rir=min(rir, 4), loadable=loadable).load
        basis = None
    elif cap is not None and cap.basis == "body_weight":
        target = cap.kg * START_SHARE_OF_CAP
        start = round_load(target, loadable) if loadable is not None else round(target, 1)
        each = " per hand" if cap.per_hand else ""
        basis = (
            f"Starting load{each} set from your body weight, on the light side: if {reps[1]} reps feel "
            "easy with more than the planned reps in reserve, log it and the plan adjusts."
        )
    else:
        return None, (
            f"Choose a load you can lift for {reps[1]} reps with {rir} in reserve; log it and the "
            "plan calibrates from there."
        )
    load = start
    pct = increment_percent(ctx.level, body_region(ex, ctx.catalog))
    for _ in range(step):
        load = step_up(load, pct, loadable).load_kg
    if deload:
        load = DELOAD.load(load)
        load = round_load(load, loadable) if loadable is not None else load
    if cap is not None and load > cap.kg:
        load = round_load(cap.kg, loadable) if loadable is not None else cap.kg
        if load > cap.kg:
            return None, "Your safe load limit is below the lightest load the equipment allows."
    if load <= 0:
        return None, basis
    return round(load, 2), basis


def _ramp(ctx: _Context, ex: Exercise, item: PlanItem) -> tuple[PlanItem, ...]:
    """Ramp-up sets before the main lift's first working set (science.warmup), one item per
    exercise used (a body-weight ramp may start on an easier variant)."""
    work = item.working_sets[0]
    if ex.load_type is LoadType.EXTERNAL and work.load_kg is None:
        return ()
    easier = tuple(r for r in ex.regressions if r in ctx.usable.exercises)  # variants they may do
    ramps = ramp_for(
        ex.model_copy(update={"regressions": easier}),
        working_reps=work.reps_max,
        working_kg=work.load_kg,
        loadable=_loadable(ctx, ex),
    )
    grouped: dict[str, list[SetSpec]] = {}
    for r in ramps:
        grouped.setdefault(r.exercise_id, []).append(
            SetSpec("warmup", r.reps, r.reps, r.load_kg, None, RAMP_REST_S)
        )
    return tuple(
        PlanItem(exercise_id, tuple(sets), None, "ramp", "Ramp-up sets before your first working set.")
        for exercise_id, sets in grouped.items()
    )


def _drill_blocks(
    ctx: _Context, exercises: tuple[Exercise, ...], has_arms: bool
) -> tuple[tuple[PlanItem, ...], tuple[PlanItem, ...]]:
    """Warm-up and cool-down drills for a session, trimmed to their time allowances (cached: weeks
    repeat the same sessions)."""
    key = (tuple(e.id for e in exercises), has_arms)
    hit = ctx.blocks.get(key)
    if hit is not None:
        return hit
    equipment = ctx.profile.available_equipment
    warm_s, cool_s = block_allowances(ctx.profile.minutes)
    warm = _drill_items(ctx, warmup_block(ctx.usable, exercises, equipment))
    cool = _ensure_upper_arm_stretch(
        ctx, _drill_items(ctx, cooldown_block(ctx.usable, exercises, equipment)), has_arms
    )
    # Keep the raise and breathing drills that open the warm-up; drop later drills that do not fit.
    warm = _trim(ctx, warm, warm_s, keep_first=2)
    # Keep the upper-arm stretch (first, when added) and the closing breathing drill.
    keep_first = 1 if not has_arms and cool and cool[0].exercise_id in UPPER_ARM_STRETCHES else 0
    cool = _trim(ctx, cool, cool_s, keep_first=keep_first, keep_last=1)
    ctx.blocks[key] = (warm, cool)
    return warm, cool


def _trim(
    ctx: _Context, items: tuple[PlanItem, ...], allowance: int, *, keep_first: int = 0, keep_last: int = 0
) -> tuple[PlanItem, ...]:
    out = list(items)
    while out and _drills_seconds(ctx, out) > allowance:
        removable = range(keep_first, len(out) - keep_last)
        if not removable:
            break
        del out[removable[-1]]
    return tuple(out)


def _drills_seconds(ctx: _Context, items: Sequence[PlanItem]) -> int:
    return sum(drill_seconds(ctx.catalog.exercise(i.exercise_id)) + DRILL_GAP_S for i in items)


def _drill_items(ctx: _Context, block: DrillBlock) -> tuple[PlanItem, ...]:
    out = []
    for drill in block.items:
        dose = drill.dose
        low, high = int(dose.range.min), int(dose.range.max)
        if dose.kind == "reps" or dose.kind == "breaths":
            spec = SetSpec("warmup", low, high, None, None, 15)
        else:
            spec = SetSpec("warmup", 1, 1, None, None, 15, hold_s=low)
        out.append(PlanItem(drill.exercise_id, (spec,), None, "drill", drill.role.value))
    return tuple(out)


UPPER_ARM_STRETCHES = ("triceps-overhead-stretch", "biceps-wall-stretch")


def _ensure_upper_arm_stretch(
    ctx: _Context, cool: tuple[PlanItem, ...], has_arms: bool
) -> tuple[PlanItem, ...]:
    """The article pairs back work with upper-arm work: without arm exercises, the cool-down
    carries an upper-arm stretch, first, where trimming the cool-down to its time keeps it."""
    if has_arms:
        return cool
    present = next((i for i in cool if i.exercise_id in UPPER_ARM_STRETCHES), None)
    if present is not None:
        return (present, *(i for i in cool if i is not present))
    for stretch_id in UPPER_ARM_STRETCHES:
        stretch = ctx.usable.exercises.get(stretch_id)
        if stretch is not None and stretch.dose is not None:
            spec = SetSpec("warmup", 1, 1, None, None, 15, hold_s=int(stretch.dose.range.min))
            return (PlanItem(stretch_id, (spec,), None, "drill", "stretch"), *cool)
    return cool


def _session_seconds(ctx: _Context, blocks: Sequence[Block]) -> int:
    total = 0
    transition = prescriptions().transition_s
    supersets: dict[str, list[PlanItem]] = {}
    for block in blocks:
        for item in block.items:
            ex = ctx.catalog.exercise(item.exercise_id)
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
            total += sum(_set_seconds(ex, s) + s.rest_s for s in item.working_sets)
    for pair in supersets.values():
        # alternate the two exercises: each round costs both sets' work plus the longer rest once
        rounds = max(len(i.working_sets) for i in pair)
        for r in range(rounds):
            work = 0
            rest = 0
            for item in pair:
                if r < len(item.working_sets):
                    s = item.working_sets[r]
                    work += _set_seconds(ctx.catalog.exercise(item.exercise_id), s)
                    rest = max(rest, s.rest_s)
            total += work + rest
    return total


def _set_seconds(ex: Exercise, s: SetSpec) -> int:
    if s.hold_s is not None:
        return work_seconds(ex)
    return work_seconds(ex, s.reps_max)


def _emphasis(ctx: _Context, exercises: Sequence[Exercise]) -> str:
    regions = {
        ctx.catalog.muscles[i.muscle].region
        for e in exercises
        if e.category is Category.BACK
        for i in e.muscles
        if i.role.value == "target"
    }
    upper, lower = Region.UPPER_BACK in regions, Region.LOWER_BACK in regions
    return "full" if upper and lower else "upper" if upper else "lower" if lower else "full"


def _week_volume(ctx: _Context, sessions: Sequence[Session]) -> dict[str, float]:
    work = [
        (ctx.catalog.exercise(i.exercise_id), float(len(i.working_sets)))
        for s in sessions
        for i in s.items
        if i.role not in ("drill", "ramp")
    ]
    rolled = roll_up(weekly_sets(work), ctx.catalog)
    return {
        node: sets
        for node, sets in rolled.items()
        if ctx.catalog.muscles[node].region is not Region.OTHER and sets
    }


def _volume_rows(ctx: _Context, weeks: Sequence[Week]) -> tuple[VolumeRow, ...]:
    """Weekly sets per landmark group in a regular (not deload, not gentle) week of each variant."""
    regular = [w for w in weeks if not w.deload and not w.gentle] or list(weeks)
    rows = []
    for lm in landmarks().values():
        values = lm.at(ctx.level)
        sets = min(lm.sets(w.volume) for w in regular)
        rows.append(VolumeRow(lm.id, sets, values.mev, values.mav, values.mrv, classify(sets, values).value))
    return tuple(rows)


# ---------------------------------------------------------------------- safety check


def trainee_of(profile: Profile) -> Trainee:
    return Trainee(
        level=profile.level,
        body_weight_kg=profile.bodyweight_kg,
        e1rm_kg=profile.e1rm_kg,
        screening=Outcome(profile.screening.value),
    )


def planned_sessions(plan: Plan, catalog: Catalog) -> list[PlannedSession]:
    out = []
    for week in plan.weeks:
        for s in week.sessions:
            items = []
            for item in s.items:
                if item.role in ("drill", "ramp") or not item.working_sets:
                    continue
                first = item.working_sets[0]
                items.append(
                    Prescription(
                        catalog.exercise(item.exercise_id),
                        len(item.working_sets),
                        (first.reps_min, first.reps_max),
                        first.load_kg
                        if catalog.exercise(item.exercise_id).load_type is not LoadType.BAND
                        else None,
                        first.rir if first.rir is not None else 0,
                    )
                )
            out.append(PlannedSession(s.date, tuple(items)))
    return out


def _check_safe(plan: Plan, ctx: _Context) -> None:
    violations = check_week(
        planned_sessions(plan, ctx.catalog), trainee_of(plan.profile), catalog=ctx.catalog
    )
    if violations:
        raise PlanBug("; ".join(f"{v.rule_key}: {v.message}" for v in violations[:5]))


__all__ = [
    "PlanBug",
    "build_plan",
    "effective_level",
    "excluded_reason",
    "planned_sessions",
    "trainee_of",
    "week_problem",
]
