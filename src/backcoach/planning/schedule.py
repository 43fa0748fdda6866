"""Which of the person's days become back sessions: spread them as evenly as the week allows.

Recovery is the reason: the more days between sessions, the fewer muscles must be kept apart
for the 48 h floor (ACSM, Garber et al. 2011), and the more freely the solver can choose
exercises. Exact: every combination of the available days is scored (at most 35).
"""

from __future__ import annotations

from itertools import combinations

from backcoach.planning.solver import within_rest


def spread_days(available: tuple[int, ...], sessions: int) -> tuple[int, ...]:
    """The ``sessions`` weekdays (Mon = 0) from ``available`` with, in order of priority: the
    fewest pairs of consecutive days, the largest smallest gap, the most even gaps, the earliest."""
    if not 1 <= sessions <= len(available):
        raise ValueError(f"cannot pick {sessions} of {len(available)} days")

    def score(days: tuple[int, ...]) -> tuple[int, int, int, tuple[int, ...]]:
        gaps = [((days[(i + 1) % len(days)] - d) % 7) or 7 for i, d in enumerate(days)]
        close = sum(1 for a, b in combinations(days, 2) if within_rest(a, b))
        return (close, -min(gaps), max(gaps) - min(gaps), days)

    return min(combinations(sorted(available), sessions), key=score)
