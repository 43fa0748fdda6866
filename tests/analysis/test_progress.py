"""e1RM history, rep maxima and new records, checked against a plain recomputation in the test."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.analysis import e1rm_history, new_records, personal_records, set_e1rm
from backcoach.catalog import LoadType
from backcoach.science.one_rep_max import estimate_1rm
from backcoach.sessions.records import LoggedSet, SetType

from .factories import LB, LOADED, ROW, T0, logged, random_history

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


def all_sets(seed: int) -> list[LoggedSet]:
    return [s for w in random_history(random.Random(seed)) for s in w.sets]


# ---------------------------------------------------------------------- the independent recomputation


def expected_e1rm(s: LoggedSet) -> float | None:
    """Brzycki on reps + RIR, the RIR part stopping at 12; written out without the module's helpers."""
    if s.set_type not in (SetType.WORKING, SetType.FAILURE):
        return None
    if s.load_kg is None or s.load_kg <= 0 or s.reps < 1 or s.reps > 30:
        return None
    rir = 0.0 if s.set_type is SetType.FAILURE or s.rir is None else s.rir
    n = s.reps + rir
    if n > 12:
        n = max(s.reps, 12)
    return s.load_kg * 36 / (37 - n)


def expected_history(sets: list[LoggedSet], exercise_id: str) -> dict[date, float]:
    best: dict[date, float] = {}
    for s in sets:
        if s.exercise_id != exercise_id:
            continue
        value = expected_e1rm(s)
        if value is None:
            continue
        day = s.performed_at.date()
        if day not in best or value > best[day]:
            best[day] = value
    return best


def counts(s: LoggedSet) -> bool:
    """Working or failure, at least one rep, a load above zero."""
    return s.set_type in (SetType.WORKING, SetType.FAILURE) and s.reps > 0 and bool(s.load_kg)


def exact_rep_maxima(sets: list[LoggedSet], exercise_id: str) -> dict[int, float]:
    """The heaviest hard-set load at exactly each rep count."""
    best: dict[int, float] = {}
    for s in sets:
        if s.exercise_id != exercise_id or s.set_type in (SetType.WARMUP, SetType.DROP):
            continue
        if s.load_kg is None or s.load_kg == 0 or s.reps == 0:
            continue
        if s.reps not in best or s.load_kg > best[s.reps]:
            best[s.reps] = s.load_kg
    return best


def expected_rep_maxima(sets: list[LoggedSet], exercise_id: str) -> dict[int, float]:
    """A set of n reps also proves every smaller count: the best for n is the best of n or more."""
    best = exact_rep_maxima(sets, exercise_id)
    return {n: max(load for reps, load in best.items() if reps >= n) for n in best}


# ---------------------------------------------------------------------- generated histories


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS)
def test_e1rm_history_matches_recomputation_on_mixed_unit_histories(seed: int) -> None:
    sets = all_sets(seed)
    for exercise in LOADED:
        wanted = expected_history(sets, exercise.id)
        got = e1rm_history(sets, exercise.id)
        assert [p.date for p in got] == sorted(wanted)
        for point in got:
            assert point.e1rm_kg == pytest.approx(wanted[point.date], rel=1e-12)
            assert point.from_set.exercise_id == exercise.id
            assert point.from_set.set_type.is_hard
            assert expected_e1rm(point.from_set) == pytest.approx(point.e1rm_kg, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS)
