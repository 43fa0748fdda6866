"""The guided workout over the API: driven to the summary with pain on the way, surviving reloads."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from web_helpers import API, Visitor, error_fields, first_session_date, with_plan

from backcoach.science.units import lb_to_kg


def _start(visitor: Visitor) -> dict[str, Any]:
    day = first_session_date(with_plan(visitor))
    response = visitor.post(f"{API}/guided/start", json={"date": day})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _send(visitor: Visitor, event: dict[str, Any], status: int = 200) -> dict[str, Any]:
    response = visitor.post(f"{API}/guided/events", json=event)
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def _answer(step: dict[str, Any]) -> dict[str, Any]:
    """What a person following the plan sends for ``step``."""
    kind = step["kind"]
    if kind in ("drill", "exercise", "substitute"):
        return {"type": "set_done", "reps": step["reps_max"], "rir": 2}
    if kind == "pain":
        return {"type": "accept_substitute" if step["substitute"] else "continue"}
    if kind == "paused":
        return {"type": "resume"}
    return {"type": "continue"}  # rest


def _until(visitor: Visitor, view: dict[str, Any], kind: str, limit: int = 100) -> dict[str, Any]:
    for _ in range(limit):
        if view["step"]["kind"] == kind or view["status"] == "finished":
            return view
        view = _send(visitor, _answer(view["step"]))
    raise AssertionError(f"no {kind} step within {limit} events")


def test_guided_workout_runs_to_the_summary_with_pain_and_reloads(user_a: Visitor) -> None:
    view = _start(user_a)
    assert view["status"] == "active"
    assert view["step"]["kind"] == "drill"
    workout_id = view["workout_id"]

    # through the warm-up to the first working exercise, then into its rest
    view = _until(user_a, view, "exercise")
    exercise_id = view["step"]["exercise_id"]
    view = _send(user_a, _answer(view["step"]) | {"token": view["token"]})
    view = _until(user_a, view, "rest")
    assert view["step"]["ends_at"] > view["step"]["began_at"]

    # a reload (a new client, the same cookie) shows the same step, and the sets are already stored
    again = user_a.reloaded()
    reloaded = again.get(f"{API}/guided")
    assert reloaded.status_code == 200
    assert reloaded.json() == view
    stored = again.get(f"{API}/workouts/{workout_id}").json()
    assert len(stored["sets"]) == view["slots_done"]

    # pain on the way: the safety core stops that exercise
    pain = _send(again, {"type": "pain", "location": "lower_back", "severity": 3})
    assert pain["step"]["kind"] == "pain"
    assert pain["step"]["action"] == "stop_exercise"
    assert pain["step"]["exercise_id"] == exercise_id
    assert again.get(f"{API}/guided").json()["step"] == pain["step"]  # the guidance survives a reload

    # carry on to the end from the reloaded client
    done = _until(again, pain, "summary", limit=200)
    assert done["status"] == "finished"
    summary = done["step"]
    assert summary["kind"] == "summary"
    assert summary["ended_by"] == "completed"
    assert [(p["location"], p["severity"], p["action"]) for p in summary["pain"]] == [
        ("lower_back", 3, "stop_exercise")
    ]
    stopped = next(e for e in summary["exercises"] if e["exercise_id"] == exercise_id)
    assert stopped["stopped"] + stopped["done"] + stopped["skipped"] == stopped["planned"]

    # the workout is closed with every set and the pain report; nothing is in progress any more
    assert user_a.get(f"{API}/guided").status_code == 404
    finished = user_a.get(f"{API}/workouts/{workout_id}").json()
    assert finished["ended_at"] is not None
    assert len(finished["sets"]) == len(summary["workout"]["sets"])
    assert [p["location"] for p in finished["pain"]] == ["lower_back"]
    history = user_a.get(f"{API}/guided/{done['id']}").json()
    assert history["status"] == "finished"
    assert history["step"]["kind"] == "summary"


def test_severe_pain_ends_the_session_with_its_summary(user_a: Visitor) -> None:
    view = _until(user_a, _start(user_a), "exercise")
    over = _send(user_a, {"type": "pain", "location": "lower_back", "severity": 8, "sharp": True})
    assert over["status"] == "finished"
    step = over["step"]
    assert step["kind"] == "pain"
    assert step["session_over"] is True
    assert step["action"] in ("end_session", "seek_care", "emergency")
    assert step["summary"]["ended_by"] == "pain"
    assert step["ended_early"] is True
    assert user_a.get(f"{API}/guided").status_code == 404
    assert user_a.get(f"{API}/workouts/{view['workout_id']}").json()["ended_at"] is not None


def test_finish_ends_the_session_early(user_a: Visitor) -> None:
    _start(user_a)
    done = _send(user_a, {"type": "finish"})
    assert done["status"] == "finished"
    assert done["step"]["kind"] == "summary"
    assert done["step"]["ended_by"] == "finished"


def test_pause_and_resume_return_to_the_same_step(user_a: Visitor) -> None:
    view = _start(user_a)
    paused = _send(user_a, {"type": "pause"})
    assert paused["step"]["kind"] == "paused"
    assert user_a.reloaded().get(f"{API}/guided").json()["step"]["kind"] == "paused"
    resumed = _send(user_a, {"type": "resume"})
    assert resumed["step"] == view["step"]


def test_set_done_load_in_pounds_is_stored_in_kg(user_a: Visitor) -> None:
    view = _until(user_a, _start(user_a), "exercise")
    _send(user_a, {"type": "set_done", "reps": 10, "load": 30, "unit": "lb", "rir": 2})
    sets = user_a.get(f"{API}/workouts/{view['workout_id']}").json()["sets"]
    assert sets[-1]["load_kg"] == pytest.approx(lb_to_kg(30))


def test_skip_exercise_skips_every_set_of_it(user_a: Visitor) -> None:
    view = _until(user_a, _start(user_a), "exercise")
    skipped = view["step"]["exercise_id"]
    after = _send(user_a, {"type": "skip_exercise"})
    assert after["step"].get("exercise_id") != skipped


def test_starting_the_same_day_again_returns_the_session_in_progress(user_a: Visitor) -> None:
    view = _start(user_a)
    _send(user_a, _answer(view["step"]))
    current = user_a.get(f"{API}/guided").json()
    again = user_a.post(f"{API}/guided/start", json={"date": view["session_date"]})
    assert again.status_code == 201
    assert again.json() == current


def test_starting_another_day_while_one_is_in_progress_is_a_conflict(user_a: Visitor) -> None:
    plan = with_plan(user_a)
    first, second = (s["date"] for s in plan["weeks"][0]["sessions"][:2])
    assert user_a.post(f"{API}/guided/start", json={"date": first}).status_code == 201
    response = user_a.post(f"{API}/guided/start", json={"date": second})
    assert response.status_code == 409
    assert user_a.get(f"{API}/guided").json()["session_date"] == first


def test_start_without_a_planned_session_that_day_is_refused(user_a: Visitor) -> None:
    user_a.post(f"{API}/screening", json={"answers": {}})
    response = user_a.post(f"{API}/guided/start", json={"date": "2020-01-01"})
    assert response.status_code == 422
    assert error_fields(response) == ["date"]


@pytest.mark.parametrize(("body", "field"), [({"date": "tomorrow"}, "date"), ({"day": "2026-01-01"}, "day")])
def test_start_refuses_a_bad_body(user_a: Visitor, body: dict[str, str], field: str) -> None:
    response = user_a.post(f"{API}/guided/start", json=body)
    assert response.status_code == 422
    assert error_fields(response) == [field]


def test_a_stale_token_is_a_conflict_and_changes_nothing(user_a: Visitor) -> None:
    view = _start(user_a)
    _send(user_a, _answer(view["step"]) | {"token": view["token"]})
    current = user_a.get(f"{API}/guided").json()
    response = user_a.post(f"{API}/guided/events", json=_answer(view["step"]) | {"token": view["token"]})
    assert response.status_code == 409
    assert user_a.get(f"{API}/guided").json() == current


def test_events_without_a_session_in_progress_are_404(user_a: Visitor) -> None:
    response = user_a.post(f"{API}/guided/events", json={"type": "continue"})
    assert response.status_code == 404
    assert user_a.get(f"{API}/guided").status_code == 404


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"type": "dance"}, "type"),
        ({}, "type"),
        ({"type": "set_done"}, None),  # set_done needs reps (the model's own check)
        ({"type": "set_done", "reps": -2}, "reps"),
        ({"type": "set_done", "reps": 5, "rir": 12}, "rir"),
        ({"type": "set_done", "reps": 5, "load": 10, "load_kg": 10}, None),
        ({"type": "pain", "location": "lower_back"}, None),
        ({"type": "pain", "location": "tail", "severity": 3}, "location"),
        ({"type": "pain", "location": "lower_back", "severity": 12}, "severity"),
        ({"type": "continue", "at": "2026-01-01T00:00:00+00:00"}, "at"),  # the server dates events
    ],
)
def test_events_refuse_bad_input(user_a: Visitor, event: dict[str, Any], field: str | None) -> None:
    view = _start(user_a)
    response = user_a.post(f"{API}/guided/events", json=event)
    assert response.status_code == 422, response.text
    assert error_fields(response) == [field]
    assert user_a.get(f"{API}/guided").json() == view


def test_an_event_that_makes_no_sense_now_is_refused(user_a: Visitor) -> None:
    view = _start(user_a)
    response = user_a.post(f"{API}/guided/events", json={"type": "resume"})
    assert response.status_code == 422
    assert "not paused" in response.json()["errors"][0]["message"]
    assert user_a.get(f"{API}/guided").json() == view


# An id is digits (``/guided/{guided_id:int}``): "abc" names no guided workout, as "start" does not.
@pytest.mark.parametrize(("guided_id", "status"), [("999", 404), ("abc", 404), ("2147483648", 422)])
def test_guided_by_id_refuses_unknown_or_bad_ids(user_a: Visitor, guided_id: str, status: int) -> None:
    assert user_a.get(f"{API}/guided/{guided_id}").status_code == status


def test_guided_by_id_shows_the_one_in_progress(user_a: Visitor) -> None:
    view = _start(user_a)
    assert user_a.get(f"{API}/guided/{view['id']}").json() == view


def test_a_damaged_saved_state_does_not_block_starting_again(multi_app: FastAPI, user_a: Visitor) -> None:
    from backcoach.store import active_guided, save_guided, session_scope

    view = _start(user_a)
    with session_scope(multi_app.state.engine) as db:
        record = active_guided(db, user_id=user_a.user_id)
        assert record is not None
        save_guided(
            db,
            user_id=record.user_id,
            session_date=record.session_date,
            state={**record.state, "version": 99},
            planned_session_id=record.planned_session_id,
            workout_id=record.workout_id,
        )
    shown = user_a.get(f"{API}/guided")
    assert shown.status_code == 422
    assert error_fields(shown) == ["state"]
    again = user_a.post(f"{API}/guided/start", json={"date": view["session_date"]})
    assert again.status_code == 201
    assert again.json()["id"] != view["id"]
    assert again.json()["step"]["kind"] == "drill"
