"""Relative intensity: %1RM against repetitions, and effort (RPE / reps in reserve) against %1RM.

Two tables, each kept as a data file and named in code:

* ``NSCA_ESSENTIALS`` (data/nsca_essentials_percent_reps.yaml): the NSCA *Essentials* table of
  %1RM and the repetitions allowed (training-science.md §1.2) [S]. ``percent_for_reps`` and
  ``reps_for_percent`` read it; 13 and 14 reps, missing from the table, are interpolated.
* ``RTS_CHART`` (data/rts_rpe_chart.yaml): the Reactive Training Systems RPE chart (§1.3) [S]. The
  whole chart is one curve, %1RM(reps, RPE) = C(reps + 10 − RPE), where C(n) is the %1RM for n reps
  at RPE 10 and half steps sit at the midpoint of neighbouring values.

RPE and reps in reserve (RIR) are the same scale read two ways, RPE = 10 − RIR (Zourdos et al. 2016,
JSCR 30:267; Helms et al. 2016, SCJ 38:42) [R]. People misjudge RIR by about a rep close to failure and
by more than two reps when far from it (Hackett et al. 2017) [V], so values above about 4 RIR are
rough.

Beyond the chart. The published chart stops at C(10) = 73.9 %, yet beginners work at 8–12 reps with
two or more reps in reserve (ACSM 2009: 8–12RM for novices, §2), which needs C(n) up to about 16.
For reps + RIR above 10 we continue with Brzycki's curve, scaled so that it meets C(10) = 73.9, and
mark the value ``extrapolated``; beyond 20 we refuse. The one published chart cell that already lies
past C(10), 10 reps at RPE 9.5 (72.3 %), comes out as 72.5 % here: a 0.2-point gap inside the spread
between implementations that §1.3 warns about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Final, Self

from pydantic import Field, model_validator

from backcoach.errors import InputError
from backcoach.science.one_rep_max import brzycki_fraction
from backcoach.science.tables import Frozen, load_table
from backcoach.science.units import positive_mass

NSCA_ESSENTIALS_FILE: Final = "nsca_essentials_percent_reps.yaml"
RTS_CHART_FILE: Final = "rts_rpe_chart.yaml"

# reps + RIR beyond which no %1RM is given: the extension is already a guess by then (§1.1: the
# formulas are trusted to about 10-12 reps) and no prescription in backcoach goes further.
MAX_REPS_TO_FAILURE: Final = 20

# The RPE scale runs 1-10 (Zourdos et al. 2016) [R]; RPE 1 = 9 reps in reserve.
MIN_RPE: Final = 1.0
MAX_RPE: Final = 10.0


class PercentRow(Frozen):
    reps: int = Field(ge=1)
    percent: float = Field(gt=0, le=100)


class PercentTable(Frozen):
    source: str
    confidence: str
    note: str
    rows: tuple[PercentRow, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _monotonic(self) -> Self:
        for before, after in pairwise(self.rows):
            if after.reps <= before.reps or after.percent >= before.percent:
                raise ValueError("rows must have rising reps and falling percentages")
        if self.rows[0].reps != 1 or self.rows[0].percent != 100:
            raise ValueError("the first row must be 1 rep at 100 %")
        return self


class RpeChart(Frozen):
    source: str
    confidence: str
    note: str
    rpe10_row: tuple[float, ...] = Field(min_length=2)
    chart_min_rpe: float

    @model_validator(mode="after")
    def _falling(self) -> Self:
        row = self.rpe10_row
        if row[0] != 100 or any(b >= a for a, b in pairwise(row)):
            raise ValueError("rpe10_row must start at 100 and fall")
        return self


@cache
def nsca_essentials() -> PercentTable:
    """The NSCA Essentials %1RM ↔ reps table, validated."""
    return load_table(NSCA_ESSENTIALS_FILE, PercentTable)


@cache
def rts_chart() -> RpeChart:
    """The RTS RPE chart's RPE-10 row, validated."""
    return load_table(RTS_CHART_FILE, RpeChart)


# ---------------------------------------------------------------------- NSCA table


def percent_for_reps(reps: int) -> float:
    """%1RM a person can usually lift for ``reps`` reps (NSCA Essentials); 13 and 14 interpolated."""
    rows = nsca_essentials().rows
    if isinstance(reps, bool) or not isinstance(reps, int):
        raise InputError(f"reps must be a whole number, got {reps!r}")
    if not rows[0].reps <= reps <= rows[-1].reps:
        raise InputError(f"the NSCA table covers {rows[0].reps}-{rows[-1].reps} reps, got {reps}")
    for lower, upper in pairwise(rows):
        if lower.reps <= reps <= upper.reps:
            share = (reps - lower.reps) / (upper.reps - lower.reps)
            return lower.percent + share * (upper.percent - lower.percent)
    raise AssertionError("unreachable: the table's rows cover the range")  # pragma: no cover


