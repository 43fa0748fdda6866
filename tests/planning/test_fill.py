"""The greedy second phase: it only adds work, toward each node's aim, and never breaks a hard rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.planning.fill import fill_week, session_seconds
from backcoach.planning.solver import FixedSession, Kind, WeekProblem, WeekSolution, solve_week

from .solver_factories import CURL, HINGE, PLANK, ROW, SHRUG, SIDE, cand, problem, rule_breaks, target

LEAVES = ("lats", "erectors", "traps", "rhomboids")


@st.composite
def week_problems(draw: st.DrawFn) -> WeekProblem:
    """Small random problems: a few back, core and arms candidates over four back leaves."""
    backs = []
    for n in range(draw(st.integers(1, 6))):
        targets = draw(st.lists(st.sampled_from(LEAVES), min_size=1, max_size=2, unique=True))
        helper = draw(st.sampled_from([None, *LEAVES]))
        volume = dict.fromkeys(targets, 2) | ({helper: 1} if helper and helper not in targets else {})
        low = draw(st.integers(1, 3))
        backs.append(
            cand(
                f"back-{n}",
                targets=targets,
                volume=volume,
                main=draw(st.booleans()) or n == 0,
                set_s=draw(st.integers(30, 150)),
                sets=(low, low + draw(st.integers(0, 2))),
            )
        )
    cores = [cand(f"core-{n}", Kind.CORE, targets=(f"abs-{n}",)) for n in range(draw(st.integers(1, 2)))]
    arms = [cand(f"arms-{n}", Kind.ARMS, targets=(f"arm-{n}",)) for n in range(draw(st.integers(0, 2)))]
    days = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=4))))
    volume = {}
    for leaf in LEAVES:
        low, aim, high, cap = sorted(draw(st.lists(st.integers(0, 40), min_size=4, max_size=4)))
        volume[leaf] = target(low, aim, high, cap)
    neighbours = draw(st.lists(st.sampled_from([-1, 7]), max_size=2, unique=True))
    return problem(
        *backs,
        *cores,
        *arms,
        days=days,
        item_budget_s=draw(st.integers(300, 3600)),
        volume=volume,
        neighbours=tuple(
            FixedSession(d, frozenset(draw(st.sets(st.sampled_from(LEAVES))))) for d in neighbours
        ),
        week_start=draw(st.integers(0, 6)),
    )


def sets_by_day(week: WeekSolution) -> dict[int, dict[str, tuple[int, bool]]]:
    return {d: {it.id: (it.sets, it.main) for it in items} for d, items in week.sessions.items()}


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(week_problems())
def test_fill_only_adds_work_and_keeps_every_hard_rule(p: WeekProblem) -> None:
    solved = solve_week(p)
    filled = fill_week(p, solved)
    if solved.status not in ("OPTIMAL", "FEASIBLE"):
        assert filled == solved
        return
    assert rule_breaks(p, solved) == []
    assert rule_breaks(p, filled) == []
    before, after = sets_by_day(solved), sets_by_day(filled)
    assert before.keys() == after.keys()
    for day, items in before.items():
        for exercise_id, (sets, main) in items.items():
            assert after[day][exercise_id][0] >= sets
            assert after[day][exercise_id][1] == main
        assert not any(main for i, (_, main) in after[day].items() if i not in items)  # no new main lift
    for leaf, goal in p.volume.items():
        assert solved.volume[leaf] <= filled.volume[leaf] <= max(solved.volume[leaf], goal.high)
    assert (filled.status, filled.objective) == (solved.status, solved.objective)


def test_fill_uses_spare_time_to_reach_the_aim() -> None:
    p = problem(
        ROW, SHRUG, PLANK, days=(0,), item_budget_s=3600, volume={"lats": target(low=2, aim=16, high=16)}
    )
    solved = solve_week(p)
    filled = fill_week(p, solved)
    assert solved.volume["lats"] < 16
    assert filled.volume["lats"] > solved.volume["lats"]
    assert rule_breaks(p, filled) == []


def test_fill_adds_nothing_once_every_node_is_at_its_aim() -> None:
    p = problem(
        ROW, HINGE, PLANK, SIDE, CURL, days=(0, 3), item_budget_s=3600, volume={"lats": target(low=12)}
    )
    solved = solve_week(p)
    assert solved.volume["lats"] >= 12
    assert fill_week(p, solved) == solved


def test_fill_stops_at_the_time_budget() -> None:
    p = problem(
        ROW, SHRUG, PLANK, days=(0,), item_budget_s=700, volume={"lats": target(low=2, aim=40, high=40)}
    )
    filled = fill_week(p, solve_week(p))
    by_id = {c.id: c for c in p.candidates}
    spent = session_seconds(p, by_id, list(filled.sessions[0]))
    assert spent <= 700
    assert filled.volume["lats"] < 40


def test_fill_leaves_an_infeasible_week_alone() -> None:
    p = problem(ROW, PLANK, days=(0,), item_budget_s=30)
    solved = solve_week(p)
    assert solved.status == "INFEASIBLE"
    assert fill_week(p, solved) is solved
