"""Per-node recovery now and the 48 h floor, checked against the documented model written out here."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.analysis import hard_loading_allowed, hours_until_hard, recovery_now
from backcoach.catalog import Role
from backcoach.errors import InputError
from backcoach.sessions.records import SetType, Workout

from .factories import HINGE, PULLDOWN, ROW, SHRUG, T0, catalog, logged, random_history, workout

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
CREDIT = {Role.TARGET: 1.0, Role.SYNERGIST: 0.5, Role.STABILISER: 0.0}


def parts_of(node: str) -> set[str]:
    muscles = catalog().muscles
    out = set()
    for muscle_id in muscles:
        walk: str | None = muscle_id
        while walk is not None:
            if walk == node:
                out.add(muscle_id)
            walk = muscles[walk].parent
    return out


def expected_recovery(workouts: list[Workout], now: datetime) -> dict[str, float]:
    """science.recovery's documented model: 10 % per target set at failure, 12.5 % less per RIR down
    to half at 4 RIR (2 RIR when not logged), halving every 24 h; a parent reads its most tired part."""
    fatigue: dict[str, float] = {}
    for w in workouts:
        for s in w.sets:
            if s.set_type not in (SetType.WORKING, SetType.FAILURE) or s.performed_at > now:
                continue
            rir = 0.0 if s.set_type is SetType.FAILURE else (2.0 if s.rir is None else s.rir)
            effort = 1 - min(rir, 4.0) / 4.0 * 0.5
            hours = (now - s.performed_at).total_seconds() / 3600
            added = 10.0 * effort * 0.5 ** (hours / 24)
            for inv in catalog().exercises[s.exercise_id].muscles:
                fatigue[inv.muscle] = fatigue.get(inv.muscle, 0.0) + CREDIT[inv.role] * added
    return {
        node: min(100 - min(100.0, fatigue.get(p, 0.0)) for p in parts_of(node)) for node in catalog().muscles
    }


def expected_floor_ok(node: str, workouts: list[Workout], now: datetime) -> bool:
    parts = parts_of(node)
    for w in workouts:
        for s in w.sets:
            if s.set_type not in (SetType.WORKING, SetType.FAILURE) or s.performed_at > now:
                continue
            targets = {i.muscle for i in catalog().exercises[s.exercise_id].muscles if i.role is Role.TARGET}
            if targets & parts and now - s.performed_at < timedelta(hours=48):
                return False
    return True


def last_set_time(workouts: list[Workout]) -> datetime:
    return max(s.performed_at for w in workouts for s in w.sets)


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, offset_h=st.floats(min_value=-200, max_value=200))
def test_recovery_matches_the_model_and_stays_between_0_and_100(seed: int, offset_h: float) -> None:
    history = random_history(random.Random(seed))
    now = last_set_time(history) + timedelta(hours=offset_h)
    got = recovery_now(history, catalog(), now)
    wanted = expected_recovery(history, now)
    assert set(got) == set(catalog().muscles)
    for node, value in got.items():
        assert 0.0 <= value <= 100.0
        assert value == pytest.approx(wanted[node], abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    seed=SEEDS, first_h=st.floats(min_value=0, max_value=150), more_h=st.floats(min_value=0, max_value=150)
)
def test_recovery_never_falls_as_time_passes_after_the_last_set(
    seed: int, first_h: float, more_h: float
) -> None:
    history = random_history(random.Random(seed))
    earlier = last_set_time(history) + timedelta(hours=first_h)
    later = earlier + timedelta(hours=more_h)
    before, after = recovery_now(history, catalog(), earlier), recovery_now(history, catalog(), later)
    for node in before:
        assert after[node] >= before[node] - 1e-9


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, offset_h=st.floats(min_value=-100, max_value=100))
def test_hard_loading_follows_the_48_hour_floor(seed: int, offset_h: float) -> None:
    history = random_history(random.Random(seed))
    now = last_set_time(history) + timedelta(hours=offset_h)
    for node in ("latissimus-dorsi", "rhomboids", "trapezius", "erector-spinae", "gluteus-maximus"):
        assert hard_loading_allowed(node, history, catalog(), now) is expected_floor_ok(node, history, now)


def test_a_parent_reads_its_least_recovered_part() -> None:
    sets = [logged(SHRUG, T0, 12, 20, rir=0) for _ in range(4)]
    got = recovery_now([workout(sets)], catalog(), T0)
    assert got["trapezius-upper"] == pytest.approx(60)
    assert got["trapezius-middle"] == 100
    assert got["trapezius"] == pytest.approx(60)


def test_recovery_ignores_warmup_drop_and_later_sets() -> None:
    sets = [
        logged(ROW, T0, 12, 10, set_type=SetType.WARMUP),
        logged(ROW, T0, 12, 10, set_type=SetType.DROP),
        logged(ROW, T0 + timedelta(hours=1), 10, 30, rir=0),
    ]
    got = recovery_now([workout(sets)], catalog(), T0 + timedelta(minutes=30))
    assert got["latissimus-dorsi"] == 100


def test_recovery_counts_more_reps_in_reserve_as_less_fatigue() -> None:
    hard = recovery_now([workout([logged(ROW, T0, 10, 30, rir=0)])], catalog(), T0)
    easy = recovery_now([workout([logged(ROW, T0, 10, 30, rir=4)])], catalog(), T0)
    assert (hard["latissimus-dorsi"], easy["latissimus-dorsi"]) == pytest.approx((90, 95))


def test_hard_loading_waits_48_hours_after_a_target_set_only() -> None:
    history = [workout([logged(PULLDOWN, T0, 10, 40)])]
    assert not hard_loading_allowed("latissimus-dorsi", history, catalog(), T0 + timedelta(hours=47))
    assert hard_loading_allowed("latissimus-dorsi", history, catalog(), T0 + timedelta(hours=48))
    assert hours_until_hard(
        "latissimus-dorsi", history, catalog(), T0 + timedelta(hours=40)
    ) == pytest.approx(8)
    # The rhomboids were only synergists: no floor applies to them.
    assert hard_loading_allowed("rhomboids", history, catalog(), T0 + timedelta(hours=1))
    assert (
        hard_loading_allowed("erector-spinae", [workout([logged(HINGE, T0, 8, 60)])], catalog(), T0) is False
    )


def test_recovery_needs_a_time_zone_on_now() -> None:
    with pytest.raises(InputError, match="time zone"):
        recovery_now([], catalog(), datetime(2025, 3, 3, 18, 0))
