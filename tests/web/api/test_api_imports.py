"""POST /api/v1/imports (a multipart upload) and /api/v1/exercise-mappings: the CLI's report,
a dry run that writes nothing, a refusal naming the line, a replayed key that imports once."""

from __future__ import annotations

from pathlib import Path

from web_helpers import API, Visitor, with_plan

FIXTURES = Path(__file__).resolve().parents[2] / "interop" / "fixtures"


def _upload(visitor: Visitor, name: str, headers: dict[str, str] | None = None, **form: str) -> object:
    data = (FIXTURES / name).read_bytes()
    return visitor.post(
        f"{API}/imports", files={"file": (name, data, "text/csv")}, data=form, headers=headers
    )


def test_upload_imports_and_answers_the_report(user_a: Visitor) -> None:
    dry = _upload(user_a, "hevy_kg.csv", dry_run="true", tz="Europe/Berlin")
    assert dry.status_code == 201, dry.text  # type: ignore[attr-defined]
    assert dry.json()["dry_run"] is True and dry.json()["imported"] == 5  # type: ignore[attr-defined]
    assert user_a.get(f"{API}/workouts").json() == []
    done = _upload(user_a, "hevy_kg.csv", tz="Europe/Berlin").json()  # type: ignore[attr-defined]
    assert (done["format"], done["imported"], done["workouts"]) == ("hevy", 5, 1)
    assert len(user_a.get(f"{API}/workouts").json()) == 1
    again = _upload(user_a, "hevy_kg.csv", tz="Europe/Berlin").json()  # type: ignore[attr-defined]
    assert (again["imported"], again["merged"]) == (0, 5)


def test_a_replayed_key_imports_once(user_a: Visitor) -> None:
    key = {"Idempotency-Key": "import-1"}
    first = _upload(user_a, "strong_c2_no_notes.csv", headers=key, unit="kg", tz="UTC")
    second = _upload(user_a, "strong_c2_no_notes.csv", headers=key, unit="kg", tz="UTC")
    assert first.json() == second.json()  # type: ignore[attr-defined]
    assert second.headers["Idempotent-Replayed"] == "true"  # type: ignore[attr-defined]


def test_a_bad_file_is_refused_naming_the_line(user_a: Visitor) -> None:
    bad = b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Row,1,1,x\n"
    response = user_a.post(
        f"{API}/imports", files={"file": ("bad.csv", bad, "text/csv")}, data={"unit": "kg"}
    )
    assert response.status_code in (400, 422), response.text
    assert "line 2" in response.text and "reps" in response.text
    assert user_a.get(f"{API}/workouts").json() == []


def test_a_mapping_moves_imported_sets(user_a: Visitor) -> None:
    own = b"Date,Exercise,Sets,Reps,Weight,isWarmup,Note\n2019-02-13,Door Frame Row,1,10,0,,\n"
    report = user_a.post(
        f"{API}/imports", files={"file": ("own.csv", own, "text/csv")}, data={"unit": "kg", "tz": "UTC"}
    ).json()
    assert [c["name"] for c in report["exercises"]["custom"]] == ["Door Frame Row"]
    fixed = user_a.post(
        f"{API}/exercise-mappings", json={"name": "Door Frame Row", "exercise_id": "inverted-row"}
    )
    assert fixed.status_code == 201 and fixed.json()["moved"] == 1
    sets = user_a.get(f"{API}/workouts").json()[0]["sets"]
    assert {s["exercise_id"] for s in sets} == {"inverted-row"}


def test_a_calendar_link_serves_the_plan_until_revoked(user_a: Visitor, anon: Visitor) -> None:
    from icalendar import Calendar

    with_plan(user_a)
    link = user_a.post(f"{API}/calendar-token")
    assert link.status_code == 201, link.text
    token, url = link.json()["token"], link.json()["url"]
    assert len(token) >= 40 and url.endswith(f"/calendar.ics?token={token}")
    feed = anon.client.get(f"{API}/calendar.ics", params={"token": token, "tz": "Europe/Berlin"})
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    events = list(Calendar.from_ical(feed.content).walk("VEVENT"))
    assert events and str(events[0]["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert anon.client.get(f"{API}/calendar.ics", params={"token": token + "x"}).status_code == 404
    newer = user_a.post(f"{API}/calendar-token").json()["token"]
    assert anon.client.get(f"{API}/calendar.ics", params={"token": token}).status_code == 404
    assert user_a.delete(f"{API}/calendar-token").status_code == 204
    assert anon.client.get(f"{API}/calendar.ics", params={"token": newer}).status_code == 404
    assert user_a.delete(f"{API}/calendar-token").status_code == 404