def test_rep_maxima_match_recomputation_and_ignore_warmup_and_drop_sets(seed: int) -> None:
    sets = all_sets(seed)
    for exercise in LOADED:
        wanted = expected_rep_maxima(sets, exercise.id)
        records = personal_records(sets, exercise.id)
        assert {r.reps: r.load_kg for r in records.rep_maxima} == wanted
        assert [r.reps for r in records.rep_maxima] == sorted(wanted)
        for record in records.rep_maxima:
            achieved = [
                s for s in sets if s.exercise_id == exercise.id and s.performed_at == record.achieved_at
            ]
            assert any(s.set_type.is_hard and s.load_kg == record.load_kg for s in achieved)
        history = expected_history(sets, exercise.id)
        if history:
            assert records.best_e1rm is not None
            assert records.best_e1rm.e1rm_kg == pytest.approx(max(history.values()), rel=1e-12)
        else:
            assert records.best_e1rm is None


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS)
def test_new_records_flag_exactly_what_beats_the_earlier_sets(seed: int) -> None:
    history = random_history(random.Random(seed))
    *before, last = history
    earlier = [s for w in before for s in w.sets]
    found = new_records(earlier, last.sets)
    for exercise_id in {s.exercise_id for s in last.sets}:
        old = [s for s in earlier if s.exercise_id == exercise_id and counts(s)]
        today = [s for s in last.sets if s.exercise_id == exercise_id and counts(s)]
        flagged = {
            r.from_set.reps: r.value_kg for r in found if r.exercise_id == exercise_id and r.kind == "rep_max"
        }
        wanted: dict[int, float] = {}
        if old:
            for reps, load in exact_rep_maxima(today, exercise_id).items():
                beaten = [s.load_kg for s in old if s.reps >= reps and s.load_kg is not None]
                if beaten and load > max(beaten) + 1e-6:
                    wanted[reps] = load
        assert flagged == wanted
        e1rm_flags = [r for r in found if r.exercise_id == exercise_id and r.kind == "e1rm"]
        before_best = [v for s in old if (v := expected_e1rm(s)) is not None]
        today_best = [v for s in today if (v := expected_e1rm(s)) is not None]
        expect_flag = bool(before_best and today_best and max(today_best) > max(before_best) + 1e-6)
        assert len(e1rm_flags) == int(expect_flag)
        if expect_flag:
            assert e1rm_flags[0].value_kg == pytest.approx(max(today_best))
            assert e1rm_flags[0].previous_kg == pytest.approx(max(before_best))


# ---------------------------------------------------------------------- scripted cases


def test_e1rm_matches_the_default_formula_for_whole_reps_to_failure() -> None:
    for reps in range(1, 13):
        s = logged(ROW, T0, reps, 60)
        assert set_e1rm(s) == pytest.approx(estimate_1rm(60, reps).value)


def test_e1rm_of_one_rep_to_failure_is_the_load() -> None:
    assert set_e1rm(logged(ROW, T0, 1, 100, set_type=SetType.FAILURE)) == 100


def test_e1rm_reads_reps_in_reserve_as_reps_to_failure() -> None:
    with_reserve = set_e1rm(logged(ROW, T0, 8, 60, rir=2))
    to_failure = set_e1rm(logged(ROW, T0, 8, 60))
    assert with_reserve == pytest.approx(estimate_1rm(60, 10).value)
    assert to_failure == pytest.approx(estimate_1rm(60, 8).value)


def test_e1rm_caps_the_reserve_at_the_reliable_range_but_never_cuts_reps_done() -> None:
    assert set_e1rm(logged(ROW, T0, 10, 50, rir=5)) == pytest.approx(estimate_1rm(50, 12).value)
    assert set_e1rm(logged(ROW, T0, 15, 50, rir=3)) == pytest.approx(estimate_1rm(50, 15).value)
    assert set_e1rm(logged(ROW, T0, 31, 50)) is None


@pytest.mark.parametrize("set_type", [SetType.WARMUP, SetType.DROP])
def test_e1rm_ignores_warmup_and_drop_sets(set_type: SetType) -> None:
    sets = [logged(ROW, T0, 5, 100, set_type=set_type), logged(ROW, T0, 5, 60)]
    [point] = e1rm_history(sets, ROW.id)
    assert point.from_set.load_kg == 60


def test_e1rm_history_skips_body_weight_sets_and_zero_loads() -> None:
    sets = [logged(ROW, T0, 10, None), logged(ROW, T0, 10, 0)]
    assert e1rm_history(sets, ROW.id) == []


def test_e1rm_history_is_empty_for_exercises_whose_logged_number_is_not_a_lifted_load() -> None:
    sets = [logged(ROW, T0, 10, 20)]
    assert e1rm_history(sets, ROW.id, load_type=LoadType.ASSISTED) == []
    assert len(e1rm_history(sets, ROW.id, load_type=LoadType.WEIGHTED_BODYWEIGHT)) == 1


