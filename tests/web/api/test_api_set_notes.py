"""A note on one set over the API: logged with it, shown in the workout, corrected, cleared, bounded."""

from __future__ import annotations

from typing import Any

from web_helpers import API, Visitor, error_fields

ROW = "one-arm-dumbbell-row"


def _log(visitor: Visitor, sets: list[dict[str, Any]]) -> dict[str, Any]:
    response = visitor.post(f"{API}/sets", json={"exercise_id": ROW, "sets": sets})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_note_logged_with_a_set_is_in_the_workout_and_can_be_corrected_and_cleared(
    user_a: Visitor,
) -> None:
    logged = _log(
        user_a, [{"reps": 10, "load_kg": 20}, {"reps": 8, "load_kg": 20, "note": "  grip slipped  "}]
    )
    assert [s["note"] for s in logged["sets"]] == [None, "grip slipped"]
    set_id = logged["sets"][1]["id"]
    workout = user_a.get(f"{API}/workouts/{logged['workout_id']}").json()
    assert [s["note"] for s in workout["sets"]] == [None, "grip slipped"]

    edited = user_a.request("PATCH", f"{API}/sets/{set_id}", json={"note": "chalk next time"})
    assert edited.status_code == 200, edited.text
    assert [s["note"] for s in edited.json()["sets"]] == [None, "chalk next time"]
    other = user_a.request("PATCH", f"{API}/sets/{set_id}", json={"reps": 9}).json()["sets"][1]
    assert (other["reps"], other["note"]) == (9, "chalk next time")  # an edit of reps keeps the note
    cleared = user_a.request("PATCH", f"{API}/sets/{set_id}", json={"note": ""}).json()["sets"][1]
    assert cleared["note"] is None


def test_a_note_longer_than_a_line_or_two_is_refused_naming_the_field(user_a: Visitor) -> None:
    response = user_a.post(
        f"{API}/sets", json={"exercise_id": ROW, "sets": [{"reps": 10, "load_kg": 20, "note": "x" * 281}]}
    )
    assert response.status_code == 422
    assert error_fields(response) == ["sets.0.note"]
    set_id = _log(user_a, [{"reps": 10, "load_kg": 20}])["sets"][0]["id"]
    patched = user_a.request("PATCH", f"{API}/sets/{set_id}", json={"note": "y" * 281})
    assert patched.status_code == 422
    assert error_fields(patched) == ["note"]


def test_a_cool_down_set_can_be_logged_and_counts_for_no_record(user_a: Visitor) -> None:
    logged = _log(user_a, [{"reps": 10, "load_kg": 30, "type": "cooldown"}])
    assert logged["sets"][0]["type"] == "cooldown" and logged["records"] == []
