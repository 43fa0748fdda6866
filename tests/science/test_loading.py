"""Achievable loads and conservative rounding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.errors import InputError
from backcoach.science.loading import (
    DumbbellSet,
    FixedIncrement,
    Loadable,
    PlateSet,
    preset_loadable,
    round_load,
    suggest_load,
    typical_loadable,
    typical_preset,
)
from backcoach.science.units import lb_to_kg

from .factories import BODYWEIGHT_ROW, HINGE, PULLDOWN, ROW

DUMBBELLS = DumbbellSet.from_range(2, 50, 2)
BAR = PlateSet(20, ((20, 2), (10, 1), (5, 1), (2.5, 1), (1.25, 1)))
STACK = FixedIncrement(5, heaviest_kg=100)

loadables = st.sampled_from([DUMBBELLS, BAR, STACK, DumbbellSet((4, 6, 8, 12, 16, 24))])
targets = st.floats(min_value=0.5, max_value=400, allow_nan=False)


def test_dumbbell_range_lists_every_step() -> None:
    assert DUMBBELLS.loads[:3] == (2, 4, 6)
    assert DUMBBELLS.loads[-1] == 50
    assert len(DUMBBELLS.loads) == 25


def test_plate_set_totals_include_the_empty_bar_and_every_pair_combination() -> None:
    assert BAR.loads[0] == 20
    assert 22.5 in BAR.loads  # bar + a pair of 1.25
    assert 27.5 in BAR.loads  # bar + 2.5 + 1.25
    assert BAR.loads[-1] == 20 + 2 * (20 + 20 + 10 + 5 + 2.5 + 1.25)


@pytest.mark.parametrize(
    ("target", "equipment", "expected"),
    [
        (23, DUMBBELLS, 22),
        (22, DUMBBELLS, 22),
        (1, DUMBBELLS, 2),
        (80, DUMBBELLS, 50),
        (61.9, BAR, 60),
        (62.5, BAR, 62.5),
        (10, BAR, 20),
        (47, STACK, 45),
        (500, STACK, 100),
        (3, STACK, 5),
    ],
)
def test_round_load_takes_the_heaviest_achievable_not_above_the_target(
    target: float, equipment: Loadable, expected: float
) -> None:
    assert round_load(target, equipment) == expected


@given(equipment=loadables, target=targets)
def test_round_load_never_rounds_up_past_the_prescription(equipment: Loadable, target: float) -> None:
    rounded = round_load(target, equipment)
    assert rounded <= target + 1e-6 or rounded == equipment.lightest_kg


@given(equipment=loadables, target=targets)
def test_round_load_leaves_no_achievable_load_between_result_and_target(
    equipment: Loadable, target: float
) -> None:
    rounded = round_load(target, equipment)
    above = equipment.above(rounded)
    assert above is None or above > target - 1e-6 or rounded == equipment.lightest_kg


def test_fixed_increment_steps_from_its_start() -> None:
    stack = FixedIncrement(2.5, start_kg=7.5)
    assert round_load(11, stack) == 10
    assert stack.above(10) == 12.5
    assert stack.above(1) == 7.5


def test_fixed_increment_without_a_top_keeps_going() -> None:
    assert round_load(1003, FixedIncrement(5)) == 1000


@pytest.mark.parametrize("target", [0, -5, float("nan")])
def test_round_load_refuses_a_target_that_is_not_positive(target: float) -> None:
    with pytest.raises(InputError):
        round_load(target, DUMBBELLS)


@pytest.mark.parametrize(
    "build",
    [
        lambda: DumbbellSet(()),
        lambda: DumbbellSet((10, -2)),
        lambda: DumbbellSet.from_range(20, 10, 2),
        lambda: PlateSet(0, ()),
        lambda: PlateSet(20, ((5, -1),)),
        lambda: FixedIncrement(0),
        lambda: FixedIncrement(5, start_kg=20, heaviest_kg=10),
    ],
)
def test_equipment_refuses_impossible_specifications(build: object) -> None:
    with pytest.raises(InputError):
        build()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("reps", "rir", "percent", "extrapolated"),
    [(5, 2, 81.1, False), (1, 2, 92.2, False), (10, 2, 73.9 * 25 / 27, True)],
)
def test_suggest_load_uses_the_rpe_chart(reps: int, rir: float, percent: float, extrapolated: bool) -> None:
    suggestion = suggest_load(100, reps, rir=rir)
    assert suggestion.percent_1rm == pytest.approx(percent)
    assert suggestion.load == pytest.approx(percent)
    assert suggestion.extrapolated is extrapolated


def test_suggest_load_rounds_down_to_the_equipment() -> None:
    suggestion = suggest_load(120, 5, rpe=8, loadable=BAR)
    assert suggestion.exact_load == pytest.approx(97.32)
    assert suggestion.load == 95  # 97.5 would be above the prescription


def test_suggest_load_with_rpe_matches_rir() -> None:
    assert suggest_load(100, 8, rpe=8) == suggest_load(100, 8, rir=2)


def test_suggest_load_needs_exactly_one_effort_measure() -> None:
    with pytest.raises(InputError):
        suggest_load(100, 5)


@pytest.mark.parametrize(
    ("exercise", "preset"),
    [(ROW, "dumbbells"), (HINGE, "barbell"), (PULLDOWN, "stack"), (BODYWEIGHT_ROW, None)],
)
def test_typical_preset_follows_the_equipment_that_carries_the_load(
    exercise: object, preset: str | None
) -> None:
    assert typical_preset(exercise) == preset  # type: ignore[arg-type]


def test_typical_loadable_is_none_for_bodyweight_exercises() -> None:
    assert typical_loadable(BODYWEIGHT_ROW) is None


def test_pound_presets_hold_whole_pound_plates() -> None:
    bar = preset_loadable("barbell", "lb")
    assert bar.lightest_kg == pytest.approx(lb_to_kg(45), abs=1e-6)
    assert round_load(lb_to_kg(137), bar) == pytest.approx(lb_to_kg(135), abs=1e-6)


def test_unknown_preset_is_refused() -> None:
    with pytest.raises(InputError, match="typical equipment"):
        preset_loadable("sandbag")
