"""Guided workouts on the server: one active record per user, saved in place, finished, kept apart."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session
from store_factories import NOW, profile, workout

import backcoach.store.guided
from backcoach.errors import InputError
from backcoach.planning import Plan, build_plan
from backcoach.store import (
    GuidedRecord,
    active_guided,
    add_user,
    create_account,
    finish_guided,
    guided_by_id,
    log_workout,
    save_guided,
    save_plan,
    scheduled_sessions,
    session_scope,
)
from backcoach.store.tables import GuidedRow, UserRow, WorkoutRow

DAY = date(2026, 12, 1)
READY: dict[str, Any] = {"version": 1, "phase": "ready", "cursor": 0, "sets": []}
# The shape of sessions.state.GuidedState.to_json(): nested objects and lists of every JSON type.
RICH: dict[str, Any] = {
    "version": 1,
    "phase": "rest",
    "cursor": 3,
    "rest_until": "2026-12-01T18:04:30+01:00",
    "slots": [
        {
            "exercise_id": "bent-over-barbell-row",
            "kind": "set",
            "target": {"reps": [6, 10], "load_kg": 61.23},
        },
        {"exercise_id": "pull-up", "kind": "set", "target": {"reps": [5, 8], "load_kg": None}},
    ],
    "sets": [{"reps": 8, "load_kg": 60.0, "rir": 2.5, "warmup": False, "notes": "grip ✓ — Grüße"}],
    "pain": [],
    "paused_from": None,
    "flags": {"deload": True, "nested": {"deeper": [[1, 2], [3, [4, {"five": 5}]]]}},
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    built = build_plan(profile())
    assert isinstance(built, Plan)
    return built


def two_users(engine: Engine) -> tuple[int, int]:
    with session_scope(engine) as s:
        ana = create_account(s, name="ana", email="ana@example.org", password_hash="h", now=NOW)
        ben = create_account(s, name="ben", email="ben@example.org", password_hash="h", now=NOW)
    return ana.id, ben.id


def save(session: Session, user_id: int, **changes: Any) -> GuidedRecord:
    fields: dict[str, Any] = {"session_date": DAY, "state": READY, "now": NOW}
    fields.update(changes)
    return save_guided(session, user_id=user_id, **fields)


def _rows(engine: Engine) -> list[tuple[int, int, str]]:
    with session_scope(engine) as s:
        found = s.execute(select(GuidedRow.id, GuidedRow.user_id, GuidedRow.status).order_by(GuidedRow.id))
        return [(r.id, r.user_id, r.status) for r in found]


def test_the_first_save_creates_the_active_record(engine: Engine) -> None:
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ana) is None
        saved = save(s, ana)
    assert (saved.user_id, saved.session_date, saved.state, saved.status) == (ana, DAY, READY, "active")
    assert (saved.planned_session_id, saved.workout_id, saved.updated_at) == (None, None, NOW)
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ana) == saved
        assert guided_by_id(s, user_id=ana, guided_id=saved.id) == saved


def test_a_later_save_updates_the_active_record_in_place(engine: Engine) -> None:
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        first = save(s, ana)
        workout_id = log_workout(s, user_id=ana, workout=workout(), now=NOW)
    later = NOW + timedelta(minutes=5)
    with session_scope(engine) as s:
        second = save(
            s, ana, state=RICH, workout_id=workout_id, session_date=DAY + timedelta(days=1), now=later
        )
    assert second.id == first.id
    assert (second.state, second.workout_id, second.session_date) == (
        RICH,
        workout_id,
        DAY + timedelta(days=1),
    )
    assert (second.status, second.updated_at) == ("active", later)
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ana) == second
    assert _rows(engine) == [(first.id, ana, "active")]


def test_save_finish_save_finish_keeps_one_active_record_at_a_time(engine: Engine) -> None:
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        first = save(s, ana)
        save(s, ana, state=RICH)
    done_at = NOW + timedelta(hours=1)
    with session_scope(engine) as s:
        finish_guided(s, user_id=ana, now=done_at)
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ana) is None
        finished = guided_by_id(s, user_id=ana, guided_id=first.id)
        assert finished is not None
        assert (finished.status, finished.state, finished.updated_at) == ("finished", RICH, done_at)
        again = save(s, ana, session_date=DAY + timedelta(days=2))  # the next workout: a new record
    assert again.id != first.id and again.status == "active"
    with session_scope(engine) as s:
        finish_guided(s, user_id=ana, now=done_at + timedelta(days=2))
    assert _rows(engine) == [(first.id, ana, "finished"), (again.id, ana, "finished")]


def test_finish_without_an_active_record_does_nothing(engine: Engine) -> None:
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        finish_guided(s, user_id=ana, now=NOW)
        saved = save(s, ana)
        finish_guided(s, user_id=ana, now=NOW)
        finish_guided(s, user_id=ana, now=NOW + timedelta(hours=1))  # already finished: no change
        finish_guided(s, user_id=404)  # nobody
    with session_scope(engine) as s:
        stored = guided_by_id(s, user_id=ana, guided_id=saved.id)
    assert stored is not None and (stored.status, stored.updated_at) == ("finished", NOW)


def test_nested_state_round_trips_exactly(engine: Engine) -> None:
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        saved = save(s, ana, state=RICH)
    with session_scope(engine) as s:
        stored = active_guided(s, user_id=ana)
    assert stored is not None
    assert stored.state == saved.state == RICH
    assert stored.state["flags"]["nested"]["deeper"][1][1][1] == {"five": 5}
    assert isinstance(stored.state["sets"][0]["load_kg"], float)
    assert stored.state["sets"][0]["notes"] == "grip ✓ — Grüße"


def test_state_is_stored_as_json_gives_it_back(engine: Engine) -> None:
    """Tuples come back as lists; the returned record already shows what later reads will."""
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        saved = save(s, ana, state={"reps": (6, 10), "pairs": [("a", 1)]})
    with session_scope(engine) as s:
        stored = active_guided(s, user_id=ana)
    assert stored is not None
    assert saved.state == stored.state == {"reps": [6, 10], "pairs": [["a", 1]]}


def test_changing_a_records_state_or_the_saved_dict_changes_nothing_stored(engine: Engine) -> None:
    ana, _ = two_users(engine)
    given: dict[str, Any] = {"sets": [{"reps": 8}]}
    with session_scope(engine) as s:
        saved = save(s, ana, state=given)
        given["sets"].append({"reps": 99})
        saved.state["sets"][0]["reps"] = 0
        read = active_guided(s, user_id=ana)
        assert read is not None
        read.state["phase"] = "over"
        assert active_guided(s, user_id=ana) == replace(saved, state={"sets": [{"reps": 8}]})
    with session_scope(engine) as s:
        stored = active_guided(s, user_id=ana)
    assert stored is not None and stored.state == {"sets": [{"reps": 8}]}


def test_user_b_never_sees_or_changes_user_a_guided_record(engine: Engine) -> None:
    ana, ben = two_users(engine)
    with session_scope(engine) as s:
        a = save(s, ana, state=RICH)
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ben) is None
        assert guided_by_id(s, user_id=ben, guided_id=a.id) is None
        finish_guided(s, user_id=ben, now=NOW)  # B has nothing active: A's is untouched
        b = save(s, ben, state=READY)
    assert b.id != a.id
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ana) == a
        assert active_guided(s, user_id=ben) == b
        assert guided_by_id(s, user_id=ana, guided_id=b.id) is None
        finish_guided(s, user_id=ben, now=NOW)
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ana) == a  # finishing B's left A's active
        assert guided_by_id(s, user_id=ana, guided_id=404) is None


def test_links_to_the_users_own_planned_session_and_workout_are_kept(engine: Engine, plan: Plan) -> None:
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        save_plan(s, user_id=ana, plan=plan, now=NOW)
        planned = scheduled_sessions(s, user_id=ana)[0]
        workout_id = log_workout(s, user_id=ana, workout=workout(), now=NOW)
        saved = save(
            s, ana, planned_session_id=planned.id, workout_id=workout_id, session_date=planned.session.date
        )
    with session_scope(engine) as s:
        stored = active_guided(s, user_id=ana)
    assert stored == saved
    assert (stored.planned_session_id, stored.workout_id) == (planned.id, workout_id)
    with session_scope(engine) as s:  # a later save that leaves the links out clears them
        cleared = save(s, ana)
    assert (cleared.id, cleared.planned_session_id, cleared.workout_id) == (saved.id, None, None)


def test_links_to_another_users_planned_session_or_workout_are_refused(engine: Engine, plan: Plan) -> None:
    ana, ben = two_users(engine)
    with session_scope(engine) as s:
        save_plan(s, user_id=ana, plan=plan, now=NOW)
        planned_id = scheduled_sessions(s, user_id=ana)[0].id
        workout_id = log_workout(s, user_id=ana, workout=workout(), now=NOW)
    cases = [
        ({"planned_session_id": planned_id}, f"planned_session_id: {planned_id} is not a planned session"),
        ({"planned_session_id": 404_404}, "planned_session_id: 404404"),
        ({"workout_id": workout_id}, f"workout_id: {workout_id} is not a workout of this user"),
        ({"workout_id": 404_404}, "workout_id: 404404"),
    ]
    for changes, message in cases:
        with pytest.raises(InputError, match=message), session_scope(engine) as s:
            save(s, ben, **changes)
    assert _rows(engine) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"state": {"sets": {1, 2}}}, "state: not storable as JSON"),
        ({"state": {"when": NOW}}, "state: not storable as JSON"),
        ({"state": {"rir": math.nan}}, "state: not storable as JSON"),
        ({"state": {"load": math.inf}}, "state: not storable as JSON"),
        ({"state": [READY]}, "state: must be a JSON object, not list"),
        ({"state": {"blob": "x" * 1_000_001}}, "state: 1000013 bytes of JSON, more than 1000000"),
        ({"now": NOW.replace(tzinfo=None)}, "now: "),
    ],
)
def test_bad_guided_input_names_the_field_and_writes_nothing(
    engine: Engine, changes: dict[str, Any], message: str
) -> None:
    ana, _ = two_users(engine)
    with pytest.raises(InputError, match=message), session_scope(engine) as s:
        save(s, ana, **changes)
    assert _rows(engine) == []


def test_a_bad_save_leaves_the_active_record_as_it_was(engine: Engine) -> None:
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        saved = save(s, ana, state=RICH)
    with pytest.raises(InputError, match="state"), session_scope(engine) as s:
        save(s, ana, state={"bad": {1, 2}})
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ana) == saved


def test_an_unknown_user_is_refused(engine: Engine) -> None:
    with pytest.raises(InputError, match="user_id: 404"), session_scope(engine) as s:
        save(s, 404)
    with session_scope(engine) as s:
        assert active_guided(s, user_id=404) is None


def test_a_concurrent_first_save_becomes_an_update_of_the_record_it_raced(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, _ = two_users(engine)
    with session_scope(engine) as s:
        other = save(s, ana)  # another request created the active record first...
    # ...after this one had looked and found none: the partial unique index refuses a second one
    real = backcoach.store.guided._active_row
    looks: list[int] = []

    def first_look_misses(session: Session, user_id: int, *, lock: bool = True) -> GuidedRow | None:
        looks.append(user_id)
        return None if len(looks) == 1 else real(session, user_id, lock=lock)

    monkeypatch.setattr(backcoach.store.guided, "_active_row", first_look_misses)
    with session_scope(engine) as s:
        bo = add_user(s, name="bo", now=NOW)  # earlier work in the same transaction survives
        saved = save(s, ana, state=RICH)
    assert (saved.id, saved.state) == (other.id, RICH)
    assert _rows(engine) == [(other.id, ana, "active")]
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(GuidedRow)) == 1
        assert active_guided(s, user_id=bo.id) is None


def test_deleting_a_workout_unlinks_it_and_deleting_a_user_deletes_their_records(engine: Engine) -> None:
    ana, ben = two_users(engine)
    with session_scope(engine) as s:
        workout_id = log_workout(s, user_id=ana, workout=workout(), now=NOW)
        saved = save(s, ana, workout_id=workout_id)
        save(s, ben)
    with session_scope(engine) as s:
        s.execute(delete(WorkoutRow).where(WorkoutRow.id == workout_id))
    with session_scope(engine) as s:
        assert active_guided(s, user_id=ana) == replace(saved, workout_id=None)
        s.execute(delete(UserRow).where(UserRow.id == ana))
    assert [user_id for _, user_id, _ in _rows(engine)] == [ben]
