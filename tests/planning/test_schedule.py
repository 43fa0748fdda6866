"""Which of the person's days become sessions: as few back-to-back pairs as the week allows."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.planning.schedule import spread_days
from backcoach.planning.solver import gap_days

WEEK = (0, 1, 2, 3, 4, 5, 6)


def close_pairs(days: tuple[int, ...]) -> int:
    """Pairs of sessions less than two days apart on the repeating week."""
    return sum(1 for a, b in combinations(days, 2) if gap_days(a, b) < 2)


@pytest.mark.parametrize(
    ("available", "sessions", "chosen"),
    [
        (WEEK, 1, (0,)),
        (WEEK, 2, (0, 3)),  # three and four days apart
        (WEEK, 3, (0, 2, 4)),  # mon, wed, fri
        (WEEK, 4, (0, 1, 3, 5)),  # one back-to-back pair is unavoidable
        (WEEK, 7, WEEK),
        ((0, 1, 2, 3, 4), 3, (0, 2, 4)),
        ((0, 1), 2, (0, 1)),  # both, though consecutive: the person has no other days
        ((1, 3, 5), 2, (1, 5)),  # tue-sat: the larger smallest gap (three days, not two)
        ((5, 6), 1, (5,)),  # the earliest on a tie
        ((0, 6), 2, (0, 6)),  # sunday and monday are consecutive across the week boundary
    ],
)
def test_spread_days_picks_the_most_spread_days(
    available: tuple[int, ...], sessions: int, chosen: tuple[int, ...]
) -> None:
    assert spread_days(available, sessions) == chosen


@pytest.mark.parametrize(("available", "sessions"), [((0, 1), 3), ((0, 2), 0), ((), 1), (WEEK, 8)])
def test_spread_days_rejects_a_count_the_days_cannot_hold(available: tuple[int, ...], sessions: int) -> None:
    with pytest.raises(ValueError, match=f"cannot pick {sessions} of {len(available)} days"):
        spread_days(available, sessions)


@given(st.data())
def test_spread_days_leaves_no_better_choice_of_back_to_back_pairs(data: st.DataObject) -> None:
    available = tuple(sorted(data.draw(st.sets(st.integers(0, 6), min_size=1))))
    sessions = data.draw(st.integers(1, len(available)))
    chosen = spread_days(available, sessions)
    assert len(chosen) == sessions
    assert chosen == tuple(sorted(set(chosen)))
    assert set(chosen) <= set(available)
    assert close_pairs(chosen) == min(close_pairs(c) for c in combinations(available, sessions))


@pytest.mark.parametrize(
    ("a", "b", "gap"), [(0, 0, 0), (0, 1, 1), (0, 6, 1), (6, 0, 1), (1, 4, 3), (0, 4, 3)]
)
def test_gap_days_counts_around_the_repeating_week(a: int, b: int, gap: int) -> None:
    assert gap_days(a, b) == gap
