"""What changed between two plans, for the page that regenerates one: exercises added and
removed, and the first working load of each exercise both plans keep. Pure: two plans in, a small
value out (nothing read, nothing stored)."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.planning import Plan

# Loads closer than this are the same load (rounding to the plate step, a float's last digit).
SAME_LOAD_KG = 0.05


@dataclass(frozen=True)
class LoadChange:
    exercise_id: str
    before_kg: float
    after_kg: float


@dataclass(frozen=True)
class PlanChanges:
    added: tuple[str, ...]  # exercise ids in the new plan only, sorted
    removed: tuple[str, ...]  # exercise ids in the old plan only, sorted
    loads: tuple[LoadChange, ...]  # first working load changed, by exercise id

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.loads)


def first_loads(plan: Plan) -> dict[str, float | None]:
    """Each exercise of the plan with the load of its first working set (None: body weight)."""
    out: dict[str, float | None] = {}
    for week in plan.weeks:
        for session in week.sessions:
            for block in session.blocks:
                for item in block.items:
                    if item.exercise_id in out:
                        continue
                    work = item.working_sets or item.sets
                    out[item.exercise_id] = work[0].load_kg if work else None
    return out


def changes_between(before: Plan | None, after: Plan) -> PlanChanges:
    """What ``after`` adds, drops and loads differently from ``before`` (no plan before: all new)."""
    old = first_loads(before) if before is not None else {}
    new = first_loads(after)
    loads = tuple(
        LoadChange(ex, was, now)
        for ex, now in sorted(new.items())
        if ex in old and (was := old[ex]) is not None and now is not None and abs(was - now) >= SAME_LOAD_KG
    )
    return PlanChanges(
        added=tuple(sorted(set(new) - set(old))),
        removed=tuple(sorted(set(old) - set(new))),
        loads=loads,
    )
