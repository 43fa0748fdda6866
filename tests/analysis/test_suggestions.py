"""Next-session suggestions: the progression rules applied to what was actually logged."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backcoach.analysis import DEFAULT_RULE, next_session_suggestions
from backcoach.analysis.suggestions import workout_records
from backcoach.catalog import Level
from backcoach.errors import UnknownIdError
from backcoach.planning.plan import PlanItem, SetSpec
from backcoach.science.loading import FixedIncrement
from backcoach.science.progression import RULES, Action
from backcoach.sessions.records import SetType, Workout

from .factories import BACK_EXTENSION, LB, PULLDOWN, ROW, T0, catalog, item, logged, session, workout

NEXT = (T0 + timedelta(days=7)).date()


def row_workout(
    reps: list[int], load: float = 40, *, days: int = 0, rir: float | None = None, unit: str = "kg"
) -> Workout:
    at = T0 + timedelta(days=days)
    return workout(
        [logged(ROW, at + timedelta(minutes=3 * i), r, load, unit=unit, rir=rir) for i, r in enumerate(reps)]
    )


def test_double_progression_holds_the_load_when_one_set_misses_the_top() -> None:
    [suggestion] = next_session_suggestions(
        session(NEXT, item(ROW, reps=(8, 12))), [row_workout([12, 12, 11])], catalog(), Level.BEGINNER
    )
    assert (suggestion.action, suggestion.load_kg) == (Action.HOLD, 40)
    assert (suggestion.reps_min, suggestion.reps_max, suggestion.rule) == (8, 12, "double")
    assert "1 of 3 sets stopped short of 12" in suggestion.reason


def test_double_progression_adds_load_when_every_set_reaches_the_top() -> None:
    [suggestion] = next_session_suggestions(
        session(NEXT, item(ROW, reps=(8, 12))), [row_workout([12, 12, 12])], catalog(), Level.BEGINNER
    )
    assert suggestion.action is Action.INCREASE
    assert suggestion.load_kg == 42  # +5 % for a beginner's upper body, on 2 kg dumbbell steps


def test_double_progression_takes_load_off_after_two_sessions_below_the_range() -> None:
    history = [row_workout([9, 7, 6]), row_workout([8, 7, 7], days=3)]
    [suggestion] = next_session_suggestions(session(NEXT, item(ROW)), history, catalog(), Level.BEGINNER)
    assert (suggestion.action, suggestion.load_kg) == (Action.DECREASE, 38)


def test_suggestions_read_pounds_as_kilograms() -> None:
    plan = session(NEXT, item(ROW))
    loadable = FixedIncrement(0.5)
    in_kg = [row_workout([12, 12, 12], load=40)]
    in_lb = [row_workout([12, 12, 12], load=40 / LB, unit="lb")]  # 88.18 lb is 40 kg
    same_number_in_lb = [row_workout([12, 12, 12], load=40, unit="lb")]  # 18.14 kg
    kg, lb, light = (
        next_session_suggestions(plan, history, catalog(), Level.BEGINNER, loadable=loadable)[0]
        for history in (in_kg, in_lb, same_number_in_lb)
    )
    assert kg.load_kg == lb.load_kg == 42
    assert light.load_kg == pytest.approx(19.0)  # 18.14 kg + 5 % = 19.05, rounded down to 0.5 kg


def test_warmup_drop_and_back_off_sets_do_not_count_as_missed_reps() -> None:
    at = T0
    sets = [
        logged(ROW, at, 5, 20, set_type=SetType.WARMUP),
        *(logged(ROW, at, 12, 40) for _ in range(3)),
        logged(ROW, at, 6, 30),  # a back-off set at a lighter load
        logged(ROW, at, 4, 25, set_type=SetType.DROP),
    ]
    [record] = workout_records([workout(sets)], ROW.id)
    assert (record.load_kg, [s.reps for s in record.sets]) == (40, [12, 12, 12])
    [suggestion] = next_session_suggestions(
        session(NEXT, item(ROW)), [workout(sets)], catalog(), Level.BEGINNER
    )
    assert suggestion.action is Action.INCREASE


def test_the_default_rule_depends_on_the_level() -> None:
    assert DEFAULT_RULE == {Level.BEGINNER: "double", Level.INTERMEDIATE: "double", Level.ADVANCED: "rpe"}
    history = [row_workout([8, 8, 8], rir=4)]
    [advanced] = next_session_suggestions(
        session(NEXT, item(ROW, reps=(8, 8))), history, catalog(), Level.ADVANCED
    )
    assert advanced.rule == "rpe"
    assert advanced.action is Action.INCREASE  # 8 reps with 4 in reserve: well under an 8 @ 2 RIR load
    assert advanced.rir == 2


def test_a_named_rule_overrides_the_level_default() -> None:
    history = [row_workout([10, 10, 10])]
    [linear] = next_session_suggestions(
        session(NEXT, item(ROW, reps=(8, 10))), history, catalog(), Level.BEGINNER, rule_key="linear"
    )
    assert (linear.rule, linear.action, linear.reps_min, linear.reps_max) == (
        "linear",
        Action.INCREASE,
        10,
        10,
    )


def test_an_unknown_rule_is_refused_with_close_matches() -> None:
    with pytest.raises(UnknownIdError, match="doubel"):
        next_session_suggestions(session(NEXT, item(ROW)), [], catalog(), Level.BEGINNER, rule_key="doubel")


def test_without_history_the_planned_dose_stands() -> None:
    plan = session(NEXT, item(ROW, load=30), item(BACK_EXTENSION, load=None))
    row, back = next_session_suggestions(plan, [], catalog(), Level.BEGINNER)
    assert (row.action, row.load_kg, row.rule) == (Action.HOLD, 30, None)
    assert "no loaded sets" in row.reason
    assert back.load_kg is None and "body-weight" in back.reason


def test_only_items_with_working_sets_get_a_suggestion() -> None:
    ramp = PlanItem(ROW.id, (SetSpec("warmup", 5, 5, 15.0, None, 60),), None, "ramp")
    plan = session(NEXT, item(PULLDOWN), warmup=[ramp])
    suggestions = next_session_suggestions(plan, [], catalog(), Level.BEGINNER)
    assert [s.exercise_id for s in suggestions] == [PULLDOWN.id]


@pytest.mark.parametrize("key", sorted(RULES))
def test_every_registered_rule_can_drive_a_suggestion(key: str) -> None:
    history = [row_workout([12, 12, 12], rir=2)]
    [suggestion] = next_session_suggestions(
        session(NEXT, item(ROW, reps=(8, 12))), history, catalog(), Level.INTERMEDIATE, rule_key=key
    )
    assert suggestion.rule == key
    assert suggestion.load_kg is not None and suggestion.load_kg > 0
    assert 1 <= suggestion.reps_min <= suggestion.reps_max <= 12
