"""Guards: a planned week never exceeds the frequency, recovery, effort and load limits."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from safety_factories import CURL, HINGE, ROW, WARMUP, catalog, day, exercise, item, session

from backcoach.catalog import Category, Level, LoadType, SpinalLoad
from backcoach.errors import InputError
from backcoach.safety import (
    PRESCRIPTION_RULES,
    RULE_KEYS,
    WEEK_RULES,
    Outcome,
    PlannedSession,
    Prescription,
    Trainee,
    Violation,
    cap_load,
    check_prescription,
    check_week,
    max_back_sessions,
    min_recovery_hours,
    rir_floor,
)
from backcoach.safety.limits import guard_table

BEGINNER = Trainee(Level.BEGINNER, body_weight_kg=80)
INTERMEDIATE = Trainee(Level.INTERMEDIATE, body_weight_kg=80)
ADVANCED = Trainee(Level.ADVANCED, body_weight_kg=80)


def keys(violations: list[Violation]) -> list[str]:
    return [v.rule_key for v in violations]


def test_rule_keys_are_stable() -> None:
    assert list(PRESCRIPTION_RULES) == [
        "screening_clearance",
        "exercise_level",
        "beginner_rep_range",
        "beginner_sets",
        "rir_floor",
        "high_spinal_load_rir",
        "load_cap",
    ]
    assert list(WEEK_RULES) == ["back_sessions_per_week", "same_target_recovery", "consecutive_day_loading"]
    assert (*PRESCRIPTION_RULES, *WEEK_RULES) == RULE_KEYS


def test_every_limit_names_a_source() -> None:
    table = guard_table()
    for name in type(table).model_fields:
        assert getattr(table, name).source, name


# ---------------------------------------------------------------------- weekly frequency


@pytest.mark.parametrize(("level", "ceiling"), [("beginner", 2), ("intermediate", 3), ("advanced", 5)])
def test_back_session_ceiling_by_level_follows_the_article(level: str, ceiling: int) -> None:
    assert max_back_sessions(Level(level)) == ceiling


def test_fourth_back_session_in_a_week_is_caught_for_an_intermediate() -> None:
    # Mon, Wed, Fri, Sun: 48 h apart each, but four back sessions in seven days
    week = [session(day(d)) for d in (0, 2, 4, 6)]
    found = check_week(week, INTERMEDIATE)
    assert keys(found) == ["back_sessions_per_week"]
    assert "4 back sessions" in found[0].message


def test_three_back_sessions_in_a_week_are_fine_for_an_intermediate() -> None:
    assert check_week([session(day(d)) for d in (0, 2, 4)], INTERMEDIATE) == []


def test_the_week_ceiling_holds_in_any_seven_days_not_only_calendar_weeks() -> None:
    # Thu, Sat of one week and Mon of the next are three sessions within five days
    week = [session(day(d)) for d in (3, 5, 7)]
    assert keys(check_week(week, BEGINNER)) == ["back_sessions_per_week"]


def test_a_third_back_session_is_caught_for_a_beginner() -> None:
    week = [session(day(d)) for d in (0, 2, 4)]
    assert keys(check_week(week, BEGINNER)) == ["back_sessions_per_week"]


def test_sessions_without_back_work_do_not_count_toward_the_ceiling() -> None:
    week = [session(day(0)), session(day(2)), session(day(4), item(CURL))]
    assert check_week(week, BEGINNER) == []


# ---------------------------------------------------------------------- recovery


def test_recovery_floor_is_48_hours() -> None:
    assert min_recovery_hours() == 48


def test_back_to_back_target_loading_under_48_hours_is_caught() -> None:
    found = check_week([session(day(0)), session(day(1))], ADVANCED)
    assert "same_target_recovery" in keys(found)
    assert "latissimus-dorsi" in found[0].message


def test_same_target_exactly_48_hours_apart_is_fine() -> None:
    assert check_week([session(day(0)), session(day(2))], ADVANCED) == []


def test_recovery_uses_exact_hours_when_sessions_have_times() -> None:
    monday_evening = dt.datetime(2024, 6, 3, 19, 0)
    wednesday_morning = dt.datetime(2024, 6, 5, 7, 0)  # 36 h later
    found = check_week([session(monday_evening), session(wednesday_morning)], ADVANCED)
    assert keys(found) == ["same_target_recovery"]


def test_a_parent_muscle_and_its_part_count_as_the_same_target_with_a_catalogue() -> None:
    whole = exercise("whole-trap-shrug", targets=("trapezius",))
    middle = exercise("mid-trap-row", targets=("trapezius-middle",))
    week = [session(day(0), item(whole)), session(day(1), item(middle))]
    assert check_week(week, ADVANCED) == []  # without the tree the ids differ
    found = check_week(week, ADVANCED, catalog=catalog(whole, middle))
    assert keys(found) == ["same_target_recovery"]
    assert "trapezius-middle" in found[0].message


def test_advanced_upper_lower_split_fits_five_sessions_with_48_hours_per_muscle() -> None:
    upper, lower = item(ROW), item(HINGE, rir=2)
    plan = [session(day(0), upper), session(day(1), lower), session(day(2), upper)]
    plan += [session(day(3), lower), session(day(4), upper)]
    assert check_week(plan, ADVANCED) == []


def test_five_whole_back_sessions_break_the_recovery_floor_for_an_advanced_lifter() -> None:
    plan = [session(day(d), item(ROW), item(HINGE)) for d in range(5)]
    found = check_week(plan, ADVANCED)
    assert "same_target_recovery" in keys(found)
    assert "back_sessions_per_week" not in keys(found)


def test_a_strong_synergist_on_consecutive_days_is_caught() -> None:
    # the hinge loads the hamstrings hard as a synergist; the next day they are a target
    ham_curl = exercise("test-ham-curl", targets=("hamstrings",), category=Category.CORE)
    found = check_week([session(day(0), item(HINGE)), session(day(1), item(ham_curl))], ADVANCED)
    assert keys(found) == ["consecutive_day_loading"]
    assert "hamstrings" in found[0].message


def test_a_light_synergist_on_consecutive_days_is_fine() -> None:
    # the row uses the biceps at weight 0.5, below the 0.6 threshold
    found = check_week([session(day(0), item(ROW)), session(day(1), item(CURL))], ADVANCED)
    assert found == []


def test_warm_ups_do_not_count_as_loading() -> None:
    plan = [session(day(0), item(WARMUP, reps=(15, 20), rir=0)), session(day(1), item(WARMUP, rir=0))]
    assert check_week(plan, BEGINNER) == []


# ---------------------------------------------------------------------- prescriptions


@pytest.mark.parametrize(
    ("reps", "ok"),
    [((8, 12), True), ((10, 12), True), ((8, 8), True), ((6, 8), False), ((10, 15), False), ((3, 5), False)],
)
def test_beginner_working_sets_stay_within_8_to_12_reps(reps: tuple[int, int], ok: bool) -> None:
    found = check_prescription(item(reps=reps), BEGINNER)
    assert (keys(found) == []) is ok
    if not ok:
        assert keys(found) == ["beginner_rep_range"]


def test_rep_range_rule_applies_to_beginners_only() -> None:
    assert check_prescription(item(reps=(3, 5)), INTERMEDIATE) == []


def test_holds_are_not_held_to_a_rep_range() -> None:
    plank = exercise(
        "test-plank-hold", targets=("rectus-abdominis",), category=Category.CORE, dose_kind="hold_s"
    )
    assert check_prescription(item(plank, reps=(20, 30), load_kg=None), BEGINNER) == []


@pytest.mark.parametrize(("rir", "ok"), [(0, False), (1, False), (2, True), (4, True)])
def test_beginners_keep_at_least_two_reps_in_reserve(rir: int, ok: bool) -> None:
    found = check_prescription(item(rir=rir), BEGINNER)
    assert (found == []) is ok
    if not ok:
        assert keys(found) == ["rir_floor"]


@pytest.mark.parametrize(
    ("level", "spinal_load", "floor"),
    [
        (Level.BEGINNER, SpinalLoad.LOW, 2),
        (Level.INTERMEDIATE, SpinalLoad.LOW, 1),
        (Level.ADVANCED, SpinalLoad.LOW, 0),
        (Level.ADVANCED, SpinalLoad.MODERATE, 0),
        (Level.INTERMEDIATE, SpinalLoad.HIGH, 2),
        (Level.ADVANCED, SpinalLoad.HIGH, 2),
    ],
)
def test_rir_floor_by_level_and_spinal_load(level: Level, spinal_load: SpinalLoad, floor: int) -> None:
    assert rir_floor(level, spinal_load) == floor


def test_high_spinal_load_exercise_to_one_rir_is_caught_even_for_advanced() -> None:
    assert keys(check_prescription(item(HINGE, rir=1), ADVANCED)) == ["high_spinal_load_rir"]
    assert check_prescription(item(HINGE, rir=2), ADVANCED) == []


def test_intermediate_to_failure_is_caught() -> None:
    assert keys(check_prescription(item(rir=0), INTERMEDIATE)) == ["rir_floor"]
    assert check_prescription(item(rir=1), INTERMEDIATE) == []


def test_beginners_do_at_most_three_working_sets() -> None:
    assert keys(check_prescription(item(sets=4), BEGINNER)) == ["beginner_sets"]
    assert check_prescription(item(sets=4), INTERMEDIATE) == []


def test_exercise_above_the_trainees_level_is_caught() -> None:
    hard = exercise("test-advanced-row", level=Level.ADVANCED)
    assert keys(check_prescription(item(hard), INTERMEDIATE)) == ["exercise_level"]
    assert check_prescription(item(hard), ADVANCED) == []


# ---------------------------------------------------------------------- loads


@pytest.mark.parametrize(
    ("level", "cap"), [(Level.BEGINNER, 70.0), (Level.INTERMEDIATE, 85.0), (Level.ADVANCED, 100.0)]
)
def test_load_cap_from_e1rm_by_level(level: Level, cap: float) -> None:
    found = cap_load(ROW, level=level, e1rm_kg=100)
    assert found is not None
    assert (found.kg, found.basis) == (cap, "e1rm")


def test_beginner_load_above_70_percent_of_e1rm_is_caught() -> None:
    who = Trainee(Level.BEGINNER, body_weight_kg=80, e1rm_kg={ROW.id: 100})
    assert check_prescription(item(load_kg=70), who) == []
    found = check_prescription(item(load_kg=72.5), who)
    assert keys(found) == ["load_cap"]
    assert "70 kg" in found[0].message


@pytest.mark.parametrize(
    ("exercise_id", "body_weight", "cap", "per_hand"),
    [
        ("one-arm-dumbbell-row", 80, 12.0, True),  # 15 % of body weight per hand
        ("chest-supported-row", 70, 10.5, True),
        ("bent-over-barbell-row", 80, 32.0, False),  # 40 %
        ("conventional-deadlift", 80, 48.0, False),  # 60 %
        ("lat-pulldown", 75, 30.0, False),  # 40 %
        ("dumbbell-romanian-deadlift", 63, 9.0, True),  # 15 % = 9.45, rounded down to 0.5 kg
    ],
)
def test_beginner_starting_cap_from_body_weight(
    exercise_id: str, body_weight: float, cap: float, per_hand: bool
) -> None:
    found = cap_load(exercise(exercise_id), level=Level.BEGINNER, body_weight_kg=body_weight)
    assert found is not None
    assert (found.kg, found.per_hand, found.basis) == (cap, per_hand, "body_weight")


def test_beginner_dumbbell_row_above_the_body_weight_cap_is_caught() -> None:
    row = exercise("one-arm-dumbbell-row")
    assert check_prescription(item(row, load_kg=12), BEGINNER) == []
    found = check_prescription(item(row, load_kg=14), BEGINNER)
    assert keys(found) == ["load_cap"]
    assert "per hand" in found[0].message


def test_no_cap_without_a_rule_for_it() -> None:
    assert cap_load(exercise("unmapped-row"), level=Level.BEGINNER, body_weight_kg=80) is None
    assert cap_load(exercise("one-arm-dumbbell-row"), level=Level.INTERMEDIATE, body_weight_kg=80) is None
    body = exercise("inverted-row", load_type=LoadType.BODYWEIGHT)
    assert cap_load(body, level=Level.BEGINNER, body_weight_kg=80, e1rm_kg=50) is None


def test_cap_load_refuses_impossible_body_weight() -> None:
    with pytest.raises(InputError):
        cap_load(ROW, level=Level.BEGINNER, body_weight_kg=0)


@given(
    reps=st.tuples(st.integers(1, 20), st.integers(0, 10)).map(lambda t: (t[0], t[0] + t[1])),
    sets=st.integers(1, 6),
    rir=st.integers(0, 5),
    load=st.one_of(st.none(), st.floats(0, 200, allow_nan=False)),
)
def test_a_beginner_prescription_that_passes_is_within_every_limit(
    reps: tuple[int, int], sets: int, rir: int, load: float | None
) -> None:
    row = exercise("one-arm-dumbbell-row")
    who = Trainee(Level.BEGINNER, body_weight_kg=80)
    if check_prescription(Prescription(row, sets, reps, load, rir), who):
        return
    assert 8 <= reps[0] <= reps[1] <= 12
    assert sets <= 3
    assert rir >= 2
    assert load is None or load <= 0.15 * 80


# ---------------------------------------------------------------------- screening and the trainee


def test_start_gently_holds_an_advanced_lifter_to_beginner_limits() -> None:
    who = Trainee(Level.ADVANCED, body_weight_kg=80, screening=Outcome.START_GENTLY)
    assert who.effective_level is Level.BEGINNER
    assert set(keys(check_prescription(item(reps=(3, 5), rir=0), who))) == {"beginner_rep_range", "rir_floor"}


@pytest.mark.parametrize("outcome", [Outcome.SEE_PROFESSIONAL, Outcome.EMERGENCY])
def test_no_training_may_be_planned_without_clearance(outcome: Outcome) -> None:
    who = Trainee(Level.INTERMEDIATE, screening=outcome)
    found = check_week([session(day(0), item(), item(CURL))], who)
    assert keys(found) == ["screening_clearance"]  # reported once, not per item


def test_a_cleared_trainee_gets_no_screening_violation() -> None:
    who = Trainee(Level.INTERMEDIATE, screening=Outcome.CLEARED)
    assert check_week([session(day(0))], who) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sets": 0}, "sets"),
        ({"reps": (12, 8)}, "repetition range"),
        ({"reps": (0, 8)}, "repetition range"),
        ({"load_kg": -5}, "load"),
        ({"rir": -1}, "reserve"),
    ],
)
def test_malformed_prescription_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        item(**kwargs)  # type: ignore[arg-type]


def test_planned_session_accepts_a_list_of_items() -> None:
    s = PlannedSession(day(0), [item()])  # type: ignore[arg-type]
    assert isinstance(s.items, tuple)


def test_a_beginner_hinge_to_one_rir_is_reported_once_by_the_level_floor() -> None:
    assert keys(check_prescription(item(HINGE, rir=1), BEGINNER)) == ["rir_floor"]


@pytest.mark.parametrize("body_weight", [0, -70])
def test_trainee_with_impossible_body_weight_is_refused(body_weight: float) -> None:
    with pytest.raises(InputError, match="body weight"):
        Trainee(Level.BEGINNER, body_weight_kg=body_weight)


def test_cap_load_refuses_impossible_e1rm() -> None:
    with pytest.raises(InputError, match="1RM"):
        cap_load(ROW, level=Level.ADVANCED, e1rm_kg=0)
