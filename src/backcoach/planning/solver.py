"""The weekly template as a constraint model, solved with OR-Tools CP-SAT.

Decision variables, for each available weekday ``d`` and candidate exercise ``e``:
  ``on[d]``      the day is a back session;
  ``x[d, e]``    the exercise is in that session;   ``n[d, e]`` its working sets (0 when absent);
  ``main[d, e]`` the exercise is the session's main lift (first, heaviest, longest rest).

Hard constraints, in groups (an infeasible model is solved again with one assumption literal per
group, so that CP-SAT's sufficient assumptions for infeasibility name the groups that conflict):
  sessions      exactly the requested number of back sessions, on the person's days;
  rest_48h      two sessions less than 48 h apart never share a target muscle node (ACSM, Garber
                et al. 2011), across the week boundary too;
  structure     one main lift and 1..max back items, 1..2 core items, 0..2 arms items a session;
  time_budget   working sets, rest and transitions fit in the minutes left after warm-up and
                cool-down;
  volume_cap    no back node above its maximum recoverable volume (MRV).
Relaxable: each main back muscle in ``required`` (lats, mid-back, spinal erectors, lower traps:
``reach.MAIN``) at its minimum effective volume, hard in a plain solve and enforced by its own
assumption literal in ``reach_checker``, whose cores name the muscles the hard rules cannot all
bring there (``reach.settle`` decides which keep it).
Objective (minimised, integer weights below): shortfall under each trainable node's minimum
effective volume, excess over its adaptive range, sets (fewest that do the job), spinal load, goal
fit, sessions on adjacent days, no arms work, repeats of the other variant's accessories, and a
seeded tie-break. Filling the remaining time toward the adaptive range is ``fill``'s job.

Proof effort is bounded by CP-SAT's deterministic time (``WORK_LIMIT``), never by the clock, so the
same problem gives the same week on any machine under any load. A solve that stops there reports
how far its week may be from the best: ``WITHIN_GAP`` when the proven bound is within
``GAP_LIMIT`` of it, else ``FEASIBLE``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ortools.sat.python import cp_model

from backcoach.planning.profile import DAYS_A_WEEK

# Objective weights, in cost units: our own, ordered by what the sources make hard and what they
# make a preference; the golden plans pin their effect. Volume dominates: one half-set short of a
# node's target costs more than any preference, so the solver only falls short when the hard
# constraints force it.
W_SHORTFALL = 400  # per half-set under a node's minimum effective volume (RP's MEV; Iversen 2021)
W_EXCESS = 20  # per half-set above the top of the adaptive range (RP's MAV: more adds fatigue)
# per pair of sessions on consecutive days: 48 h is the floor, 72 h the soft default (ACSM,
# Garber et al. 2011, and secondary summaries; training-science.md section 2)
W_ADJACENT = 60
W_NO_ARMS = 150  # per session without upper-arm strength work (the article pairs back and arms)
W_REPEAT = 25  # per accessory repeated from the other weekly variant (variety)
# per working set: prefer the fewest sets that meet the targets (Schoenfeld et al. 2017: gains per
# extra set are small; Iversen et al. 2021: the minimum effective dose)
W_SET = 3

# Session structure (the article's session shape: one main back lift, then accessories, core work
# and, when there is time, upper-arm work paired with the back): most items of each kind a session.
MAX_BACK_ITEMS = 5
MAX_CORE_ITEMS = 2
MAX_ARMS_ITEMS = 2
# Two sessions closer than this many days are within 48 h of each other (ACSM, Garber et al. 2011:
# at least 48 h between sessions for the same muscle group); training-science.md section 2.
REST_DAYS = 2
# The seeded tie-break's costs run 0..TIE_SPREAD-1: below one set's cost (W_SET), so it only picks
# among otherwise equal weeks.
TIE_SPREAD = 3

# Proof effort, in CP-SAT deterministic seconds (a count of work done, not of the clock: the same
# problem stops at the same point on a busy machine, so plans stay reproducible; there is no
# wall-clock limit). Measured over the benchmark's 1,000 random profiles (1,574 weekly models), one
# deterministic second is about 1.7 s of one core; all but six models prove optimality within 0.3.
# Four stop at the limit (advanced lifters, 30-minute sessions on consecutive days): their weeks
# cost within 1 % of the optimum a search 40 times longer proves, but their bound is 40-90 % lower.
WORK_LIMIT = 0.5
# Naming a conflict tries each group left out in turn; each of those solves gets this much.
CONFLICT_WORK_LIMIT = 0.5
# A solve stopped by WORK_LIMIT whose week costs at most this share above the proven lower bound
# counts as good as optimal (status WITHIN_GAP). Not a stopping rule: measured, the bound closes
# only as the proof ends, so stopping at a gap saves almost nothing and would change plans.
GAP_LIMIT = 0.02
# Statuses of a week that holds every hard rule.
SOLVED = frozenset({"OPTIMAL", "WITHIN_GAP", "FEASIBLE"})


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
    adaptive: int = 0  # bottom of the adaptive range (MAV): ``fill`` uses spare time up to here


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
    max_back_items: int = MAX_BACK_ITEMS
    fixed_main: Mapping[int, str] = field(default_factory=dict)  # day → main lift to keep
    fixed_days: tuple[int, ...] | None = None
    avoid: Mapping[int, frozenset[str]] = field(default_factory=dict)  # day → accessories to vary
    neighbours: tuple[FixedSession, ...] = ()  # sessions of the other variant (next/previous week)
    week_start: int = 0  # weekday the plan's weeks begin on (its start date's); neighbours count from it
    relax: frozenset[Group] = frozenset()  # groups left unenforced (to find a minimal conflict)
    explain_conflicts: bool = True  # name a minimal set of conflicting groups (extra solves)
    hard_volume: bool = False  # every node at least at its MEV (used to test what a profile allows)
    work_limit: float = WORK_LIMIT  # deterministic seconds (see WORK_LIMIT)
    # Main back muscles (landmark group → its leaves in ``volume``): a group reaches its MEV when
    # any of its leaves does, as the plan's volume report counts it (science.volume: a group's
    # sets are the most-worked of its muscles).
    main: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    required: frozenset[str] = frozenset()  # main groups that must reach their MEV (hard)
    feasibility_only: bool = False  # no objective: only whether a week within the rules exists


@dataclass(frozen=True)
class Item:
    id: str
    kind: Kind
    sets: int
    main: bool


@dataclass(frozen=True)
class WeekSolution:
    status: str  # OPTIMAL, WITHIN_GAP, FEASIBLE, INFEASIBLE or UNKNOWN (no week within the limit)
    objective: float
    wall_ms: float
    sessions: dict[int, tuple[Item, ...]]  # day → items, main lift first
    volume: dict[str, int]  # back leaf → half-sets
    conflicts: tuple[Group, ...] = ()
    gap: float = 0.0  # (objective - proven bound) / objective: 0 when proven optimal

    @property
    def solved(self) -> bool:
        """The week holds every hard rule (proven optimal or not)."""
        return self.status in SOLVED


def gap_days(a: int, b: int) -> int:
    """Days between two weekdays on a repeating week (Sunday → Monday is 1)."""
    d = abs(a - b) % DAYS_A_WEEK
    return min(d, DAYS_A_WEEK - d)


def week_position(problem: WeekProblem, day: int) -> int:
    """Where a weekday falls in the plan's week: 0 on the weekday the weeks begin, 6 on the last."""
    return (day - problem.week_start) % DAYS_A_WEEK


