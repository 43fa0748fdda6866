"""Each session's minutes planned against the minutes the person gave, and why a short one is not
longer while a main back muscle is below its adaptive range."""

from __future__ import annotations

from dataclasses import replace

from backcoach.planning.fill import blocked
from backcoach.planning.plan import Plan
from backcoach.planning.reach import MAIN
from backcoach.planning.shortfall import TimeUse
from backcoach.planning.solver import WeekProblem, WeekSolution
from backcoach.planning.variants import neighbours_of

# A session that plans less than this share of the minutes given, while a main muscle is below its
# adaptive range, must say what stops more work (issue 14's test of time use: 70 %).
FULL_SHARE = 0.7


def time_use(
    plan: Plan, problem: WeekProblem, weeks: tuple[WeekSolution, WeekSolution | None]
) -> tuple[TimeUse, ...]:
    """Minutes used against given for each session of a regular week of each variant, with the
    limit named where a session is short while a main muscle is below its adaptive range."""
    a, b = weeks
    given = plan.profile.minutes
    rows = {row.node: row for row in plan.volume}
    below = [g for g in MAIN if g in rows and g in problem.main and rows[g].sets < rows[g].mav[0]]
    regular = [w for w in plan.weeks if not w.deload and not w.gentle] or list(plan.weeks)
    out: list[TimeUse] = []
    for variant in ("A", "B"):
        week = next((w for w in regular if w.variant == variant), None)
        solution = a if variant == "A" else b
        if week is None or solution is None:
            continue
        model = problem if variant == "A" else replace(problem, neighbours=neighbours_of(problem, a))
        for s in week.sessions:
            use = TimeUse(s.weekday, s.estimated_minutes, given)
            if s.estimated_minutes < FULL_SHARE * given and below:
                muscle = below[0]
                limit = blocked(model, solution, s.weekday.number, problem.main[muscle])
                use = replace(use, muscle=muscle, limit=limit)
            out.append(use)
    return tuple(out)
