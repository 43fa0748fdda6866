"""Which main back muscles a week can bring to their minimum effective volume, proven by CP-SAT.

The main muscles (``MAIN``) are the article's back: lats, mid-back, spinal erectors and lower
traps. Each is a relaxable constraint of the weekly model with its own assumption literal
(``solver.reach_core``). The week first asks for all of them; when the hard rules cannot give that,
the muscles keep it in ``MAIN``'s order, each one when it fits beside those kept before it. So a
muscle is below its minimum only when the solver has proven that the hard rules, or the muscles
before it at theirs, leave no room for it; CP-SAT's sufficient assumptions, shrunk to a minimal set,
name those muscles.
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


def settle(problem: WeekProblem, *, all_fit: bool | None = None) -> Reach | None:
    """The main groups that reach their MEV together, or None when the hard rules conflict without
    them (the builder then names that conflict). Deterministic: the same problem, the same answer.
    One model, built once; each check solves it under other assumptions. ``all_fit``: whether every
    group fits, when the caller has solved that already (the builder's first solve asks it).

    Groups keep their minimum in ``MAIN``'s order: each one is kept when it fits beside the ones
    kept before it. A group let go names the kept groups it conflicts with, shrunk to a minimal set
    (empty: the hard rules alone keep it below)."""
    dropped: dict[str, tuple[str, ...]] = {g: () for g in MAIN if g in problem.main and not problem.main[g]}
    active = [g for g in MAIN if g in problem.main and g not in dropped]
    if not active:
        return Reach((), dropped)
    check = reach_checker(problem)
    if all_fit or (all_fit is None and check(active)[0]):
        return Reach(tuple(active), dropped)
    kept: list[str] = []
    for group in active:
        ok, core = check([*kept, group])
        if ok:
            kept.append(group)
        elif ok is None:  # the work limit ended the search: let it go, with nothing to blame
            dropped[group] = ()
        elif not core and check(())[0] is False:
            return None  # the hard rules conflict on their own
        else:
            dropped[group] = _rivals(check, group, [g for g in kept if g in core])
    if not kept and check(())[0] is False:
        return None  # every group let go and still no week: the hard rules conflict on their own
    return Reach(tuple(kept), dropped)


def _rivals(check: ReachCheck, group: str, rivals: list[str]) -> tuple[str, ...]:
    """Shrink the kept groups that conflict with ``group`` to a minimal set (deletion filter: one
    check per rival); empty when ``group`` cannot reach its MEV even alone."""
    if not rivals or check([group])[0] is not True:
        return ()
    if len(rivals) == 1:
        return tuple(rivals)  # it fits alone, so the one rival is the whole conflict
    keep = list(rivals)
    for rival in rivals:
        trial = [g for g in keep if g != rival]
        if check([*trial, group])[0] is False:
            keep = trial
    return tuple(keep)


def keeps(problem: WeekProblem, group: str) -> bool:
    """Whether ``settle`` keeps ``group`` at its MEV for ``problem``, with no more checks than
    that takes: the groups before it in ``MAIN`` are settled, the ones after it never matter."""
    active = [g for g in MAIN if problem.main.get(g)]
    if group not in active:
        return False
    check = reach_checker(problem)
    ahead = active[: active.index(group)]
    if ahead and check(active)[0]:
        return True
    kept: list[str] = []
    for g in ahead:
        if check([*kept, g])[0]:
            kept.append(g)
    return bool(check([*kept, group])[0])


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
    reach = settle(problem, all_fit=False if wanted else None)
    if reach is None:
        return solve_week(problem), None
    return solve_week(replace(problem, required=frozenset(reach.reached))), reach
