"""History by calendar month, and correcting a workout on its page: edit, delete and undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from page_helpers import parse
from web_helpers import API, Visitor

from backcoach.web.pages.rendering import now

ROW = "one-arm-dumbbell-row"


def _log(visitor: Visitor, sets: list[dict[str, Any]], at: datetime | None = None) -> dict[str, Any]:
    body = {"exercise_id": ROW, "sets": sets, "at": (at or now()).isoformat()}
    response = visitor.post(f"{API}/sets", json=body)
    assert response.status_code == 201, response.text
    logged: dict[str, Any] = response.json()
    return logged


def _records(visitor: Visitor) -> dict[int, float]:
    return {r["reps"]: r["load_kg"] for r in visitor.get(f"{API}/progress/{ROW}").json()["records"]}


def _undo_token(html: str) -> str:
    [field] = [e for e in parse(html).find("input") if e.attrs.get("name") == "token"]
    return field.attrs["value"]


def test_history_shows_one_month_with_links_to_the_months_around_it(me: Visitor) -> None:
    today = now()
    _log(me, [{"reps": 10, "load_kg": 20}], at=today)
    earlier = today.replace(day=1) - timedelta(days=40)
    _log(me, [{"reps": 8, "load_kg": 18}], at=earlier)
    page = me.get("/history").text
    assert today.strftime("%B %Y") in page
    assert page.count("workout-entry") == 1
    assert f"/history?month={(today.replace(day=1) - timedelta(days=1)).strftime('%Y-%m')}" in page
    assert 'rel="next"' not in page  # nothing after this month
    back = me.get(f"/history?month={earlier.strftime('%Y-%m')}").text
    assert back.count("workout-entry") == 1
    assert "8 reps" in back or "8 reps @" in back
    assert 'rel="next"' in back


def test_an_empty_month_says_so(me: Visitor) -> None:
    assert "No workouts in January 2024" in me.get("/history?month=2024-01").text
    assert "No workouts yet" in me.get("/history").text


def test_a_month_that_is_not_a_month_is_refused(me: Visitor) -> None:
    assert me.get("/history?month=2026-13").status_code == 422


def test_a_set_is_corrected_on_the_workout_page_and_the_records_follow(me: Visitor) -> None:
    logged = _log(me, [{"reps": 10, "load_kg": 20}])
    workout_id, set_id = logged["workout_id"], logged["sets"][0]["id"]
    response = me.form(f"/history/{workout_id}/sets/{set_id}", {"reps": "8", "load": "25", "rir": "2"})
    assert response.status_code == 200  # redirected back to the workout
    [s] = me.get(f"{API}/workouts/{workout_id}").json()["sets"]
    assert (s["reps"], s["load_kg"], s["rir"]) == (8, 25.0, 2.0)
    assert _records(me) == {8: 25.0}


def test_a_zero_rep_correction_is_refused_beside_the_form(me: Visitor) -> None:
    logged = _log(me, [{"reps": 10, "load_kg": 20}])
    workout_id, set_id = logged["workout_id"], logged["sets"][0]["id"]
    response = me.form(f"/history/{workout_id}/sets/{set_id}", {"reps": "0", "load": "20"})
    assert response.status_code == 422
    assert "at least 1 rep" in response.text
    assert [s["reps"] for s in me.get(f"{API}/workouts/{workout_id}").json()["sets"]] == [10]


def test_a_deleted_set_can_be_put_back_with_undo(me: Visitor) -> None:
    logged = _log(me, [{"reps": 10, "load_kg": 20}, {"reps": 12, "load_kg": 28}])
    workout_id, best = logged["workout_id"], logged["sets"][1]["id"]
    deleted = me.form(f"/history/{workout_id}/sets/{best}/delete", {})
    assert deleted.status_code == 200
    assert "Set deleted" in deleted.text and "Undo" in deleted.text
    assert _records(me) == {10: 20.0}
    undone = me.form("/history/undo", {"token": _undo_token(deleted.text)})
    assert undone.status_code == 200
    assert _records(me) == {10: 28.0, 12: 28.0}
    assert [s["reps"] for s in me.get(f"{API}/workouts/{workout_id}").json()["sets"]] == [10, 12]


def test_a_deleted_workout_can_be_put_back_with_undo(me: Visitor) -> None:
    logged = _log(me, [{"reps": 10, "load_kg": 20}])
    deleted = me.form(f"/history/{logged['workout_id']}/delete", {})
    assert "Workout deleted" in deleted.text
    assert me.get(f"{API}/workouts").json() == []
    me.form("/history/undo", {"token": _undo_token(deleted.text)})
    assert len(me.get(f"{API}/workouts").json()) == 1


def test_another_persons_set_cannot_be_changed_from_the_pages(account: Callable[[str], Visitor]) -> None:
    ana, ben = account("Ana"), account("Ben")
    logged = _log(ana, [{"reps": 10, "load_kg": 20}])
    workout_id, set_id = logged["workout_id"], logged["sets"][0]["id"]
    assert ben.form(f"/history/{workout_id}/sets/{set_id}", {"reps": "5"}).status_code == 404
    assert ben.form(f"/history/{workout_id}/sets/{set_id}/delete", {}).status_code == 404
    assert ben.form(f"/history/{workout_id}/delete", {}).status_code == 404
    assert [s["reps"] for s in ana.get(f"{API}/workouts/{workout_id}").json()["sets"]] == [10]


def test_a_free_workout_is_started_and_filled_from_the_pages(me: Visitor) -> None:
    from page_helpers import screen_all_no

    screen_all_no(me)
    started = me.form("/history/free", {})
    assert started.status_code == 200
    workout_id = int(str(started.url).split("/history/")[1].split("#")[0])
    added = me.form(
        f"/history/{workout_id}/sets", {"exercise": "latt pulldwn", "sets": "3", "reps": "10", "load": "40"}
    )
    assert added.status_code == 200
    me.form(f"/history/{workout_id}/sets", {"exercise": "Pull-Up", "reps": "6"})
    sets = me.get(f"{API}/workouts/{workout_id}").json()["sets"]
    assert [(s["exercise_id"], s["reps"], s["load_kg"]) for s in sets] == [
        *[("lat-pulldown", 10, 40.0)] * 3,
        ("pull-up", 6, None),
    ]
    refused = me.form(f"/history/{workout_id}/sets", {"exercise": "sdfgsdfg", "reps": "6"})
    assert refused.status_code == 422 and "No exercise matches" in refused.text


def test_history_shows_timed_work_in_seconds_and_the_cool_down_as_such() -> None:
    from backcoach.sessions import LoggedSet, SetType
    from backcoach.web.pages.history import grouped

    at = now()

    def done(exercise: str, kind: SetType, reps: int, hold: int | None = None) -> LoggedSet:
        return LoggedSet(exercise, at, reps, None, kind, hold_s=hold)

    sets = [
        done("cat-cow", SetType.WARMUP, 8),
        done("front-plank", SetType.WORKING, 1, 30),
        done("front-plank", SetType.WORKING, 1, 30),
        done("front-plank", SetType.WORKING, 1, 30),
        done("childs-pose", SetType.WARMUP, 1, 60),
    ]
    groups = grouped(sets)
    assert [(g.exercise_id, g.set_type, len(g.reps), g.hold_s) for g in groups] == [
        ("cat-cow", "warm-up", 1, None),
        ("front-plank", "working", 3, 30),
        ("childs-pose", "cool-down", 1, 60),
    ]


def test_the_history_page_writes_a_hold_as_sets_times_seconds(me: Visitor) -> None:
    response = me.post(
        f"{API}/sets", json={"exercise_id": "front-plank", "sets": [{"reps": 1, "hold_s": 30}] * 3}
    )
    assert response.status_code == 201, response.text
    page = me.get("/history").text
    assert "3 × 30 s" in page
    assert "1 reps" not in page