def tie_break(seed: int, exercise_id: str, spread: int = TIE_SPREAD) -> int:
    """A stable pseudo-random cost in 0..spread-1: same seed, same plan."""
    digest = hashlib.sha256(f"{seed}:{exercise_id}".encode()).digest()
    return digest[0] % spread


def within_rest(a: int, b: int) -> bool:
    """Sessions on these weekdays are less than 48 h apart (same or consecutive days)."""
    return gap_days(a, b) < REST_DAYS


def solve_week(problem: WeekProblem) -> WeekSolution:
    """The cheapest week that holds every hard rule, or the groups that conflict.

    The model is solved without assumption literals (CP-SAT presolves it fully then, measured about
    twice as fast); only an infeasible one is built again with them to name the conflict."""
    started = time.perf_counter()
    week = _WeekModel(problem, assume=False)
    status = week.solver.solve(week.model)
    if status == cp_model.INFEASIBLE:
        conflicts = _conflicts(problem) if problem.explain_conflicts else ()
        return WeekSolution("INFEASIBLE", 0.0, _ms_since(started), {}, {}, conflicts)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return WeekSolution(week.solver.status_name(status), 0.0, _ms_since(started), {}, {})
    return week.solution(status, _ms_since(started))


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def relative_gap(objective: float, bound: float) -> float:
    """How far a week's cost may be above the best possible, as a share of its cost."""
    return max(0.0, objective - bound) / max(1.0, abs(objective))


