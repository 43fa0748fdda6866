"""The weekly template as a constraint model, solved with OR-Tools CP-SAT.

Decision variables, for each available weekday ``d`` and candidate exercise ``e``:
  ``on[d]``      the day is a back session;
  ``x[d, e]``    the exercise is in that session;   ``n[d, e]`` its working sets (0 when absent);
  ``main[d, e]`` the exercise is the session's main lift (first, heaviest, longest rest).

Hard constraints (each group carries an assumption literal so that an infeasible model names the
groups that conflict, via CP-SAT's sufficient assumptions for infeasibility):
  sessions      exactly the requested number of back sessions, on the person's days;
  rest_48h      two sessions less than 48 h apart never share a target muscle node (ACSM, Garber
                et al. 2011), across the week boundary too;
  structure     one main lift and 1..max back items, 1..2 core items, 0..2 arms items a session;
  time_budget   working sets, rest and transitions fit in the minutes left after warm-up and
                cool-down;
  volume_cap    no back node above its maximum recoverable volume (MRV).
Objective (minimised, integer weights below): shortfall under each trainable node's minimum
effective volume, excess over its adaptive range, sets (fewest that do the job), spinal load, goal
fit, sessions on adjacent days, no arms work, repeats of the other variant's accessories, and a
seeded tie-break. Filling the remaining time toward the adaptive range is ``fill``'s job.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ortools.sat.python import cp_model

# Objective weights, in cost units. Volume dominates: one half-set short of a node's target costs
# more than any preference, so the solver only falls short when the hard constraints force it.
W_SHORTFALL = 400  # per half-set under a node's minimum effective volume

W_EXCESS = 20  # per half-set above the top of the adaptive range
W_ADJACENT = 60  # per pair of sessions on consecutive days
W_NO_ARMS = 150  # per session without upper-arm strength work (a stretch then covers it)
W_REPEAT = 25  # per accessory repeated from the other weekly variant
W_SET = 3  # per working set: prefer the fewest sets that meet the targets


class Group(StrEnum):
    """Constraint groups that can be named as a conflict."""

    SESSIONS = "sessions"
    REST_48H = "rest_48h"
    STRUCTURE = "structure"
    TIME_BUDGET = "time_budget"
    VOLUME_CAP = "volume_cap"


class Kind(StrEnum):
    BACK = "back"
    CORE = "core"
    ARMS = "arms"


@dataclass(frozen=True)
class Candidate:
    """One exercise as the model sees it; times are seconds per working set including rest."""

    id: str
    kind: Kind
    can_be_main: bool
    set_s: int
    main_set_s: int
    sets: tuple[int, int]
    main_sets: tuple[int, int]
    volume: Mapping[str, int]  # back leaf → half-sets per working set (target 2, synergist 1)
    targets: frozenset[str]  # every muscle node it loads as a target
    set_cost: int  # per-set preference cost (goal fit, spinal load)
    pick_cost: int  # per-session cost of choosing it (seeded tie-break, main-lift fit)
    main_cost: int = 0  # extra cost when it is the main lift
    ramp_s: int = 0  # seconds of ramp-up sets when it is the main lift


@dataclass(frozen=True)
class VolumeTarget:
    """Half-sets per week: at least ``low`` (MEV), ideally ``aim``, up to ``high``, never above ``cap``."""

    low: int
    aim: int
    high: int
    cap: int


@dataclass(frozen=True)
class FixedSession:
    """A session of the week before (day < 0) or after (day > 6) whose targets still limit this
    week's sessions close to it; ``day`` counts from the first day of the plan's week (0)."""

    day: int
    targets: frozenset[str]


@dataclass(frozen=True)
class WeekProblem:
    days: tuple[int, ...]  # weekday indices (Mon = 0) the person can train
    sessions: int
    item_budget_s: int  # seconds for working sets, rest and transitions in one session
    transition_s: int
    candidates: tuple[Candidate, ...]
    volume: Mapping[str, VolumeTarget]
    max_back_items: int = 5
    fixed_main: Mapping[int, str] = field(default_factory=dict)  # day → main lift to keep
    fixed_days: tuple[int, ...] | None = None
    avoid: Mapping[int, frozenset[str]] = field(default_factory=dict)  # day → accessories to vary
    neighbours: tuple[FixedSession, ...] = ()  # sessions of the other variant (next/previous week)
    week_start: int = 0  # weekday the plan's weeks begin on (its start date's); neighbours count from it
    relax: frozenset[Group] = frozenset()  # groups left unenforced (to find a minimal conflict)
    explain_conflicts: bool = True  # shrink an infeasible core to a minimal one (extra solves)
    hard_volume: bool = False  # every node at least at its MEV (used to test what a profile allows)
    # Solves stop on CP-SAT's deterministic time (a measure of work done, not of the clock), so a
    # solve that runs out of time stops at the same point on a busy machine and the same inputs
    # still give the same plan. Measured here: about 0.4 deterministic seconds per wall second, so
    # 2.0 is the former 5 s limit; the wall-clock limit is only a safety net for slow machines.
    work_limit: float = 2.0
    time_limit_s: float = 30.0


@dataclass(frozen=True)
class Item:
    id: str
    kind: Kind
    sets: int
    main: bool


@dataclass(frozen=True)
class WeekSolution:
    status: str  # OPTIMAL, FEASIBLE or INFEASIBLE
    objective: float
    wall_ms: float
    sessions: dict[int, tuple[Item, ...]]  # day → items, main lift first
    volume: dict[str, int]  # back leaf → half-sets
    conflicts: tuple[Group, ...] = ()


def gap_days(a: int, b: int) -> int:
    """Days between two weekdays on a repeating week (Sunday → Monday is 1)."""
    d = abs(a - b) % 7
    return min(d, 7 - d)


def week_position(problem: WeekProblem, day: int) -> int:
    """Where a weekday falls in the plan's week: 0 on the weekday the weeks begin, 6 on the last."""
    return (day - problem.week_start) % 7


