"""Weekly fractional volume per back node and ISO weeks, checked against a plain recomputation."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.analysis import iso_week, parse_iso_week, weekly_volume
from backcoach.catalog import Level, Region, Role
from backcoach.errors import InputError
from backcoach.science.volume import VolumeStatus, landmarks
from backcoach.sessions.records import SetType, Workout

from .factories import HINGE, PULLDOWN, ROW, T0, catalog, logged, random_history, workout

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
CREDIT = {Role.TARGET: 1.0, Role.SYNERGIST: 0.5, Role.STABILISER: 0.0}


def parts_of(node: str) -> set[str]:
    """The node and everything below it, by walking each muscle's parent chain up."""
    muscles = catalog().muscles
    out = set()
    for muscle_id in muscles:
        walk: str | None = muscle_id
        while walk is not None:
            if walk == node:
                out.add(muscle_id)
            walk = muscles[walk].parent
    return out


def expected_week(workouts: list[Workout], week: str) -> dict[str, float]:
    year, number = int(week[:4]), int(week[6:])
    per_muscle: dict[str, float] = {}
    for w in workouts:
        y, n, _ = w.started_at.date().isocalendar()
        if (y, n) != (year, number):
            continue
        for s in w.sets:
            if s.set_type not in (SetType.WORKING, SetType.FAILURE):
                continue
            for inv in catalog().exercises[s.exercise_id].muscles:
                per_muscle[inv.muscle] = per_muscle.get(inv.muscle, 0.0) + CREDIT[inv.role]
    out = {}
    for node, muscle in catalog().muscles.items():
        if muscle.region is not Region.OTHER:
            out[node] = max(per_muscle.get(p, 0.0) for p in parts_of(node))
    return out


def expected_landmark(node: str) -> str | None:
    muscles = catalog().muscles
    walk: str | None = node
    while walk is not None:
        for group in landmarks().values():
            if walk in group.muscles:
                return group.id
        walk = muscles[walk].parent
    return None


def expected_status(sets: float, mv: float, mev: float, mav_high: float, mrv: float) -> VolumeStatus:
    if sets < mv:
        return VolumeStatus.BELOW_MV
    if sets < mev:
        return VolumeStatus.BELOW_MEV
    if sets <= mav_high:
        return VolumeStatus.PRODUCTIVE
    if sets <= mrv:
        return VolumeStatus.ABOVE_MAV
    return VolumeStatus.ABOVE_MRV


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, week_index=st.integers(min_value=-1, max_value=6))
def test_weekly_volume_matches_fractional_count_and_max_roll_up(seed: int, week_index: int) -> None:
    history = random_history(random.Random(seed))
    week = iso_week((T0 + timedelta(weeks=week_index)).date())
    wanted = expected_week(history, week)
    got = weekly_volume(history, catalog(), week)
    assert got.week == week
    assert set(got.muscles) == set(wanted)
    for node, volume in got.muscles.items():
        assert volume.sets == pytest.approx(wanted[node])
        group_id = expected_landmark(node)
        assert volume.landmark == group_id
        if group_id is None:
            assert (volume.mev, volume.mav, volume.mrv, volume.status) == (None, None, None, None)
            continue
        values = landmarks()[group_id].intermediate  # intermediate values are the published ones
        assert (volume.mv, volume.mev, volume.mav, volume.mrv) == (
            values.mv,
            values.mev,
            values.mav,
            values.mrv,
        )
        assert volume.status is expected_status(volume.sets, values.mv, values.mev, values.mav[1], values.mrv)