def reps_for_percent(percent: float) -> int:
    """The most reps the NSCA table allows at ``percent`` %1RM (rounded down: never more reps)."""
    rows = nsca_essentials().rows
    lowest = rows[-1].percent
    if not lowest <= percent <= 100:
        raise InputError(f"the NSCA table covers {lowest:g}-100 %1RM, got {percent:g}")
    allowed = [n for n in range(1, rows[-1].reps + 1) if percent_for_reps(n) >= percent - 1e-9]
    return max(allowed)


# ---------------------------------------------------------------------- RTS chart


def rir_for_rpe(rpe: float) -> float:
    """Reps in reserve for an RPE on the RIR-based scale: RIR = 10 − RPE."""
    return MAX_RPE - _half_step(rpe, "RPE", MIN_RPE, MAX_RPE)


def rpe_for_rir(rir: float) -> float:
    """RPE for a number of reps in reserve: RPE = 10 − RIR."""
    return MAX_RPE - _half_step(rir, "RIR", 0.0, MAX_RPE - MIN_RPE)


def effort_as_rir(*, rpe: float | None = None, rir: float | None = None) -> float:
    """Exactly one of ``rpe`` or ``rir``, expressed as reps in reserve."""
    if (rpe is None) == (rir is None):
        raise InputError("give exactly one of RPE or RIR")
    if rpe is not None:
        return rir_for_rpe(rpe)
    assert rir is not None
    return _half_step(rir, "RIR", 0.0, MAX_RPE - MIN_RPE)


def rts_curve(reps_to_failure: float) -> float:
    """C(n): %1RM at which ``n`` reps take a set to failure; fractional n interpolate linearly.

    1 ≤ n ≤ 10 reads the published RTS row; 10 < n ≤ 20 follows the scaled Brzycki extension.
    """
    row = rts_chart().rpe10_row
    n = reps_to_failure
    if not 1 <= n <= MAX_REPS_TO_FAILURE:
        raise InputError(f"reps plus reps in reserve must be between 1 and {MAX_REPS_TO_FAILURE}, got {n:g}")
    last = len(row)
    if n <= last:
        below = int(n)
        if below == n:
            return row[below - 1]
        return row[below - 1] + (n - below) * (row[below] - row[below - 1])
    # Brzycki's share is linear in reps, so scaling it by C(10)/brzycki(10) joins the row smoothly.
    return row[-1] * brzycki_fraction(n) / brzycki_fraction(last)


@dataclass(frozen=True)
class Intensity:
    """A load's share of the 1RM for a set of ``reps`` stopped with ``rir`` reps in reserve."""

    percent_1rm: float
    reps: int
    rir: float
    extrapolated: bool  # outside the published chart: reps + RIR above 10, or RPE below 6.5

    @property
    def rpe(self) -> float:
        return MAX_RPE - self.rir


def percent_1rm(reps: int, *, rpe: float | None = None, rir: float | None = None) -> Intensity:
    """%1RM for ``reps`` reps at an effort given as exactly one of ``rpe`` or ``rir`` (RTS chart)."""
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise InputError(f"reps must be a whole number of at least 1, got {reps!r}")
    reserve = effort_as_rir(rpe=rpe, rir=rir)
    chart = rts_chart()
    outside = reps + reserve > len(chart.rpe10_row) or MAX_RPE - reserve < chart.chart_min_rpe
    return Intensity(percent_1rm=rts_curve(reps + reserve), reps=reps, rir=reserve, extrapolated=outside)


def e1rm_from_set(load: float, reps: int, *, rpe: float | None = None, rir: float | None = None) -> float:
    """The 1RM implied by lifting ``load`` for ``reps`` with the given effort (inverse of the chart)."""
    w = positive_mass(load, "the load")
    return w * 100 / percent_1rm(reps, rpe=rpe, rir=rir).percent_1rm


def _half_step(value: float, what: str, lowest: float, highest: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{what} must be a number, got {value!r}")
    if not lowest <= value <= highest:
        raise InputError(f"{what} must be between {lowest:g} and {highest:g}, got {value:g}")
    if (value * 2) != int(value * 2):
        raise InputError(f"{what} goes in half steps (e.g. 8 or 8.5), got {value:g}")
    return float(value)
