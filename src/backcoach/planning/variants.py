"""Variant B: the alternate week, for variety (the main lifts kept, other accessories).

Weeks alternate A and B, so B keeps A's days and main lifts (the lifts progressed on) and is
charged for repeating A's accessories; the sessions of A next to B's week in time (the week before
and after) limit B's sessions like any other within 48 h (ACSM, Garber et al. 2011).
"""

from __future__ import annotations

from dataclasses import replace

from backcoach.planning.fill import fill_week
from backcoach.planning.profile import DAYS_A_WEEK
from backcoach.planning.solver import FixedSession, WeekProblem, WeekSolution, solve_week, week_position

# A plan this many weeks long or more has room for a second variant.
VARIED_FROM_WEEKS = 2
# Week positions: the first and last day of the plan's week, and the days just outside it.
FIRST_DAY, LAST_DAY = 0, DAYS_A_WEEK - 1
DAY_BEFORE, DAY_AFTER = FIRST_DAY - 1, LAST_DAY + 1


def variant_b(problem: WeekProblem, a: WeekSolution, *, weeks: int) -> WeekSolution | None:
    """The alternate week (same days and main lifts, other accessories where possible), or None
    when the plan is too short to alternate or nothing can vary."""
    if weeks < VARIED_FROM_WEEKS:
        return None
    mains = {d: next(i.id for i in items if i.main) for d, items in a.sessions.items()}
    avoid = {d: frozenset(i.id for i in items if not i.main) for d, items in a.sessions.items()}
    neighbours = neighbours_of(problem, a)
    b = solve_week(
        replace(
            problem,
            fixed_days=tuple(sorted(a.sessions)),
            fixed_main=mains,
            avoid=avoid,
            neighbours=neighbours,
            explain_conflicts=False,
        )
    )
    if not b.solved:
        return None
    b = fill_week(replace(problem, neighbours=neighbours), b)
    if all(set(b.sessions[d]) == set(a.sessions[d]) for d in a.sessions):
        return None  # nothing to vary with this equipment
    return b


def neighbours_of(problem: WeekProblem, a: WeekSolution) -> tuple[FixedSession, ...]:
    """The sessions of A next to B's week in time, as limits on B's sessions."""
    by_id = {c.id: c for c in problem.candidates}
    return wrap_neighbours(
        tuple(
            FixedSession(week_position(problem, d), frozenset(t for i in items for t in by_id[i.id].targets))
            for d, items in a.sessions.items()
        )
    )


def wrap_neighbours(sessions: tuple[FixedSession, ...]) -> tuple[FixedSession, ...]:
    """Weeks alternate A and B, so the last day of A's week comes the day before the first day of
    B's (Sunday and Monday when the plan starts on a Monday) and the first day of A's the day after
    the last of B's; inside the week B replaces A, it does not follow it. Days are week positions."""
    out = []
    for s in sessions:
        if s.day == LAST_DAY:
            out.append(FixedSession(DAY_BEFORE, s.targets))
        if s.day == FIRST_DAY:
            out.append(FixedSession(DAY_AFTER, s.targets))
    return tuple(out)
