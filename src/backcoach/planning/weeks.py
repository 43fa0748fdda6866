"""The solved weekly template laid out as dated weeks of sessions.

Weeks alternate variants A and B (B when there is one); every ``every_weeks``-th week is a deload
(science.deload: Bell et al. 2022 and 2024, every 4-6 weeks); a gentle start lightens the first
``GENTLE_WEEKS`` weeks. Each trained, regular week moves every exercise it holds one progression
step on (loads rise when all sets hit the top of their range: ACSM 2009, NSCA's 2-for-2). A session
is its warm-up (drills, then the main lift's ramp-up sets), its back, core and arms blocks (core and
arms paired as supersets) and its cool-down.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Category, Exercise, Level, Region
from backcoach.planning.dosing import WeekDose, dose_item
from backcoach.planning.drills import SessionDrills, ramp, warm_up
from backcoach.planning.plan import Block, PlanItem, Session, VolumeRow, Week
from backcoach.planning.prescription import Role
from backcoach.planning.profile import DAYS_A_WEEK, Profile, Screening, Weekday
from backcoach.planning.solver import Item, Kind, WeekSolution
from backcoach.planning.timing import session_seconds
from backcoach.science.deload import DEFAULT_POLICY, DeloadPrescription
from backcoach.science.volume import classify, landmarks, roll_up, weekly_sets

# start_gently: the first block is this many weeks (PAR-Q+: start slowly and build up gradually;
# training-science.md section 6); the dose changes are dosing's GENTLE_* constants.
GENTLE_WEEKS = 2
# Supersets pair each core item with an arms item, labelled A, B... in order.
SUPERSET_LABELS = string.ascii_uppercase
ROLES = {Kind.BACK: Role.ACCESSORY, Kind.CORE: Role.CORE, Kind.ARMS: Role.ARMS}


def lay_out_weeks(
    a: WeekSolution,
    b: WeekSolution | None,
    *,
    person: Profile,
    catalog: Catalog,
    drills: SessionDrills,
    deload: DeloadPrescription,
    every_weeks: int = DEFAULT_POLICY.every_weeks,
) -> tuple[Week, ...]:
    """``person.weeks`` dated weeks from ``person.start``: A and B alternating, deloads and the gentle
    start in place, loads one progression step higher after each regular week."""
    out: list[Week] = []
    steps: dict[str, int] = {}
    gentle_start = person.screening is Screening.START_GENTLY
    for index in range(1, person.weeks + 1):
        is_deload = index % every_weeks == 0
        dose = WeekDose(deload=deload if is_deload else None, gentle=gentle_start and index <= GENTLE_WEEKS)
        variant = "B" if b is not None and index % 2 == 0 else "A"
        week = b if variant == "B" and b is not None else a
        week_start = person.start + timedelta(days=DAYS_A_WEEK * (index - 1))
        sessions = [
            session(
                items,
                when=date_of(week_start, day),
                dose=dose,
                steps={i.id: steps.get(i.id, 0) for i in items},
                person=person,
                catalog=catalog,
                drills=drills,
            )
            for day, items in week.sessions.items()
        ]
        if not is_deload and not dose.gentle:
            for exercise_id in {i.id for items in week.sessions.values() for i in items}:
                steps[exercise_id] = steps.get(exercise_id, 0) + 1
        sessions.sort(key=lambda s: s.date)
        out.append(
            Week(
                index,
                is_deload,
                tuple(sessions),
                variant,
                dose.gentle,
                volume=week_volume(sessions, catalog),
            )
        )
    return tuple(out)


def date_of(week_start: date, weekday: int) -> date:
    """The date of ``weekday`` (Mon = 0) in the week that begins on ``week_start``."""
    return week_start + timedelta(days=(weekday - week_start.weekday()) % DAYS_A_WEEK)


def session(
    chosen: Sequence[Item],
    *,
    when: date,
    dose: WeekDose,
    steps: Mapping[str, int],
    person: Profile,
    catalog: Catalog,
    drills: SessionDrills,
) -> Session:
    """One dated session of the solver's ``chosen`` items, dosed for its week."""
    exercises = [catalog.exercise(i.id) for i in chosen]
    blocks: dict[Kind, list[PlanItem]] = {kind: [] for kind in Kind}
    ramps: list[PlanItem] = []
    for it, ex in zip(chosen, exercises, strict=True):
        role = Role.MAIN if it.main else ROLES[it.kind]
        item = dose_item(
            ex,
            role=role,
            sets=it.sets,
            person=person,
            catalog=catalog,
            week=dose,
            step=steps.get(it.id, 0),
        )
        if role is Role.MAIN:
            ramps.extend(ramp(ex, item, usable=drills.usable, unit=person.unit, level=person.level))
        blocks[it.kind].append(item)
    core, arms = blocks[Kind.CORE], blocks[Kind.ARMS]
    # Supersets: each core item pairs with an arms item; they rest while the other works.
    for n, (core_item, arms_item) in enumerate(zip(core, arms, strict=False)):
        core[n] = replace(core_item, superset=SUPERSET_LABELS[n])
        arms[n] = replace(arms_item, superset=SUPERSET_LABELS[n])
    warm, cool = drills.blocks(exercises, has_arms=bool(arms))
    laid_out = (
        Block("warmup", warm_up(warm, ramps)),
        Block("back", tuple(blocks[Kind.BACK])),
        Block("core", tuple(core)),
        *((Block("arms", tuple(arms)),) if arms else ()),
        Block("cooldown", cool),
    )
    minutes = math.ceil(session_seconds(laid_out, catalog) / 60)
    return Session(when, Weekday.of(when), minutes, laid_out, emphasis(exercises, catalog))


def emphasis(exercises: Sequence[Exercise], catalog: Catalog) -> str:
    """Which part of the back the session's back exercises target: upper, lower or full."""
    regions = {
        catalog.muscles[i.muscle].region
        for e in exercises
        if e.category is Category.BACK
        for i in e.muscles
        if i.role.value == "target"
    }
    upper, lower = Region.UPPER_BACK in regions, Region.LOWER_BACK in regions
    return "full" if upper and lower else "upper" if upper else "lower" if lower else "full"


def week_volume(sessions: Sequence[Session], catalog: Catalog) -> dict[str, float]:
    """Working sets a week per back node (science.volume: fractional sets, rolled up the tree)."""
    work = [
        (catalog.exercise(i.exercise_id), float(len(i.working_sets)))
        for s in sessions
        for i in s.items
        if i.role not in ("drill", "ramp")
    ]
    rolled = roll_up(weekly_sets(work), catalog)
    return {
        node: sets
        for node, sets in rolled.items()
        if catalog.muscles[node].region is not Region.OTHER and sets
    }


def volume_rows(weeks: Sequence[Week], level: Level) -> tuple[VolumeRow, ...]:
    """Weekly sets per landmark group in a regular (not deload, not gentle) week of each variant."""
    regular = [w for w in weeks if not w.deload and not w.gentle] or list(weeks)
    rows = []
    for lm in landmarks().values():
        values = lm.at(level)
        sets = min(lm.sets(w.volume) for w in regular)
        rows.append(VolumeRow(lm.id, sets, values.mev, values.mav, values.mrv, classify(sets, values).value))
    return tuple(rows)
