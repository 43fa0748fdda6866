"""The desk-break routine: 3-5 minutes of desk-friendly drills the person may do, none twice, at
times spread over the working day."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from backcoach.catalog import Level
from backcoach.planning import Goal, Profile, Screening
from backcoach.planning.candidates import unsuitable_reason
from backcoach.planning.desk_breaks import (
    allowed_drills,
    break_times,
    desk_breaks,
    desk_friendly,
    desk_rules,
    routine_for,
)
from backcoach.planning.personas import KITS
from backcoach.planning.timing import work_seconds

from .factories import START, catalog, profile

CAT = catalog()
RULES = desk_rules()
LOW_S, HIGH_S = RULES.routine_s
DESK_IDS = sorted(e.id for e in CAT.exercises.values() if desk_friendly(e, RULES))
FOCUS = list(RULES.focus)


def test_the_rules_name_only_what_the_catalogue_holds() -> None:
    assert RULES.checked(CAT) is RULES
    assert (LOW_S, HIGH_S) == (180, 300)  # the 3-5 minutes
    for left in RULES.left_out:  # still a drill the other rules would let in: the entry is not stale
        drill = CAT.exercise(left.id)
        assert desk_friendly(drill.model_copy(update={"id": "not-left-out"}), RULES), left.id


def test_desk_drills_are_standing_or_seated_with_nothing_but_a_wall_or_doorway() -> None:
    assert len(DESK_IDS) >= 6
    for exercise_id in DESK_IDS:
        drill = CAT.exercise(exercise_id)
        assert drill.setup is not None and drill.setup.body_position in ("standing", "seated")
        assert set(drill.equipment) <= {"none", "wall", "doorway"}
    assert "jumping-jacks" not in DESK_IDS and "cat-cow" not in DESK_IDS  # jumping; on the floor


@pytest.mark.parametrize("per_day", [1, 2, 3, 4])
def test_every_usual_profile_gets_a_routine(per_day: int) -> None:
    for level in Level:
        for goal in Goal:
            for screening in (Screening.CLEARED, Screening.START_GENTLY):
                person = profile(level=level, goal=goal, screening=screening, desk_breaks_per_day=per_day)
                breaks = desk_breaks(person, CAT)
                assert breaks is not None and breaks.routine is not None, (level, goal, screening)
                assert LOW_S <= breaks.routine.total_s <= HIGH_S
                assert len(breaks.times) == per_day


def test_no_breaks_asked_none_given() -> None:
    assert desk_breaks(profile(), CAT) is None


def test_the_routine_looks_after_what_sitting_neglects_first() -> None:
    routine = routine_for(profile(desk_breaks_per_day=2), CAT)
    assert routine is not None
    ids = [d.exercise_id for d in routine.drills]
    assert ids[0] == "march-in-place"  # the hip flexors come first: get up and move
    assert "chin-tuck" in ids and "doorway-chest-stretch" in ids
    first = routine.drills[0]
    assert (first.kind, first.amount, first.seconds) == ("seconds", 60, 60)


people = st.builds(
    Profile,
    level=st.sampled_from(list(Level)),
    days=st.just(("mon", "thu")),
    minutes=st.just(45),
    goal=st.sampled_from(list(Goal)),
    equipment=st.sampled_from(list(KITS.values())),
    screening=st.sampled_from([Screening.CLEARED, Screening.START_GENTLY]),
    exclude=st.frozensets(st.sampled_from([*DESK_IDS, *FOCUS, "trapezius", "posterior-deltoid"]), max_size=8),
    start=st.just(START),
    desk_breaks_per_day=st.integers(1, 4),
)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(person=people, spare=st.frozensets(st.sampled_from(FOCUS), max_size=3))
def test_any_profile_gets_a_safe_routine_of_three_to_five_minutes_or_a_reason(
    person: Profile, spare: frozenset[str]
) -> None:
    breaks = desk_breaks(person, CAT, spare=spare)
    assert breaks is not None
    allowed = {e.id for e in allowed_drills(person, CAT, spare=spare)}
    if breaks.routine is None:
        assert breaks.missing
        # Only a person who left out or spared a lot can fall short.
        assert sum(work_seconds(CAT.exercise(i)) for i in allowed) + RULES.changeover_s * len(allowed) < (
            LOW_S + HIGH_S
        )
        return
    assert breaks.missing is None
    assert LOW_S <= breaks.routine.total_s <= HIGH_S
    ids = [d.exercise_id for d in breaks.routine.drills]
    assert len(ids) == len(set(ids))
    for drill in breaks.routine.drills:
        exercise = CAT.exercise(drill.exercise_id)
        assert drill.exercise_id in allowed
        assert unsuitable_reason(exercise, person, CAT) is None
        assert not any(i.muscle in spare and i.role.value != "stabiliser" for i in exercise.muscles)
        assert (
            exercise.dose is not None and exercise.dose.range.min <= drill.amount <= exercise.dose.range.max
        )
        assert drill.seconds > 0
    assert len(breaks.times) == person.desk_breaks_per_day == len(set(breaks.times))
    assert all(RULES.workday[0] <= t <= RULES.workday[1] for t in breaks.times)
    assert list(breaks.times) == sorted(breaks.times)


def test_too_few_drills_left_gives_no_routine_and_says_why() -> None:
    person = profile(exclude=frozenset(DESK_IDS[:-1]), desk_breaks_per_day=1)
    breaks = desk_breaks(person, CAT)
    assert breaks is not None and breaks.routine is None
    assert breaks.missing is not None and "too few" in breaks.missing


def test_a_short_pool_is_lengthened_to_the_minimum() -> None:
    keep = {"march-in-place", "chin-tuck"}
    person = profile(exclude=frozenset(set(DESK_IDS) - keep), desk_breaks_per_day=1)
    routine = routine_for(person, CAT)
    assert routine is not None and {d.exercise_id for d in routine.drills} == keep
    assert LOW_S <= routine.total_s <= HIGH_S
    assert any(d.amount > CAT.exercise(d.exercise_id).dose.range.min for d in routine.drills)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("per_day", "expected"),
    [
        (1, ["13:00"]),
        (2, ["11:00", "15:00"]),
        (3, ["10:20", "13:00", "15:40"]),
        (4, ["10:00", "12:00", "14:00", "16:00"]),
    ],
)
def test_breaks_are_spread_over_the_working_day(per_day: int, expected: list[str]) -> None:
    assert [t.strftime("%H:%M") for t in break_times(per_day)] == expected


def test_the_next_break_skips_the_weekend() -> None:
    breaks = desk_breaks(profile(desk_breaks_per_day=4), CAT)
    assert breaks is not None
    berlin = ZoneInfo("Europe/Berlin")
    friday_evening = datetime(2026, 12, 4, 16, 30, tzinfo=berlin)
    assert breaks.next_at(friday_evening) == datetime(2026, 12, 7, 10, 0, tzinfo=berlin)
    monday_noon = datetime(2026, 12, 7, 12, 0, tzinfo=berlin)
    assert breaks.next_at(monday_noon) == datetime(2026, 12, 7, 12, 0, tzinfo=berlin)
    assert breaks.on(datetime(2026, 12, 5).date()) == ()  # a Saturday
    assert [d.time() for d in breaks.on(datetime(2026, 12, 7).date())] == list(breaks.times)


@pytest.mark.parametrize("bad", [-1, 5, 100])
def test_the_profile_takes_zero_to_four_breaks(bad: int) -> None:
    with pytest.raises(ValidationError):
        profile(desk_breaks_per_day=bad)


def test_a_profile_without_breaks_dumps_as_before() -> None:
    assert "desk_breaks_per_day" not in profile().model_dump(mode="json")  # golden plans unchanged
    with_breaks = profile(desk_breaks_per_day=2)
    assert Profile.model_validate(with_breaks.model_dump(mode="json")) == with_breaks
    assert time(9) <= break_times(2)[0]
