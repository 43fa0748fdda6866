"""Strength statistics from what the store picks and keeps: each day's best set
(``best_sets_by_day``), the records kept as sets are written (``records``, ``strength_bests``).
The analysis computes the same e1RM history, rep maxima and new records from them as from every
set of the history.

Histories are generated: kilograms and pounds, three time zones (sets near midnight land on a
different calendar day in each), every set type, reps past the e1RM formula's range, reps in
reserve from none to ten, and repeated loads so that ties are common.
"""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine
from store_factories import NOW, PULL_UP, ROW

from backcoach.analysis import (
    e1rm_history,
    new_records,
    personal_records,
    records_beating,
    records_from,
)
from backcoach.analysis import strength_bests as bests_of
from backcoach.science.units import lb_to_kg
from backcoach.sessions.records import LoggedSet, SetType, Workout
from backcoach.store import (
    add_set,
    add_user,
    best_sets_by_day,
    default_user,
    log_workout,
    records,
    rep_maxima,
    session_scope,
    sets_for_exercise,
    start_workout,
    strength_bests,
)
from backcoach.store.records import note_sets

ZONES = (UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-7)))
KG_LOADS = (20.0, 40.0, 60.0, 62.5, 80.0)
LB_LOADS = (45.0, 95.0, 135.0, 140.0)


def _set(rng: random.Random, at: datetime, exercise_id: str) -> LoggedSet:
    set_type = rng.choice(
        (SetType.WORKING, SetType.WORKING, SetType.WORKING, SetType.FAILURE, SetType.WARMUP, SetType.DROP)
    )
    in_lb = rng.random() < 0.4
    load = lb_to_kg(rng.choice(LB_LOADS)) if in_lb else rng.choice(KG_LOADS)
    reps = rng.choice((0, 1, 3, 5, 5, 8, 8, 10, 12, 15, 31, 40))
    rir = None if set_type is SetType.FAILURE or rng.random() < 0.2 else float(rng.randint(0, 10))
    return LoggedSet(
        exercise_id,
        at,
        reps,
        None if rng.random() < 0.1 else (0.0 if rng.random() < 0.05 else load),
        set_type,
        rir,
        entered_unit="lb" if in_lb else "kg",
    )


def _history(seed: int, workouts: int = 40) -> list[Workout]:
    rng = random.Random(seed)
    out = []
    for n in range(workouts):
        zone = rng.choice(ZONES)
        # Evenings near midnight, so a workout's sets can fall on two calendar days.
        started = (NOW - timedelta(days=3 * (workouts - n), hours=rng.choice((1, 3, 6)))).astimezone(zone)
        sets = tuple(
            _set(rng, started + timedelta(minutes=7 * k), rng.choice((ROW, ROW, PULL_UP))) for k in range(12)
        )
        out.append(Workout(started_at=started, sets=sets))
    return out


def _store(engine: Engine, history: list[Workout]) -> int:
    with session_scope(engine) as s:
        user_id = default_user(s).id
        for workout in history:
            log_workout(s, user_id=user_id, workout=workout, now=NOW)
    return user_id


@pytest.mark.parametrize("seed", range(6))
def test_strength_statistics_are_the_same_from_the_chosen_sets_as_from_all(engine: Engine, seed: int) -> None:
    user_id = _store(engine, _history(seed))
    with session_scope(engine, readonly=True) as s:
        every = sets_for_exercise(s, user_id=user_id, exercise_id=ROW)
        chosen = best_sets_by_day(s, user_id=user_id, exercise_id=ROW)
        bests = strength_bests(s, user_id=user_id, exercise_id=ROW)
        kept = rep_maxima(s, user_id=user_id, exercise_id=ROW)
    assert len(chosen) < len(every)
    assert set(chosen) <= set(every)
    history = e1rm_history(chosen, ROW)
    assert history == e1rm_history(every, ROW)
    assert records_from(history, kept, ROW) == personal_records(every, ROW)
    assert bests.heaviest_kg == bests_of(every, ROW).heaviest_kg
    assert bests.e1rm_kg == pytest.approx(bests_of(every, ROW).e1rm_kg, rel=1e-12)
    rng = random.Random(seed + 100)
    for _ in range(20):  # the records a new session would set, heavy or light
        session = [_set(rng, NOW, ROW) for _ in range(4)]
        assert records_beating(bests, session) == new_records(every, session)


def test_of_tied_sets_the_earliest_comes_back_and_keeps_the_record(engine: Engine) -> None:
    monday = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    same = [
        LoggedSet(ROW, monday + timedelta(days=d, minutes=m), 8, 60.0, rir=2.0)
        for d in (0, 3)
        for m in (1, 2)
    ]
    user_id = _store(engine, [Workout(started_at=s.performed_at, sets=(s,)) for s in same])
    with session_scope(engine, readonly=True) as s:
        chosen = best_sets_by_day(s, user_id=user_id, exercise_id=ROW)
        stored = records(s, user_id=user_id, exercise_id=ROW)
    assert chosen == [same[0], same[2]]  # one per day: Thursday's repeat is its own day's best
    assert [(r.reps, r.achieved_at) for r in stored] == [(8, same[0].performed_at)]
    assert [p.from_set for p in e1rm_history(chosen, ROW)] == [same[0], same[2]]


