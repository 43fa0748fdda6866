"""Adherence to the plan on generated plans and logs, against the ground truth the generator keeps."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.analysis import adherence, iso_week
from backcoach.planning.plan import PlanItem, Session, SetSpec
from backcoach.sessions.records import LoggedSet, SetType, Workout

from .factories import LB, PULLDOWN, ROW, SHRUG, item, logged, session

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
START = date(2025, 3, 3)  # a Monday


@dataclass
class Truth:
    sessions: list[Session] = field(default_factory=list)
    workouts: list[Workout] = field(default_factory=list)
    done: set[date] = field(default_factory=set)
    sets_planned: int = 0
    sets_done: int = 0
    unplanned: int = 0


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def generated(seed: int, weeks: int = 6) -> Truth:
    """A plan of 2-3 sessions a week; each done on its day, done on another day naming it, or missed;
    plus unplanned workouts on free days. The generator records what it did."""
    rng = random.Random(seed)
    truth = Truth()
    session_days: list[date] = []
    for week in range(weeks):
        for weekday in sorted(rng.sample(range(7), rng.randint(2, 3))):
            session_days.append(START + timedelta(days=7 * week + weekday))
    free = [
        START + timedelta(days=d) for d in range(7 * weeks) if START + timedelta(days=d) not in session_days
    ]
    for day in session_days:
        planned = {ex.id: rng.randint(1, 4) for ex in rng.sample([ROW, PULLDOWN, SHRUG], 2)}
        truth.sessions.append(session(day, *(item(ex_id, n) for ex_id, n in planned.items())))
        fate = rng.choice(["same_day", "moved", "missed"])
        if fate == "missed":
            continue
        day_done = day if fate == "same_day" else rng.choice(free)
        sets: list[LoggedSet] = []
        done_sets = 0
        for ex_id, n in planned.items():
            hard = rng.randint(0, n + 2)
            done_sets += min(hard, n)
            sets += [logged(ex_id, at(day_done, 17), 10, 30) for _ in range(hard)]
            sets += [logged(ex_id, at(day_done, 17), 10, 30 / LB, unit="lb", set_type=SetType.WARMUP)]
        started = datetime.combine(day_done, time(17), tzinfo=UTC)
        truth.workouts.append(Workout(started, tuple(sets), planned_date=None if fate == "same_day" else day))
        truth.done.add(day)
        truth.sets_planned += sum(planned.values())
        truth.sets_done += done_sets
    for free_day in rng.sample(free, 3):
        truth.workouts.append(Workout(at(free_day, 7), (logged(ROW, at(free_day, 7), 10, 30),)))
        truth.unplanned += 1
    rng.shuffle(truth.workouts)
    return truth


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS)
def test_adherence_counts_match_the_generated_truth(seed: int) -> None:
    truth = generated(seed)
    until = max(s.date for s in truth.sessions)
    result = adherence(truth.sessions, truth.workouts, until)
    assert result.planned == len(truth.sessions)
    assert result.done == len(truth.done)
    assert set(result.missed) == {s.date for s in truth.sessions} - truth.done
    assert list(result.missed) == sorted(result.missed)
    assert result.unplanned == truth.unplanned
    assert (result.sets_planned, result.sets_done) == (truth.sets_planned, truth.sets_done)
    per_week: dict[str, list[int]] = {}
    for s in truth.sessions:
        counts = per_week.setdefault(iso_week(s.date), [0, 0])
        counts[0] += 1
        counts[1] += s.date in truth.done
    assert result.week_share() == {w: d / p for w, (p, d) in per_week.items()}
    assert result.session_share == pytest.approx(len(truth.done) / len(truth.sessions))


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, cut=st.integers(min_value=0, max_value=41))
def test_only_sessions_up_to_until_are_due(seed: int, cut: int) -> None:
    truth = generated(seed)
    until = START + timedelta(days=cut)
    result = adherence(truth.sessions, truth.workouts, until)
    due = {s.date for s in truth.sessions if s.date <= until}
    assert result.planned == len(due)
    assert result.done == len(due & truth.done)
    assert set(result.missed) == due - truth.done


def test_a_workout_naming_its_session_counts_on_another_day() -> None:
    plan = [session(START, item(ROW, 3)), session(START + timedelta(days=2), item(ROW, 3))]
    late = Workout(
        at(START + timedelta(days=1), 18), (logged(ROW, at(START, 18), 10, 30),), planned_date=START
    )
    result = adherence(plan, [late], START + timedelta(days=2))
    assert (result.done, result.missed, result.unplanned) == (1, (START + timedelta(days=2),), 0)


def test_a_second_workout_for_the_same_session_is_unplanned() -> None:
    plan = [session(START, item(ROW, 2))]
    first = Workout(at(START, 7), (logged(ROW, at(START, 7), 10, 30),))
    second = Workout(at(START, 19), (logged(ROW, at(START, 19), 10, 30),))
    result = adherence(plan, [second, first], START)
    assert (result.done, result.unplanned, result.sets_done, result.sets_planned) == (1, 1, 1, 2)


def test_extra_sets_do_not_make_up_for_a_skipped_exercise() -> None:
    plan = [session(START, item(ROW, 2), item(SHRUG, 2))]
    done = Workout(at(START, 18), tuple(logged(ROW, at(START, 18), 10, 30) for _ in range(5)))
    result = adherence(plan, [done], START)
    assert result.set_completion == pytest.approx(0.5)


def test_ramp_sets_and_drills_are_not_planned_working_sets() -> None:
    ramp = PlanItem(ROW.id, (SetSpec("warmup", 5, 5, 15.0, None, 60),) * 2, None, "ramp")
    plan = [session(START, item(ROW, 3), warmup=[ramp])]
    done = Workout(at(START, 18), tuple(logged(ROW, at(START, 18), 10, 30) for _ in range(3)))
    assert adherence(plan, [done], START).set_completion == 1


def test_nothing_due_gives_no_shares() -> None:
    result = adherence([session(START, item(ROW))], [], START - timedelta(days=1))
    assert (result.planned, result.session_share, result.set_completion, result.weeks) == (0, None, None, ())
