"""Planned and signal-triggered deloads, and the deload prescription."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backcoach.errors import InputError
from backcoach.science.deload import (
    DeloadPolicy,
    DeloadPrescription,
    deload_decision,
    effort_reason,
    session_e1rm,
    stall_reason,
)
from backcoach.science.progression import SetResult, WorkoutRecord

DAY = date(2025, 3, 3)


def on(day: int, load: float, *reps: int, rir: float | None = None) -> WorkoutRecord:
    return WorkoutRecord.of(DAY + timedelta(days=day), load, reps, rir)


@pytest.mark.parametrize(("weeks", "due"), [(0, False), (4, False), (5, True), (9, True)])
def test_planned_deload_comes_every_five_weeks_by_default(weeks: int, due: bool) -> None:
    decision = deload_decision(weeks_since_deload=weeks)
    assert decision.due is due
    assert (decision.prescription is not None) is due


def test_planned_deload_week_is_configurable() -> None:
    assert deload_decision(weeks_since_deload=4, policy=DeloadPolicy(every_weeks=4)).due


@pytest.mark.parametrize("weeks", [2, 9])
def test_policy_refuses_a_deload_rhythm_nobody_reports(weeks: int) -> None:
    with pytest.raises(InputError):
        DeloadPolicy(every_weeks=weeks)


def test_decision_carries_reasons_and_sources() -> None:
    decision = deload_decision(weeks_since_deload=6)
    assert decision.reasons == ("planned: 6 weeks since the last deload (every 5)",)
    assert any("Bell et al. 2022" in s for s in decision.sources)


def test_prescription_cuts_sets_by_about_forty_percent_and_keeps_frequency() -> None:
    plan = DeloadPrescription()
    assert [plan.sets(n) for n in (1, 2, 3, 4, 5, 6)] == [1, 1, 2, 2, 3, 4]
    assert plan.keep_frequency
    assert plan.days == 7


def test_prescription_lowers_load_ten_percent_or_adds_two_rir() -> None:
    by_load = DeloadPrescription()
    assert by_load.load(100) == pytest.approx(90)
    assert by_load.rir(2) == 2
    by_effort = DeloadPrescription(mode="effort")
    assert by_effort.load(100) == 100
    assert by_effort.rir(2) == 4


# ---------------------------------------------------------------------- stalled e1RM

STALLED = [on(0, 100, 5), on(7, 100, 5), on(14, 100, 4), on(21, 97.5, 5)]


def test_stall_is_no_new_best_over_three_sessions_and_two_weeks() -> None:
    reason = stall_reason(STALLED)
    assert reason is not None
    assert "3 sessions over 21 days" in reason


def test_stall_needs_two_weeks_not_just_three_sessions() -> None:
    quick = [on(0, 100, 5), on(2, 100, 5), on(4, 100, 4), on(6, 100, 5)]
    assert stall_reason(quick) is None


def test_a_new_best_resets_the_stall() -> None:
    rising = [*STALLED, on(28, 100, 6)]
    assert stall_reason(rising) is None


def test_stall_triggers_a_deload_naming_the_exercise() -> None:
    decision = deload_decision(weeks_since_deload=2, histories={"test-row": STALLED})
    assert decision.due
    assert decision.reasons[0].startswith("test-row: no new best")


def test_session_e1rm_uses_rir_when_logged() -> None:
    assert session_e1rm(on(0, 100, 5, rir=2)) == pytest.approx(100 / 0.811)
    assert session_e1rm(on(0, 100, 5)) == pytest.approx(112.5)  # Brzycki, to failure


def test_session_e1rm_skips_sets_it_cannot_read() -> None:
    assert session_e1rm(WorkoutRecord(DAY, 100, (SetResult(0),))) is None


# ---------------------------------------------------------------------- rising effort


def test_falling_rir_at_the_same_load_and_reps_is_rising_effort() -> None:
    history = [on(0, 80, 8, 8, 8, rir=3), on(3, 80, 8, 8, 8, rir=2), on(7, 80, 8, 8, 8, rir=1)]
    reason = effort_reason(history)
    assert reason is not None
    assert "1 reps in reserve against 3" in reason


def test_falling_rir_with_more_reps_is_not_rising_effort() -> None:
    history = [on(0, 80, 8, 8, 8, rir=3), on(7, 80, 10, 10, 10, rir=1)]
    assert effort_reason(history) is None


def test_rir_drop_of_less_than_two_is_not_rising_effort() -> None:
    history = [on(0, 80, 8, 8, 8, rir=2.5), on(7, 80, 8, 8, 8, rir=1)]
    assert effort_reason(history) is None


def test_rising_effort_only_compares_the_same_load() -> None:
    history = [on(0, 70, 8, 8, 8, rir=4), on(7, 80, 8, 8, 8, rir=1)]
    assert effort_reason(history) is None


def test_rising_effort_needs_logged_rir() -> None:
    assert effort_reason([on(0, 80, 8), on(7, 80, 8)]) is None


def test_no_signals_and_no_plan_means_no_deload() -> None:
    healthy = [on(0, 80, 8, rir=2), on(7, 82.5, 8, rir=2), on(14, 85, 8, rir=2)]
    decision = deload_decision(weeks_since_deload=2, histories={"test-row": healthy, "empty": []})
    assert not decision.due
    assert decision.reasons == ()


def test_weeks_since_deload_must_be_a_count() -> None:
    with pytest.raises(InputError):
        deload_decision(weeks_since_deload=-1)
