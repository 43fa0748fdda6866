"""The plate calculator: plates per side for a barbell load, in kilograms or pounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.errors import InputError
from backcoach.science.plates import STANDARD_BAR, plates_per_side


@pytest.mark.parametrize(
    ("load", "unit", "per_side"),
    [
        (20, "kg", ()),
        (60, "kg", (20.0,)),
        (62.5, "kg", (20.0, 1.25)),
        (100, "kg", (25.0, 15.0)),
        (142.5, "kg", (25.0, 25.0, 10.0, 1.25)),
        (45, "lb", ()),
        (135, "lb", (45.0,)),
        (225, "lb", (45.0, 45.0)),
        (185, "lb", (45.0, 25.0)),
        (95, "lb", (25.0,)),
        (100, "lb", (25.0, 2.5)),
    ],
)
def test_standard_plates_per_side(load: float, unit: str, per_side: tuple[float, ...]) -> None:
    found = plates_per_side(load, unit)  # type: ignore[arg-type]
    assert found.per_side == per_side
    assert found.exact
    assert found.bar == STANDARD_BAR[unit]


def test_a_load_the_plates_cannot_make_gets_the_nearest_below_and_says_what_is_left() -> None:
    found = plates_per_side(61, "kg")
    assert (found.per_side, found.total, found.short) == ((20.0,), 60.0, 1.0)
    assert not found.exact


def test_a_load_below_the_bar_is_the_empty_bar() -> None:
    found = plates_per_side(10, "kg")
    assert (found.per_side, found.total) == ((), 20.0)


def test_another_bar_and_plate_set() -> None:
    found = plates_per_side(50, "kg", bar=15, plates=(10.0, 5.0, 2.5))
    assert found.per_side == (10.0, 5.0, 2.5)


@pytest.mark.parametrize(("load", "unit"), [(-5, "kg"), (float("nan"), "kg"), (60, "stone")])
def test_nonsense_is_refused(load: float, unit: str) -> None:
    with pytest.raises(InputError):
        plates_per_side(load, unit)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=400).map(lambda n: n * 2.5), st.sampled_from(["kg", "lb"]))
def test_the_plates_never_make_more_than_asked_and_are_heaviest_first(load: float, unit: str) -> None:
    found = plates_per_side(load, unit)  # type: ignore[arg-type]
    assert found.total <= max(load, found.bar) + 1e-9
    assert list(found.per_side) == sorted(found.per_side, reverse=True)
    assert found.total == pytest.approx(found.bar + 2 * sum(found.per_side))
