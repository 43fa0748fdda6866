"""Progression rules on scripted histories, the registry and the increment table."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.catalog import Level
from backcoach.errors import InputError, UnknownIdError
from backcoach.science.loading import DumbbellSet, PlateSet
from backcoach.science.progression import (
    RULES,
    Action,
    DoubleProgression,
    LinearProgression,
    RepSumProgression,
    RpeProgression,
    SetResult,
    TwoForTwo,
    WorkoutRecord,
    body_region,
    increment_percent,
    make_rule,
    rule_class,
    step_up,
)

from .factories import HINGE, ROW, SHRUG, small_catalog

DAY = date(2025, 3, 3)
DUMBBELLS = DumbbellSet.from_range(2, 50, 2)
BAR = PlateSet(20, ((20, 2), (10, 1), (5, 1), (2.5, 1), (1.25, 1)))


def session(n: int, load: float, *reps: int, rir: float | None = None) -> WorkoutRecord:
    """The n-th workout (every other day) at ``load`` with the given reps per set."""
    return WorkoutRecord.of(DAY + timedelta(days=2 * n), load, reps, rir)


# ---------------------------------------------------------------------- registry


def test_registry_keys_are_stable() -> None:
    assert set(RULES) == {"linear", "double", "sum", "rpe", "nsca-2for2"}
    assert rule_class("nsca-2for2") is TwoForTwo


def test_make_rule_builds_the_configured_rule() -> None:
    rule = make_rule("double", reps_min=6, reps_max=10)
    assert isinstance(rule, DoubleProgression)
    assert (rule.reps_min, rule.reps_max) == (6, 10)


def test_unknown_rule_names_the_closest() -> None:
    with pytest.raises(UnknownIdError, match="linear"):
        make_rule("linaer")


def test_unknown_setting_is_an_input_error() -> None:
    with pytest.raises(InputError, match="double"):
        make_rule("double", reps_top=12)


@pytest.mark.parametrize("key", sorted(RULES))
def test_every_rule_refuses_an_empty_history(key: str) -> None:
    with pytest.raises(InputError, match="at least one"):
        make_rule(key).decide([])


@pytest.mark.parametrize("key", sorted(RULES))
def test_every_decision_names_a_source_and_a_reason(key: str) -> None:
    decision = make_rule(key).decide([session(0, 40, 8, 8, 8, rir=2)])
    assert decision.source and decision.reason
    assert decision.reps_min <= decision.reps_max


# ---------------------------------------------------------------------- increments


@pytest.mark.parametrize(
    ("level", "region", "percent"),
    [
        (Level.BEGINNER, "upper", 5),
        (Level.BEGINNER, "lower", 10),
        (Level.INTERMEDIATE, "upper", 3.75),
        (Level.INTERMEDIATE, "lower", 7.5),
        (Level.ADVANCED, "upper", 2.5),
        (Level.ADVANCED, "lower", 5),
    ],
)
def test_increment_table_by_level_and_region(level: Level, region: str, percent: float) -> None:
    assert increment_percent(level, region) == percent  # type: ignore[arg-type]


@given(override=st.floats(min_value=-50, max_value=50))
def test_increments_are_clamped_to_the_acsm_range(override: float) -> None:
    assert 2 <= increment_percent(Level.BEGINNER, "upper", override) <= 10


@pytest.mark.parametrize(("exercise", "region"), [(ROW, "upper"), (SHRUG, "upper"), (HINGE, "lower")])
def test_body_region_comes_from_the_target_muscles(exercise: object, region: str) -> None:
    assert body_region(exercise, small_catalog()) == region  # type: ignore[arg-type]


def test_step_up_moves_to_the_next_load_when_equipment_is_coarser_than_the_step() -> None:
    step = step_up(10, 5, DUMBBELLS)
    assert step.load_kg == 12
    assert "20 %" in step.note


def test_step_up_rounds_down_when_the_equipment_allows() -> None:
    assert step_up(100, 5, BAR).load_kg == 105


def test_step_up_at_the_heaviest_load_stays() -> None:
    step = step_up(50, 5, DUMBBELLS)
    assert step.load_kg == 50
    assert "no heavier" in step.note


# ---------------------------------------------------------------------- double progression


def test_double_progression_holds_when_one_set_misses_the_top() -> None:
    decision = DoubleProgression(reps_min=8, reps_max=12).decide([session(0, 20, 12, 12, 11)])
    assert decision.action is Action.HOLD
    assert decision.load_kg == 20
    assert "1 of 3 sets" in decision.reason


def test_double_progression_adds_load_when_every_set_reaches_the_top() -> None:
    rule = DoubleProgression(reps_min=8, reps_max=12, loadable=DUMBBELLS)
    decision = rule.decide([session(0, 20, 10, 9, 9), session(1, 20, 12, 12, 12)])
    assert decision.action is Action.INCREASE
    assert decision.load_kg == 22  # 21 kg is not a dumbbell: the next one up
    assert (decision.reps_min, decision.reps_max) == (8, 12)


def test_double_progression_comes_down_after_repeated_sets_below_the_range() -> None:
    rule = DoubleProgression(reps_min=8, reps_max=12, loadable=DUMBBELLS)
    history = [session(0, 24, 7, 6, 6), session(1, 24, 8, 7, 6)]
    decision = rule.decide(history)
    assert decision.action is Action.DECREASE
    assert decision.load_kg == 22


def test_double_progression_gives_one_short_session_another_try() -> None:
    decision = DoubleProgression().decide([session(0, 24, 9, 8, 8), session(1, 24, 8, 7, 6)])
    assert decision.action is Action.HOLD


@given(reps=st.lists(st.integers(min_value=0, max_value=15), min_size=1, max_size=5))
def test_double_progression_adds_load_only_if_every_set_hit_the_top(reps: list[int]) -> None:
    decision = DoubleProgression(reps_min=8, reps_max=12).decide([session(0, 30, *reps)])
    assert (decision.action is Action.INCREASE) == all(r >= 12 for r in reps)


# ---------------------------------------------------------------------- linear progression


def test_linear_adds_load_after_a_successful_session() -> None:
    decision = LinearProgression(reps=5, region="lower", loadable=BAR).decide([session(0, 60, 5, 5, 5)])
    assert decision.action is Action.INCREASE
    assert decision.load_kg == 65  # +10 % lower body for a beginner, rounded down


def test_linear_waits_for_the_configured_number_of_successes() -> None:
    rule = LinearProgression(reps=5, successes_to_increase=2)
    assert rule.decide([session(0, 60, 5, 5, 5)]).action is Action.HOLD
    assert rule.decide([session(0, 60, 5, 5, 5), session(1, 60, 5, 5, 5)]).action is Action.INCREASE


def test_linear_only_counts_successes_at_the_current_load() -> None:
    rule = LinearProgression(reps=5, successes_to_increase=2)
    history = [session(0, 55, 5, 5, 5), session(1, 60, 5, 5, 5)]
    assert rule.decide(history).action is Action.HOLD


def test_linear_deloads_after_m_failures() -> None:
    rule = LinearProgression(reps=5, failures_to_deload=3, loadable=BAR)
    history = [session(0, 100, 5, 5, 4), session(1, 100, 5, 4, 4), session(2, 100, 4, 4, 3)]
    decision = rule.decide(history)
    assert decision.action is Action.DELOAD
    assert decision.load_kg == 90
    assert "3 sessions" in decision.reason


def test_linear_holds_before_the_failure_limit() -> None:
    rule = LinearProgression(reps=5, failures_to_deload=3)
    decision = rule.decide([session(0, 100, 5, 5, 4), session(1, 100, 5, 4, 4)])
    assert decision.action is Action.HOLD
    assert decision.load_kg == 100


def test_linear_failures_must_be_consecutive() -> None:
    rule = LinearProgression(reps=5, failures_to_deload=2, successes_to_increase=2)
    history = [session(0, 100, 4, 4, 4), session(1, 100, 5, 5, 5), session(2, 100, 4, 4, 4)]
    assert rule.decide(history).action is Action.HOLD


def test_linear_sorts_history_by_date() -> None:
    rule = LinearProgression(reps=5, failures_to_deload=2)
    history = [session(2, 100, 4, 4, 4), session(0, 90, 5, 5, 5), session(1, 100, 4, 4, 4)]
    assert rule.decide(history).action is Action.DELOAD


# ---------------------------------------------------------------------- rep sum


def test_sum_adds_load_when_the_total_is_reached() -> None:
    rule = RepSumProgression(total_reps=30, loadable=DUMBBELLS)
    decision = rule.decide([session(0, 16, 12, 10, 8)])
    assert decision.action is Action.INCREASE
    assert decision.load_kg == 18


def test_sum_holds_below_the_total() -> None:
    decision = RepSumProgression(total_reps=30).decide([session(0, 16, 11, 10, 8)])
    assert decision.action is Action.HOLD
    assert "29 of 30" in decision.reason


# ---------------------------------------------------------------------- NSCA 2-for-2


def test_two_for_two_needs_two_consecutive_sessions() -> None:
    rule = TwoForTwo(goal_reps=10)
    assert rule.decide([session(0, 40, 10, 10, 12)]).action is Action.HOLD
    assert rule.decide([session(0, 40, 10, 10, 12), session(1, 40, 10, 10, 12)]).action is Action.INCREASE


def test_two_for_two_is_broken_by_a_session_in_between() -> None:
    rule = TwoForTwo(goal_reps=10)
    history = [session(0, 40, 10, 10, 12), session(1, 40, 10, 10, 11), session(2, 40, 10, 10, 12)]
    assert rule.decide(history).action is Action.HOLD


def test_two_for_two_reads_the_last_set_only() -> None:
    rule = TwoForTwo(goal_reps=10)
    history = [session(0, 40, 14, 13, 11), session(1, 40, 14, 13, 11)]
    assert rule.decide(history).action is Action.HOLD


def test_two_for_two_increase_uses_the_level_increment() -> None:
    rule = TwoForTwo(goal_reps=10, level=Level.ADVANCED)
    decision = rule.decide([session(0, 100, 12), session(1, 100, 12)])
    assert decision.load_kg == pytest.approx(102.5)


# ---------------------------------------------------------------------- RPE


def test_rpe_rule_adds_load_when_the_last_set_was_easier_than_planned() -> None:
    rule = RpeProgression(target_reps=5, target_rir=2)
    decision = rule.decide([session(0, 100, 5, 5, 5, rir=4)])
    # 5 reps at 4 RIR -> C(9) = 76.2 % -> e1RM 131.2; 5 at 2 RIR -> 81.1 % -> 106.4 kg
    assert decision.action is Action.INCREASE
    assert decision.load_kg == pytest.approx(100 / 0.762 * 0.811, abs=0.01)
    assert decision.rir == 2


def test_rpe_rule_lowers_the_load_when_the_last_set_was_harder_than_planned() -> None:
    rule = RpeProgression(target_reps=5, target_rir=2, loadable=BAR)
    decision = rule.decide([session(0, 100, 5, 5, 4, rir=0)])
    assert decision.action is Action.DECREASE
    assert decision.load_kg < 100


def test_rpe_rule_holds_on_target() -> None:
    decision = RpeProgression(target_reps=8, target_rir=2).decide([session(0, 70, 8, 8, 8, rir=2)])
    assert decision.action is Action.HOLD


def test_rpe_rule_caps_the_change() -> None:
    decision = RpeProgression(target_reps=3, target_rir=1).decide([session(0, 50, 12, rir=3)])
    assert decision.load_kg == pytest.approx(55)


def test_rpe_rule_holds_without_a_logged_rir() -> None:
    decision = RpeProgression().decide([session(0, 70, 8, 8, 8)])
    assert decision.action is Action.HOLD
    assert "RIR" in decision.reason


def test_rpe_rule_holds_when_the_set_is_off_the_chart() -> None:
    decision = RpeProgression().decide([session(0, 70, 19, rir=3)])
    assert decision.action is Action.HOLD


def test_rpe_rule_refuses_an_impossible_target() -> None:
    with pytest.raises(InputError):
        RpeProgression(target_reps=18, target_rir=4)


# ---------------------------------------------------------------------- records


def test_records_refuse_bad_values() -> None:
    with pytest.raises(InputError):
        SetResult(-1)
    with pytest.raises(InputError):
        SetResult(5, rir=-1)
    with pytest.raises(InputError):
        WorkoutRecord(DAY, 0, (SetResult(5),))
    with pytest.raises(InputError):
        WorkoutRecord(DAY, 50, ())


@pytest.mark.parametrize(
    "build",
    [
        lambda: DoubleProgression(reps_min=12, reps_max=8),
        lambda: LinearProgression(reps=0),
        lambda: LinearProgression(deload_pct=60),
        lambda: TwoForTwo(sessions=0),
        lambda: RepSumProgression(total_reps=0),
    ],
)
def test_rules_refuse_impossible_settings(build: object) -> None:
    with pytest.raises(InputError):
        build()  # type: ignore[operator]
