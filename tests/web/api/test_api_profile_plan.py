"""Profile and plan over the API: versions, validation, the screening applied, no-plan answers."""

from __future__ import annotations

from datetime import date

import pytest
from web_helpers import API, PROFILE, Visitor, error_fields, with_plan

from backcoach.science.units import lb_to_kg


def test_profile_is_404_until_saved(user_a: Visitor) -> None:
    response = user_a.get(f"{API}/profile")
    assert response.status_code == 404
    assert response.json()["errors"][0]["message"] == "there is no profile yet"


def test_profile_put_saves_and_get_returns_it(user_a: Visitor) -> None:
    saved = user_a.put(f"{API}/profile", json=PROFILE)
    assert saved.status_code == 200
    body = saved.json()
    assert body["level"] == "beginner"
    assert body["days"] == ["mon", "wed", "fri"]
    assert body["equipment"] == ["dumbbells"]
    assert body["screening"] == "not_taken"  # the stored screening, never a default or a claim
    assert date.fromisoformat(body["start"]).weekday() in (0, 2, 4)  # the next training day
    assert user_a.get(f"{API}/profile").json() == body


def test_profile_put_keeps_fields_left_out(user_a: Visitor) -> None:
    user_a.put(f"{API}/profile", json=PROFILE)
    changed = user_a.put(f"{API}/profile", json={"minutes": 30, "unit": "lb"}).json()
    assert changed["minutes"] == 30
    assert changed["unit"] == "lb"
    assert changed["goal"] == "posture"
    assert user_a.get(f"{API}/auth/me").json()["display_unit"] == "lb"


def test_profile_bodyweight_in_pounds_is_stored_in_kg(user_a: Visitor) -> None:
    body = user_a.put(f"{API}/profile", json={**PROFILE, "bodyweight": 176, "unit": "lb"}).json()
    assert body["bodyweight_kg"] == pytest.approx(lb_to_kg(176))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minutes": 5}, "minutes"),
        ({"minutes": "long"}, "minutes"),
        ({"days": []}, "days"),
        ({"days": ["mon", "funday"]}, "days.1"),
        ({"days": ["mon", "mon"]}, "days"),
        ({"level": "expert"}, "level"),
        ({"goal": "abs"}, "goal"),
        ({"equipment": ["rocket"]}, "equipment"),
        ({"exclude": ["no-such-thing"]}, "exclude"),
        ({"e1rm_kg": {"pull-upp": 50}}, "e1rm_kg"),
        ({"e1rm_kg": {"pull-up": -5}}, "e1rm_kg.pull-up"),
        ({"bodyweight_kg": 5}, "bodyweight_kg"),
        ({"sessions": 4}, "profile"),  # four sessions on three days
        ({"screening": "cleared"}, "screening"),  # the outcome comes from screening, never claimed
        ({"start": "soon"}, "start"),
    ],
)
def test_profile_put_refuses_bad_fields(user_a: Visitor, changes: dict[str, object], field: str) -> None:
    response = user_a.put(f"{API}/profile", json={**PROFILE, **changes})
    assert response.status_code == 422
    assert error_fields(response) == [field]
    assert user_a.get(f"{API}/profile").status_code == 404  # nothing stored


def test_profile_first_save_needs_the_essentials(user_a: Visitor) -> None:
    response = user_a.put(f"{API}/profile", json={"minutes": 30})
    assert response.status_code == 422
    assert error_fields(response) == ["level"]


def test_plan_is_404_until_made(user_a: Visitor) -> None:
    assert user_a.get(f"{API}/plan").status_code == 404


def test_plan_post_before_any_screening_is_held(user_a: Visitor) -> None:
    user_a.put(f"{API}/profile", json=PROFILE)
    response = user_a.post(f"{API}/plan")
    assert response.status_code == 409
    assert response.json()["code"] == "screening_required"
    assert user_a.get(f"{API}/plan").status_code == 404


def test_plan_post_without_a_profile_is_refused(user_a: Visitor) -> None:
    user_a.post(f"{API}/screening", json={"answers": {}})
    response = user_a.post(f"{API}/plan")
    assert response.status_code == 422
    assert error_fields(response) == ["profile"]


def test_plan_post_makes_and_saves_the_active_plan(user_a: Visitor) -> None:
    made = with_plan(user_a)
    assert {"solver", "profile", "volume", "weeks", "explanations"} <= set(made)
    assert len(made["weeks"]) == 8
    assert made["explanations"]
    shown = user_a.get(f"{API}/plan")
    assert shown.status_code == 200
    assert shown.json()["weeks"] == made["weeks"]
    assert shown.json()["adaptations"] == []


def test_plan_preview_does_not_replace_the_active_plan(user_a: Visitor) -> None:
    with_plan(user_a)
    before = user_a.get(f"{API}/plan").json()
    user_a.put(f"{API}/profile", json={"minutes": 30})
    preview = user_a.post(f"{API}/plan", json={"save": False})
    assert preview.status_code == 200
    assert preview.json()["profile"]["minutes"] == 30
    assert user_a.get(f"{API}/plan").json() == before


def test_plan_is_regenerated_after_a_profile_change(user_a: Visitor) -> None:
    with_plan(user_a)
    user_a.put(f"{API}/profile", json={"days": ["tue", "sat"]})
    user_a.post(f"{API}/plan")
    weekdays = {s["weekday"] for w in user_a.get(f"{API}/plan").json()["weeks"] for s in w["sessions"]}
    assert weekdays <= {"tue", "sat"}


def test_plan_is_refused_with_reasons_after_a_see_professional_screening(user_a: Visitor) -> None:
    user_a.put(f"{API}/profile", json=PROFILE)
    user_a.post(f"{API}/screening", json={"answers": {"parq1": True}})
    response = user_a.post(f"{API}/plan")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "see_professional"  # the safety gate, before any planning
    assert "doctor or qualified professional" in body["detail"]
    assert body["errors"][0]["message"] == body["detail"]
    assert user_a.get(f"{API}/plan").status_code == 404


def test_plan_post_refuses_a_bad_body(user_a: Visitor) -> None:
    user_a.put(f"{API}/profile", json=PROFILE)
    response = user_a.post(f"{API}/plan", json={"save": "perhaps"})
    assert response.status_code == 422
    assert error_fields(response) == ["save"]
