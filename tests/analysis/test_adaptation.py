"""Adapting coming sessions: each trigger, its recorded reason, and what the new session holds."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

import pytest

from backcoach.analysis import Adaptation, Trigger, adapt_plan, pain_action
from backcoach.catalog import Level
from backcoach.errors import InputError
from backcoach.planning.plan import PlanItem, Session
from backcoach.safety.pain import PainAction
from backcoach.sessions.records import LoggedSet, PainEntry, Target, Workout

from .factories import (
    BACK_EXTENSION,
    CAT_COW,
    CHEST_ROW,
    HINGE,
    HIP_THRUST,
    PULLDOWN,
    ROW,
    SHRUG,
    T0,
    catalog,
    item,
    logged,
    session,
    workout,
)

RANGE = Target(reps_min=8, reps_max=12, rir=2)
NOW = T0 + timedelta(days=5)
NEXT = NOW.date() + timedelta(days=1)
AFTER = NEXT + timedelta(days=2)


def sets_of(
    exercise_id: str, reps: list[int], *, day: int, load: float = 40, rir: float | None = None
) -> list[LoggedSet]:
    at = T0 + timedelta(days=day)
    return [
        logged(exercise_id, at + timedelta(minutes=3 * i), r, load, rir=rir, target=RANGE)
        for i, r in enumerate(reps)
    ]


def adapt(
    sessions: list[Session],
    workouts: list[Workout],
    *,
    now: datetime = NOW,
    cleared_at: datetime | None = None,
) -> list[Adaptation]:
    return adapt_plan(sessions, workouts, catalog(), Level.BEGINNER, now, cleared_at=cleared_at)


def working(it: PlanItem) -> list[tuple[float | None, int | None]]:
    return [(s.load_kg, s.rir) for s in it.working_sets]


def find(s: Session, exercise_id: str) -> PlanItem | None:
    return next((i for i in s.items if i.exercise_id == exercise_id), None)


def pain(
    location: str,
    severity: int = 3,
    *,
    day: int = 2,
    sharp: bool = False,
    radiating: bool = False,
    numbness: bool = False,
    action: str | None = None,
) -> PainEntry:
    at = T0 + timedelta(days=day, hours=1)
    return PainEntry(at, location, severity, sharp, radiating, numbness, action=action)


# ---------------------------------------------------------------------- missed targets


def test_two_sessions_below_the_range_lower_the_next_planned_load_one_step() -> None:
    history = [workout(sets_of(ROW.id, [9, 7, 6], day=0)), workout(sets_of(ROW.id, [8, 8, 7], day=3))]
    plan = [session(NEXT, item(ROW, load=40)), session(AFTER, item(ROW, load=40))]
    [change] = adapt(plan, history)
    assert change.session_date == NEXT
    assert change.triggers == (Trigger.MISSED_TARGETS,)
    row = find(change.new_session, ROW.id)
    assert row is not None and working(row) == [(38.0, 2)] * 3  # −5 %, rounded down to 2 kg dumbbells
    assert "below 8 reps in each of the last 2 sessions" in change.reason
    assert "40 → 38 kg" in change.reason


def test_one_session_below_the_range_changes_nothing() -> None:
    history = [workout(sets_of(ROW.id, [12, 12, 12], day=0)), workout(sets_of(ROW.id, [8, 8, 7], day=3))]
    assert adapt([session(NEXT, item(ROW))], history) == []


def test_the_plan_rep_floor_is_used_when_a_set_carries_no_target() -> None:
    bare = [logged(ROW, T0 + timedelta(days=d), 5, 40) for d in (0, 3)]
    [change] = adapt([session(NEXT, item(ROW, reps=(6, 10)))], [workout([s]) for s in bare])
    assert "below 6 reps" in change.reason


# ---------------------------------------------------------------------- high effort


def test_high_effort_holds_the_load_and_adds_a_rep_in_reserve() -> None:
    history = [workout(sets_of(ROW.id, [10, 10, 10], day=3, rir=0))]
    [change] = adapt([session(NEXT, item(ROW, load=42, rir=2))], history)
    assert change.triggers == (Trigger.HIGH_EFFORT,)
    row = find(change.new_session, ROW.id)
    assert row is not None and working(row) == [(40.0, 3)] * 3
    assert "3 of 3 hard sets" in change.reason and "one more rep in reserve" in change.reason


def test_effort_on_target_or_on_a_minority_of_sets_changes_nothing() -> None:
    on_target = [workout(sets_of(ROW.id, [10, 10, 10], day=3, rir=2))]
    assert adapt([session(NEXT, item(ROW, load=42))], on_target) == []
    mixed = sets_of(ROW.id, [10], day=3, rir=0) + sets_of(ROW.id, [10, 10], day=3, rir=1)
    assert adapt([session(NEXT, item(ROW, load=42))], [workout(mixed)]) == []


def test_a_planned_deload_is_kept_under_high_effort() -> None:
    history = [workout(sets_of(ROW.id, [10, 10, 10], day=3, rir=0))]
    deload = session(NEXT, item(ROW, 2, load=36, rir=2))
    [change] = adapt([deload], history)
    row = find(change.new_session, ROW.id)
    assert row is not None and working(row) == [(36.0, 3)] * 2  # lighter deload load and set count stay


def test_missed_reps_and_high_effort_together_both_apply() -> None:
    history = [
        workout(sets_of(ROW.id, [7, 7, 7], day=0, rir=0)),
        workout(sets_of(ROW.id, [7, 6, 6], day=3, rir=0)),
    ]
    [change] = adapt([session(NEXT, item(ROW, load=42))], history)
    assert set(change.triggers) == {Trigger.HIGH_EFFORT, Trigger.MISSED_TARGETS}
    row = find(change.new_session, ROW.id)
    assert row is not None and working(row) == [(38.0, 3)] * 3  # held at 40, then one step down


def test_only_the_next_session_of_an_exercise_is_adapted() -> None:
    history = [workout(sets_of(ROW.id, [10, 10, 10], day=3, rir=0))]
    plan = [
        session(NEXT, item(PULLDOWN)),
        session(AFTER, item(ROW, load=42)),
        session(AFTER + timedelta(2), item(ROW)),
    ]
    [change] = adapt(plan, history)
    assert change.session_date == AFTER


# ---------------------------------------------------------------------- pain


def test_lower_back_pain_swaps_or_drops_loaded_exercises_in_the_next_session() -> None:
    history = [workout(sets_of(PULLDOWN.id, [10, 10], day=2), pain=[pain("lower_back", 4)])]
    plan = [
        session(
            NEXT,
            item(HINGE, load=60),
            item(ROW),
            item(PULLDOWN),
            item(BACK_EXTENSION, load=None),
            warmup=[item(CAT_COW, 1, load=None)],
        ),
        session(AFTER, item(HINGE, load=60)),
    ]
    [change] = adapt(plan, history)
    assert change.session_date == NEXT and change.triggers == (Trigger.PAIN,)
    ids = [i.exercise_id for i in change.new_session.items]
    assert ids == [CAT_COW.id, HIP_THRUST.id, CHEST_ROW.id, PULLDOWN.id]  # back extension dropped
    thrust = find(change.new_session, HIP_THRUST.id)
    assert thrust is not None and all(s.load_kg is None for s in thrust.sets)
    assert thrust.note is not None and "pain-free" in thrust.note
    assert "A Hinge → A Hip Thrust" in change.reason
    assert "A Back Extension dropped" in change.reason
    assert "lower back (4/10" in change.reason


def test_muscle_pain_drops_exercises_that_target_it_when_nothing_spares_it() -> None:
    history = [workout(sets_of(SHRUG.id, [10], day=2), pain=[pain("trapezius-upper", 2)])]
    [change] = adapt([session(NEXT, item(SHRUG), item(PULLDOWN))], history)
    assert [i.exercise_id for i in change.new_session.items] == [PULLDOWN.id]
    assert "A Shrug dropped" in change.reason


def test_the_exercise_that_hurt_is_swapped_even_if_the_area_is_elsewhere() -> None:
    entry = PainEntry(T0 + timedelta(days=2), "knee", 2, exercise_id=ROW.id)
    history = [workout(sets_of(ROW.id, [10], day=2), pain=[entry])]
    [change] = adapt([session(NEXT, item(ROW))], history)
    assert [i.exercise_id for i in change.new_session.items] == [CHEST_ROW.id]


def test_pain_older_than_a_week_no_longer_adapts_the_plan() -> None:
    history = [workout(sets_of(ROW.id, [10], day=2), pain=[pain("lower_back", 4)])]
    assert adapt([session(NEXT, item(HINGE))], history, now=T0 + timedelta(days=9, hours=2)) == []


@pytest.mark.parametrize(
    "entry",
    [
        pain("lower_back", 3, numbness=True),
        pain("lower_back", 5, radiating=True),
        pain("latissimus-dorsi", 8, sharp=True),
        pain("lower_back", 2, action="emergency"),
    ],
)
def test_serious_pain_puts_every_coming_session_on_hold(entry: PainEntry) -> None:
    history = [workout(sets_of(ROW.id, [10], day=2), pain=[entry])]
    plan = [session(NEXT, item(ROW)), session(AFTER, item(PULLDOWN))]
    changes = adapt(plan, history)
    assert [c.session_date for c in changes] == [NEXT, AFTER]
    for change in changes:
        assert change.on_hold and change.triggers == (Trigger.PAIN_HOLD,)
        assert change.new_session.blocks == () and change.new_session.estimated_minutes == 0
        assert "professional advice" in change.reason
        assert "doctor or physiotherapist" in change.reason


def test_a_recorded_clearance_lifts_the_hold() -> None:
    history = [workout(sets_of(ROW.id, [10], day=2), pain=[pain("lower_back", 3, day=-20, numbness=True)])]
    plan = [session(NEXT, item(ROW))]
    assert adapt(plan, history)[0].on_hold  # however old, serious pain holds until cleared
    assert adapt(plan, history, cleared_at=T0 - timedelta(days=10)) == []


def test_pain_action_uses_the_recorded_decision_else_the_safety_core() -> None:
    assert pain_action(pain("lower_back", 2, action="seek_care"), catalog()) is PainAction.SEEK_CARE
    assert pain_action(pain("lower_back", 2, numbness=True), catalog()) is PainAction.SEEK_CARE
    assert pain_action(pain("lower_back", 2), catalog()) is PainAction.STOP_EXERCISE


# ---------------------------------------------------------------------- the whole


def test_inputs_are_never_mutated() -> None:
    history = [
        workout(sets_of(ROW.id, [7, 7, 7], day=0, rir=0)),
        workout(sets_of(ROW.id, [7, 6, 6], day=3, rir=0), pain=[pain("lower_back", 4)]),
    ]
    plan = [session(NEXT, item(ROW, load=42), item(HINGE)), session(AFTER, item(ROW))]
    before = copy.deepcopy((plan, history))
    changes = adapt(plan, history)
    assert changes
    assert (plan, history) == before


def test_sessions_already_done_or_past_are_not_adapted() -> None:
    history = [workout(sets_of(ROW.id, [10, 10, 10], day=3, rir=0))]  # Thursday 6 March, 18:00
    evening = T0 + timedelta(days=3, hours=2)
    past = session(evening.date() - timedelta(days=1), item(ROW, load=42))
    done_today = session(evening.date(), item(ROW, load=42))  # the workout on its date followed it
    tomorrow = session(evening.date() + timedelta(days=1), item(ROW, load=42))
    [change] = adapt([past, done_today, tomorrow], history, now=evening)
    assert change.session_date == tomorrow.date


def test_shoulder_pain_drops_exercises_that_work_the_shoulder_and_keeps_the_rest() -> None:
    history = [workout(sets_of(ROW.id, [10], day=2), pain=[pain("shoulder", 3)])]
    [change] = adapt([session(NEXT, item(ROW), item(PULLDOWN))], history)
    # The chest-supported row still uses the rear deltoid, so nothing spares the shoulder.
    assert [i.exercise_id for i in change.new_session.items] == [PULLDOWN.id]


def test_nothing_to_adapt_gives_nothing() -> None:
    history = [workout(sets_of(ROW.id, [10, 10, 10], day=3, rir=2))]
    assert adapt([session(NEXT, item(ROW))], history) == []
    assert adapt([], history) == []


def test_now_needs_a_time_zone() -> None:
    with pytest.raises(InputError, match="time zone"):
        adapt([session(NEXT, item(ROW))], [], now=datetime(2025, 3, 8, 12, 0))
