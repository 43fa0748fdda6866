"""Exercise names from other apps normalise to the same key as ours."""

from __future__ import annotations

import pytest

from backcoach.catalog.names import name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pull Up", "Pull-up"),
        ("Pullups", "pull-up"),
        ("Bent Over Row (Barbell)", "Barbell Bent-Over Row"),
        ("Lat Pulldown (Cable)", "Cable Lat Pull-Down"),
        ("DB Shrugs", "Dumbbell Shrug"),
        ("Seated Cable Rows", "Seated Cable Row"),
    ],
)
def test_equivalent_names_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Pull Up", "Chin Up"), ("Barbell Row", "Dumbbell Row")])
def test_different_exercises_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)