class _WeekModel:
    """The CP-SAT model of one week and a solver set up for it.

    With ``assume``, every constraint group is enforced by an assumption literal (``literals``),
    so that an infeasible solve names the groups in its sufficient assumptions."""

    def __init__(self, problem: WeekProblem, *, assume: bool, reach_assumptions: bool = False) -> None:
        self.problem = problem
        m = self.model = cp_model.CpModel()
        self.literals = {g: m.new_bool_var(f"assume_{g}") for g in Group} if assume else {}
        cands = problem.candidates
        days = self.days = problem.days if problem.fixed_days is None else problem.fixed_days

        on = self.on = {d: m.new_bool_var(f"on_{d}") for d in days}
        x: dict[tuple[int, str], cp_model.IntVar] = {}
        n: dict[tuple[int, str], cp_model.LinearExpr] = {}
        main: dict[tuple[int, str], cp_model.IntVar] = {}
        main_n: dict[tuple[int, str], cp_model.IntVar] = {}
        self.x, self.n, self.main = x, n, main
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
        self._rule(Group.SESSIONS, sum(on.values()) == problem.sessions)
        if problem.fixed_days is not None:
            for d in days:
                self._rule(Group.SESSIONS, on[d] == 1)

        # structure
        by_kind = {k: [c for c in cands if c.kind is k] for k in Kind}
        for d in days:
            mains = [main[(d, c.id)] for c in cands if c.can_be_main]
            back = [x[(d, c.id)] for c in by_kind[Kind.BACK]]
            core = [x[(d, c.id)] for c in by_kind[Kind.CORE]]
            arms = [x[(d, c.id)] for c in by_kind[Kind.ARMS]]
            self._rule(Group.STRUCTURE, sum(mains) == on[d])
            self._rule(Group.STRUCTURE, sum(back) <= problem.max_back_items)
            self._rule(Group.STRUCTURE, sum(core) >= on[d])
            self._rule(Group.STRUCTURE, sum(core) <= MAX_CORE_ITEMS)
            self._rule(Group.STRUCTURE, sum(arms) <= MAX_ARMS_ITEMS)
            if d in problem.fixed_main and (d, problem.fixed_main[d]) in main:
                self._rule(Group.STRUCTURE, main[(d, problem.fixed_main[d])] == 1)

        # 48 h between target loadings of the same node
        close_pairs = [(a, b) for i, a in enumerate(days) for b in days[i + 1 :] if within_rest(a, b)]
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
                self._rule(Group.REST_48H, loads[(a, t)] + loads[(b, t)] <= 1)
        for other in problem.neighbours:
            for d in days:
                if abs(week_position(problem, d) - other.day) < REST_DAYS:
                    for t in other.targets & set(all_targets):
                        self._rule(Group.REST_48H, loads[(d, t)] == 0)

        # time budget
        for d in days:
            seconds = []
            for c in cands:
                key = (d, c.id)
                seconds.append(c.set_s * n[key] + problem.transition_s * x[key])
                if c.can_be_main:
                    seconds.append((c.main_set_s - c.set_s) * main_n[key] + c.ramp_s * main[key])
            self._rule(Group.TIME_BUDGET, sum(seconds) <= problem.item_budget_s)

        # volume
        cost_terms: list[cp_model.LinearExprT] = []
        self.volume_expr: dict[str, cp_model.LinearExprT] = {}
        for leaf, target in problem.volume.items():
            expr = sum(c.volume[leaf] * n[(d, c.id)] for d in days for c in cands if c.volume.get(leaf))
            self.volume_expr[leaf] = expr
            self._rule(Group.VOLUME_CAP, expr <= target.cap)
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
        if not problem.feasibility_only:
            m.minimize(sum(cost_terms))

        # main back muscles at their minimum effective volume: hard when required; with
        # ``reach_assumptions`` each group is enforced by its own assumption literal instead, so an
        # infeasible solve names the groups that cannot all reach it
        self.reach_literals: dict[str, cp_model.IntVar] = {}
        for group in problem.main:
            if group not in problem.required:
                continue
            leaves = [leaf for leaf in problem.main[group] if leaf in self.volume_expr]
            lit = m.new_bool_var(f"reach_{group}") if reach_assumptions else None
            if lit is not None:
                self.reach_literals[group] = lit
            hits = []  # none: no exercise loads the group, so requiring it is infeasible
            for leaf in leaves:
                hit = m.new_bool_var(f"hit_{group}_{leaf}")
                m.add(self.volume_expr[leaf] >= problem.volume[leaf].low).only_enforce_if(hit)
                hits.append(hit)
            added = m.add_bool_or(hits)
            if lit is not None:
                added.only_enforce_if(lit)
        if self.literals or self.reach_literals:
            m.add_assumptions(
                [v for g, v in self.literals.items() if g not in problem.relax]
                + list(self.reach_literals.values())
            )
        solver = self.solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # deterministic, and cores come back on infeasibility
        solver.parameters.random_seed = 0
        solver.parameters.max_deterministic_time = problem.work_limit
        # Full LP relaxation: the volume and time rows are linear, and their bound proves optimality
        # in a fraction of the time the default needs (measured: 5 s timeout -> 0.4 s optimal).
        solver.parameters.linearization_level = 2
        # No cutting planes: on these small models they cost more than they prune. Measured over
        # the benchmark's 1,574 weekly models: 2.7 times less deterministic time in all, and the
        # slowest hundred 2.9 times faster, with the same optimal objective everywhere.
        solver.parameters.cut_level = 0
        if problem.feasibility_only:
            # A yes-or-no check is found or refuted by search, not by the bound presolve tightens:
            # one presolve pass and no probing. Measured over 664 checks of 120 random profiles'
            # plans and remedies: a quarter less solver time, the same answer to every check.
            solver.parameters.max_presolve_iterations = 1
            solver.parameters.cp_model_probing_level = 0

    def _rule(self, group: Group, constraint: cp_model.BoundedLinearExpression | bool) -> None:
        """Add a hard constraint of ``group``: left out when the group is relaxed, enforced by the
        group's assumption literal when the model names conflicts."""
        if group in self.problem.relax:
            return
        added = self.model.add(constraint)
        if self.literals:
            added.only_enforce_if(self.literals[group])

    def solution(self, status: cp_model.CpSolverStatus, wall_ms: float) -> WeekSolution:
        solver, x, n, main = self.solver, self.x, self.n, self.main
        objective = float(solver.objective_value)
        gap = 0.0 if status == cp_model.OPTIMAL else relative_gap(objective, solver.best_objective_bound)
        name = "OPTIMAL" if gap == 0.0 else "WITHIN_GAP" if gap <= GAP_LIMIT else "FEASIBLE"
        sessions: dict[int, tuple[Item, ...]] = {}
        order = {Kind.BACK: 0, Kind.CORE: 1, Kind.ARMS: 2}
        for d in self.days:
            if not solver.boolean_value(self.on[d]):
                continue
            items = [
                Item(
                    c.id,
                    c.kind,
                    int(solver.value(n[(d, c.id)])),
                    bool(c.can_be_main and solver.boolean_value(main[(d, c.id)])),
                )
                for c in self.problem.candidates
                if solver.boolean_value(x[(d, c.id)])
            ]
            items.sort(key=lambda it: (not it.main, order[it.kind], -it.sets, it.id))
            sessions[d] = tuple(items)
        volume = {leaf: int(solver.value(expr)) for leaf, expr in self.volume_expr.items()}
        return WeekSolution(name, objective, wall_ms, sessions, volume, gap=gap)


