"""The plate calculator: which plates go on each side of the bar for a barbell load.

Worked in the person's own unit, since plates are: a kilogram gym has 25-1.25 kg plates and a 20 kg
bar, a pound gym 45-2.5 lb plates and a 45 lb bar (the IWF/IPF competition sets, and the common
commercial pound set; the standard men's Olympic bar is 20 kg, its pound-gym counterpart 45 lb).
Plates go on heaviest first. With these sets the greedy choice is also the fewest plates, because
each plate is at least twice the next-but-one (a "canonical" coin system); ``plates_per_side``
works for any set given, the greedy answer then being the usual gym habit rather than a proof.

A load that the plates cannot make exactly gets the nearest load below it and says how much is
left over (``short``); a load below the bar is the empty bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from backcoach.errors import InputError

Unit = Literal["kg", "lb"]

# Plates, heaviest first, as pairs are sold (one of each on each side).
STANDARD_PLATES: Final[dict[str, tuple[float, ...]]] = {
    "kg": (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25),
    "lb": (45.0, 35.0, 25.0, 10.0, 5.0, 2.5),
}
STANDARD_BAR: Final[dict[str, float]] = {"kg": 20.0, "lb": 45.0}
_EPS: Final = 1e-9


@dataclass(frozen=True)
class PlateLoad:
    """What to load: plates on each side (heaviest first), the total they make, what is left over."""

    unit: Unit
    bar: float
    per_side: tuple[float, ...]
    total: float  # bar + 2 × the plates on a side
    short: float  # the load asked minus ``total`` (0 when it was made exactly)

    @property
    def exact(self) -> bool:
        return self.short < _EPS


def plates_per_side(
    load: float, unit: Unit, *, bar: float | None = None, plates: tuple[float, ...] | None = None
) -> PlateLoad:
    """The plates for each side of a bar to make ``load`` (both in ``unit``), heaviest first."""
    if unit not in STANDARD_PLATES:
        raise InputError(f"unit: {unit!r} must be kg or lb")
    bar_mass = STANDARD_BAR[unit] if bar is None else bar
    available = sorted(STANDARD_PLATES[unit] if plates is None else plates, reverse=True)
    if load != load or load < 0 or bar_mass <= 0 or any(p <= 0 for p in available):
        raise InputError(f"load: {load!r} {unit} must be a mass of 0 or more")
    side = max(0.0, (load - bar_mass) / 2)
    chosen: list[float] = []
    for plate in available:
        while side + _EPS >= plate:
            chosen.append(plate)
            side -= plate
    total = bar_mass + 2 * sum(chosen)
    return PlateLoad(unit, bar_mass, tuple(chosen), round(total, 4), round(max(0.0, load - total), 4))
