"""The main muscles' minimum as relaxable constraints: solved with assumption literals, the cores
say which muscles the hard rules cannot all bring to their minimum (made-up muscles and times)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from backcoach.catalog import Level
from backcoach.planning.reach import MAIN, Reach, keeps, settle, solve_reaching
from backcoach.planning.remedies import binding, relaxed
from backcoach.planning.shortfall import Rule
from backcoach.planning.solver import Candidate, Kind, WeekProblem, feasible, reach_checker

from .solver_factories import PLANK, cand, problem, target

LATS, MID, ERECTORS, LOWER = MAIN
LOWS = (("lat", 8), ("rhomboid", 8), ("erector", 8))
# One exercise per main muscle, 60 s a set, 2-4 sets (main 3-4); a target counts 2 half-sets a set.
ROW = cand("row", targets=("lat",))
REAR = cand("rear", targets=("rhomboid",), main=False, sets=(2, 4))
HINGE = cand("hinge", targets=("erector",), sets=(2, 4))


def week(
    *cands: Candidate, budget_s: int = 1800, lows: tuple[tuple[str, int], ...] = LOWS, **fields: Any
) -> WeekProblem:
    volume = {leaf: target(low) for leaf, low in lows}
    main = {LATS: ("lat",), MID: ("rhomboid",), ERECTORS: ("erector",)}
    return problem(*cands, PLANK, days=(0,), item_budget_s=budget_s, volume=volume, main=main, **fields)


def test_all_main_muscles_reach_their_minimum_in_one_solve_when_they_fit() -> None:
    p = week(ROW, REAR, HINGE)
    solved, reach = solve_reaching(p)
    assert reach == Reach((LATS, MID, ERECTORS), {})
    assert all(solved.volume[leaf] >= 8 for leaf in ("lat", "rhomboid", "erector"))


def test_a_muscle_the_set_cap_keeps_below_is_named_alone_by_its_core() -> None:
    # one session, one rhomboid exercise at 4 sets = 8 half-sets, below 10: unreachable on its own
    p = week(ROW, REAR, HINGE, lows=(("lat", 8), ("rhomboid", 10), ("erector", 8)))
    assert reach_checker(p)([MID]) == (False, (MID,))
    reach = settle(p)
    assert reach is not None
    assert reach.reached == (LATS, ERECTORS) and reach.dropped == {MID: ()}
    rule = binding(p, MID, reach, level=Level.BEGINNER)
    assert rule.rule is Rule.SET_CAP
    assert feasible(replace(relaxed(p, Rule.SET_CAP), required=frozenset({MID})))


def test_muscles_that_compete_for_the_time_keep_the_first_in_order() -> None:
    # 11 minutes hold a main lift of 4 sets and a plank, not 4 more sets: lats or erectors, not both
    p = week(ROW, HINGE, budget_s=660, lows=(("lat", 8), ("erector", 8)))
    p = replace(p, main={LATS: ("lat",), ERECTORS: ("erector",)})
    reach = settle(p)
    assert reach is not None
    assert reach.reached == (LATS,)
    assert reach.dropped == {ERECTORS: (LATS,)}
    assert feasible(replace(p, required=frozenset({ERECTORS})))  # alone it fits


def test_a_muscle_no_exercise_trains_is_dropped_without_a_solve() -> None:
    p = week(ROW, HINGE, lows=(("lat", 8), ("erector", 8)))
    p = replace(p, main={LATS: ("lat",), ERECTORS: ("erector",), LOWER: ()})
    reach = settle(p)
    assert reach is not None and reach.dropped == {LOWER: ()}
    assert not any(c.kind is Kind.BACK and "lower" in c.volume for c in p.candidates)


def test_hard_rules_in_conflict_without_the_minimums_give_no_reach() -> None:
    p = week(ROW, HINGE, budget_s=60)
    assert settle(p) is None


def test_keeps_answers_as_settle_does_for_each_muscle() -> None:
    """A remedy is checked with ``keeps``, which stops at the muscle asked about: it must agree
    with the whole settle on every muscle, kept or let go, for either reason."""
    competing = replace(
        week(ROW, HINGE, budget_s=660, lows=(("lat", 8), ("erector", 8))),
        main={LATS: ("lat",), ERECTORS: ("erector",)},
    )
    capped = week(ROW, REAR, HINGE, lows=(("lat", 8), ("rhomboid", 10), ("erector", 8)))
    roomy = week(ROW, REAR, HINGE)
    for p in (competing, capped, roomy):
        reach = settle(p)
        assert reach is not None
        for group in MAIN:
            assert keeps(p, group) is (group in reach.reached), (group, reach)


def test_a_muscle_that_fits_alone_but_not_beside_the_earlier_ones_names_them() -> None:
    # the erectors fit alone, and beside the lats alone, but not beside lats and mid-back together
    p = week(ROW, REAR, HINGE, budget_s=900)
    reach = settle(p)
    assert reach == Reach((LATS, MID), {ERECTORS: (LATS, MID)})
    for group, rivals in reach.dropped.items():
        assert feasible(replace(p, required=frozenset({group}))) is (rivals != ())
        if rivals:  # minimal: without any one rival, the muscle fits beside the others
            for rival in rivals:
                rest = frozenset(r for r in rivals if r != rival) | {group}
                assert feasible(replace(p, required=rest))
