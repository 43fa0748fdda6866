"""Correcting the log: a set edited, deleted or put back, a workout deleted; the kept records follow."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from store_factories import NOW, PULL_UP, ROW
from test_strength import _history

from backcoach.analysis import personal_records
from backcoach.analysis import strength_bests as bests_of
from backcoach.errors import InputError
from backcoach.sessions.records import LoggedSet, Workout
from backcoach.store import (
    default_user,
    delete_set,
    delete_workout,
    log_workout,
    rep_maxima,
    replace_set,
    restore_set,
    session_scope,
    set_ids,
    set_owner,
    sets_for_exercise,
    stored_set,
    strength_bests,
    workout,
)
from backcoach.store.tables import RecordRow, SetRow, WorkoutRow


def _empty(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in (RecordRow.__table__, SetRow.__table__, WorkoutRow.__table__):
            conn.execute(table.delete())


def _kept_equal_computed(engine: Engine, user_id: int) -> None:
    """The store's figures equal the pure computation over the sets left."""
    with session_scope(engine, readonly=True) as s:
        for exercise_id in (ROW, PULL_UP):
            every = sets_for_exercise(s, user_id=user_id, exercise_id=exercise_id)
            kept = rep_maxima(s, user_id=user_id, exercise_id=exercise_id)
            assert [(r.reps, r.load_kg, r.achieved_at) for r in kept] == [
                (m.reps, m.load_kg, m.achieved_at) for m in personal_records(every, exercise_id).rep_maxima
            ]
            loads = [r.load_kg for r in kept]
            assert loads == sorted(loads, reverse=True)
            bests = strength_bests(s, user_id=user_id, exercise_id=exercise_id)
            assert bests.heaviest_kg == bests_of(every, exercise_id).heaviest_kg


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_kept_rep_maxima_equal_the_computed_ones_after_edits_and_deletes(engine: Engine, seed: int) -> None:
    _empty(engine)
    rng = random.Random(seed)
    with session_scope(engine) as s:
        user_id = default_user(s).id
        workout_ids = [
            log_workout(s, user_id=user_id, workout=w, now=NOW) for w in _history(seed, workouts=6)
        ]
    _kept_equal_computed(engine, user_id)
    with session_scope(engine) as s:
        every = [i for ids in set_ids(s, workout_ids=workout_ids).values() for i in ids]
        for set_id in rng.sample(every, 6):
            if rng.random() < 0.5:
                delete_set(s, set_id=set_id)
            else:
                _, old = stored_set(s, set_id=set_id)
                heavier = replace(old, reps=rng.choice((1, 5, 12)), load_kg=rng.choice((None, 10.0, 90.0)))
                replace_set(s, set_id=set_id, logged=heavier, now=NOW)
    _kept_equal_computed(engine, user_id)
    with session_scope(engine) as s:
        delete_workout(s, workout_id=workout_ids[0])
    _kept_equal_computed(engine, user_id)


def test_deleting_the_record_set_brings_back_the_previous_record(engine: Engine) -> None:
    first = LoggedSet(ROW, NOW - timedelta(days=3), 8, 50.0)
    best = LoggedSet(ROW, NOW - timedelta(days=1), 8, 70.0)
    with session_scope(engine) as s:
        user_id = default_user(s).id
        workout_id = log_workout(
            s, user_id=user_id, workout=Workout(first.performed_at, (first, best)), now=NOW
        )
        [_, best_id] = set_ids(s, workout_ids=[workout_id])[workout_id]
        assert [r.load_kg for r in rep_maxima(s, user_id=user_id, exercise_id=ROW)] == [70.0]
        delete_set(s, set_id=best_id)
        assert [r.load_kg for r in rep_maxima(s, user_id=user_id, exercise_id=ROW)] == [50.0]
        assert set_owner(s, set_id=best_id) is None
        restored = restore_set(s, workout_id=workout_id, position=1, logged=best, now=NOW)
        assert [r.load_kg for r in rep_maxima(s, user_id=user_id, exercise_id=ROW)] == [70.0]
        assert set_owner(s, set_id=restored) == (user_id, workout_id)
        assert workout(s, workout_id=workout_id).sets == (first, best)


def test_an_edited_set_keeps_its_place_and_its_id(engine: Engine) -> None:
    sets = tuple(LoggedSet(ROW, NOW - timedelta(minutes=10 - k), 8, 40.0) for k in range(3))
    with session_scope(engine) as s:
        user_id = default_user(s).id
        workout_id = log_workout(s, user_id=user_id, workout=Workout(sets[0].performed_at, sets), now=NOW)
        ids = set_ids(s, workout_ids=[workout_id])[workout_id]
        replace_set(s, set_id=ids[1], logged=replace(sets[1], reps=10, load_kg=45.0), now=NOW)
        assert set_ids(s, workout_ids=[workout_id])[workout_id] == ids
        assert [(x.reps, x.load_kg) for x in workout(s, workout_id=workout_id).sets] == [
            (8, 40.0),
            (10, 45.0),
            (8, 40.0),
        ]


def test_an_unknown_set_is_refused(engine: Engine) -> None:
    with session_scope(engine) as s, pytest.raises(InputError, match="set_id"):
        delete_set(s, set_id=999_999)
