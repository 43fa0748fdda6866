"""The profile: validated at the edge, immutable, and the same JSON in every process."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from backcoach.catalog import Level
from backcoach.planning import UBIQUITOUS_EQUIPMENT, Profile, Screening, Weekday, effective_level

from .factories import FRI, MON, START, SUN, THU, TUE, WED, profile


@pytest.mark.parametrize(
    ("day", "number"), [(MON, 0), (TUE, 1), (WED, 2), (THU, 3), (FRI, 4), (Weekday.SAT, 5), (SUN, 6)]
)
def test_weekday_numbers_match_date_weekday(day: Weekday, number: int) -> None:
    assert day.number == number
    assert Weekday.of(START + timedelta(days=number)) == day  # START is a Monday


def test_days_are_kept_in_week_order_whatever_order_they_are_given_in() -> None:
    assert profile(days=(FRI, MON, WED)).days == (MON, WED, FRI)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"days": (MON, MON)}, "a weekday is listed twice"),
        ({"days": ()}, "at least 1 item"),
        ({"days": (MON, TUE), "sessions": 3}, "3 sessions a week need at least 3 training days"),
        ({"sessions": 0}, "greater than or equal to 1"),
        ({"minutes": 9}, "greater than or equal to 10"),
        ({"minutes": 241}, "less than or equal to 240"),
        ({"weeks": 0}, "greater than or equal to 1"),
        ({"weeks": 53}, "less than or equal to 52"),
        ({"bodyweight_kg": 20.0}, "greater than 20"),
        ({"e1rm_kg": {"pull-up": 0.0}}, "e1RM for 'pull-up' must be above 0"),
        ({"e1rm_kg": {"pull-up": 1001.0}}, "at most 1000 kg"),
        ({"seed": -1}, "greater than or equal to 0"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_profile_rejects_invalid_input_with_a_reason(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        profile(**overrides)


def test_profile_is_immutable() -> None:
    p = profile()
    with pytest.raises(ValidationError):
        p.minutes = 90  # type: ignore[misc]


def test_available_equipment_adds_what_every_home_has() -> None:
    assert {"none", "mat", "wall", "doorway", "towel"} == UBIQUITOUS_EQUIPMENT
    assert profile(equipment=frozenset()).available_equipment == UBIQUITOUS_EQUIPMENT
    assert profile(equipment=frozenset({"dumbbells"})).available_equipment == UBIQUITOUS_EQUIPMENT | {
        "dumbbells"
    }


@pytest.mark.parametrize(
    ("level", "screening", "effective"),
    [
        (Level.ADVANCED, Screening.CLEARED, Level.ADVANCED),
        (Level.INTERMEDIATE, Screening.CLEARED, Level.INTERMEDIATE),
        (Level.ADVANCED, Screening.START_GENTLY, Level.BEGINNER),
        (Level.INTERMEDIATE, Screening.START_GENTLY, Level.BEGINNER),
        (Level.BEGINNER, Screening.START_GENTLY, Level.BEGINNER),
    ],
)
def test_start_gently_applies_beginner_limits_whatever_the_level(
    level: Level, screening: Screening, effective: Level
) -> None:
    assert effective_level(profile(level=level, screening=screening)) is effective


def test_json_lists_sets_sorted_so_every_process_writes_the_same_text() -> None:
    p = profile(equipment=frozenset({"pull-up-bar", "dumbbells", "bench"}), exclude=frozenset({"z", "a"}))
    dumped = p.model_dump(mode="json")
    assert dumped["equipment"] == ["bench", "dumbbells", "pull-up-bar"]
    assert dumped["exclude"] == ["a", "z"]
    assert Profile.model_validate(dumped) == p
