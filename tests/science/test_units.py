"""kg <-> lb conversion (1 lb = 0.45359237 kg exactly)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.errors import InputError
from backcoach.science.units import KG_PER_LB, from_kg, kg_to_lb, lb_to_kg, to_kg


def test_pound_is_exactly_the_international_definition() -> None:
    assert KG_PER_LB == 0.45359237
    assert lb_to_kg(1) == 0.45359237


@pytest.mark.parametrize(("lb", "kg"), [(45, 20.41165665), (225, 102.05828325), (100, 45.359237)])
def test_pounds_convert_to_kilograms(lb: float, kg: float) -> None:
    assert lb_to_kg(lb) == pytest.approx(kg, abs=1e-9)


@given(st.floats(min_value=0, max_value=1e4))
def test_round_trip_is_lossless(value: float) -> None:
    assert kg_to_lb(lb_to_kg(value)) == pytest.approx(value)
    assert from_kg(to_kg(value, "lb"), "lb") == pytest.approx(value)


def test_kilograms_pass_through_unchanged() -> None:
    assert to_kg(80, "kg") == 80
    assert from_kg(80, "kg") == 80


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(InputError, match="'kg' or 'lb'"):
        to_kg(10, "stone")
