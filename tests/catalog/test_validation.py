"""Malformed catalogue data is refused at load with the file, record and field at fault."""

from __future__ import annotations

from typing import Any

import pytest

from backcoach.catalog import Catalog, Exercise, Range, curated, parse_records
from backcoach.errors import CatalogError


def _exercise(**overrides: Any) -> dict[str, Any]:
    base = curated().exercise("bird-dog").model_dump(mode="json")
    base.update(
        id="test-drill", name="Test Drill", aliases=[], regressions=[], progressions=[], alternatives=[]
    )
    base.update(overrides)
    return base


def _build(*extra: dict[str, Any]) -> Catalog:
    cat = curated()
    return Catalog.build(
        muscles=list(cat.muscles.values()),
        equipment=list(cat.equipment.values()),
        mistakes=list(cat.mistakes.values()),
        exercises=[*cat.exercises.values(), *parse_records(Exercise, list(extra), where="test.yaml")],
    )


def test_a_valid_extra_exercise_loads() -> None:
    assert _build(_exercise()).exercise("test-drill").name == "Test Drill"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"muscles": [{"muscle": "wings", "role": "target", "weight": 0.5}]},
            "field 'muscles': unknown id 'wings'",
        ),
        ({"equipment": ["jetpack"]}, "field 'equipment': unknown id 'jetpack'"),
        ({"progressions": ["pull-upp"]}, "closest: pull-up"),
        ({"common_mistakes": ["bad-vibes"]}, "field 'common_mistakes'"),
        ({"id": "pull-up"}, "duplicate exercise id 'pull-up'"),
        ({"aliases": ["Pull Up"]}, "also used by 'pull-up'"),
    ],
)
def test_dangling_or_duplicate_references_are_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        _build(_exercise(**overrides))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"muscles": [{"muscle": "multifidus", "role": "target", "weight": 1.5}]}, "muscles.0.weight"),
        ({"muscles": [{"muscle": "multifidus", "role": "helper", "weight": 0.5}]}, "muscles.0.role"),
        ({"id": "Not Kebab"}, "id"),
        ({"steps": ["one", "two"]}, "at least 3 numbered steps"),
        ({"dose": {"kind": "reps", "range": [12, 8]}}, "dose.range"),
        ({"dose": {"kind": "reps", "range": [8, 12], "tempo": "slow"}}, "dose.tempo"),
        ({"muscles": [{"muscle": "multifidus", "role": "synergist", "weight": 0.5}]}, "at least one target"),
        ({"equipment": ["none", "mat"]}, "cannot be combined"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_schema_errors_name_the_record_and_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(CatalogError) as info:
        parse_records(Exercise, [_exercise(), _exercise(**overrides)], where="test.yaml")
    assert "test.yaml: record #2 (" in str(info.value)
    assert field in str(info.value)


def test_a_range_accepts_a_number_or_a_pair() -> None:
    assert Range.model_validate(45) == Range(min=45, max=45)
    assert str(Range.model_validate([30, 45])) == "30–45"
