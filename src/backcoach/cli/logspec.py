"""Parsing the ``LOADxREPS[,REPS…]`` notation of ``backcoach log`` (e.g. ``60kgx10``, ``0x8,8,7``,
``135lbx5,5,4``): one load, then the reps of each set done with it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backcoach.errors import InputError
from backcoach.science.units import to_kg

_SPEC = re.compile(
    r"^\s*(?P<load>\d+(?:\.\d+)?)\s*(?P<unit>kg|lb|lbs)?\s*[x×*]\s*(?P<reps>\d+(?:\s*,\s*\d+)*)\s*$", re.I
)


@dataclass(frozen=True)
class SetsSpec:
    load: float  # in ``unit``
    unit: str  # kg or lb: the one written, else the default given
    reps: tuple[int, ...]

    @property
    def load_kg(self) -> float:
        return to_kg(self.load, self.unit)


def parse_sets(text: str, default_unit: str) -> SetsSpec:
    match = _SPEC.match(text)
    if match is None:
        raise InputError(f"sets: '{text}' is not LOADxREPS[,REPS…] (examples: 60kgx10, 0x8,8,7, 135lbx5,5)")
    unit = (match.group("unit") or default_unit).lower().rstrip("s")
    reps = tuple(int(r) for r in match.group("reps").replace(" ", "").split(","))
    return SetsSpec(float(match.group("load")), unit, reps)
