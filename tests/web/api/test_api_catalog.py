"""The catalogue over the API: exercises with the CLI's filters, muscles, equipment (public)."""

from __future__ import annotations

import pytest
from web_helpers import API, Visitor, error_fields

from backcoach.catalog import curated, public


def test_exercises_lists_the_curated_library(anon: Visitor) -> None:
    response = anon.get(f"{API}/exercises")
    assert response.status_code == 200
    catalog = curated()
    curated_ids = {e.id for e in catalog.exercises.values() if e.source.value == "curated"}
    assert {e["id"] for e in response.json()} == curated_ids


def test_exercises_entries_have_the_cli_shape(anon: Visitor) -> None:
    first = anon.get(f"{API}/exercises").json()[0]
    catalog = curated()
    assert first == public.exercise_summary(catalog.exercise(first["id"]))


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("muscle=rhomboids", lambda e: True),
        ("region=lower_back", lambda e: True),
        ("level=beginner", lambda e: e["level"] == "beginner"),
        ("setting=home", lambda e: "home" in e["setting"]),
        ("category=core", lambda e: e["category"] == "core"),
        ("equipment=dumbbells", lambda e: set(e["equipment"]) <= {"dumbbells", "none", "bench", "mat"}),
    ],
)
def test_exercises_filters_narrow_the_list(anon: Visitor, query: str, check: object) -> None:
    everything = anon.get(f"{API}/exercises").json()
    found = anon.get(f"{API}/exercises?{query}").json()
    assert 0 < len(found) < len(everything)
    assert callable(check)
    assert all(check(e) for e in found)


def test_exercises_muscle_filter_matches_the_catalogue_query(anon: Visitor) -> None:
    from backcoach.catalog import ExerciseQuery

    expected = [e.id for e in curated().query(ExerciseQuery(muscle="erector-spinae"))]
    assert [e["id"] for e in anon.get(f"{API}/exercises?muscle=erector-spinae").json()] == expected


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("level=expert", 422, "level"),
        ("region=legs", 422, "region"),
        ("source=mine", 422, "source"),
        ("equipment=,", 422, "equipment"),
        ("muscle=bicepz", 404, "muscle"),
        ("equipment=rocket", 404, "equipment"),
    ],
)
def test_exercises_refuses_bad_filters(anon: Visitor, query: str, status: int, field: str) -> None:
    response = anon.get(f"{API}/exercises?{query}")
    assert response.status_code == status
    assert error_fields(response) == [field]


def test_exercise_detail_has_steps_cues_mistakes_and_muscles(anon: Visitor) -> None:
    response = anon.get(f"{API}/exercises/pull-up")
    assert response.status_code == 200
    body = response.json()
    catalog = curated()
    assert body == public.exercise_detail(catalog.exercise("pull-up"), catalog)
    assert body["steps"]
    assert body["cues"]
    assert body["muscles"]


def test_exercise_detail_of_an_unknown_id_is_404_with_suggestions(anon: Visitor) -> None:
    response = anon.get(f"{API}/exercises/pull-upp")
    assert response.status_code == 404
    assert "pull-up" in response.json()["errors"][0]["message"]


def test_muscles_lists_every_node(anon: Visitor) -> None:
    response = anon.get(f"{API}/muscles")
    assert response.status_code == 200
    assert {m["id"] for m in response.json()} == set(curated().muscles)


def test_muscle_detail_groups_exercises_by_role(anon: Visitor) -> None:
    response = anon.get(f"{API}/muscles/rhomboids")
    assert response.status_code == 200
    assert response.json()["exercises"]["target"]


def test_muscle_detail_of_an_unknown_id_is_404(anon: Visitor) -> None:
    response = anon.get(f"{API}/muscles/rhomboidz")
    assert response.status_code == 404
    assert error_fields(response) == ["muscle"]


def test_equipment_lists_every_item(anon: Visitor) -> None:
    response = anon.get(f"{API}/equipment")
    assert response.status_code == 200
    assert {e["id"] for e in response.json()} == set(curated().equipment)
