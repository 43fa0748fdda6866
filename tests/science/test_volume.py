"""Fractional weekly sets, the max roll-up, and volume landmarks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.catalog import Level
from backcoach.errors import InputError, UnknownIdError
from backcoach.science.volume import (
    ROLE_FRACTION,
    Landmarks,
    VolumeStatus,
    classify,
    landmark,
    landmark_table,
    landmarks,
    roll_up,
    weekly_sets,
)

from .factories import HINGE, PULLDOWN, ROW, SHRUG, real_muscles, small_catalog

CATALOG = small_catalog()


def test_role_fractions_follow_pelland_2024() -> None:
    assert [ROLE_FRACTION[r] for r in ROLE_FRACTION] == [1.0, 0.5, 0.0]


def test_weekly_sets_count_targets_fully_and_synergists_half() -> None:
    sets = weekly_sets([(ROW, 3)])
    assert sets["latissimus-dorsi"] == 3
    assert sets["rhomboid-major"] == 3
    assert sets["trapezius-lower"] == 1.5
    assert sets["biceps-brachii"] == 1.5


def test_weekly_sets_give_stabilisers_nothing() -> None:
    assert "iliocostalis" not in weekly_sets([(ROW, 4)])


def test_weekly_sets_add_up_across_exercises() -> None:
    sets = weekly_sets([(ROW, 3), (PULLDOWN, 4), (ROW, 2)])
    assert sets["latissimus-dorsi"] == 9
    assert sets["trapezius-lower"] == 0.5 * 5 + 4
    assert sets["rhomboid-minor"] == 5 + 0.5 * 4


def test_weekly_sets_of_nothing_is_empty() -> None:
    assert weekly_sets([]) == {}
    assert weekly_sets([(ROW, 0)]) == {}


@pytest.mark.parametrize("sets", [-1, float("nan"), True])
def test_weekly_sets_refuse_impossible_set_counts(sets: float) -> None:
    with pytest.raises(InputError):
        weekly_sets([(ROW, sets)])


def test_roll_up_takes_the_max_over_parts_not_the_sum() -> None:
    catalog = small_catalog()
    rolled = roll_up(weekly_sets([(ROW, 3)]), catalog)
    assert rolled["rhomboids"] == 3  # one row is one set for the rhomboids, not two
    assert rolled["trapezius"] == 3
    assert rolled["rhomboid-major"] == 3


def test_roll_up_covers_every_catalogue_node() -> None:
    catalog = small_catalog()
    rolled = roll_up(weekly_sets([(SHRUG, 2)]), catalog)
    assert set(rolled) == set(catalog.muscles)
    assert rolled["trapezius"] == 2
    assert rolled["latissimus-dorsi"] == 0


def test_roll_up_refuses_unknown_muscles() -> None:
    with pytest.raises(UnknownIdError):
        roll_up({"rhomboidz": 2}, small_catalog())


@given(
    row=st.integers(min_value=0, max_value=10),
    pulldown=st.integers(min_value=0, max_value=10),
    hinge=st.integers(min_value=0, max_value=10),
)
def test_a_parent_never_reads_less_than_any_of_its_parts(row: int, pulldown: int, hinge: int) -> None:
    catalog = CATALOG
    rolled = roll_up(weekly_sets([(ROW, row), (PULLDOWN, pulldown), (HINGE, hinge)]), catalog)
    for node in catalog.muscles:
        assert all(rolled[node] >= rolled[part] for part in catalog.parts(node))


# ---------------------------------------------------------------------- landmarks


def test_landmarks_reproduce_rp_back_values_for_intermediates() -> None:
    for group in ("lats", "mid-back"):
        values = landmark(group).at(Level.INTERMEDIATE)
        assert (values.mv, values.mev, values.mav, values.mrv) == (8, 10, (14, 22), 25)


def test_landmarks_reproduce_rp_trap_values_for_intermediates() -> None:
    values = landmark("upper-traps").at(Level.INTERMEDIATE)
    assert (values.mv, values.mev, values.mav, values.mrv) == (0, 0, (12, 20), 26)


def test_landmark_groups_map_to_real_muscle_nodes() -> None:
    ids = {m.id for m in real_muscles()}
    for group in landmarks().values():
        assert set(group.muscles) <= ids, group.id
        assert group.sources


def test_mid_back_covers_the_middle_trapezius_and_rhomboids() -> None:
    assert set(landmark("mid-back").muscles) == {"trapezius-middle", "rhomboids"}


def test_erector_landmarks_are_lower_than_back_and_marked_heuristic() -> None:
    erectors, back = landmark("spinal-erectors"), landmark("lats")
    assert erectors.heuristic
    assert erectors.intermediate.mrv < back.intermediate.mrv
    assert erectors.intermediate.mev < back.intermediate.mev


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (Level.BEGINNER, Landmarks(mv=6, mev=8, mav=(11, 17), mrv=19)),
        (Level.ADVANCED, Landmarks(mv=10, mev=13, mav=(18, 28), mrv=31)),
    ],
)
def test_other_levels_scale_the_intermediate_values(level: Level, expected: Landmarks) -> None:
    assert landmark("lats").at(level) == expected


@pytest.mark.parametrize("group", [lm.id for lm in landmark_table().landmarks])
@pytest.mark.parametrize("level", list(Level))
def test_every_level_keeps_landmarks_ordered(group: str, level: Level) -> None:
    values = landmark(group).at(level)
    assert values.mv <= values.mev <= values.mav[0] <= values.mav[1] <= values.mrv


@pytest.mark.parametrize("group", [lm.id for lm in landmark_table().landmarks])
def test_landmarks_grow_with_level(group: str) -> None:
    beginner, mid, advanced = (landmark(group).at(level) for level in Level)
    assert beginner.mrv <= mid.mrv <= advanced.mrv


def test_a_growing_group_never_has_mev_below_the_iversen_minimum() -> None:
    floor = landmark_table().floors.minimum_effective
    assert floor == 4
    for group in landmarks().values():
        for level in Level:
            mev = group.at(level).mev
            assert mev == 0 or mev >= floor, (group.id, level)


def test_landmark_sets_read_the_most_worked_muscle_of_the_group() -> None:
    rolled = roll_up(weekly_sets([(ROW, 3), (PULLDOWN, 4)]), small_catalog())
    assert landmark("mid-back").sets(rolled) == 5  # rhomboids: 3 + 0.5 * 4
    assert landmark("lats").sets(rolled) == 7


def test_unknown_landmark_names_the_closest() -> None:
    with pytest.raises(UnknownIdError, match="lats"):
        landmark("latz")


BACK = Landmarks(mv=8, mev=10, mav=(14, 22), mrv=25)


@pytest.mark.parametrize(
    ("sets", "status"),
    [
        (0, VolumeStatus.BELOW_MV),
        (7.5, VolumeStatus.BELOW_MV),
        (8, VolumeStatus.BELOW_MEV),
        (9.5, VolumeStatus.BELOW_MEV),
        (10, VolumeStatus.PRODUCTIVE),
        (16, VolumeStatus.PRODUCTIVE),
        (22, VolumeStatus.PRODUCTIVE),
        (23, VolumeStatus.ABOVE_MAV),
        (25, VolumeStatus.ABOVE_MAV),
        (25.5, VolumeStatus.ABOVE_MRV),
    ],
)
def test_classify_places_weekly_sets_against_the_landmarks(sets: float, status: VolumeStatus) -> None:
    assert classify(sets, BACK) is status


def test_classify_with_zero_maintenance_never_says_below_mv() -> None:
    assert classify(0, landmark("upper-traps").at(Level.INTERMEDIATE)) is VolumeStatus.PRODUCTIVE


@given(a=st.floats(min_value=0, max_value=40), b=st.floats(min_value=0, max_value=40))
def test_classify_is_monotonic_in_sets(a: float, b: float) -> None:
    order = list(VolumeStatus)
    low, high = sorted((a, b))
    assert order.index(classify(low, BACK)) <= order.index(classify(high, BACK))


def test_classify_refuses_negative_sets() -> None:
    with pytest.raises(InputError):
        classify(-1, BACK)


def test_landmarks_refuse_an_unordered_set_of_values() -> None:
    with pytest.raises(ValueError, match="MV"):
        Landmarks(mv=10, mev=8, mav=(14, 22), mrv=25)
