"""Golden plans for the issue's personas: the whole plan is pinned, and each persona's key facts are
asserted on their own so that a regenerated snapshot cannot hide a broken promise.

Regenerate the snapshots after a deliberate change with ``BACKCOACH_UPDATE_GOLDEN=1 pytest
tests/planning/test_golden.py`` and review the diff.

Why they last changed (issue 10, the planner split):
1. Deload weeks (week 5) follow ``DeloadPrescription.mode``. In the default mode, "load", a loaded
   set is 10 % lighter at its regular reps in reserve; before, it was both lighter and 2 reps in
   reserve easier (sets without a load to lighten still get the 2 reps, as before). Only week 5 and
   the deload explanation changed for this.
2. The solver presolves without assumption literals and runs without cutting planes, about three
   times less work on the slowest profiles. Many weeks cost the same, and the search now reaches
   another of them first: the intermediate's, the advanced lifter's and the gentle start's weeks
   choose other exercises (and so fill, volume and loads follow), at the same objective value,
   pinned in ``OBJECTIVES`` below. The beginner's weeks are unchanged apart from the deload.

Why they changed again (issue 14, plans that train the back enough; re-approved 2026-12-05):
3. The article's four back exercises are preferred where they fit (``candidates.ARTICLE_EXERCISES``:
   every other back exercise costs 3 more a session). The intermediate and advanced weeks take the
   chest-supported row, pull-up and seated cable row in place of the machine row, negative pull-up
   and some inverted rows. The pinned objectives rise with it (beginner and gentle start: 6 other
   back exercises a week, +18; intermediate +8 and advanced +14 at their new optimum); they are the
   same solved without the minimum constraint of 4. On the advanced week the swaps leave lats 16,
   lower traps 16.5 and spinal erectors 9 sets (were 17, 18, 10): all above their minimum (13, 5, 5).
4. The main back muscles' minimum is a constraint of the weekly model (``reach``). Every persona
   whose main muscles could reach it already did; the beginner's lats cannot (one lat exercise fits
   dumbbells, three sets at most for a beginner, twice a week: 6 of 8 sets). The old sentence
   promising that more minutes, sessions or equipment would help is gone: the plan names the two
   pieces of equipment that planning again showed bring the lats to 8 (a band, a pull-up bar).
5. Spare minutes go on until a muscle reaches the bottom of its adaptive range, not only its aim
   (``fill``): the gentle start's mid-back rises from 10.5 to 12.5 sets and its erectors from 5 to
   6; the intermediate's lower traps from 10.5 to 11.5 (upper traps 8 to 11, still in range).
6. Short sessions say why they are short: the advanced lifter's Tuesday and Thursday (about 25-32
   of 75 minutes) fall between two days that train the lats, which need 48 hours; the others
   stop where more would take a shared muscle past its adaptive range.
7. Warm-ups and explanations (the other half of issue 14): ramp sets follow the working load and
   the level, no drill twice in a warm-up, and the reasons are built from the prescription; the
   warm-up blocks, session minutes and explanations differ for that.

Why the explanations changed again (read as a person reads them; re-approved 2026-12-05, later):
8. A main muscle below its minimum is said once, with what would close the gap (the beginner's lats
   were said twice, once without it); the four core exercises are named without "the article",
   which a person has not read; the volume ranges are "published guidance on training volume",
   not "volume landmarks". The weeks are unchanged: only ``explanations`` differ.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from backcoach.catalog import Level, SpinalLoad
from backcoach.planning import UBIQUITOUS_EQUIPMENT, Goal, Plan, Profile, Screening, Session
from backcoach.planning.personas import KITS

from .factories import FRI, MON, SAT, START, THU, TUE, WED, catalog, comparable, exercise_ids, plan_for
from .plan_checks import breaches, loaded, overlap, work_items

GOLDEN = Path(__file__).parent / "golden"
# Six weeks hold both variants, the gentle start and the first deload, and keep the files small.
UPDATE = os.environ.get("BACKCOACH_UPDATE_GOLDEN") == "1"

PERSONAS: dict[str, Profile] = {
    "beginner-home-dumbbells": Profile(
        level=Level.BEGINNER,
        days=(MON, THU),
        minutes=45,
        equipment=KITS["dumbbells"],
        goal=Goal.POSTURE,
        start=START,
        weeks=6,
        bodyweight_kg=70.0,
        seed=0,
    ),
    "intermediate-gym-three": Profile(
        level=Level.INTERMEDIATE,
        days=(MON, WED, FRI),
        minutes=60,
        equipment=KITS["gym"],
        goal=Goal.HYPERTROPHY,
        start=START,
        weeks=6,
        seed=0,
    ),
    "advanced-five-split": Profile(
        level=Level.ADVANCED,
        days=(MON, TUE, WED, THU, FRI),
        minutes=75,
        equipment=KITS["gym"],
        goal=Goal.HYPERTROPHY,
        start=START,
        weeks=6,
        seed=0,
    ),
    "low-back-start-gently": Profile(
        level=Level.INTERMEDIATE,
        days=(TUE, SAT),
        minutes=40,
        equipment=frozenset({"resistance-band"}),
        goal=Goal.LOW_BACK,
        start=START,
        weeks=6,
        screening=Screening.START_GENTLY,
        seed=0,
    ),
}


# The solver's objective for each persona's week A: unchanged by the solver change of issue 10, so
# the weeks it returns now are as good as the ones it returned before.
OBJECTIVES = {
    "advanced-five-split": 395.0,
    "beginner-home-dumbbells": 1706.0,
    "intermediate-gym-three": 88.0,
    "low-back-start-gently": 110.0,
}


def plan_of(name: str) -> Plan:
    return plan_for(PERSONAS[name])


def sessions(plan: Plan) -> list[Session]:
    return [s for w in plan.weeks for s in w.sessions]


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_persona_plan_matches_its_golden_file(name: str) -> None:
    path = GOLDEN / f"{name}.json"
    actual = comparable(plan_of(name).to_json())
    if UPDATE:
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: run with BACKCOACH_UPDATE_GOLDEN=1"
    assert json.loads(path.read_text(encoding="utf-8")) == actual


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_persona_week_is_proven_optimal_at_its_pinned_cost(name: str) -> None:
    solver = plan_of(name).solver
    assert (solver.status, solver.objective) == ("OPTIMAL", OBJECTIVES[name])


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_persona_plan_keeps_every_hard_rule(name: str) -> None:
    assert breaches(PERSONAS[name], plan_of(name), catalog()) == []


def test_beginner_at_home_trains_twice_a_week_with_dumbbells_in_8_to_12_reps() -> None:
    plan = plan_of("beginner-home-dumbbells")
    assert len(plan.weeks) == 6
    assert all([s.weekday for s in w.sessions] == [MON, THU] for w in plan.weeks)
    for exercise_id in exercise_ids(plan):
        assert set(catalog().exercise(exercise_id).equipment) <= {"dumbbells"} | UBIQUITOUS_EQUIPMENT
    assert any("dumbbells" in catalog().exercise(i).equipment for i in exercise_ids(plan))
    for s in sessions(plan):
        for item in work_items(s):
            assert len(item.working_sets) <= 3
            for x in item.working_sets:
                assert x.rir is not None and x.rir >= 2
                dose = catalog().exercise(item.exercise_id).dose
                if dose is None or dose.kind == "reps":
                    assert 8 <= x.reps_min <= x.reps_max <= 12
    assert any(x.load_kg for s in sessions(plan) for i in work_items(s) for x in i.working_sets)


def test_intermediate_in_a_gym_trains_mon_wed_fri_with_volume_in_range() -> None:
    plan = plan_of("intermediate-gym-three")
    assert all([s.weekday for s in w.sessions] == [MON, WED, FRI] for w in plan.weeks)
    assert {row.status for row in plan.volume} <= {"productive", "above_mav"}
    for day in (MON, WED, FRI):  # each day keeps its main lift through both variants
        mains = {
            i.exercise_id for s in sessions(plan) if s.weekday is day for i in s.items if i.role == "main"
        }
        assert len(mains) == 1, day
    assert {w.variant for w in plan.weeks} == {"A", "B"}
    assert [w.index for w in plan.weeks if w.deload] == [5]


def test_advanced_five_times_splits_the_emphasis_between_consecutive_days() -> None:
    plan = plan_of("advanced-five-split")
    assert all([s.weekday for s in w.sessions] == [MON, TUE, WED, THU, FRI] for w in plan.weeks)
    ordered = sorted(sessions(plan), key=lambda s: s.date)
    pairs = [(a, b) for a, b in pairwise(ordered) if b.date - a.date == timedelta(days=1)]
    assert len(pairs) == 4 * len(plan.weeks)
    for a, b in pairs:
        cat = catalog()
        assert not overlap(loaded(a, cat, hard=True), loaded(b, cat, hard=True), cat), (a.date, b.date)
        assert a.emphasis != b.emphasis, (a.date, b.date)
    assert {"upper", "lower"} <= {s.emphasis for s in ordered}
    assert any("back to back" in e for e in plan.explanations)


def test_low_back_start_gently_is_held_to_beginner_limits_and_starts_lighter() -> None:
    plan = plan_of("low-back-start-gently")
    assert all([s.weekday for s in w.sessions] == [TUE, SAT] for w in plan.weeks)
    assert [w.gentle for w in plan.weeks] == [True, True, False, False, False, False]
    assert all(catalog().exercise(i).spinal_load is not SpinalLoad.HIGH for i in exercise_ids(plan))
    assert all(catalog().exercise(i).level is Level.BEGINNER for i in exercise_ids(plan))
    for s in sessions(plan):
        for item in work_items(s):
            assert len(item.working_sets) <= 3
            assert all(x.rir is not None and x.rir >= 2 for x in item.working_sets)
    assert any("start gently" in e for e in plan.explanations)
