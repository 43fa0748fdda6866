"""Screening and pain over the API: outcomes stored and applied, and the safety decision."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from web_helpers import API, PROFILE, Visitor, error_fields


def test_screening_questions_are_listed_in_order(anon: Visitor) -> None:
    from backcoach.safety import questions

    response = anon.get(f"{API}/screening/questions")
    assert response.status_code == 200
    body = response.json()
    assert [q["id"] for q in body] == [q.id for q in questions()]
    assert {"id", "text", "kind", "severity", "applies_when"} <= set(body[0])


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        ({}, "cleared"),
        ({"age_over_45_unaccustomed": True}, "start_gently"),
        ({"parq1": True}, "see_professional"),
        ({"redflag_saddle_numbness": True}, "emergency"),
    ],
)
def test_screening_gives_the_outcome_with_reasons(
    user_a: Visitor, answers: dict[str, bool], outcome: str
) -> None:
    response = user_a.post(f"{API}/screening", json={"answers": answers})
    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == outcome
    assert body["headline"]
    assert body["reasons"]


def test_screening_outcome_goes_into_the_stored_profile(user_a: Visitor) -> None:
    user_a.put(f"{API}/profile", json=PROFILE)
    user_a.post(f"{API}/screening", json={"answers": {"parq1": True}})
    assert user_a.get(f"{API}/profile").json()["screening"] == "see_professional"
    user_a.post(f"{API}/screening", json={"answers": {}})
    assert user_a.get(f"{API}/profile").json()["screening"] == "cleared"


def test_a_profile_saved_after_screening_takes_its_outcome(user_a: Visitor) -> None:
    user_a.post(f"{API}/screening", json={"answers": {"age_over_45_unaccustomed": True}})
    assert user_a.put(f"{API}/profile", json=PROFILE).json()["screening"] == "start_gently"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": {"parq1": "yes"}}, "answers.parq1"),
        ({"answers": {"parq1": 1}}, "answers.parq1"),
        ({"answers": {"parq1": None}}, "answers.parq1"),
        ({"answers": {"no_such_question": True}}, "answers"),
        ({"answers": []}, "answers"),
        ({}, "answers"),
    ],
)
def test_screening_refuses_bad_answers(user_a: Visitor, body: dict[str, object], field: str) -> None:
    response = user_a.post(f"{API}/screening", json=body)
    assert response.status_code == 422
    assert error_fields(response) == [field]


def test_pain_gives_the_safety_decision(user_a: Visitor) -> None:
    report = {"location": "rhomboids", "severity": 3, "exercise_id": "pull-up"}
    response = user_a.post(f"{API}/pain", json=report)
    assert response.status_code == 201
    body = response.json()
    assert body["action"] == "stop_exercise"
    assert any(r.startswith("Any pain or discomfort means you stop") for r in body["reasons"])
    assert {"headline", "substitute", "substitute_name", "sources", "rules"} <= set(body)


def test_pain_with_cauda_equina_signs_is_an_emergency(user_a: Visitor) -> None:
    response = user_a.post(
        f"{API}/pain", json={"location": "lower_back", "severity": 4, "saddle_numbness": True}
    )
    assert response.json()["action"] == "emergency"


def test_pain_report_is_kept_in_the_log(multi_app: FastAPI, user_a: Visitor) -> None:
    from backcoach.store import pain_reports, session_scope

    user_a.post(f"{API}/pain", json={"location": "lower_back", "severity": 8, "sharp": True})
    with session_scope(multi_app.state.engine) as db:
        kept = pain_reports(db, user_id=user_a.user_id)
    summary = [(p.location, p.severity, p.sharp, p.action) for p in kept]
    assert summary == [("lower_back", 8, True, "seek_care")]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"location": "lower_back", "severity": 11}, "severity"),
        ({"location": "lower_back", "severity": -1}, "severity"),
        ({"location": "lower_back"}, "severity"),
        ({"severity": 3}, "location"),
        ({"location": "tail", "severity": 3}, "location"),
        ({"location": "lower_back", "severity": 3, "exercise_id": "pull-upp"}, "exercise_id"),
        ({"location": "lower_back", "severity": 3, "sharp": "very"}, "sharp"),
        ({"location": "lower_back", "severity": 3, "colour": "red"}, "colour"),
    ],
)
def test_pain_refuses_bad_reports(user_a: Visitor, body: dict[str, object], field: str) -> None:
    response = user_a.post(f"{API}/pain", json=body)
    assert response.status_code == 422
    assert error_fields(response) == [field]