def tie_break(seed: int, exercise_id: str, spread: int = 3) -> int:
    """A stable pseudo-random cost in 0..spread-1: same seed, same plan."""
    digest = hashlib.sha256(f"{seed}:{exercise_id}".encode()).digest()
    return digest[0] % spread


def solve_week(problem: WeekProblem) -> WeekSolution:
    started = time.perf_counter()
    m = cp_model.CpModel()
    groups = {g: m.new_bool_var(f"assume_{g}") for g in Group}
    cands = problem.candidates
    days = problem.days if problem.fixed_days is None else problem.fixed_days

    on = {d: m.new_bool_var(f"on_{d}") for d in days}
    x: dict[tuple[int, str], cp_model.IntVar] = {}
    n: dict[tuple[int, str], cp_model.LinearExpr] = {}
    main: dict[tuple[int, str], cp_model.IntVar] = {}
    main_n: dict[tuple[int, str], cp_model.IntVar] = {}
    for d in days:
        for c in cands:
            # Linear, big-M-free bounds (sets between min·chosen and max·chosen) keep the LP
            # relaxation tight; main and accessory sets are separate variables for the same reason.
            key = (d, c.id)
            x[key] = m.new_bool_var(f"x_{d}_{c.id}")
            m.add_implication(x[key], on[d])
            acc = m.new_bool_var(f"acc_{d}_{c.id}")
            acc_n = m.new_int_var(0, c.sets[1], f"an_{d}_{c.id}")
            m.add(acc_n >= c.sets[0] * acc)
            m.add(acc_n <= c.sets[1] * acc)
            if c.can_be_main:
                main[key] = m.new_bool_var(f"main_{d}_{c.id}")
                main_n[key] = m.new_int_var(0, c.main_sets[1], f"mn_{d}_{c.id}")
                m.add(main_n[key] >= c.main_sets[0] * main[key])
                m.add(main_n[key] <= c.main_sets[1] * main[key])
                m.add(main[key] + acc == x[key])
                n[key] = acc_n + main_n[key]
            else:
                m.add(acc == x[key])
                n[key] = acc_n

    # sessions
    m.add(sum(on.values()) == problem.sessions).only_enforce_if(groups[Group.SESSIONS])
    if problem.fixed_days is not None:
        for d in days:
            m.add(on[d] == 1).only_enforce_if(groups[Group.SESSIONS])

    # structure
    by_kind = {k: [c for c in cands if c.kind is k] for k in Kind}
    s = groups[Group.STRUCTURE]
    for d in days:
        mains = [main[(d, c.id)] for c in cands if c.can_be_main]
        back = [x[(d, c.id)] for c in by_kind[Kind.BACK]]
        core = [x[(d, c.id)] for c in by_kind[Kind.CORE]]
        arms = [x[(d, c.id)] for c in by_kind[Kind.ARMS]]
        m.add(sum(mains) == on[d]).only_enforce_if(s)
        m.add(sum(back) <= problem.max_back_items).only_enforce_if(s)
        m.add(sum(core) >= on[d]).only_enforce_if(s)
        m.add(sum(core) <= 2).only_enforce_if(s)
        m.add(sum(arms) <= 2).only_enforce_if(s)
        if d in problem.fixed_main and (d, problem.fixed_main[d]) in main:
            m.add(main[(d, problem.fixed_main[d])] == 1).only_enforce_if(s)

    # 48 h between target loadings of the same node
    r = groups[Group.REST_48H]
    close_pairs = [(a, b) for i, a in enumerate(days) for b in days[i + 1 :] if gap_days(a, b) < 2]
    loads: dict[tuple[int, str], cp_model.IntVar] = {}
    all_targets = sorted({t for c in cands for t in c.targets})
    for d in days:
        for t in all_targets:
            users = [x[(d, c.id)] for c in cands if t in c.targets]
            var = m.new_bool_var(f"load_{d}_{t}")
            for u in users:
                m.add_implication(u, var)
            loads[(d, t)] = var
    for a, b in close_pairs:
        for t in all_targets:
            m.add(loads[(a, t)] + loads[(b, t)] <= 1).only_enforce_if(r)
    for other in problem.neighbours:
        for d in days:
            if abs(week_position(problem, d) - other.day) < 2:
                for t in other.targets & set(all_targets):
                    m.add(loads[(d, t)] == 0).only_enforce_if(r)

    # time budget
    tb = groups[Group.TIME_BUDGET]
    for d in days:
        seconds = []
        for c in cands:
            key = (d, c.id)
            seconds.append(c.set_s * n[key] + problem.transition_s * x[key])
            if c.can_be_main:
                seconds.append((c.main_set_s - c.set_s) * main_n[key] + c.ramp_s * main[key])
        m.add(sum(seconds) <= problem.item_budget_s).only_enforce_if(tb)

    # volume
    cost_terms: list[cp_model.LinearExprT] = []
    volume_expr: dict[str, cp_model.LinearExprT] = {}
    for leaf, target in problem.volume.items():
        expr = sum(c.volume[leaf] * n[(d, c.id)] for d in days for c in cands if c.volume.get(leaf))
        volume_expr[leaf] = expr
        m.add(expr <= target.cap).only_enforce_if(groups[Group.VOLUME_CAP])
        short = m.new_int_var(0, max(target.low, 0), f"short_{leaf}")
        # The excess's bound is the most the node could get, not its cap: the cap belongs to its
        # assumption group, or a conflict over it would be blamed on other groups.
        most = len(days) * sum(
            c.volume[leaf] * max(c.sets[1], c.main_sets[1]) for c in cands if c.volume.get(leaf)
        )
        over = m.new_int_var(0, max(most, 1), f"over_{leaf}")
        m.add(short >= target.low - expr)
        if problem.hard_volume:
            m.add(short == 0)
        m.add(over >= expr - target.high)
        cost_terms += [W_SHORTFALL * short, W_EXCESS * over]

    # preferences
    for d in days:
        arms_here = [x[(d, c.id)] for c in by_kind[Kind.ARMS]]
        no_arms = m.new_bool_var(f"no_arms_{d}")
        m.add(sum(arms_here) + no_arms >= on[d])
        cost_terms.append(W_NO_ARMS * no_arms)
        for c in cands:
            key = (d, c.id)
            cost_terms.append((W_SET + c.set_cost) * n[key] + c.pick_cost * x[key])
            if c.can_be_main and c.main_cost:
                cost_terms.append(c.main_cost * main[key])
            if c.id in problem.avoid.get(d, frozenset()):
                cost_terms.append(W_REPEAT * x[key])
    for a, b in close_pairs:
        both = m.new_bool_var(f"adjacent_{a}_{b}")
        m.add_bool_and([on[a], on[b]]).only_enforce_if(both)
        m.add(on[a] + on[b] <= 1 + both)
        cost_terms.append(W_ADJACENT * both)
    m.minimize(sum(cost_terms))

    m.add_assumptions([v for g, v in groups.items() if g not in problem.relax])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # deterministic, and cores come back on infeasibility
    solver.parameters.max_deterministic_time = problem.work_limit
    solver.parameters.max_time_in_seconds = problem.time_limit_s
    solver.parameters.random_seed = 0
    # Full LP relaxation: the volume and time rows are linear, and their bound proves optimality
    # in a fraction of the time the default needs (measured: 5 s timeout -> 0.4 s optimal).
    solver.parameters.linearization_level = 2
    status = solver.solve(m)
    wall_ms = (time.perf_counter() - started) * 1000
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        index = {v.index: g for g, v in groups.items()}
        conflict: tuple[Group, ...] = (
            tuple(index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in index)
            if status == cp_model.INFEASIBLE
            else ()
        )
        if (
            status == cp_model.INFEASIBLE
            and len(conflict) > 1
            and problem.explain_conflicts
            and not problem.relax
        ):
            conflict = minimal_conflict(problem, conflict)
        return WeekSolution(
            "INFEASIBLE" if status == cp_model.INFEASIBLE else name, 0.0, wall_ms, {}, {}, conflict
        )

    sessions: dict[int, tuple[Item, ...]] = {}
    for d in days:
        if not solver.boolean_value(on[d]):
            continue
        items = [
            Item(
                c.id,
                c.kind,
                int(solver.value(n[(d, c.id)])),
                bool(c.can_be_main and solver.boolean_value(main[(d, c.id)])),
            )
            for c in cands
            if solver.boolean_value(x[(d, c.id)])
        ]
        order = {Kind.BACK: 0, Kind.CORE: 1, Kind.ARMS: 2}
        items.sort(key=lambda it: (not it.main, order[it.kind], -it.sets, it.id))
        sessions[d] = tuple(items)
    volume = {leaf: int(solver.value(expr)) for leaf, expr in volume_expr.items()}
    return WeekSolution(name, float(solver.objective_value), wall_ms, sessions, volume)


def minimal_conflict(problem: WeekProblem, core: tuple[Group, ...]) -> tuple[Group, ...]:
    """Shrink a sufficient set of conflicting groups to a minimal one (deletion filter): drop each
    group in turn and keep it out when the rest still conflict. At most one solve per group."""
    keep = list(core)
    for group in list(core):
        trial = [g for g in keep if g is not group]
        if not trial:
            continue
        relaxed = frozenset(Group) - frozenset(trial)
        result = solve_week(replace(problem, relax=relaxed, work_limit=min(problem.work_limit, 0.8)))
        if result.status == "INFEASIBLE":
            keep = trial
    return tuple(keep)


def minimum_session_seconds(candidates: Sequence[Candidate], transition_s: int) -> int:
    """The shortest a session can be under the structure rules: the cheapest main lift at its
    minimum sets plus the cheapest core item at its minimum sets, with transitions."""
    mains = [c.main_set_s * c.main_sets[0] + c.ramp_s for c in candidates if c.can_be_main]
    cores = [c.set_s * c.sets[0] for c in candidates if c.kind is Kind.CORE]
    if not mains or not cores:
        return 0
    return min(mains) + min(cores) + 2 * transition_s