def feasible(problem: WeekProblem) -> bool | None:
    """Whether a week within every hard rule (and every ``required`` main group at its MEV)
    exists: True, False, or None when the work limit ends the search first. No objective, so a
    check costs a fraction of a full solve."""
    week = _WeekModel(replace(problem, feasibility_only=True), assume=False)
    status = week.solver.solve(week.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if status == cp_model.INFEASIBLE else None


ReachCheck = Callable[[Collection[str]], tuple[bool | None, tuple[str, ...]]]


def reach_checker(problem: WeekProblem) -> ReachCheck:
    """One satisfaction model of ``problem`` with each main group's MEV enforced by its own
    assumption literal, the other rules hard, built once and solved for any set of groups:
    (True, ()) when they can all reach their MEV together; (False, core) when not, with CP-SAT's
    sufficient assumptions (the groups that together cannot), or an empty core when the hard rules
    conflict without them; (None, ()) when the work limit ends the search first."""
    week = _WeekModel(
        replace(problem, feasibility_only=True, required=frozenset(problem.main)),
        assume=False,
        reach_assumptions=True,
    )
    index = {v.index: g for g, v in week.reach_literals.items()}

    def check(groups: Collection[str]) -> tuple[bool | None, tuple[str, ...]]:
        week.model.clear_assumptions()
        week.model.add_assumptions([week.reach_literals[g] for g in sorted(groups)])
        status = week.solver.solve(week.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return True, ()
        if status != cp_model.INFEASIBLE:
            return None, ()
        core = week.solver.sufficient_assumptions_for_infeasibility()
        return False, tuple(index[i] for i in core if i in index)

    return check


def _conflicts(problem: WeekProblem) -> tuple[Group, ...]:
    """The groups of an infeasible problem that conflict: CP-SAT's sufficient assumptions, shrunk
    to a minimal set when more than one (and nothing is relaxed already)."""
    week = _WeekModel(problem, assume=True)
    if week.solver.solve(week.model) != cp_model.INFEASIBLE:
        return ()  # infeasibility not reproduced within the work limit: name nothing
    index = {v.index: g for g, v in week.literals.items()}
    core = tuple(index[i] for i in week.solver.sufficient_assumptions_for_infeasibility() if i in index)
    if len(core) > 1 and not problem.relax:
        return minimal_conflict(problem, core)
    return core


def minimal_conflict(problem: WeekProblem, core: tuple[Group, ...]) -> tuple[Group, ...]:
    """Shrink a sufficient set of conflicting groups to a minimal one (deletion filter): drop each
    group in turn and keep it out when the rest still conflict. At most one solve per group."""
    keep = list(core)
    for group in list(core):
        trial = [g for g in keep if g is not group]
        if not trial:
            continue
        relaxed = frozenset(Group) - frozenset(trial)
        result = solve_week(
            replace(
                problem,
                relax=relaxed,
                explain_conflicts=False,
                work_limit=min(problem.work_limit, CONFLICT_WORK_LIMIT),
            )
        )
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
