"""The fatigue model and the 48 h hard floor."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.errors import InputError
from backcoach.science.recovery import (
    HARD_FLOOR_HOURS,
    SOFT_RECOVERY_HOURS,
    ExerciseLog,
    RecoveryModel,
    can_load_hard,
    fatigue_by_muscle,
    hours_until_hard_loading_allowed,
    last_loaded_as_target,
    recovery_by_muscle,
    recovery_percent,
)

from .factories import HINGE, PULLDOWN, ROW, T0, hours, small_catalog

MODEL = RecoveryModel()
TYPICAL_SESSION = [ExerciseLog(T0, ROW, (1, 2, 2, 3)), ExerciseLog(T0, PULLDOWN, (2, 2))]


@pytest.mark.parametrize(
    ("rir", "factor"), [(0, 1.0), (1, 0.875), (2, 0.75), (4, 0.5), (8, 0.5), (None, 0.75)]
)
def test_effort_factor_falls_from_failure_to_half_at_four_rir(rir: float | None, factor: float) -> None:
    assert MODEL.effort_factor(rir) == factor


def test_one_target_set_to_failure_adds_the_unit_of_fatigue() -> None:
    fatigue = fatigue_by_muscle(T0, [ExerciseLog(T0, ROW, (0,))])
    assert fatigue["latissimus-dorsi"] == 10
    assert fatigue["trapezius-lower"] == 5  # synergist
    assert fatigue["iliocostalis"] == 0  # stabiliser


def test_fatigue_halves_every_half_life() -> None:
    history = [ExerciseLog(T0, ROW, (0, 0))]
    assert fatigue_by_muscle(hours(24), history)["latissimus-dorsi"] == pytest.approx(10)
    assert fatigue_by_muscle(hours(48), history)["latissimus-dorsi"] == pytest.approx(5)


def test_untrained_muscle_is_fully_recovered() -> None:
    assert recovery_percent("quadriceps", hours(1), TYPICAL_SESSION) == 100


def test_typical_session_is_mostly_recovered_by_48h_and_essentially_by_72h() -> None:
    assert recovery_percent("latissimus-dorsi", hours(0), TYPICAL_SESSION) == pytest.approx(
        55
    )  # 45 % fatigue
    assert recovery_percent("latissimus-dorsi", hours(HARD_FLOOR_HOURS), TYPICAL_SESSION) > 85
    assert recovery_percent("latissimus-dorsi", hours(SOFT_RECOVERY_HOURS), TYPICAL_SESSION) > 92


def test_very_high_volume_takes_about_a_week_to_clear() -> None:
    history = [ExerciseLog.uniform(T0, ROW, sets=20, rir=0)]
    assert recovery_percent("latissimus-dorsi", hours(72), history) < 80
    assert recovery_percent("latissimus-dorsi", hours(5 * 24), history) < 98
    assert recovery_percent("latissimus-dorsi", hours(8 * 24), history) > 99


def test_recovery_is_floored_at_zero() -> None:
    history = [ExerciseLog.uniform(T0, ROW, sets=30, rir=0)]
    assert recovery_percent("latissimus-dorsi", T0, history) == 0


def test_parent_node_reads_its_most_tired_part() -> None:
    catalog = small_catalog()
    history = [ExerciseLog.uniform(T0, PULLDOWN, sets=4, rir=1)]
    trapezius = recovery_percent("trapezius", hours(12), history, catalog=catalog)
    lower = recovery_percent("trapezius-lower", hours(12), history)
    assert trapezius == lower < 100


def test_recovery_by_muscle_lists_every_involved_muscle() -> None:
    recovered = recovery_by_muscle(hours(6), TYPICAL_SESSION)
    assert set(recovered) >= {"latissimus-dorsi", "rhomboid-major", "biceps-brachii"}
    assert all(0 <= value <= 100 for value in recovered.values())


@given(
    sets=st.integers(min_value=1, max_value=12),
    rir=st.integers(min_value=0, max_value=5),
    a=st.floats(min_value=0, max_value=400),
    b=st.floats(min_value=0, max_value=400),
)
def test_recovery_never_falls_as_time_passes(sets: int, rir: int, a: float, b: float) -> None:
    history = [ExerciseLog.uniform(T0, ROW, sets=sets, rir=rir)]
    early, late = sorted((a, b))
    assert recovery_percent("rhomboid-minor", hours(early), history) <= recovery_percent(
        "rhomboid-minor", hours(late), history
    )


@given(sets=st.integers(min_value=1, max_value=8), rir=st.integers(min_value=0, max_value=3))
def test_harder_sets_never_leave_more_recovery(sets: int, rir: int) -> None:
    easy = [ExerciseLog.uniform(T0, ROW, sets=sets, rir=rir + 1)]
    hard = [ExerciseLog.uniform(T0, ROW, sets=sets, rir=rir)]
    assert recovery_percent("latissimus-dorsi", hours(30), hard) <= recovery_percent(
        "latissimus-dorsi", hours(30), easy
    )


# ---------------------------------------------------------------------- hard floor


def test_hard_floor_blocks_a_target_muscle_for_48_hours() -> None:
    history = [ExerciseLog.uniform(T0, ROW, sets=3, rir=3)]
    assert not can_load_hard("latissimus-dorsi", hours(47.9), history)
    assert hours_until_hard_loading_allowed("latissimus-dorsi", hours(30), history) == pytest.approx(18)
    assert can_load_hard("latissimus-dorsi", hours(48), history)


def test_hard_floor_holds_even_when_the_model_says_recovered() -> None:
    history = [ExerciseLog.uniform(T0, ROW, sets=1, rir=4)]
    assert recovery_percent("latissimus-dorsi", hours(40), history) > 98
    assert not can_load_hard("latissimus-dorsi", hours(40), history)


def test_hard_floor_ignores_synergist_and_stabiliser_work() -> None:
    history = [ExerciseLog.uniform(T0, ROW, sets=4, rir=0)]
    assert can_load_hard("trapezius-lower", hours(1), history)  # synergist in the row
    assert can_load_hard("iliocostalis", hours(1), history)  # stabiliser in the row


def test_hard_floor_counts_from_the_latest_target_session() -> None:
    history = [
        ExerciseLog.uniform(hours(-100), HINGE, sets=3),
        ExerciseLog.uniform(hours(-10), HINGE, sets=3),
    ]
    assert hours_until_hard_loading_allowed("longissimus", T0, history) == pytest.approx(38)
    assert last_loaded_as_target("longissimus", T0, history) == hours(-10)


def test_hard_floor_with_a_catalogue_covers_the_parts_of_a_parent() -> None:
    history = [ExerciseLog.uniform(T0, ROW, sets=3)]
    assert not can_load_hard("rhomboids", hours(5), history, catalog=small_catalog())
    assert can_load_hard("rhomboids", hours(5), history)  # without the tree only the exact id matches


def test_a_log_with_no_sets_does_not_count_as_a_session() -> None:
    history = [ExerciseLog.uniform(T0, ROW, sets=0)]
    assert can_load_hard("latissimus-dorsi", hours(1), history)


def test_no_history_means_free_to_load() -> None:
    assert hours_until_hard_loading_allowed("latissimus-dorsi", T0, []) == 0


def test_times_without_a_zone_are_refused() -> None:
    naive = datetime(2025, 3, 3, 18, 0)
    with pytest.raises(InputError, match="time zone"):
        can_load_hard("latissimus-dorsi", naive, [])
    with pytest.raises(InputError, match="time zone"):
        recovery_percent("latissimus-dorsi", T0, [ExerciseLog.uniform(naive, ROW, sets=1)])


def test_logs_after_now_are_refused() -> None:
    with pytest.raises(InputError, match="later than now"):
        recovery_percent("latissimus-dorsi", T0, [ExerciseLog.uniform(hours(1), ROW, sets=1)])


@pytest.mark.parametrize(
    "kwargs", [{"half_life_h": 0}, {"fatigue_per_set": -1}, {"easy_effort_factor": 1.5}, {"easy_rir": 0}]
)
def test_model_refuses_impossible_parameters(kwargs: dict[str, float]) -> None:
    with pytest.raises(InputError):
        RecoveryModel(**kwargs)


def test_negative_rir_is_refused() -> None:
    with pytest.raises(InputError):
        MODEL.effort_factor(-1)
