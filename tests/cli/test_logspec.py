"""The log command's LOADxREPS notation."""

from __future__ import annotations

import pytest

from backcoach.cli.logspec import parse_sets
from backcoach.errors import InputError


@pytest.mark.parametrize(
    ("text", "unit", "load", "reps"),
    [
        ("60kgx10", "kg", 60.0, (10,)),
        ("0x8,8,7", "kg", 0.0, (8, 8, 7)),
        ("135lbx5,5,4", "lb", 135.0, (5, 5, 4)),
        ("62.5 x 8, 8", "kg", 62.5, (8, 8)),
        ("100LBSx3", "lb", 100.0, (3,)),
    ],
)
def test_parses_load_unit_and_reps(text: str, unit: str, load: float, reps: tuple[int, ...]) -> None:
    spec = parse_sets(text, "kg")
    assert (spec.unit, spec.load, spec.reps) == (unit, load, reps)


def test_default_unit_applies_when_none_is_written() -> None:
    assert parse_sets("100x5", "lb").load_kg == pytest.approx(45.359237)


@pytest.mark.parametrize(
    "text", ["", "60", "x10", "60kg", "60kgx", "sixtyx10", "60kgx10,,8", "1" * 50 + "x10", "5x" + "1" * 5000]
)
def test_malformed_sets_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(InputError, match="LOADxREPS"):
        parse_sets(text, "kg")


@pytest.mark.parametrize(("text", "shown"), [("-5x10", "-5 kg"), ("-20lbx10,8", "-20 lb")])
def test_a_negative_load_is_refused_naming_it(text: str, shown: str) -> None:
    with pytest.raises(InputError, match=f"load: {shown} is negative"):
        parse_sets(text, "kg")


def test_too_many_sets_in_one_entry_are_refused() -> None:
    with pytest.raises(InputError, match="at most 30"):
        parse_sets("0x" + ",".join(["5"] * 31), "kg")


def test_the_load_is_echoed_as_written() -> None:
    assert parse_sets("44lbx10", "kg").load_text == "44 lb"
    assert parse_sets("62.5x8", "kg").load_text == "62.5 kg"
