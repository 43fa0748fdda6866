"""Warm-ups fit the work (issue 14): ramp-up sets follow the working load and the level, and no
drill appears twice in one warm-up.

The ramp rule's oracles are the ramps training-science.md section 7 quotes: coaches' bands before
heavy work (40-50 % x 5-10, 50-60 % x 3-5, 60-70 % x 1-2, 70-80 % x 1 of the 1RM, biolayne.com) and a
working-set ramp ("empty bar x 8, 50 % x 5, 70 % x 3", davidmiserak.com).
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from backcoach.catalog import Level, LoadType
from backcoach.planning import Goal, Plan
from backcoach.planning.candidates import eligible
from backcoach.planning.dosing import dose_item
from backcoach.planning.drills import (
    RAMP_LADDER,
    SessionDrills,
    loaded_ramp,
    ramp,
    ramp_steps,
    usable_catalog,
    warm_up,
    working_percent,
)
from backcoach.planning.personas import KITS, random_profile
from backcoach.planning.plan import PlanItem, Session
from backcoach.planning.prescription import Role
from backcoach.science.loading import preset_loadable, typical_loadable

from .factories import MON, THU, catalog, plan_for, profile
from .generated import generated

CAT = catalog()
ROW = CAT.exercise("bent-over-barbell-row")
DUMBBELL_ROW = CAT.exercise("one-arm-dumbbell-row")
BAR = preset_loadable("barbell")
DUMBBELLS = preset_loadable("dumbbells")
# training-science.md section 7, biolayne.com: (lowest %, highest %) of the 1RM and (fewest, most) reps.
BANDS = (((40, 50), (5, 10)), ((50, 60), (3, 5)), ((60, 70), (1, 2)), ((70, 80), (1, 1)))


def test_the_ladder_before_a_maximal_set_is_the_coaches_bands() -> None:
    # a single at 0 in reserve is the 1RM itself, so each share of the working load is a share of the 1RM
    sets = loaded_ramp(100.0, reps=1, rir=0, steps=ramp_steps(ROW, reps=1, rir=0), loadable=None)
    assert len(sets) == len(BANDS) == len(RAMP_LADDER)
    for (load, reps), ((lo, hi), (fewest, most)) in zip(sets, BANDS, strict=True):
        assert lo <= load <= hi and fewest <= reps <= most


def test_heavy_barbell_work_opens_with_the_empty_bar_and_climbs_through_half_and_seventy_percent() -> None:
    # 4-6 reps at 2 in reserve: the strength goal's main lift (about 79 % of the 1RM)
    sets = loaded_ramp(100.0, reps=6, rir=2, steps=ramp_steps(ROW, reps=6, rir=2), loadable=BAR)
    loads = [load for load, _ in sets]
    assert sets[0][0] == BAR.lightest_kg  # "empty bar x 8"
    assert any(abs(load - 50) <= 7.5 for load in loads)  # "50 % x 5"
    assert any(abs(load - 70) <= 7.5 for load in loads)  # "70 % x 3"
    assert len(sets) == 4


def test_the_one_arm_row_defect_one_light_set_before_eight_kilos() -> None:
    # Before: three ramp sets (8 x 2 kg, 5 x 4 kg, 3 x 6 kg) before three working sets of 8 kg.
    beginner = profile(
        level=Level.BEGINNER,
        days=(MON, THU),
        equipment=KITS["home-basic"],
        goal=Goal.STRENGTH,
        bodyweight_kg=70.0,
    )
    session = plan_for(beginner).weeks[0].sessions[0]
    main = next(i for i in session.items if i.role == "main")
    assert main.exercise_id == DUMBBELL_ROW.id and main.working_sets[0].load_kg == 8.0
    ramps = [s for i in session.items if i.role == "ramp" for s in i.sets]
    assert [(s.reps_max, s.load_kg) for s in ramps] == [(8, 4.0)]


@pytest.mark.parametrize(
    ("reps", "rir", "steps"),
    [
        (12, 2, 1),  # a beginner's 8-12 at 2 in reserve, about 63 %: light, one set
        (15, 3, 0),  # 12-15 at 3 in reserve, about 52 %: nothing lighter is worth a set
        (10, 2, 2),  # hypertrophy's 6-10 at 2 in reserve, about 68 %
        (6, 2, 3),  # strength's 4-6 at 2 in reserve, about 79 %
        (3, 1, 4),  # a heavy triple, about 89 %
    ],
)
def test_ramp_steps_follow_the_working_intensity(reps: int, rir: int, steps: int) -> None:
    assert len(ramp_steps(ROW, reps=reps, rir=rir)) == steps


def test_an_isolation_lift_gets_one_ramp_set_at_most() -> None:
    fly = CAT.exercise("reverse-dumbbell-fly")
    assert fly.mechanic == "isolation"
    assert len(ramp_steps(fly, reps=3, rir=1)) == 1


def _ramps_before(session: Session, main: PlanItem) -> list[PlanItem]:
    return [i for i in session.items if i.role == "ramp"] if main.role == "main" else []


def test_ramp_sets_fit_their_working_load_over_generated_profiles() -> None:
    checked = Counter[str]()
    for g in generated():
        for week in g.plan.weeks:
            for session in week.sessions:
                main = next((i for i in session.items if i.role == "main"), None)
                if main is None:
                    continue
                work = main.working_sets[0]
                exercise = CAT.exercise(main.exercise_id)
                ramps = _ramps_before(session, main)
                count = sum(len(i.sets) for i in ramps)
                steps = ramp_steps(exercise, reps=work.reps_max, rir=work.rir, level=g.profile.level)
                bar = typical_loadable(exercise, g.profile.unit.value)
                assert count <= len(steps) + (1 if bar is not None and bar.lightest_kg > 0 else 0)
                if working_percent(work.reps_max, work.rir) < RAMP_LADDER[1][0] + 10:
                    assert count <= 1, (main.exercise_id, work)  # light work: one ramp set or none
                if g.plan.profile.level is Level.BEGINNER or effective_beginner(g):
                    assert count <= 1
                if exercise.load_type is LoadType.EXTERNAL and ramps:
                    sets = [s for i in ramps for s in i.sets]
                    loads = [s.load_kg for s in sets]
                    assert all(x is not None and work.load_kg is not None and x < work.load_kg for x in loads)
                    assert loads == sorted(set(loads))  # each heavier than the one before
                    assert [s.reps_max for s in sets] == sorted({s.reps_max for s in sets}, reverse=True)
                    assert bar is not None
                    # achievable on the equipment (plan loads are kept to 0.01 kg, so pounds round)
                    assert all(
                        abs((bar.at_most(x + 0.005) or 0) - x) <= 0.005 for x in loads if x is not None
                    )
                    checked["loaded"] += 1
                checked["ramped" if count else "none"] += 1
    assert checked["loaded"] >= 10 and checked["none"] >= 10, checked


def effective_beginner(g: object) -> bool:
    from backcoach.planning import effective_level

    plan: Plan = g.plan  # type: ignore[attr-defined]
    return effective_level(plan.profile) is Level.BEGINNER


@pytest.mark.parametrize("seed", range(4))
def test_no_drill_appears_twice_in_one_warm_up(seed: int) -> None:
    # Before: a hip-hinge drill in the warm-up and again as the easier variant of a band good morning.
    # Solver-free, so it reaches many profiles: every lift that may lead a session, with its warm-up.
    rng = random.Random(seed)
    checked = 0
    for _ in range(DRILL_PROFILES):
        person = random_profile(rng)
        usable = usable_catalog(person, CAT)
        drills = SessionDrills(usable=usable, equipment=person.available_equipment, minutes=person.minutes)
        for lift in eligible(person, CAT):
            if lift.category.value != "back" or lift.mechanic != "compound":
                continue
            item = dose_item(lift, role=Role.MAIN, sets=3, person=person, catalog=CAT)
            warm, cool = drills.blocks([lift], has_arms=False)
            for block in (warm_up(warm, ramp(lift, item, usable=usable, unit=person.unit)), cool):
                ids = [i.exercise_id for i in block]
                assert len(ids) == len(set(ids)), (lift.id, ids)
                checked += 1
    assert checked > 100


# Profiles per seed for the warm-up property (each costs a few milliseconds: no solving).
DRILL_PROFILES = 40


def test_no_drill_appears_twice_in_the_plans_warm_ups() -> None:
    for g in generated():
        for week in g.plan.weeks:
            for session in week.sessions:
                for kind in ("warmup", "cooldown"):
                    block = session.block(kind)
                    assert block is not None
                    ids = [i.exercise_id for i in block.items]
                    assert len(ids) == len(set(ids)), (kind, session.date)


def test_a_hinge_with_the_hip_hinge_drill_as_easier_variant_does_it_once() -> None:
    hinge = profile(
        level=Level.ADVANCED, equipment=KITS["home-bar"], goal=Goal.HYPERTROPHY, bodyweight_kg=80.0
    )
    for session in plan_for(hinge).weeks[0].sessions:
        warm = session.block("warmup")
        assert warm is not None
        ids = [i.exercise_id for i in warm.items]
        assert len(ids) == len(set(ids))
