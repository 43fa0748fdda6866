"""1RM formulas against the test vectors of training-science.md §1.1 (w = 100)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.errors import InputError, UnknownIdError
from backcoach.science import one_rep_max as orm
from backcoach.science.one_rep_max import (
    DEFAULT_FORMULA,
    FORMULAS,
    MAX_REPS,
    RELIABLE_MAX_REPS,
    brzycki_fraction,
    estimate_1rm,
    estimate_all,
)

NAMES = ("epley", "brzycki", "lander", "lombardi", "mayhew", "oconner", "wathan")

# training-science.md §1.1, "Test vectors (w = 100)": reps -> values in NAMES order.
VECTORS = {
    1: (103.33, 100.00, 101.39, 100.00, 108.86, 102.50, 101.30),
    3: (110.00, 105.88, 107.20, 111.61, 113.99, 107.50, 108.98),
    5: (116.67, 112.50, 113.71, 117.46, 119.01, 112.50, 116.58),
    8: (126.67, 124.14, 125.11, 123.11, 126.29, 120.00, 127.67),
    10: (133.33, 133.33, 134.07, 125.89, 130.93, 125.00, 134.75),
    12: (140.00, 144.00, 144.41, 128.21, 135.40, 130.00, 141.50),
}
CASES = [(name, reps, values[i]) for reps, values in VECTORS.items() for i, name in enumerate(NAMES)]


def test_formula_keys_are_the_published_seven_in_order() -> None:
    assert tuple(FORMULAS) == NAMES


@pytest.mark.parametrize(("name", "reps", "expected"), CASES)
def test_raw_formula_matches_published_vector(name: str, reps: int, expected: float) -> None:
    assert FORMULAS[name](100, reps) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(("name", "reps", "expected"), [c for c in CASES if c[1] > 1])
def test_estimate_matches_published_vector_above_one_rep(name: str, reps: int, expected: float) -> None:
    assert estimate_1rm(100, reps, name).value == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("name", NAMES)
def test_estimate_returns_the_load_itself_at_one_rep(name: str) -> None:
    assert estimate_1rm(82.5, 1, name).value == 82.5


def test_default_formula_is_brzycki() -> None:
    assert DEFAULT_FORMULA == "brzycki"
    assert estimate_1rm(100, 5).formula == "brzycki"


@given(load=st.floats(min_value=1, max_value=500))
def test_epley_equals_brzycki_at_ten_reps(load: float) -> None:
    assert orm.epley(load, 10) == pytest.approx(orm.brzycki(load, 10))


@given(load=st.floats(min_value=1, max_value=500), reps=st.integers(min_value=2, max_value=9))
def test_brzycki_is_below_epley_under_ten_reps(load: float, reps: int) -> None:
    assert orm.brzycki(load, reps) < orm.epley(load, reps)


@given(
    name=st.sampled_from(NAMES),
    load=st.floats(min_value=1, max_value=500),
    reps=st.integers(min_value=1, max_value=MAX_REPS - 1),
)
def test_more_reps_never_lower_the_estimate(name: str, load: float, reps: int) -> None:
    assert estimate_1rm(load, reps + 1, name).value >= estimate_1rm(load, reps, name).value


@given(name=st.sampled_from(NAMES), reps=st.integers(min_value=1, max_value=MAX_REPS))
def test_estimate_is_never_below_the_load(name: str, reps: int) -> None:
    assert estimate_1rm(60, reps, name).value >= 60


@pytest.mark.parametrize(
    ("reps", "reliable"), [(1, True), (10, True), (RELIABLE_MAX_REPS, True), (13, False)]
)
def test_estimate_flags_high_rep_sets_as_unreliable(reps: int, reliable: bool) -> None:
    assert estimate_1rm(50, reps).reliable is reliable


@pytest.mark.parametrize("reps", [0, -1, MAX_REPS + 1, 37, 40])
def test_estimate_rejects_reps_out_of_range(reps: int) -> None:
    with pytest.raises(InputError):
        estimate_1rm(100, reps)


@pytest.mark.parametrize("reps", [2.5, 3.0, True, "5"])
def test_estimate_rejects_non_integer_reps(reps: object) -> None:
    with pytest.raises(InputError, match="whole number"):
        estimate_1rm(100, reps)  # type: ignore[arg-type]


@pytest.mark.parametrize("load", [0, -10, float("nan"), float("inf")])
def test_estimate_rejects_a_load_that_is_not_positive(load: float) -> None:
    with pytest.raises(InputError):
        estimate_1rm(load, 5)


@pytest.mark.parametrize("name", NAMES)
def test_raw_formulas_reject_zero_reps(name: str) -> None:
    with pytest.raises(InputError):
        FORMULAS[name](100, 0)


def test_unknown_formula_names_the_closest() -> None:
    with pytest.raises(UnknownIdError, match="brzycki"):
        estimate_1rm(100, 5, "brzycky")


def test_estimate_all_gives_every_formula() -> None:
    all_ = estimate_all(100, 5)
    assert tuple(all_) == NAMES
    assert all_["brzycki"].value == pytest.approx(112.5)


@pytest.mark.parametrize(
    ("reps", "nsca_percent", "tolerance"),
    [(10, 75, 0.1), (6, 85, 1.2), (3, 93, 1.5), (1, 100, 0)],
)
def test_brzycki_curve_tracks_the_nsca_table(reps: int, nsca_percent: float, tolerance: float) -> None:
    assert brzycki_fraction(reps) * 100 == pytest.approx(nsca_percent, abs=tolerance)


def test_brzycki_fraction_refuses_the_pole() -> None:
    with pytest.raises(InputError):
        brzycki_fraction(37)
