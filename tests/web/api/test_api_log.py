"""The training log over the API: logging sets, workouts, progress, volume and recovery."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from web_helpers import API, Visitor, error_fields

from backcoach.analysis import iso_week
from backcoach.science.units import lb_to_kg


def _log(visitor: Visitor, **body: object) -> dict[str, object]:
    fields = {"exercise_id": "one-arm-dumbbell-row", "sets": [{"reps": 10, "load_kg": 20, "rir": 2}], **body}
    response = visitor.post(f"{API}/sets", json=fields)
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result


def test_sets_post_logs_a_new_workout(user_a: Visitor) -> None:
    body = _log(user_a, sets=[{"reps": 10, "load_kg": 20, "rir": 2}, {"reps": 9, "load_kg": 20, "rir": 1}])
    assert body["exercise_id"] == "one-arm-dumbbell-row"
    sets = body["sets"]
    assert isinstance(sets, list)
    assert [(s["reps"], s["load_kg"], s["rir"], s["type"]) for s in sets] == [
        (10, 20.0, 2.0, "working"),
        (9, 20.0, 1.0, "working"),
    ]
    workouts = user_a.get(f"{API}/workouts").json()
    assert [w["id"] for w in workouts] == [body["workout_id"]]
    assert len(workouts[0]["sets"]) == 2


def test_sets_post_converts_pounds_at_the_edge(user_a: Visitor) -> None:
    body = _log(user_a, sets=[{"reps": 8, "load": 45}], unit="lb")
    sets = body["sets"]
    assert isinstance(sets, list)
    assert sets[0]["load_kg"] == pytest.approx(lb_to_kg(45))
    assert sets[0]["entered_unit"] == "lb"


def test_sets_post_reads_zero_on_a_body_weight_exercise_as_no_load(user_a: Visitor) -> None:
    body = _log(user_a, exercise_id="inverted-row", sets=[{"reps": 12, "load_kg": 0}])
    sets = body["sets"]
    assert isinstance(sets, list)
    assert sets[0]["load_kg"] is None


def test_sets_post_flags_new_records(user_a: Visitor) -> None:
    earlier = (datetime.now().astimezone() - timedelta(days=3)).isoformat()
    _log(user_a, at=earlier)
    body = _log(user_a, sets=[{"reps": 10, "load_kg": 24, "rir": 2}])
    records = body["records"]
    assert isinstance(records, list)
    assert {r["kind"] for r in records} == {"rep_max", "e1rm"}


def test_sets_post_adds_to_an_own_workout(user_a: Visitor) -> None:
    first = _log(user_a)
    again = _log(user_a, workout_id=first["workout_id"], sets=[{"reps": 8, "load_kg": 22}])
    assert again["workout_id"] == first["workout_id"]
    workout = user_a.get(f"{API}/workouts/{first['workout_id']}").json()
    assert [s["reps"] for s in workout["sets"]] == [10, 8]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sets": [{"reps": -1}]}, "sets.0.reps"),
        ({"sets": [{"reps": 101}]}, "sets.0.reps"),
        ({"sets": [{"reps": 5, "load_kg": 2000}]}, "sets.0.load_kg"),
        ({"sets": [{"reps": 5, "rir": 11}]}, "sets.0.rir"),
        ({"sets": [{"reps": 5, "type": "mega"}]}, "sets.0.type"),
        ({"sets": [{"reps": 5, "load": 10, "load_kg": 10}]}, "sets.0"),
        ({"sets": []}, "sets"),
        ({"unit": "stone"}, "unit"),
        ({"exercise_id": "pull-upp"}, "exercise_id"),
        ({"at": "2026-01-01T10:00:00"}, "at"),  # no time zone
        ({"at": "3026-01-01T10:00:00+00:00"}, "at"),  # in the future
        ({"at": "yesterday"}, "at"),
        ({"workout_id": "first"}, "workout_id"),
    ],
)
def test_sets_post_refuses_bad_input(user_a: Visitor, changes: dict[str, object], field: str) -> None:
    body = {"exercise_id": "one-arm-dumbbell-row", "sets": [{"reps": 10, "load_kg": 20}], **changes}
    response = user_a.post(f"{API}/sets", json=body)
    assert response.status_code == 422, response.text
    assert error_fields(response) == [field]
    assert user_a.get(f"{API}/workouts").json() == []


def test_sets_post_refuses_a_failure_set_with_reps_in_reserve(user_a: Visitor) -> None:
    body = {"exercise_id": "one-arm-dumbbell-row", "sets": [{"reps": 5, "type": "failure", "rir": 2}]}
    response = user_a.post(f"{API}/sets", json=body)
    assert response.status_code == 422
    assert error_fields(response) == ["rir"]


def test_workouts_since_keeps_the_later_ones(user_a: Visitor) -> None:
    now = datetime.now().astimezone()
    _log(user_a, at=(now - timedelta(days=10)).isoformat())
    recent = _log(user_a, at=(now - timedelta(days=1)).isoformat())
    since = (now - timedelta(days=5)).date().isoformat()
    assert [w["id"] for w in user_a.get(f"{API}/workouts?since={since}").json()] == [recent["workout_id"]]
    assert len(user_a.get(f"{API}/workouts").json()) == 2


def test_workouts_refuses_a_bad_since(user_a: Visitor) -> None:
    response = user_a.get(f"{API}/workouts?since=last-week")
    assert response.status_code == 422
    assert error_fields(response) == ["since"]


def test_workout_by_id(user_a: Visitor) -> None:
    logged = _log(user_a)
    response = user_a.get(f"{API}/workouts/{logged['workout_id']}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == logged["workout_id"]
    assert body["sets"][0]["exercise_id"] == "one-arm-dumbbell-row"


@pytest.mark.parametrize(("workout_id", "status"), [("999", 404), ("abc", 422)])
def test_workout_by_id_refuses_unknown_or_bad_ids(user_a: Visitor, workout_id: str, status: int) -> None:
    assert user_a.get(f"{API}/workouts/{workout_id}").status_code == status


def test_progress_has_the_cli_shape(user_a: Visitor) -> None:
    now = datetime.now().astimezone()
    _log(user_a, at=(now - timedelta(days=7)).isoformat())
    _log(user_a, sets=[{"reps": 8, "load_kg": 24, "rir": 2}])
    response = user_a.get(f"{API}/progress/one-arm-dumbbell-row")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"exercise_id", "name", "e1rm", "records", "best_e1rm_kg"}
    assert len(body["e1rm"]) == 2
    assert [r["reps"] for r in body["records"]] == [8, 10]
    assert body["best_e1rm_kg"] == max(p["e1rm_kg"] for p in body["e1rm"])


def test_progress_of_an_unknown_exercise_is_404(user_a: Visitor) -> None:
    response = user_a.get(f"{API}/progress/pull-upp")
    assert response.status_code == 404
    assert error_fields(response) == ["exercise"]


def test_volume_counts_this_weeks_hard_sets(user_a: Visitor) -> None:
    _log(user_a, sets=[{"reps": 10, "load_kg": 20}] * 3)
    response = user_a.get(f"{API}/volume")
    assert response.status_code == 200
    body = response.json()
    assert body["week"] == iso_week(datetime.now().astimezone().date())
    assert body["muscles"]["latissimus-dorsi"]["sets"] > 0
    assert {"sets", "mev", "mav", "mrv", "status"} == set(body["muscles"]["latissimus-dorsi"])


def test_volume_of_another_week_is_empty(user_a: Visitor) -> None:
    _log(user_a)
    body = user_a.get(f"{API}/volume?week=2020-W01").json()
    assert body["week"] == "2020-W01"
    assert all(m["sets"] == 0 for m in body["muscles"].values())


@pytest.mark.parametrize("week", ["2026-49", "W49", "2026-W60", "x" * 11])
def test_volume_refuses_a_bad_week(user_a: Visitor, week: str) -> None:
    response = user_a.get(f"{API}/volume", params={"week": week})
    assert response.status_code == 422
    assert error_fields(response) == ["week"]


def test_recovery_drops_after_hard_sets(user_a: Visitor) -> None:
    fresh = user_a.get(f"{API}/recovery")
    assert fresh.status_code == 200
    assert set(fresh.json().values()) == {100.0}
    _log(user_a, sets=[{"reps": 10, "load_kg": 20, "rir": 1}] * 4)
    assert user_a.get(f"{API}/recovery").json()["latissimus-dorsi"] < 100
