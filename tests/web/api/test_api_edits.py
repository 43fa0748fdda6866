"""Correcting the log over the API: edit a set, delete a set or a workout, undo a delete."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from web_helpers import API, Visitor, error_fields

ROW = "one-arm-dumbbell-row"


def _log(visitor: Visitor, sets: list[dict[str, Any]], *, days_ago: int = 0) -> dict[str, Any]:
    at = (datetime.now().astimezone() - timedelta(days=days_ago)).isoformat()
    response = visitor.post(f"{API}/sets", json={"exercise_id": ROW, "sets": sets, "at": at})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _records(visitor: Visitor) -> dict[int, float]:
    progress = visitor.get(f"{API}/progress/{ROW}").json()
    return {r["reps"]: r["load_kg"] for r in progress["records"]}


def test_every_set_in_a_workout_carries_its_id(user_a: Visitor) -> None:
    logged = _log(user_a, [{"reps": 10, "load_kg": 20}, {"reps": 9, "load_kg": 20}])
    ids = [s["id"] for s in logged["sets"]]
    assert all(isinstance(i, int) for i in ids) and len(set(ids)) == 2
    workout = user_a.get(f"{API}/workouts/{logged['workout_id']}").json()
    assert [s["id"] for s in workout["sets"]] == ids
    assert [s["id"] for s in user_a.get(f"{API}/workouts").json()[0]["sets"]] == ids


def test_editing_a_set_changes_only_the_fields_given_and_rebuilds_the_records(user_a: Visitor) -> None:
    logged = _log(user_a, [{"reps": 10, "load_kg": 20, "rir": 2}])
    set_id = logged["sets"][0]["id"]
    assert _records(user_a) == {10: 20.0}
    response = user_a.request("PATCH", f"{API}/sets/{set_id}", json={"load_kg": 25})
    assert response.status_code == 200, response.text
    [edited] = response.json()["sets"]
    assert (edited["id"], edited["reps"], edited["load_kg"], edited["rir"]) == (set_id, 10, 25.0, 2.0)
    assert _records(user_a) == {10: 25.0}


def test_editing_a_set_in_pounds_keeps_kilograms_and_the_unit_typed(user_a: Visitor) -> None:
    set_id = _log(user_a, [{"reps": 8, "load_kg": 20}])["sets"][0]["id"]
    [edited] = user_a.request("PATCH", f"{API}/sets/{set_id}", json={"load": 45, "unit": "lb"}).json()["sets"]
    assert edited["load_kg"] == pytest.approx(20.41, abs=0.01)
    assert edited["entered_unit"] == "lb"


def test_an_edit_to_zero_reps_is_refused(user_a: Visitor) -> None:
    set_id = _log(user_a, [{"reps": 8, "load_kg": 20}])["sets"][0]["id"]
    response = user_a.request("PATCH", f"{API}/sets/{set_id}", json={"reps": 0})
    assert response.status_code == 422
    assert error_fields(response) == ["reps"]


def test_a_zero_rep_set_is_refused_with_a_clear_error(user_a: Visitor) -> None:
    response = user_a.post(f"{API}/sets", json={"exercise_id": ROW, "sets": [{"reps": 0, "load_kg": 20}]})
    assert response.status_code == 422
    assert error_fields(response) == ["sets[0].reps"]
    assert "at least 1 rep" in response.text
    assert user_a.get(f"{API}/workouts").json() == []


def test_deleting_the_record_set_brings_back_the_previous_record_and_undo_restores_it(
    user_a: Visitor,
) -> None:
    _log(user_a, [{"reps": 8, "load_kg": 20}], days_ago=3)
    best = _log(user_a, [{"reps": 12, "load_kg": 28}])
    # 28 kg for 12 proves 28 kg for 8: the rep maximum for 8 can never be below the one for 12.
    assert _records(user_a) == {8: 28.0, 12: 28.0}
    set_id = best["sets"][0]["id"]
    response = user_a.delete(f"{API}/sets/{set_id}")
    assert response.status_code == 200, response.text
    deleted = response.json()
    assert (deleted["deleted"], deleted["id"]) == ("set", set_id)
    assert _records(user_a) == {8: 20.0}
    assert user_a.get(f"{API}/workouts/{best['workout_id']}").json()["sets"] == []
    undone = user_a.post(f"{API}/undo", json={"token": deleted["undo_token"]})
    assert undone.status_code == 201, undone.text
    assert undone.json()["workout_id"] == best["workout_id"]
    assert _records(user_a) == {8: 28.0, 12: 28.0}
    [back] = user_a.get(f"{API}/workouts/{best['workout_id']}").json()["sets"]
    assert (back["reps"], back["load_kg"]) == (12, 28.0)


def test_deleting_a_workout_removes_its_sets_and_undo_brings_it_back(user_a: Visitor) -> None:
    logged = _log(user_a, [{"reps": 10, "load_kg": 20}, {"reps": 9, "load_kg": 20}])
    response = user_a.delete(f"{API}/workouts/{logged['workout_id']}")
    assert response.status_code == 200, response.text
    assert user_a.get(f"{API}/workouts").json() == []
    assert _records(user_a) == {}
    assert user_a.get(f"{API}/workouts/{logged['workout_id']}").status_code == 404
    undone = user_a.post(f"{API}/undo", json={"token": response.json()["undo_token"]})
    assert undone.status_code == 201, undone.text
    [back] = user_a.get(f"{API}/workouts").json()
    assert [s["reps"] for s in back["sets"]] == [10, 9]
    assert _records(user_a) == {9: 20.0, 10: 20.0}


def test_another_persons_set_or_workout_is_404_and_untouched(user_a: Visitor, user_b: Visitor) -> None:
    logged = _log(user_a, [{"reps": 10, "load_kg": 20}])
    set_id = logged["sets"][0]["id"]
    assert user_b.request("PATCH", f"{API}/sets/{set_id}", json={"reps": 5}).status_code == 404
    assert user_b.delete(f"{API}/sets/{set_id}").status_code == 404
    assert user_b.delete(f"{API}/workouts/{logged['workout_id']}").status_code == 404
    assert [s["reps"] for s in user_a.get(f"{API}/workouts").json()[0]["sets"]] == [10]


def test_an_undo_token_of_a_set_cannot_restore_into_another_persons_workout(
    user_a: Visitor, user_b: Visitor
) -> None:
    logged = _log(user_a, [{"reps": 10, "load_kg": 20}, {"reps": 9, "load_kg": 20}])
    token = user_a.delete(f"{API}/sets/{logged['sets'][0]['id']}").json()["undo_token"]
    assert user_b.post(f"{API}/undo", json={"token": token}).status_code == 404


def test_a_token_that_is_not_an_undo_token_is_refused(user_a: Visitor) -> None:
    response = user_a.post(f"{API}/undo", json={"token": "not-a-token"})
    assert response.status_code == 422
    assert error_fields(response) == ["token"]


def test_a_workout_is_rated_and_noted(user_a: Visitor, user_b: Visitor) -> None:
    logged = _log(user_a, [{"reps": 10, "load_kg": 20}])
    path = f"{API}/workouts/{logged['workout_id']}"
    response = user_a.request("PATCH", path, json={"feeling": "good", "notes": "Easy today."})
    assert response.status_code == 200, response.text
    assert (response.json()["feeling"], response.json()["notes"]) == ("good", "Easy today.")
    assert user_a.request("PATCH", path, json={"feeling": "great"}).status_code == 422
    assert user_b.request("PATCH", path, json={"feeling": "bad"}).status_code == 404
    assert user_a.get(path).json()["feeling"] == "good"


def test_the_guided_step_carries_last_time_and_the_load_to_prefill(user_a: Visitor) -> None:
    from test_api_guided import _start, _until

    view = _until(user_a, _start(user_a), "exercise")
    exercise_id = view["step"]["exercise_id"]
    assert user_a.get(f"{API}/guided").json()["at_the_set"]["last_time"] is None
    at = (datetime.now().astimezone() - timedelta(days=3)).isoformat()
    logged = user_a.post(
        f"{API}/sets", json={"exercise_id": exercise_id, "sets": [{"reps": 7, "load_kg": 12.5}], "at": at}
    )
    assert logged.status_code == 201, logged.text
    helps = user_a.get(f"{API}/guided").json()["at_the_set"]
    assert [s["reps"] for s in helps["last_time"]["sets"]] == [7]
    planned = view["step"]["load_kg"]
    lifted = logged.json()["sets"][0]["load_kg"]  # None on a body-weight exercise
    assert helps["load_kg"] == (planned if planned is not None else lifted)
