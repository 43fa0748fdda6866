"""Parsing the ``LOADxREPS[,REPS…]`` notation of ``backcoach log`` (e.g. ``60kgx10``, ``0x8,8,7``,
``135lbx5,5,4``): one load, then the reps of each set done with it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backcoach.errors import InputError

# Numbers are bounded in length so a pasted page of digits is refused as notation, not converted:
# the ranges themselves (reps, load) are checked by the log's own limits (sessions.records).
_SPEC = re.compile(
    r"^\s*(?P<sign>-)?\s*(?P<load>\d{1,7}(?:\.\d{1,6})?)\s*(?P<unit>kg|lb|lbs)?\s*[x×*]"
    r"\s*(?P<reps>\d{1,6}(?:\s*,\s*\d{1,6})*)\s*$",
    re.I,
)
# Sets one entry may hold: a long session of one exercise is well under this, a typo is not.
MAX_SETS = 30


@dataclass(frozen=True)
class SetsSpec:
    load: float  # in ``unit``
    unit: str  # kg or lb: the one written, else the default given
    reps: tuple[int, ...]

    @property
    def load_kg(self) -> float:
        from backcoach.science.units import to_kg

        return to_kg(self.load, self.unit)

    @property
    def load_text(self) -> str:
        """The load as it was written ("44 lb"), to echo back."""
        return f"{self.load:g} {self.unit}"


def parse_sets(text: str, default_unit: str) -> SetsSpec:
    match = _SPEC.match(text) if len(text) <= 200 else None
    if match is None:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise InputError(f"sets: '{shown}' is not LOADxREPS[,REPS…] (examples: 60kgx10, 0x8,8,7, 135lbx5,5)")
    unit = (match.group("unit") or default_unit).lower().rstrip("s")
    if match.group("sign"):
        raise InputError(
            f"load: -{match.group('load')} {unit} is negative; log the load you lifted "
            "(0 for body weight alone)"
        )
    reps = tuple(int(r) for r in match.group("reps").replace(" ", "").split(","))
    if len(reps) > MAX_SETS:
        raise InputError(f"sets: {len(reps)} sets in one entry; log at most {MAX_SETS} at a time")
    return SetsSpec(float(match.group("load")), unit, reps)