def test_weekly_volume_counts_synergists_half_and_parents_as_the_max_of_parts() -> None:
    sets = [logged(ROW, T0, 10, 30) for _ in range(3)] + [logged(PULLDOWN, T0, 10, 40) for _ in range(2)]
    week = weekly_volume([workout(sets)], catalog(), "2025-W10")
    assert week.muscles["latissimus-dorsi"].sets == 5
    assert week.muscles["rhomboid-major"].sets == 3 + 0.5 * 2
    assert week.muscles["rhomboids"].sets == 4  # the max of its parts, not 8
    assert week.muscles["trapezius-lower"].sets == 0.5 * 3 + 2
    assert week.muscles["trapezius"].sets == 3.5  # lower (3.5) beats middle (3)
    assert week.muscles["erector-spinae"].sets == 0  # stabilisers get no credit
    assert "biceps-brachii" not in week.muscles  # only back nodes are reported


def test_weekly_volume_ignores_warmup_and_drop_sets_and_other_weeks() -> None:
    sets = [
        logged(ROW, T0, 10, 20, set_type=SetType.WARMUP),
        logged(ROW, T0, 10, 30, set_type=SetType.DROP),
        logged(ROW, T0, 10, 40, set_type=SetType.FAILURE),
    ]
    next_week = [logged(ROW, T0 + timedelta(days=7), 10, 40)]
    week = weekly_volume([workout(sets), workout(next_week)], catalog(), "2025-W10")
    assert week.muscles["latissimus-dorsi"].sets == 1


def test_weekly_volume_classifies_against_the_level_landmarks() -> None:
    sets = [logged(ROW, T0, 10, 30) for _ in range(9)]
    beginner = weekly_volume([workout(sets)], catalog(), "2025-W10", level=Level.BEGINNER)
    intermediate = weekly_volume([workout(sets)], catalog(), "2025-W10")
    lats_b, lats_i = beginner.muscles["latissimus-dorsi"], intermediate.muscles["latissimus-dorsi"]
    assert (lats_b.mev, lats_i.mev) == (8, 10)  # 10 × 0.75 rounds half up
    assert lats_b.status is VolumeStatus.PRODUCTIVE
    assert lats_i.status is VolumeStatus.BELOW_MEV


def test_weekly_volume_gives_nodes_without_a_landmark_null_values() -> None:
    week = weekly_volume([workout([logged(HINGE, T0, 8, 60)])], catalog(), "2025-W10")
    multifidus = week.muscles["multifidus"]
    assert multifidus.sets == 0.5
    assert (multifidus.mev, multifidus.status, multifidus.landmark) == (None, None, None)
    assert week.muscles["iliocostalis"].landmark == "spinal-erectors"


def test_a_workout_belongs_to_the_week_of_its_start_date() -> None:
    sunday_night = T0 + timedelta(days=6, hours=5)  # Sunday 23:00 UTC, sets run past midnight
    sets = [logged(ROW, sunday_night + timedelta(minutes=30 * i), 10, 30) for i in range(3)]
    assert weekly_volume([workout(sets)], catalog(), "2025-W10").muscles["latissimus-dorsi"].sets == 3
    assert weekly_volume([workout(sets)], catalog(), "2025-W11").muscles["latissimus-dorsi"].sets == 0


@pytest.mark.parametrize(
    ("day", "week"),
    [(date(2025, 3, 3), "2025-W10"), (date(2024, 12, 30), "2025-W01"), (date(2021, 1, 3), "2020-W53")],
)
def test_iso_week_uses_the_iso_year(day: date, week: str) -> None:
    assert iso_week(day) == week
    monday, sunday = parse_iso_week(week)
    assert monday <= day <= sunday
    assert (monday.weekday(), (sunday - monday).days) == (0, 6)


@pytest.mark.parametrize(
    "text", ["2025-10", "2025W10", "2025-W1", "25-W10", "2025-W00", "2025-W54", "2025-W53", ""]
)
def test_parse_iso_week_refuses_malformed_or_missing_weeks(text: str) -> None:
    with pytest.raises(InputError, match="week"):
        parse_iso_week(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_iso_week_round_trips(day: date) -> None:
    monday, sunday = parse_iso_week(iso_week(day))
    assert monday <= day <= sunday
