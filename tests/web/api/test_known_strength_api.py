"""Known strength through the JSON API: ``PUT /profile`` takes ``known`` lifts (exercise, load,
reps) and stores each as the science core's estimated one-rep max."""

from __future__ import annotations

import pytest
from web_helpers import API, PROFILE, Visitor

from backcoach.science.one_rep_max import estimate_1rm


def test_known_lifts_become_e1rms(local: Visitor) -> None:
    body = {**PROFILE, "known": [{"exercise": "one-arm-dumbbell-row", "load_kg": 24, "reps": 8}]}
    response = local.put(f"{API}/profile", json=body)
    assert response.status_code == 200, response.text
    stored = local.get(f"{API}/profile").json()
    assert stored["e1rm_kg"]["one-arm-dumbbell-row"] == pytest.approx(round(estimate_1rm(24, 8).value, 1))


@pytest.mark.parametrize(
    "lift",
    [
        {"exercise": "one-arm-dumbbell-row", "load_kg": 24, "reps": 0},
        {"exercise": "one-arm-dumbbell-row", "load_kg": 24, "reps": 31},
        {"exercise": "one-arm-dumbbell-row", "load_kg": -1, "reps": 5},
        {"exercise": "no-such-row", "load_kg": 24, "reps": 5},
    ],
)
def test_a_bad_known_lift_is_a_422(local: Visitor, lift: dict[str, object]) -> None:
    response = local.put(f"{API}/profile", json={**PROFILE, "known": [lift]})
    assert response.status_code == 422, response.text
