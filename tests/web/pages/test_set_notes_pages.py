"""A note on a set from the pages: typed at the set during a guided workout, shown in history and
on the workout's page, and corrected there."""

from __future__ import annotations

from page_helpers import parse, step_of
from test_at_the_set import _walk_until
from test_workout_pages import start
from web_helpers import API, Visitor


def test_a_note_typed_at_the_set_is_kept_and_shown_in_history(me: Visitor) -> None:
    html = _walk_until(me, start(me), "exercise")
    page = parse(html)
    [field] = page.find("input", name="note")
    assert field.attrs["maxlength"] == "280" and "details" in field.ancestors  # folded away until wanted
    _, token = step_of(html)
    fields = {
        "type": "set_done",
        "token": token or "",
        "reps": page.find("input", name="reps")[0].attrs["value"],
    }
    loads = page.find("input", name="load")
    if loads:
        fields.update(load=loads[0].attrs["value"] or "10", unit="kg")
    answer = me.form("/workout/event", fields | {"note": "left shoulder felt tight"})
    assert answer.status_code == 200, answer.text
    [workout] = me.get(f"{API}/workouts").json()
    noted = [s for s in workout["sets"] if s["note"]]
    assert [s["note"] for s in noted] == ["left shoulder felt tight"]
    assert "Note: left shoulder felt tight" in me.get("/history").text
    assert "Note: left shoulder felt tight" in me.get(f"/history/{workout['id']}").text


def test_a_too_long_note_at_the_set_is_refused_beside_its_field(me: Visitor) -> None:
    html = _walk_until(me, start(me), "exercise")
    _, token = step_of(html)
    answer = me.form(
        "/workout/event", {"type": "set_done", "token": token or "", "reps": "8", "note": "x" * 300}
    )
    assert answer.status_code == 422
    assert 'aria-describedby="note-error"' in answer.text and "more than 280" in answer.text


def test_a_note_is_corrected_on_the_workout_page(me: Visitor) -> None:
    logged = me.post(f"{API}/sets", json={"exercise_id": "pull-up", "sets": [{"reps": 6, "note": "kipped"}]})
    assert logged.status_code == 201, logged.text
    workout_id, set_id = logged.json()["workout_id"], logged.json()["sets"][0]["id"]
    response = me.form(f"/history/{workout_id}/sets/{set_id}", {"reps": "6", "load": "", "note": "strict"})
    assert response.status_code == 200
    [s] = me.get(f"{API}/workouts/{workout_id}").json()["sets"]
    assert s["note"] == "strict"
    assert "Note: strict" in response.text
