"""The plan generator's hard rules, checked from the outside: each check reads a finished plan and
names every breach it finds. They are written from the issue, independently of the planner and of
the safety guards (which the property tests also run), so a bug in one is caught by the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations

from backcoach.catalog import Catalog, Category, Level, Role, SpinalLoad
from backcoach.planning import Goal, Plan, PlanItem, Profile, Screening, Session, Week, effective_level

# Back sessions a week by the level whose limits apply (the source article).
CEILING = {Level.BEGINNER: 2, Level.INTERMEDIATE: 3, Level.ADVANCED: 5}
# A synergist at or above this weight counts as hard loading for the consecutive-day rule.
HARD_SYNERGIST = 0.6
# Beginners: 8-12 reps on rep-dosed work, at least 2 reps in reserve, at most 3 sets (ACSM 2009).
BEGINNER_REPS, BEGINNER_MIN_RIR, BEGINNER_MAX_SETS = (8, 12), 2, 3
UPPER_ARM_STRETCHES = frozenset({"triceps-overhead-stretch", "biceps-wall-stretch"})
DELOAD_EVERY = 5
BLOCK_ORDERS = (("warmup", "back", "core", "arms", "cooldown"), ("warmup", "back", "core", "cooldown"))

Check = Callable[[Profile, Plan, Catalog], Iterator[str]]


def sessions(plan: Plan) -> list[Session]:
    return [s for w in plan.weeks for s in w.sessions]


def work_items(session: Session) -> list[PlanItem]:
    """The items with working sets that load muscles: the back, core and arms blocks."""
    return [i for b in session.blocks if b.kind in ("back", "core", "arms") for i in b.items]


def loaded(session: Session, catalog: Catalog, *, hard: bool) -> set[str]:
    """Muscles the session takes as a target (``hard``: also strong synergists)."""
    out = set()
    for item in work_items(session):
        for inv in catalog.exercise(item.exercise_id).muscles:
            strong = inv.role is Role.SYNERGIST and inv.weight >= HARD_SYNERGIST
            if inv.role is Role.TARGET or (hard and strong):
                out.add(inv.muscle)
    return out


def overlap(a: set[str], b: set[str], catalog: Catalog) -> set[str]:
    """Muscles both sets load, where a node meets its ancestors and its parts."""

    def lineage(m: str) -> set[str]:
        return {m, *(x.id for x in catalog.ancestors(m))}

    return {x for x in a for y in b if x in lineage(y) or y in lineage(x)}


def check_ceiling(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    ceiling = CEILING[effective_level(profile)]
    wanted = profile.sessions if profile.sessions is not None else min(len(profile.days), ceiling)
    for week in plan.weeks:
        if len(week.sessions) > ceiling:
            yield f"week {week.index}: {len(week.sessions)} sessions, above the ceiling {ceiling}"
        if len(week.sessions) != wanted:
            yield f"week {week.index}: {len(week.sessions)} sessions, {wanted} asked for"
    dates = sorted(s.date for s in sessions(plan))
    for first in dates:
        window = [d for d in dates if 0 <= (d - first).days < 7]
        if len(window) > ceiling:
            yield f"{len(window)} sessions in the 7 days from {first}, above the ceiling {ceiling}"


def check_days(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    dates = [s.date for s in sessions(plan)]
    if len(dates) != len(set(dates)):
        yield "two sessions on one date"
    for week in plan.weeks:
        first = profile.start.toordinal() + 7 * (week.index - 1)
        for s in week.sessions:
            if s.weekday not in profile.days:
                yield f"{s.date}: {s.weekday} is not one of the person's days"
            if not first <= s.date.toordinal() < first + 7:
                yield f"{s.date} is outside week {week.index}"


def check_recovery(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    for a, b in combinations(sorted(sessions(plan), key=lambda s: s.date), 2):
        gap = (b.date - a.date).days
        if gap >= 2:
            continue
        shared = overlap(loaded(a, catalog, hard=False), loaded(b, catalog, hard=False), catalog)
        if shared:
            yield f"{sorted(shared)} targeted on {a.date} and {b.date}, under 48 h apart"
        hard = overlap(loaded(a, catalog, hard=True), loaded(b, catalog, hard=True), catalog)
        if hard:
            yield f"{sorted(hard)} loaded hard on consecutive days {a.date} and {b.date}"


def check_equipment(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    for s in sessions(plan):
        for item in s.items:
            need = set(catalog.exercise(item.exercise_id).equipment) - profile.available_equipment
            if need:
                yield f"{s.date}: {item.exercise_id} needs {sorted(need)}"


def check_time(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    for s in sessions(plan):
        if not 0 < s.estimated_minutes <= profile.minutes:
            yield f"{s.date}: {s.estimated_minutes} min in a {profile.minutes} min budget"


def check_structure(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    for s in sessions(plan):
        kinds = tuple(b.kind for b in s.blocks)
        if kinds not in BLOCK_ORDERS:
            yield f"{s.date}: blocks {kinds}"
            continue
        back, core = s.blocks[1].items, s.blocks[2].items
        mains = [i for i in s.items if i.role == "main"]
        if not back or back[0].role != "main" or len(mains) != 1:
            yield f"{s.date}: the back block does not open with its one main lift"
        if not core:
            yield f"{s.date}: no core work"
        arms = s.block("arms")
        cooldown = {i.exercise_id for i in s.blocks[-1].items}
        if (arms is None or not arms.items) and not cooldown & UPPER_ARM_STRETCHES:
            yield f"{s.date}: no upper-arm work and no upper-arm stretch"
        if not s.blocks[0].items or not s.blocks[-1].items:
            yield f"{s.date}: an empty warm-up or cool-down"
        for item in work_items(s):
            if not item.working_sets or any(x.type != "working" for x in item.sets):
                yield f"{s.date}: {item.exercise_id} has no working sets or mixes in warm-up sets"
            category = catalog.exercise(item.exercise_id).category
            if category not in (Category.BACK, Category.CORE, Category.ARMS):
                yield f"{s.date}: {item.exercise_id} ({category}) among the working items"


def check_level(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    level = effective_level(profile)
    for s in sessions(plan):
        for item in s.items:
            ex = catalog.exercise(item.exercise_id)
            if ex.level.rank > level.rank:
                yield f"{s.date}: {ex.id} is {ex.level.value}, above {level.value}"


def check_beginner_dose(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    if effective_level(profile) is not Level.BEGINNER:
        return
    low, high = BEGINNER_REPS
    for s in sessions(plan):
        for item in work_items(s):
            dose = catalog.exercise(item.exercise_id).dose
            if len(item.working_sets) > BEGINNER_MAX_SETS:
                yield f"{s.date}: {item.exercise_id} has {len(item.working_sets)} sets"
            for x in item.working_sets:
                if (dose is None or dose.kind == "reps") and not low <= x.reps_min <= x.reps_max <= high:
                    yield f"{s.date}: {item.exercise_id} at {x.reps_min}-{x.reps_max} reps"
                if x.rir is None or x.rir < BEGINNER_MIN_RIR:
                    yield f"{s.date}: {item.exercise_id} at RIR {x.rir}"


def check_exclusions(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    spared = {part for node in profile.exclude if node in catalog.muscles for part in catalog.parts(node)}
    for s in sessions(plan):
        for item in s.items:
            if item.exercise_id in profile.exclude:
                yield f"{s.date}: {item.exercise_id} was excluded"
        for item in work_items(s):
            hit = {
                i.muscle
                for i in catalog.exercise(item.exercise_id).muscles
                if i.role is Role.TARGET and i.muscle in spared
            }
            if hit:
                yield f"{s.date}: {item.exercise_id} targets the spared {sorted(hit)}"


def check_spinal_load(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    if profile.goal is not Goal.LOW_BACK and profile.screening is not Screening.START_GENTLY:
        return
    for s in sessions(plan):
        for item in s.items:
            if catalog.exercise(item.exercise_id).spinal_load is SpinalLoad.HIGH:
                yield f"{s.date}: {item.exercise_id} has a high spinal load"


def working_sets(week: Week) -> int:
    return sum(len(i.working_sets) for s in week.sessions for i in work_items(s))


def check_deloads(profile: Profile, plan: Plan, catalog: Catalog) -> Iterator[str]:
    for week in plan.weeks:
        if week.deload != (week.index % DELOAD_EVERY == 0):
            yield f"week {week.index}: deload is {week.deload}"
        if not week.deload:
            continue
        earlier = [
            w
            for w in plan.weeks[: week.index - 1]
            if w.variant == week.variant and not w.deload and not w.gentle
        ]
        if earlier and working_sets(week) >= working_sets(earlier[-1]):
            yield f"week {week.index}: deload has no fewer sets than week {earlier[-1].index}"


CHECKS: dict[str, Check] = {
    "ceiling": check_ceiling,
    "days": check_days,
    "recovery": check_recovery,
    "equipment": check_equipment,
    "time_budget": check_time,
    "structure": check_structure,
    "level": check_level,
    "beginner_dose": check_beginner_dose,
    "exclusions": check_exclusions,
    "spinal_load": check_spinal_load,
    "deloads": check_deloads,
}


def breaches(profile: Profile, plan: Plan, catalog: Catalog) -> list[str]:
    """Every hard rule the plan breaks, one line each; empty when it keeps them all."""
    return [f"{key}: {line}" for key, check in CHECKS.items() for line in check(profile, plan, catalog)]
