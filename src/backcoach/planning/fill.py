"""Second phase: use the session time the solver left, moving volume toward the adaptive range.

The CP-SAT model (``solver``) picks exercises that meet every hard rule and the main muscles'
minimum effective volume (``reach``) at the least cost, and proves that optimal. While a node is
below the bottom of its adaptive range (or its aim, when higher) and time remains, work is added
here, within the level's set and exercise caps. Packing the remaining minutes is a
knapsack that is slow to prove optimal and gains little, so it is done here greedily and
deterministically: repeatedly take the move with the most volume gained toward each node's aim
per second, among adding a set to an exercise already chosen or adding a new accessory, as long
as every hard rule still holds (time budget, set ranges, 48 h between target loadings, MRV).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from backcoach.planning.shortfall import Limit
from backcoach.planning.solver import (
    REST_DAYS,
    Candidate,
    Item,
    Kind,
    WeekProblem,
    WeekSolution,
    week_position,
    within_rest,
)


@dataclass(frozen=True)
class _Move:
    day: int
    exercise_id: str
    new: bool
    gain: int  # half-sets toward the aims
    seconds: int


def fill_week(problem: WeekProblem, week: WeekSolution) -> WeekSolution:
    if not week.solved:
        return week
    cands = {c.id: c for c in problem.candidates}
    sessions = {d: list(items) for d, items in week.sessions.items()}
    volume = dict(week.volume)
    while True:
        move = _best_move(problem, cands, sessions, volume)
        if move is None:
            break
        items = sessions[move.day]
        c = cands[move.exercise_id]
        if move.new:
            items.append(Item(c.id, c.kind, c.sets[0], False))
            added = c.sets[0]
        else:
            i = next(k for k, it in enumerate(items) if it.id == c.id)
            items[i] = replace(items[i], sets=items[i].sets + 1)
            added = 1
        for leaf, per_set in c.volume.items():
            if leaf in volume:
                volume[leaf] += per_set * added
    order = {Kind.BACK: 0, Kind.CORE: 1, Kind.ARMS: 2}
    out = {
        d: tuple(sorted(items, key=lambda it: (not it.main, order[it.kind], -it.sets, it.id)))
        for d, items in sessions.items()
    }
    return replace(week, sessions=out, volume=volume)


def session_seconds(problem: WeekProblem, cands: Mapping[str, Candidate], items: list[Item]) -> int:
    """The solver's own time accounting for one session (working sets, rest, transitions, ramp)."""
    total = 0
    for it in items:
        c = cands[it.id]
        per_set = c.main_set_s if it.main else c.set_s
        total += per_set * it.sets + problem.transition_s + (c.ramp_s if it.main else 0)
    return total


def _best_move(
    problem: WeekProblem,
    cands: Mapping[str, Candidate],
    sessions: Mapping[int, list[Item]],
    volume: Mapping[str, int],
) -> _Move | None:
    best: tuple[float, int, str, _Move] | None = None
    for day, items in sorted(sessions.items()):
        spare = problem.item_budget_s - session_seconds(problem, cands, items)
        chosen = {it.id: it for it in items}
        back_items = sum(1 for it in items if it.kind is Kind.BACK)
        for c in cands.values():
            if c.kind is not Kind.BACK:
                continue
            current = chosen.get(c.id)
            if current is not None:
                top = c.main_sets[1] if current.main else c.sets[1]
                if current.sets >= top:
                    continue
                sets, seconds, new = 1, (c.main_set_s if current.main else c.set_s), False
            else:
                if back_items >= problem.max_back_items or not _rest_ok(problem, cands, sessions, day, c):
                    continue
                sets, seconds, new = c.sets[0], c.set_s * c.sets[0] + problem.transition_s, True
            if seconds > spare or not _under_caps(problem, volume, c, sets):
                continue
            gain = _gain(problem, volume, c, sets)
            if gain <= 0:
                continue
            score = gain / seconds
            key = (-score, day, c.id)
            if best is None or key < best[:3]:
                best = (*key, _Move(day, c.id, new, gain, seconds))
    return best[3] if best is not None else None


def _gain(problem: WeekProblem, volume: Mapping[str, int], c: Candidate, sets: int) -> int:
    """Half-sets a move adds below each node's goal: its aim, or the bottom of its adaptive range
    when that is higher (time the person gave is used while a muscle is below that range)."""
    gain = 0
    for leaf, per_set in c.volume.items():
        target = problem.volume.get(leaf)
        if target is None:
            continue
        goal = max(target.aim, target.adaptive)
        gain += max(0, min(goal - volume.get(leaf, 0), per_set * sets))
    return gain


def blocked(problem: WeekProblem, week: WeekSolution, day: int, leaves: Collection[str]) -> Limit:
    """Why ``fill`` added nothing more for ``leaves`` on ``day``: what stops every exercise that
    trains them, the first of time, range, 48 h and the level's caps that applies to any of them."""
    cands = {c.id: c for c in problem.candidates}
    sessions = {d: list(items) for d, items in week.sessions.items()}
    items = sessions.get(day, [])
    chosen = {it.id: it for it in items}
    spare = problem.item_budget_s - session_seconds(problem, cands, items)
    back_items = sum(1 for it in items if it.kind is Kind.BACK)
    found: set[Limit] = set()
    for c in cands.values():
        if c.kind is not Kind.BACK or not set(leaves) & set(c.volume):
            continue
        current = chosen.get(c.id)
        if current is not None:
            if current.sets >= (c.main_sets[1] if current.main else c.sets[1]):
                found.add(Limit.DOSE_CAPS)
                continue
            sets, seconds = 1, (c.main_set_s if current.main else c.set_s)
        elif back_items >= problem.max_back_items:
            found.add(Limit.DOSE_CAPS)
            continue
        elif not _rest_ok(problem, cands, sessions, day, c):
            found.add(Limit.REST_48H)
            continue
        else:
            sets, seconds = c.sets[0], c.set_s * c.sets[0] + problem.transition_s
        if not _under_caps(problem, week.volume, c, sets):
            found.add(Limit.RANGE)
        elif seconds > spare:
            found.add(Limit.TIME)
        # else fill would have added it: nothing stops this one
    if not found:
        return Limit.NO_EXERCISE
    return next(
        limit for limit in (Limit.TIME, Limit.RANGE, Limit.REST_48H, Limit.DOSE_CAPS) if limit in found
    )


def _under_caps(problem: WeekProblem, volume: Mapping[str, int], c: Candidate, sets: int) -> bool:
    """Adding never takes a node past the top of its adaptive range (nor, so, its MRV)."""
    for leaf, per_set in c.volume.items():
        target = problem.volume.get(leaf)
        if target is not None and volume.get(leaf, 0) + per_set * sets > target.high:
            return False
    return True


def _rest_ok(
    problem: WeekProblem,
    cands: Mapping[str, Candidate],
    sessions: Mapping[int, list[Item]],
    day: int,
    c: Candidate,
) -> bool:
    """A new exercise may not load, as a target, a muscle another session within 48 h loads."""
    for other, items in sessions.items():
        if other != day and within_rest(other, day):
            loaded = {t for it in items for t in cands[it.id].targets}
            if c.targets & loaded:
                return False
    for neighbour in problem.neighbours:
        if abs(week_position(problem, day) - neighbour.day) < REST_DAYS and c.targets & neighbour.targets:
            return False
    return True