def test_e1rm_history_marks_estimates_past_the_reliable_range() -> None:
    [point] = e1rm_history([logged(ROW, T0, 15, 40)], ROW.id)
    assert point.reliable is False


@settings(max_examples=80, deadline=None)
@given(seed=SEEDS)
def test_rep_maxima_never_rise_with_the_rep_count(seed: int) -> None:
    sets = all_sets(seed)
    for exercise in LOADED:
        maxima = personal_records(sets, exercise.id).rep_maxima
        loads = [r.load_kg for r in maxima]
        assert loads == sorted(loads, reverse=True)


@settings(max_examples=80, deadline=None)
@given(
    lifts=st.lists(
        st.tuples(st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=200)),
        min_size=1,
        max_size=30,
    )
)
def test_rep_maxima_never_rise_with_the_rep_count_on_any_lifts(lifts: list[tuple[int, int]]) -> None:
    sets = [logged(ROW, T0 + timedelta(hours=i), reps, load / 2) for i, (reps, load) in enumerate(lifts)]
    maxima = personal_records(sets, ROW.id).rep_maxima
    for fewer, more in pairwise(maxima):
        assert fewer.reps < more.reps
        assert fewer.load_kg >= more.load_kg
    for record in maxima:
        assert record.load_kg == max(s.load_kg or 0 for s in sets if s.reps >= record.reps)


def test_a_heavier_set_with_more_reps_is_the_rep_max_for_fewer_reps() -> None:
    sets = [logged(ROW, T0, 8, 20), logged(ROW, T0 + timedelta(days=2), 12, 28)]
    maxima = {r.reps: (r.load_kg, r.achieved_at) for r in personal_records(sets, ROW.id).rep_maxima}
    assert maxima == {8: (28, T0 + timedelta(days=2)), 12: (28, T0 + timedelta(days=2))}


def test_records_compare_kilograms_whatever_unit_was_typed() -> None:
    sets = [
        logged(ROW, T0, 5, 100, unit="kg"),
        logged(ROW, T0 + timedelta(days=2), 5, 225, unit="lb"),  # 102.06 kg
        logged(ROW, T0 + timedelta(days=4), 5, 220, unit="lb"),  # 99.79 kg
    ]
    [five] = personal_records(sets, ROW.id).rep_maxima
    assert five.load_kg == pytest.approx(225 * LB)
    assert five.achieved_at == T0 + timedelta(days=2)


def test_rep_max_keeps_the_first_time_a_load_was_lifted() -> None:
    sets = [logged(ROW, T0, 8, 50), logged(ROW, T0 + timedelta(days=3), 8, 50)]
    [eight] = personal_records(sets, ROW.id).rep_maxima
    assert eight.achieved_at == T0


def test_new_records_ignore_a_first_session_which_is_a_baseline() -> None:
    assert new_records([], [logged(ROW, T0, 5, 100)]) == []


def test_new_rep_max_needs_to_beat_heavier_sets_with_more_reps() -> None:
    earlier = [logged(ROW, T0, 8, 85)]
    today = [logged(ROW, T0 + timedelta(days=3), 5, 80), logged(ROW, T0 + timedelta(days=3), 5, 90)]
    rep_max = [r for r in new_records(earlier, today) if r.kind == "rep_max"]
    assert [(r.from_set.reps, r.value_kg, r.previous_kg) for r in rep_max] == [(5, 90, 85)]


def test_new_records_flag_a_higher_e1rm_once_per_exercise() -> None:
    earlier = [logged(ROW, T0, 8, 60)]
    later = T0 + timedelta(days=3)
    today = [
        logged(ROW, later, 8, 62),
        logged(ROW, later, 8, 64),
        logged(ROW, later, 8, 55, set_type=SetType.DROP),
    ]
    e1rm = [r for r in new_records(earlier, today) if r.kind == "e1rm"]
    assert len(e1rm) == 1
    assert e1rm[0].from_set.load_kg == 64
    assert e1rm[0].previous_kg == pytest.approx(estimate_1rm(60, 8).value)


def test_warmup_sets_never_set_a_record() -> None:
    earlier = [logged(ROW, T0, 5, 60)]
    today = [logged(ROW, T0 + timedelta(days=2), 5, 200, set_type=SetType.WARMUP)]
    assert new_records(earlier, today) == []
