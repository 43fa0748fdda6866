"""Mass units: backcoach computes in kilograms and converts only at the edges (CLI, web, imports).

Source: the international yard and pound agreement (1959) defines the avoirdupois pound as exactly
0.45359237 kg, so the conversion below is exact by definition, not a measurement.
"""

from __future__ import annotations

import math
from typing import Literal

from backcoach.errors import InputError

Unit = Literal["kg", "lb"]
UNITS: tuple[Unit, ...] = ("kg", "lb")

# Exact by definition (1959 international pound).
KG_PER_LB = 0.45359237


def lb_to_kg(pounds: float) -> float:
    return pounds * KG_PER_LB


def kg_to_lb(kilograms: float) -> float:
    return kilograms / KG_PER_LB


def to_kg(value: float, unit: str) -> float:
    """A mass given in ``unit`` expressed in kilograms."""
    return value if _checked(unit) == "kg" else lb_to_kg(value)


def from_kg(kilograms: float, unit: str) -> float:
    """A mass in kilograms expressed in ``unit``."""
    return kilograms if _checked(unit) == "kg" else kg_to_lb(kilograms)


def positive_mass(value: float, what: str) -> float:
    """``value`` if it is a finite number above zero, else an InputError naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"{what} must be a number, got {value!r}")
    if value <= 0:
        raise InputError(f"{what} must be above zero, got {value:g}")
    return float(value)


def _checked(unit: str) -> Unit:
    if unit == "kg":
        return "kg"
    if unit == "lb":
        return "lb"
    raise InputError(f"unit must be 'kg' or 'lb', got {unit!r}")
