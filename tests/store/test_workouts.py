"""Workouts: live and whole logging, order and targets, units and local days, validation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from store_factories import FACE_PULL, NOW, PULL_UP, ROW, STARTED, logged, pain
from store_factories import workout as a_workout

from backcoach.errors import InputError, UnknownIdError
from backcoach.science.units import kg_to_lb, lb_to_kg
from backcoach.sessions.records import Feeling, LoggedSet, SetType, Target, Workout
from backcoach.store import (
    add_pain,
    add_set,
    add_user,
    append_sets,
    default_user,
    ensure_schema,
    finish_workout,
    log_workout,
    make_engine,
    pain_reports,
    session_scope,
    sets_for_exercise,
    start_workout,
    strength_bests,
    workout,
    workouts,
)
from backcoach.store.tables import SetRow, WorkoutRow


def _user(engine: Engine) -> int:
    with session_scope(engine) as s:
        return default_user(s).id


def _count(engine: Engine, table: type[Any]) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


def test_a_live_workout_reads_back_set_by_set(engine: Engine) -> None:
    user_id = _user(engine)
    sets = [logged(0), logged(1, reps=7), logged(2, exercise_id=FACE_PULL, load_kg=20.0)]
    with session_scope(engine) as s:
        workout_id = start_workout(s, user_id=user_id, started_at=STARTED, now=NOW)
    for one in sets:  # one transaction per set, as the guided session does
        with session_scope(engine) as s:
            add_set(s, workout_id=workout_id, logged=one, now=NOW)
    with session_scope(engine) as s:
        add_pain(s, user_id=user_id, workout_id=workout_id, entry=pain(), now=NOW)
        finish_workout(
            s,
            workout_id=workout_id,
            ended_at=STARTED + timedelta(hours=1),
            notes="ok",
            feeling="neutral",
            now=NOW,
        )
    with session_scope(engine) as s:
        done = workout(s, workout_id=workout_id)
    assert done == Workout(
        started_at=STARTED,
        sets=tuple(sets),
        ended_at=STARTED + timedelta(hours=1),
        notes="ok",
        feeling=Feeling.NEUTRAL,
        pain=(pain(),),
    )


def test_a_logged_workout_reads_back_equal_with_sets_in_order_and_targets_beside_actuals(
    engine: Engine,
) -> None:
    user_id = _user(engine)
    done = a_workout()
    with session_scope(engine) as s:
        log_workout(s, user_id=user_id, workout=done, now=NOW)
    with session_scope(engine) as s:
        [stored] = workouts(s, user_id=user_id)
    assert stored == done
    assert [s.set_type for s in stored.sets] == [
        SetType.WARMUP,
        SetType.WORKING,
        SetType.WORKING,
        SetType.DROP,
        SetType.FAILURE,
    ]
    second = stored.sets[2]
    assert (second.reps, second.target.reps_min, second.target.reps_max) == (7, 6, 10)
    assert (second.rir, second.target.rir, second.rest_s) == (1.0, 2.0, 120)


def test_a_set_entered_in_pounds_is_stored_in_kilograms_and_reads_back_the_same(engine: Engine) -> None:
    user_id = _user(engine)
    in_lb = logged(0, load_kg=lb_to_kg(135), entered_unit="lb")
    with session_scope(engine) as s:
        workout_id = start_workout(s, user_id=user_id, started_at=STARTED, now=NOW)
        add_set(s, workout_id=workout_id, logged=in_lb, now=NOW)
    with session_scope(engine) as s:
        stored_kg = s.scalar(select(SetRow.load_kg))
        [back] = sets_for_exercise(s, user_id=user_id, exercise_id=ROW)
    assert stored_kg == pytest.approx(61.23497, abs=1e-5)
    assert back == in_lb
    assert back.entered_unit == "lb"
    assert back.load_kg is not None
    assert round(kg_to_lb(back.load_kg), 6) == 135


def test_statistics_over_sets_logged_in_kg_and_lb_are_in_kilograms(engine: Engine) -> None:
    user_id = _user(engine)
    mixed = a_workout(
        sets=(
            logged(0, reps=10, load_kg=60.0),  # typed as 60 kg
            logged(1, reps=10, load_kg=lb_to_kg(135), entered_unit="lb"),  # typed as 135 lb
            logged(2, reps=5, load_kg=lb_to_kg(225), entered_unit="lb"),  # typed as 225 lb
        )
    )
    with session_scope(engine) as s:
        log_workout(s, user_id=user_id, workout=mixed, now=NOW)
    with session_scope(engine) as s:
        sets = sets_for_exercise(s, user_id=user_id, exercise_id=ROW)
    volume_kg = sum(x.reps * (x.load_kg or 0.0) for x in sets)
    assert volume_kg == pytest.approx(600 + 1350 * 0.45359237 + 1125 * 0.45359237)
    assert max(x.load_kg or 0.0 for x in sets) == pytest.approx(102.0583, abs=1e-4)  # 225 lb, not 225 kg


def test_times_keep_the_local_day_they_were_logged_on(engine: Engine) -> None:
    user_id = _user(engine)
    tokyo = timezone(timedelta(hours=9))
    just_after_midnight = datetime(2026, 11, 30, 0, 30, tzinfo=tokyo)  # 29 November in UTC
    late = a_workout(
        started_at=just_after_midnight, ended_at=None, sets=(logged(performed_at=just_after_midnight),)
    )
    with session_scope(engine) as s:
        log_workout(s, user_id=user_id, workout=late, now=NOW)
    with session_scope(engine) as s:
        [stored] = workouts(s, user_id=user_id)
    assert stored.sets[0].day == just_after_midnight.date()
    assert stored.started_at.utcoffset() == timedelta(hours=9)


def test_workouts_and_sets_are_per_person_and_filtered_by_since(engine: Engine) -> None:
    user_id = _user(engine)
    earlier = a_workout(
        started_at=STARTED - timedelta(days=7),
        ended_at=None,
        sets=(logged(performed_at=STARTED - timedelta(days=7), reps=5),),
        pain=(),
    )
    with session_scope(engine) as s:
        other = add_user(s, name="someone-else").id
        log_workout(s, user_id=user_id, workout=earlier, now=NOW)
        log_workout(s, user_id=user_id, workout=a_workout(), now=NOW)
        log_workout(s, user_id=other, workout=a_workout(), now=NOW)
    with session_scope(engine) as s:
        assert [w.started_at for w in workouts(s, user_id=user_id)] == [earlier.started_at, STARTED]
        assert [w.started_at for w in workouts(s, user_id=user_id, since=STARTED)] == [STARTED]
        rows = sets_for_exercise(s, user_id=user_id, exercise_id=ROW)
        recent = sets_for_exercise(s, user_id=user_id, exercise_id=ROW, since=STARTED)
        pull_ups = sets_for_exercise(s, user_id=user_id, exercise_id=PULL_UP)
    assert [x.reps for x in rows] == [5, 10, 8, 7, 10]
    assert [x.reps for x in recent] == [10, 8, 7, 10]
    assert [x.effective_rir for x in pull_ups] == [0.0]


def test_a_pain_report_may_stand_alone_outside_a_workout(engine: Engine) -> None:
    user_id = _user(engine)
    at_home = pain(reported_at=NOW - timedelta(hours=2), exercise_id=None, action=None, severity=2)
    with session_scope(engine) as s:
        log_workout(s, user_id=user_id, workout=a_workout(), now=NOW)
        add_pain(s, user_id=user_id, entry=at_home, now=NOW)
    with session_scope(engine) as s:
        assert pain_reports(s, user_id=user_id) == [pain(), at_home]
        assert pain_reports(s, user_id=user_id, since=NOW - timedelta(hours=3)) == [at_home]


FUTURE = NOW + timedelta(days=30)

# What a person might get wrong when logging a set, and what the error must name.
BAD_SETS: list[tuple[str, Callable[[], LoggedSet], type[Exception], str]] = [
    ("reps above 100", lambda: logged(reps=101), InputError, "reps: 101"),
    ("negative reps", lambda: logged(reps=-1), InputError, "reps: -1"),
    ("load above 1000 kg", lambda: logged(load_kg=1000.5), InputError, "load: 1000.5 kg"),
    ("negative load", lambda: logged(load_kg=-5.0), InputError, "load: -5.0 kg"),
    ("rir above 10", lambda: logged(rir=11.0), InputError, "rir: 11.0"),
    ("rest above an hour", lambda: logged(rest_s=4000), InputError, "rest: 4000 s"),
    ("a date next month", lambda: logged(performed_at=FUTURE), InputError, "performed_at: 2026-12-31"),
    ("a misspelt exercise", lambda: logged(exercise_id="bent-over-barbel-row"), UnknownIdError, "barbel-row"),
    ("a made-up exercise", lambda: logged(exercise_id="quantum-row"), UnknownIdError, "'quantum-row'"),
]


@pytest.mark.parametrize(("case", "build", "error", "message"), BAD_SETS, ids=[c[0] for c in BAD_SETS])
def test_a_bad_set_names_the_field_and_the_value_and_writes_nothing(
    engine: Engine, case: str, build: Callable[[], LoggedSet], error: type[Exception], message: str
) -> None:
    user_id = _user(engine)
    with session_scope(engine) as s:
        workout_id = start_workout(s, user_id=user_id, started_at=STARTED, now=NOW)
    with pytest.raises(error, match=message), session_scope(engine) as s:
        add_set(s, workout_id=workout_id, logged=build(), now=NOW)
    assert _count(engine, SetRow) == 0


def test_an_unknown_exercise_error_suggests_the_closest_ids(engine: Engine) -> None:
    with pytest.raises(UnknownIdError) as caught, session_scope(engine) as s:
        log_workout(
            s, user_id=_user(engine), workout=a_workout(sets=(logged(exercise_id="pul-up"),)), now=NOW
        )
    assert caught.value.suggestions[0] == "pull-up"


def test_a_whole_workout_with_one_bad_set_writes_nothing_at_all(engine: Engine) -> None:
    user_id = _user(engine)
    sets = (*a_workout().sets, logged(9, performed_at=FUTURE))
    with pytest.raises(InputError, match=r"sets\[5\]\.performed_at: 2026-12-31"), session_scope(engine) as s:
        log_workout(s, user_id=user_id, workout=a_workout(sets=sets), now=NOW)
    assert (_count(engine, WorkoutRow), _count(engine, SetRow)) == (0, 0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"started_at": FUTURE}, "started_at: 2026-12-31"),
        ({"pain": (pain(reported_at=FUTURE),)}, "reported_at: 2026-12-31"),
        ({"pain": (pain(exercise_id="good-mornin"),)}, "good-mornin"),
    ],
)
def test_a_whole_workout_with_a_bad_time_or_pain_report_writes_nothing(
    engine: Engine, changes: dict[str, Any], message: str
) -> None:
    user_id = _user(engine)
    with pytest.raises((InputError, UnknownIdError), match=message), session_scope(engine) as s:
        log_workout(s, user_id=user_id, workout=a_workout(ended_at=None, **changes), now=NOW)
    assert _count(engine, WorkoutRow) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"feeling": "great"}, "feeling: 'great'"),
        ({"ended_at": STARTED - timedelta(minutes=1)}, "ended_at: 2026-11-30T17:59"),
        ({"ended_at": FUTURE}, "ended_at: 2026-12-31"),
    ],
)
def test_finishing_with_bad_values_names_them_and_keeps_the_workout_open(
    engine: Engine, changes: dict[str, Any], message: str
) -> None:
    user_id = _user(engine)
    with session_scope(engine) as s:
        workout_id = start_workout(s, user_id=user_id, started_at=STARTED, now=NOW)
    fields: dict[str, Any] = {"ended_at": STARTED + timedelta(hours=1), "feeling": None} | changes
    with pytest.raises(InputError, match=message), session_scope(engine) as s:
        finish_workout(s, workout_id=workout_id, now=NOW, **fields)
    with session_scope(engine) as s:
        assert workout(s, workout_id=workout_id).ended_at is None


def test_sets_go_only_to_a_workout_that_exists(engine: Engine) -> None:
    with pytest.raises(InputError, match="workout_id: 999"), session_scope(engine) as s:
        add_set(s, workout_id=999, logged=logged(), now=NOW)


def test_workouts_go_only_to_a_user_that_exists(engine: Engine) -> None:
    with pytest.raises(InputError, match="user_id: 404"), session_scope(engine) as s:
        log_workout(s, user_id=404, workout=a_workout(), now=NOW)
    assert _count(engine, WorkoutRow) == 0


def test_the_database_itself_refuses_out_of_range_values_that_bypass_the_checks(engine: Engine) -> None:
    user_id = _user(engine)
    with session_scope(engine) as s:
        workout_id = start_workout(s, user_id=user_id, started_at=STARTED, now=NOW)
    raw = {"exercise_id": ROW, "set_type": "working", "performed_at": STARTED, "utc_offset_s": 0}
    with pytest.raises(IntegrityError), session_scope(engine) as s:
        s.add(SetRow(workout_id=workout_id, position=0, reps=500, load_kg=60.0, entered_unit="kg", **raw))
    with pytest.raises(IntegrityError), session_scope(engine) as s:
        s.add(SetRow(workout_id=workout_id + 1, position=0, reps=5, load_kg=60.0, entered_unit="kg", **raw))
    assert _count(engine, SetRow) == 0


# ---------------------------------------------------------------------- invariant

OFFSETS = st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
RIR = st.none() | st.floats(min_value=0, max_value=10)


@st.composite
def logged_sets(draw: st.DrawFn) -> LoggedSet:
    set_type = draw(st.sampled_from(SetType))
    when = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2026, 11, 30)))
    return LoggedSet(
        exercise_id=draw(st.sampled_from([ROW, PULL_UP, FACE_PULL])),
        performed_at=when.replace(tzinfo=UTC).astimezone(draw(OFFSETS)),
        reps=draw(st.integers(min_value=0, max_value=100)),
        load_kg=draw(st.none() | st.floats(min_value=0, max_value=1000)),
        set_type=set_type,
        rir=0.0 if set_type is SetType.FAILURE else draw(RIR),
        rest_s=draw(st.none() | st.integers(min_value=0, max_value=3600)),
        target=Target(
            draw(st.none() | st.integers(min_value=1, max_value=30)),
            draw(st.none() | st.integers(min_value=1, max_value=30)),
            draw(st.none() | st.floats(min_value=0, max_value=1000)),
            draw(RIR),
        ),
        entered_unit=draw(st.sampled_from(["kg", "lb"])),
        hold_s=draw(st.none() | st.integers(min_value=0, max_value=3600)),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(one=logged_sets())
def test_every_valid_set_reads_back_exactly_as_it_was_logged(engine: Engine, one: LoggedSet) -> None:
    with session_scope(engine) as s:
        user_id = default_user(s).id
        workout_id = start_workout(s, user_id=user_id, started_at=one.performed_at, now=NOW)
        add_set(s, workout_id=workout_id, logged=one, now=NOW)
    with session_scope(engine) as s:
        back = workout(s, workout_id=workout_id).sets
    assert back == (one,)
    assert back[0].day == one.day
    assert back[0].performed_at.utcoffset() == one.performed_at.utcoffset()


def test_concurrent_appends_to_one_workout_take_distinct_positions(db_url: str) -> None:
    """Two sessions appending to the same open workout at once never collide on a position."""
    import threading

    engine = make_engine(db_url)
    try:
        ensure_schema(engine)
        with session_scope(engine) as s:
            user_id = default_user(s).id
            workout_id = start_workout(s, user_id=user_id, started_at=datetime.now(UTC))
        errors: list[BaseException] = []

        def append(n: int) -> None:
            try:
                for k in range(10):
                    with session_scope(engine) as s:
                        at = datetime.now(UTC)
                        add_set(s, workout_id=workout_id, logged=LoggedSet("pull-up", at, n * 10 + k, None))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=append, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with session_scope(engine) as s:
            stored = workout(s, workout_id=workout_id).sets
    finally:
        engine.dispose()
    assert errors == []
    assert sorted(x.reps for x in stored) == list(range(40))


def test_appended_sets_give_their_ids_and_the_bests_they_had_to_beat(engine: Engine) -> None:
    """``append_sets`` (the web's hot path): the ids in order, the bests as read before the sets,
    and nothing written to a workout that is not the person's own."""
    user_id = _user(engine)
    with session_scope(engine) as s:
        other = add_user(s, name="someone else", now=NOW).id
        log_workout(s, user_id=user_id, workout=a_workout(), now=NOW)
        workout_id = start_workout(s, user_id=user_id, started_at=STARTED + timedelta(days=1), now=NOW)
        before = strength_bests(s, user_id=user_id, exercise_id=ROW)
        new = [logged(0, reps=8, load_kg=65.0), logged(1, reps=3, load_kg=40.0, set_type=SetType.WARMUP)]
        new = [replace(x, performed_at=x.performed_at + timedelta(days=1)) for x in new]
        assert append_sets(s, user_id=other, workout_id=workout_id, sets=new, now=NOW) is None
        assert append_sets(s, user_id=user_id, workout_id=10**6, sets=new, now=NOW) is None
        appended = append_sets(s, user_id=user_id, workout_id=workout_id, sets=new, now=NOW)
    assert appended is not None
    assert appended.bests == {ROW: before}
    with session_scope(engine) as s:
        stored = s.scalars(select(SetRow.id).where(SetRow.workout_id == workout_id).order_by(SetRow.position))
        assert tuple(stored) == appended.set_ids
        assert workout(s, workout_id=workout_id).sets == tuple(new)
        assert strength_bests(s, user_id=user_id, exercise_id=ROW).heaviest_kg[8] == 65.0


def test_concurrent_appends_of_sets_take_distinct_positions(db_url: str) -> None:
    """``append_sets`` from four sessions at once into one workout: no position is taken twice
    (on PostgreSQL the position is read after the row lock, in a statement of its own)."""
    import threading

    engine = make_engine(db_url)
    try:
        ensure_schema(engine)
        with session_scope(engine) as s:
            user_id = default_user(s).id
            workout_id = start_workout(s, user_id=user_id, started_at=datetime.now(UTC))
        errors: list[BaseException] = []

        def append(n: int) -> None:
            try:
                for k in range(10):
                    with session_scope(engine) as s:
                        one = LoggedSet("pull-up", datetime.now(UTC), n * 10 + k, None)
                        assert append_sets(s, user_id=user_id, workout_id=workout_id, sets=[one]) is not None
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=append, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with session_scope(engine) as s:
            stored = workout(s, workout_id=workout_id).sets
    finally:
        engine.dispose()
    assert errors == []
    assert sorted(x.reps for x in stored) == list(range(40))
