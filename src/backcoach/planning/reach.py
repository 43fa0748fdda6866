"""Which main back muscles a week can bring to their minimum effective volume, proven by CP-SAT.

The main muscles (``MAIN``) are the article's back: lats, mid-back, spinal erectors and lower
traps. Each is a relaxable constraint of the weekly model with its own assumption literal
(``solver.reach_core``). The week first asks for all of them; when the hard rules cannot give that,
CP-SAT's sufficient assumptions name the muscles that conflict, the set is shrunk to a minimal one
(each dropped in turn, kept out when the rest still conflict), and the lowest in ``MAIN``'s order is
let go. That repeats until the rest fit, so a muscle is below its minimum only when the solver has
proven the hard rules (or the muscles before it) leave no room for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from backcoach.planning.solver import (
    ReachCheck,
    WeekProblem,
    WeekSolution,
    feasible,
    reach_checker,
    solve_week,
)

# The main back muscles as landmark groups (science.volume), in the order they keep their minimum
# when not all can: the list, which is the article's order of importance (the lats move
# the arm and are the largest; the lower traps already get indirect work from every pull).
MAIN = ("lats", "mid-back", "spinal-erectors", "lower-traps")


@dataclass(frozen=True)
class Reach:
    """The main groups the week brings to their MEV, and for each one it cannot, the other main
    groups it competes with (empty: the hard rules alone keep it below)."""

    reached: tuple[str, ...]
    dropped: dict[str, tuple[str, ...]]


def settle(problem: WeekProblem) -> Reach | None:
    """The main groups that reach their MEV together, or None when the hard rules conflict without
    them (the builder then names that conflict). Deterministic: the same problem, the same answer.
    One model, built once; each check solves it under other assumptions."""
    # a group no exercise loads cannot reach anything: no solve needed to say so
    dropped: dict[str, tuple[str, ...]] = {g: () for g in MAIN if g in problem.main and not problem.main[g]}
    active = [g for g in MAIN if g in problem.main and g not in dropped]
    if not active:
        return Reach((), dropped)
    check = reach_checker(problem)
    while active:
        ok, core = check(active)
        if ok:
            break
        if not core and check(())[0] is False:
            return None  # the hard rules conflict on their own
        conflict = _minimal(check, core) if len(core) > 1 else core
        if not conflict:  # no core (work limit): let the lowest go, with nothing to blame
            conflict = (active[-1],)
        victim = max(conflict, key=MAIN.index)
        dropped[victim] = tuple(g for g in conflict if g != victim)
        active.remove(victim)
    if not active and check(())[0] is False:
        return None  # every group let go and still no week: the hard rules conflict on their own
    return Reach(tuple(active), dropped)


def _minimal(check: ReachCheck, core: tuple[str, ...]) -> tuple[str, ...]:
    """Shrink conflicting groups to a minimal conflict (deletion filter: one check per group)."""
    keep = list(core)
    for group in list(core):
        trial = [g for g in keep if g != group]
        if trial and check(trial)[0] is False:
            keep = trial
    return tuple(keep)


def reaches(problem: WeekProblem, group: str) -> bool:
    """Whether ``group`` alone can reach its MEV within every hard rule of ``problem``."""
    return bool(problem.main.get(group)) and bool(feasible(replace(problem, required=frozenset({group}))))


def solve_reaching(problem: WeekProblem) -> tuple[WeekSolution, Reach | None]:
    """The week with as many main groups at their MEV as the hard rules allow (``settle``), and
    which ones. Asks for all of them first: one solve when they fit, as they mostly do; None for
    the reach when the hard rules conflict without them (the week then names that conflict)."""
    empty = {g: () for g in MAIN if g in problem.main and not problem.main[g]}
    wanted = frozenset(g for g in MAIN if g in problem.main and g not in empty)
    if wanted:
        week = solve_week(replace(problem, required=wanted, explain_conflicts=False))
        if week.solved:
            return week, Reach(tuple(g for g in MAIN if g in wanted), dict(empty))
    reach = settle(problem)
    if reach is None:
        return solve_week(problem), None
    return solve_week(replace(problem, required=frozenset(reach.reached))), reach
