"""Hand-made candidates and week problems for the solver and fill tests (made-up muscle ids)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from backcoach.planning.fill import session_seconds
from backcoach.planning.solver import Candidate, Kind, VolumeTarget, WeekProblem, WeekSolution, gap_days

TRANSITION_S = 30


def cand(
    exercise_id: str,
    kind: Kind = Kind.BACK,
    *,
    targets: Sequence[str] = ("lats",),
    volume: Mapping[str, int] | None = None,
    main: bool | None = None,
    set_s: int = 60,
    sets: tuple[int, int] = (2, 3),
    main_sets: tuple[int, int] = (3, 4),
    set_cost: int = 0,
    pick_cost: int = 0,
) -> Candidate:
    """A candidate that, by default, is a back exercise that may be the main lift and earns two
    half-sets per set on each of its targets."""
    back = kind is Kind.BACK
    return Candidate(
        id=exercise_id,
        kind=kind,
        can_be_main=back if main is None else main,
        set_s=set_s,
        main_set_s=set_s,
        sets=sets,
        main_sets=main_sets,
        volume=dict(volume) if volume is not None else (dict.fromkeys(targets, 2) if back else {}),
        targets=frozenset(targets),
        set_cost=set_cost,
        pick_cost=pick_cost,
    )


ROW = cand("row", targets=("lats",))
HINGE = cand("hinge", targets=("erectors",))
SHRUG = cand("shrug", targets=("traps",), main=False)
PLANK = cand("plank", Kind.CORE, targets=("abs",))
SIDE = cand("side-plank", Kind.CORE, targets=("obliques",))
CURL = cand("curl", Kind.ARMS, targets=("biceps",))
PUSHDOWN = cand("pushdown", Kind.ARMS, targets=("triceps",))


def target(low: int = 0, aim: int | None = None, high: int | None = None, cap: int = 100) -> VolumeTarget:
    aim = low if aim is None else aim
    return VolumeTarget(low=low, aim=aim, high=aim if high is None else high, cap=cap)


def problem(*cands: Candidate, days: tuple[int, ...] = (0, 2, 4), **fields: Any) -> WeekProblem:
    """Every listed day a session (unless told), 30 minutes of working time, no volume targets."""
    base: dict[str, Any] = {
        "days": days,
        "sessions": len(days),
        "fixed_days": days,
        "item_budget_s": 1800,
        "transition_s": TRANSITION_S,
        "candidates": cands,
        "volume": {},
    }
    return WeekProblem(**(base | fields))


def targets_on(p: WeekProblem, week: WeekSolution, day: int) -> set[str]:
    by_id = {c.id: c for c in p.candidates}
    return {t for item in week.sessions[day] for t in by_id[item.id].targets}


def rule_breaks(p: WeekProblem, week: WeekSolution) -> list[str]:
    """The solver's hard rules, checked on a solution: sets in range, the time budget, 48 h between
    target loadings (neighbours too), structure and the volume caps."""
    by_id = {c.id: c for c in p.candidates}
    out = []
    for day, items in week.sessions.items():
        spent = session_seconds(p, by_id, list(items))
        if spent > p.item_budget_s:
            out.append(f"day {day}: {spent} s over {p.item_budget_s} s")
        for it in items:
            c = by_id[it.id]
            low, high = c.main_sets if it.main else c.sets
            if not low <= it.sets <= high:
                out.append(f"day {day}: {it.id} {it.sets} sets outside {low}-{high}")
        kinds = [it.kind for it in items]
        if sum(it.main for it in items) != 1 or not 1 <= kinds.count(Kind.CORE) <= 2:
            out.append(f"day {day}: structure {[(it.id, it.main) for it in items]}")
        if kinds.count(Kind.BACK) > p.max_back_items or kinds.count(Kind.ARMS) > 2:
            out.append(f"day {day}: too many items")
        if len({it.id for it in items}) != len(items):
            out.append(f"day {day}: an exercise twice")
        for other in p.neighbours:
            if abs((day - p.week_start) % 7 - other.day) < 2 and targets_on(p, week, day) & other.targets:
                out.append(f"day {day}: loads what the neighbour on {other.day} loaded")
    for a in week.sessions:
        for b in week.sessions:
            if a < b and gap_days(a, b) < 2 and targets_on(p, week, a) & targets_on(p, week, b):
                out.append(f"days {a} and {b} share targets")
    for leaf, goal in p.volume.items():
        got = sum(
            by_id[it.id].volume.get(leaf, 0) * it.sets for items in week.sessions.values() for it in items
        )
        if got != week.volume[leaf]:
            out.append(f"{leaf}: reported {week.volume[leaf]}, counted {got}")
        if got > goal.cap:
            out.append(f"{leaf}: {got} half-sets above the cap {goal.cap}")
    return out