def test_days_are_the_calendar_days_of_the_zone_each_set_was_logged_in(engine: Engine) -> None:
    # 23:30 and 00:30 in UTC-7 are two days there, though both are on one UTC day.
    zone = timezone(timedelta(hours=-7))
    late = datetime(2026, 11, 20, 23, 30, tzinfo=zone)
    sets = (
        LoggedSet(ROW, late, 5, 100.0, rir=0.0),
        LoggedSet(ROW, late + timedelta(hours=1), 5, 60.0, rir=0.0),
    )
    user_id = _store(engine, [Workout(started_at=late, sets=sets)])
    with session_scope(engine, readonly=True) as s:
        chosen = best_sets_by_day(s, user_id=user_id, exercise_id=ROW)
    assert chosen == list(sets)  # the lighter set is the best of its own day
    assert [p.date.isoformat() for p in e1rm_history(chosen, ROW)] == ["2026-11-20", "2026-11-21"]


def test_only_the_persons_own_sets_of_that_exercise_come_back(engine: Engine) -> None:
    user_id = _store(engine, _history(7, workouts=6))
    with session_scope(engine) as s:
        other = add_user(s, name="someone-else", now=NOW).id
        log_workout(
            s, user_id=other, workout=Workout(started_at=NOW, sets=(LoggedSet(ROW, NOW, 5, 300.0),)), now=NOW
        )
    with session_scope(engine, readonly=True) as s:
        assert best_sets_by_day(s, user_id=other, exercise_id=ROW) == [LoggedSet(ROW, NOW, 5, 300.0)]
        mine = best_sets_by_day(s, user_id=user_id, exercise_id=ROW)
        assert mine and all(x.exercise_id == ROW and x.load_kg != 300.0 for x in mine)
        assert best_sets_by_day(s, user_id=user_id, exercise_id="face-pull") == []


def test_an_exercise_never_done_with_a_load_has_no_bests_so_a_first_session_sets_no_record(
    engine: Engine,
) -> None:
    body_weight_only = LoggedSet(ROW, NOW - timedelta(days=2), 8, None)
    user_id = _store(engine, [Workout(started_at=body_weight_only.performed_at, sets=(body_weight_only,))])
    with session_scope(engine, readonly=True) as s:
        bests = strength_bests(s, user_id=user_id, exercise_id=ROW)
    assert (bests.heaviest_kg, bests.e1rm_kg) == ({}, None)
    assert records_beating(bests, [LoggedSet(ROW, NOW, 5, 100.0)]) == []


def test_sets_appended_one_at_a_time_keep_the_records_as_a_whole_workout_does(engine: Engine) -> None:
    history = _history(11, workouts=8)
    with session_scope(engine) as s:
        user_id = default_user(s).id
    for done in history:
        with session_scope(engine) as s:
            workout_id = start_workout(s, user_id=user_id, started_at=done.started_at, now=NOW)
        for logged in done.sets:  # each set its own transaction, as the guided session writes them
            with session_scope(engine) as s:
                add_set(s, workout_id=workout_id, logged=logged, now=NOW)
    with session_scope(engine, readonly=True) as s:
        every = sets_for_exercise(s, user_id=user_id, exercise_id=ROW)
        bests = strength_bests(s, user_id=user_id, exercise_id=ROW)
        stored = rep_maxima(s, user_id=user_id, exercise_id=ROW)
    assert bests.heaviest_kg == bests_of(every, ROW).heaviest_kg
    assert bests.e1rm_kg == pytest.approx(bests_of(every, ROW).e1rm_kg, rel=1e-12)
    assert [(r.reps, r.load_kg, r.achieved_at) for r in stored] == [
        (m.reps, m.load_kg, m.achieved_at) for m in personal_records(every, ROW).rep_maxima
    ]


def test_two_writers_for_one_person_each_having_written_a_row_of_theirs_first_both_commit(
    engine: Engine,
) -> None:
    # PostgreSQL: a row referring to the person (a workout, an idempotency key) holds a key-share
    # lock on their row until commit; the records' turn-taking lock on that row must not wait for
    # it, or two such writers wait for each other (a deadlock, once answered 503).
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers at BEGIN IMMEDIATE: no row locks to wait on")
    with session_scope(engine) as s:
        user_id = default_user(s).id
    both_referred = threading.Barrier(2, timeout=30)
    failures: list[BaseException] = []

    def writer(load_kg: float) -> None:
        try:
            with session_scope(engine) as s:
                start_workout(s, user_id=user_id, started_at=NOW - timedelta(hours=1), now=NOW)
                both_referred.wait()
                note_sets(s, user_id=user_id, sets=[LoggedSet(ROW, NOW - timedelta(hours=1), 5, load_kg)])
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(load,)) for load in (60.0, 62.5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with session_scope(engine, readonly=True) as s:
        assert [(r.reps, r.load_kg) for r in rep_maxima(s, user_id=user_id, exercise_id=ROW)] == [(5, 62.5)]
