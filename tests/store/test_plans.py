"""Plans: a real plan round-trips, its sessions are found by date, and adaptations are recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select
from store_factories import NOW, STARTED, profile, workout

from backcoach.errors import InputError, UnknownIdError
from backcoach.planning import Plan, build_plan
from backcoach.store import (
    active_plan,
    default_user,
    log_workout,
    planned_session_on,
    replace_planned_session,
    save_plan,
    scheduled_sessions,
    session_scope,
    start_workout,
)
from backcoach.store.tables import PlannedSessionRow, PlanRow, WorkoutRow


@pytest.fixture(scope="module")
def plan() -> Plan:
    built = build_plan(profile())
    assert isinstance(built, Plan)
    return built


def _saved(engine: Engine, plan: Plan) -> int:
    with session_scope(engine) as s:
        user = default_user(s)
        save_plan(s, user_id=user.id, plan=plan, now=NOW)
    return user.id


def test_a_built_plan_reads_back_exactly(engine: Engine, plan: Plan) -> None:
    user_id = _saved(engine, plan)
    with session_scope(engine) as s:
        stored = active_plan(s, user_id=user_id)
    assert stored is not None
    assert stored.to_json() == plan.to_json()
    assert stored.weeks == plan.weeks
    assert stored.profile == plan.profile


def test_each_planned_session_is_its_own_row_with_week_and_deload(engine: Engine, plan: Plan) -> None:
    user_id = _saved(engine, plan)
    with session_scope(engine) as s:
        scheduled = scheduled_sessions(s, user_id=user_id)
    expected = [(w.index, w.deload, sess) for w in plan.weeks for sess in w.sessions]
    assert [(p.week_index, p.deload, p.session) for p in scheduled] == expected
    assert all(p.adapted_reason is None and p.adapted_at is None for p in scheduled)


def test_the_newest_plan_is_the_active_one(engine: Engine, plan: Plan) -> None:
    newer = replace(plan, explanations=("a newer plan",))
    user_id = _saved(engine, plan)
    with session_scope(engine) as s:
        save_plan(s, user_id=user_id, plan=newer, now=NOW + timedelta(minutes=1))
    with session_scope(engine) as s:
        stored = active_plan(s, user_id=user_id)
    assert stored is not None
    assert stored.explanations == ("a newer plan",)


def test_the_planned_session_of_a_day_is_found_and_other_days_have_none(engine: Engine, plan: Plan) -> None:
    user_id = _saved(engine, plan)
    first = plan.weeks[0].sessions[0]
    with session_scope(engine) as s:
        found = planned_session_on(s, user_id=user_id, day=first.date)
        rest_day = planned_session_on(s, user_id=user_id, day=first.date - timedelta(days=1))
    assert found is not None
    assert found.session == first
    assert rest_day is None


def test_replacing_a_planned_session_records_the_reason_and_shows_in_the_plan(
    engine: Engine, plan: Plan
) -> None:
    user_id = _saved(engine, plan)
    original = plan.weeks[1].sessions[0]
    lighter = replace(original, blocks=original.blocks[:1], estimated_minutes=10)
    with session_scope(engine) as s:
        target = planned_session_on(s, user_id=user_id, day=original.date)
        assert target is not None
        replace_planned_session(
            s, planned_id=target.id, replacement=lighter, reason="lower-back pain last session", now=NOW
        )
    with session_scope(engine) as s:
        adapted = planned_session_on(s, user_id=user_id, day=original.date)
        stored = active_plan(s, user_id=user_id)
    assert adapted is not None
    assert (adapted.session, adapted.adapted_reason, adapted.adapted_at) == (
        lighter,
        "lower-back pain last session",
        NOW,
    )
    assert stored is not None
    assert stored.weeks[1].sessions[0] == lighter
    assert stored.weeks[0] == plan.weeks[0]


@pytest.mark.parametrize(
    ("reason", "planned_id", "message"),
    [("  ", None, "reason: '  '"), ("fatigue", 99999, "planned_id: 99999")],
)
def test_a_bad_replacement_names_the_field_and_changes_nothing(
    engine: Engine, plan: Plan, reason: str, planned_id: int | None, message: str
) -> None:
    user_id = _saved(engine, plan)
    with session_scope(engine) as s:
        target = scheduled_sessions(s, user_id=user_id)[0]
    with pytest.raises(InputError, match=message), session_scope(engine) as s:
        replace_planned_session(
            s, planned_id=planned_id or target.id, replacement=plan.weeks[1].sessions[0], reason=reason
        )
    with session_scope(engine) as s:
        assert scheduled_sessions(s, user_id=user_id)[0] == target


def test_a_plan_naming_an_unknown_exercise_is_refused_whole(engine: Engine, plan: Plan) -> None:
    week = plan.weeks[-1]
    session = week.sessions[-1]
    block = session.blocks[-1]
    broken_item = replace(block.items[0], exercise_id="deadlfit")
    broken_session = replace(session, blocks=(*session.blocks[:-1], replace(block, items=(broken_item,))))
    broken = replace(plan, weeks=(*plan.weeks[:-1], replace(week, sessions=(broken_session,))))
    with session_scope(engine) as s:
        user = default_user(s)
    with pytest.raises(UnknownIdError, match="unknown exercise 'deadlfit'"), session_scope(engine) as s:
        save_plan(s, user_id=user.id, plan=broken)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(PlanRow)) == 0
        assert s.scalar(select(func.count()).select_from(PlannedSessionRow)) == 0


def test_a_workout_on_a_planned_day_is_linked_to_that_session(engine: Engine, plan: Plan) -> None:
    user_id = _saved(engine, plan)
    day = plan.weeks[0].sessions[0].date
    with session_scope(engine) as s:
        live = start_workout(s, user_id=user_id, started_at=STARTED, planned_date=day, now=NOW)
        logged = log_workout(s, user_id=user_id, workout=workout(planned_date=day), now=NOW)
        unplanned = log_workout(s, user_id=user_id, workout=workout(), now=NOW)
        planned = planned_session_on(s, user_id=user_id, day=day)
    with session_scope(engine) as s:
        links = dict(s.execute(select(WorkoutRow.id, WorkoutRow.planned_session_id)).all())
    assert planned is not None
    assert links == {live: planned.id, logged: planned.id, unplanned: None}
