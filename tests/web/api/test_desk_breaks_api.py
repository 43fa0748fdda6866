"""Desk breaks through the JSON API: ``PUT /profile`` takes ``desk_breaks_per_day`` 0-4 (a 422
naming the field otherwise), and ``GET /plan`` carries ``desk_breaks``, held with the training."""

from __future__ import annotations

import pytest
from web_helpers import API, PROFILE, Visitor, with_plan

BODY = {**PROFILE, "goal": "hypertrophy"}


@pytest.mark.parametrize("bad", [-1, 5, "2", 1.5])
def test_out_of_range_or_not_a_whole_number_is_a_422_on_the_field(local: Visitor, bad: object) -> None:
    response = local.put(f"{API}/profile", json={**BODY, "desk_breaks_per_day": bad})
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["desk_breaks_per_day"]
    if isinstance(bad, int):
        assert errors[0]["message"].endswith("Desk breaks a workday must be at least 0 and at most 4.")
    assert local.get(f"{API}/profile").status_code == 404  # nothing stored


def test_the_plan_carries_the_breaks_and_their_hold(local: Visitor) -> None:
    plan = with_plan(local, {**BODY, "desk_breaks_per_day": 4})
    desk = plan["desk_breaks"]
    assert desk["times"] == ["10:00", "12:00", "14:00", "16:00"] and desk["hold"] is None
    assert 180 <= desk["routine"]["total_s"] <= 300
    assert local.get(f"{API}/profile").json()["desk_breaks_per_day"] == 4
    pain = local.post(f"{API}/pain", json={"location": "lower_back", "severity": 5, "radiating": True})
    assert pain.status_code in (200, 201), pain.text
    held = local.get(f"{API}/plan").json()["desk_breaks"]
    assert held["hold"]["code"] == "pain_hold" and held["routine"] is None and held["next_at"] is None
