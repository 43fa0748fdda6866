"""The deload week applies what ``DeloadPrescription.mode`` says, and nothing more.

Each mode's plan is compared with the same plan under an identity deload (nothing cut), whose deload
week is therefore the regular week at the same progression step: every other week is equal, and in
the deload week each item differs exactly as the mode prescribes (Bell et al. 2022 and 2024: volume
always down; intensity down by a lighter load *or* by more reps in reserve).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from backcoach.catalog import Level, LoadType
from backcoach.planning import Plan, PlanItem, Profile, build_plan
from backcoach.planning.candidates import eligible
from backcoach.planning.dosing import deload_intensity
from backcoach.planning.personas import KITS
from backcoach.science.deload import DeloadPrescription
from backcoach.science.loading import round_load, typical_loadable

from .factories import MON, THU, catalog, profile
from .plan_checks import breaches, work_items

DELOAD_WEEK = 5  # science.deload.DEFAULT_POLICY.every_weeks
IDENTITY = DeloadPrescription(sets_factor=1.0, load_factor=1.0, extra_rir=0.0)
LOAD = DeloadPrescription(mode="load")
EFFORT = DeloadPrescription(mode="effort")


def _gym_with_e1rms() -> Profile:
    p = profile(weeks=DELOAD_WEEK)
    lifts = [e.id for e in eligible(p, catalog()) if e.load_type is LoadType.EXTERNAL]
    return p.model_copy(update={"e1rm_kg": dict.fromkeys(lifts, 80.0)})


PROFILES = {
    # loads from the body-weight cap, body-weight exercises and holds
    "beginner-home": profile(
        level=Level.BEGINNER,
        days=(MON, THU),
        equipment=KITS["home-basic"],
        bodyweight_kg=70.0,
        weeks=DELOAD_WEEK,
    ),
    # loads from one-rep maxima on the RTS chart
    "gym-e1rm": _gym_with_e1rms(),
    # loads left to calibrate: no e1RM, no body weight
    "gym-calibrate": profile(weeks=DELOAD_WEEK),
}


def deload_against_regular(p: Profile, deload: DeloadPrescription) -> Iterator[tuple[PlanItem, PlanItem]]:
    """Each working item of the deload week with the same item in the regular version of that week."""
    plan, regular = _plan(p, deload), _plan(p, IDENTITY)
    assert breaches(p, plan, catalog()) == []
    index = DELOAD_WEEK - 1
    assert plan.weeks[index].deload and regular.weeks[index].deload
    assert plan.weeks[:index] == regular.weeks[:index]  # the weeks before are untouched
    for light, usual in zip(plan.weeks[index].sessions, regular.weeks[index].sessions, strict=True):
        assert light.date == usual.date
        yield from zip(work_items(light), work_items(usual), strict=True)


def _plan(p: Profile, deload: DeloadPrescription) -> Plan:
    result = build_plan(p, catalog(), deload=deload)
    assert isinstance(result, Plan), result
    return result


def lighter(item: PlanItem, kg: float, p: Profile) -> float:
    loadable = typical_loadable(catalog().exercise(item.exercise_id), p.unit.value)
    target = kg * LOAD.load_factor
    return round_load(target, loadable) if loadable is not None else round(target, 2)


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_a_load_deload_cuts_sets_and_lightens_each_load_at_the_same_reps_in_reserve(name: str) -> None:
    p = PROFILES[name]
    lightened = 0
    for light, usual in deload_against_regular(p, LOAD):
        assert light.exercise_id == usual.exercise_id
        assert len(light.working_sets) == LOAD.sets(len(usual.working_sets))
        first, regular = light.working_sets[0], usual.working_sets[0]
        assert (first.reps_min, first.reps_max, first.rest_s) == (
            regular.reps_min,
            regular.reps_max,
            regular.rest_s,
        )
        assert regular.rir is not None
        if regular.load_kg is not None and lighter(usual, regular.load_kg, p) < regular.load_kg:
            assert first.load_kg == lighter(usual, regular.load_kg, p)
            assert first.rir == regular.rir  # a lighter load, not also more reps in reserve
            lightened += 1
        else:  # nothing to lighten: the intensity comes down by reps in reserve instead
            assert first.load_kg == regular.load_kg
            assert first.rir == regular.rir + LOAD.extra_rir
    if name != "gym-calibrate":
        assert lightened > 0


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_an_effort_deload_cuts_sets_and_adds_reps_in_reserve_at_the_same_load(name: str) -> None:
    for light, usual in deload_against_regular(PROFILES[name], EFFORT):
        assert light.exercise_id == usual.exercise_id
        assert len(light.working_sets) == EFFORT.sets(len(usual.working_sets))
        first, regular = light.working_sets[0], usual.working_sets[0]
        assert first.load_kg == regular.load_kg  # the same load, not also lighter
        assert regular.rir is not None and first.rir == regular.rir + EFFORT.extra_rir
        assert (first.reps_min, first.reps_max, first.rest_s) == (
            regular.reps_min,
            regular.reps_max,
            regular.rest_s,
        )


def test_a_load_left_to_calibrate_names_the_deload_weeks_reps_in_reserve() -> None:
    notes = [
        (light.note, light.working_sets[0].rir)
        for light, _ in deload_against_regular(PROFILES["gym-calibrate"], LOAD)
        if light.note is not None and light.note.startswith("Choose a load")
    ]
    assert notes
    assert all(f"with {rir} in reserve" in note for note, rir in notes)


@pytest.mark.parametrize(
    ("deload", "load", "rir", "expected"),
    [
        (LOAD, 100.0, 2, (90.0, 2)),  # lighter, same reps in reserve
        (LOAD, None, 2, (None, 4)),  # nothing to lighten: more reps in reserve
        (EFFORT, 100.0, 2, (100.0, 4)),  # same load, more reps in reserve
        (EFFORT, None, 3, (None, 5)),
        (replace(LOAD, load_factor=0.85), 60.0, 1, (51.0, 1)),
        (replace(EFFORT, extra_rir=3.0), 60.0, 1, (60.0, 4)),
    ],
)
def test_deload_intensity_follows_the_mode(
    deload: DeloadPrescription, load: float | None, rir: int, expected: tuple[float | None, int]
) -> None:
    assert deload_intensity(deload, load=load, rir=rir, loadable=None) == expected


def test_a_load_the_equipment_cannot_lighten_takes_reps_in_reserve_instead() -> None:
    dumbbell_row = catalog().exercise("one-arm-dumbbell-row")
    loadable = typical_loadable(dumbbell_row)
    assert loadable is not None
    lightest = loadable.lightest_kg
    assert deload_intensity(LOAD, load=lightest, rir=2, loadable=loadable) == (lightest, 4)


@pytest.mark.parametrize(
    ("deload", "text"), [(LOAD, "10 % lighter loads"), (EFFORT, "the same loads with 2")]
)
def test_the_explanation_names_the_deload_the_plan_applies(deload: DeloadPrescription, text: str) -> None:
    plan = _plan(PROFILES["beginner-home"], deload)
    assert any("deload" in e and text in e for e in plan.explanations)
