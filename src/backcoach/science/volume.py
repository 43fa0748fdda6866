"""Weekly training volume: hard sets per muscle, and where that lands against volume landmarks.

Counting. Each hard set counts 1 for a muscle the exercise *targets*, 0.5 for a *synergist* and 0
for a *stabiliser*. Pelland et al. 2024 (SportRxiv; 67 studies, 2,058 people) found this fractional
count, with indirect sets as half a set, fitted growth best (training-science.md §3) [V]; Liftosaur's
Week Insights counts synergists the same way (peers.md §3).

Roll-up. Exercises record muscles at the most specific node (``rhomboid-major``, ``rhomboid-minor``).
A parent node's value is the MAX over its parts, not the sum: one set of rows is one set for the
rhomboids, not two, because both heads did the same set at the same time. Summing would make any
muscle split into more parts look better trained.

Landmarks (data/landmarks.yaml). Renaissance Periodization's MV / MEV / MAV / MRV for an
intermediate lifter (§3) [S], mapped to backcoach's muscle nodes, with beginner and advanced values
derived by a documented scaling rule; groups without a published landmark are marked heuristic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from typing import Final, Literal, Self

from pydantic import Field, model_validator

from backcoach.catalog.catalog import Catalog, closest
from backcoach.catalog.models import Exercise, Level, Role
from backcoach.errors import InputError, UnknownIdError
from backcoach.science.tables import Frozen, load_table

# Share of a hard set credited to a muscle by its role (Pelland et al. 2024) [V].
ROLE_FRACTION: Final[Mapping[Role, float]] = {
    Role.TARGET: 1.0,
    Role.SYNERGIST: 0.5,
    Role.STABILISER: 0.0,
}

LANDMARKS_FILE: Final = "landmarks.yaml"


def weekly_sets(work: Iterable[tuple[Exercise, float]]) -> dict[str, float]:
    """Fractional hard sets per muscle id (as the exercises record them) for a week of work.

    ``work`` holds (exercise, hard sets done that week) pairs; muscles with no credit are left out.
    """
    totals: dict[str, float] = defaultdict(float)
    for exercise, sets in work:
        if isinstance(sets, bool) or not isinstance(sets, int | float) or not sets >= 0:
            raise InputError(f"hard sets for '{exercise.id}' must be zero or more, got {sets!r}")
        for involvement in exercise.muscles:
            credit = ROLE_FRACTION[involvement.role] * sets
            if credit:
                totals[involvement.muscle] += credit
    return dict(totals)


def roll_up(sets_by_muscle: Mapping[str, float], catalog: Catalog) -> dict[str, float]:
    """Every catalogue muscle node's weekly sets: the maximum over the node and its parts."""
    for muscle_id in sets_by_muscle:
        catalog.muscle(muscle_id)
    return {
        node: max(sets_by_muscle.get(part, 0.0) for part in catalog.parts(node)) for node in catalog.muscles
    }


# ---------------------------------------------------------------------- landmarks


class VolumeStatus(StrEnum):
    """Where a week's sets sit against a muscle group's landmarks."""

    BELOW_MV = "below_mv"  # losing ground: less than maintenance
    BELOW_MEV = "below_mev"  # maintaining, not yet growing
    PRODUCTIVE = "productive"  # from MEV up to the top of MAV
    ABOVE_MAV = "above_mav"  # past the best return, still recoverable
    ABOVE_MRV = "above_mrv"  # more than can be recovered from


class Landmarks(Frozen):
    """MV ≤ MEV ≤ MAV ≤ MRV in hard sets per week, for one level."""

    mv: float = Field(ge=0)
    mev: float = Field(ge=0)
    mav: tuple[float, float]
    mrv: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.mv <= self.mev <= self.mav[0] <= self.mav[1] <= self.mrv:
            raise ValueError("landmarks must satisfy MV ≤ MEV ≤ MAV low ≤ MAV high ≤ MRV")
        return self

    def scaled(self, factor: float) -> Landmarks:
        def whole(x: float) -> float:
            return float(Decimal(x * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))

        return Landmarks(
            mv=whole(self.mv),
            mev=whole(self.mev),
            mav=(whole(self.mav[0]), whole(self.mav[1])),
            mrv=whole(self.mrv),
        )


class Landmark(Frozen):
    """A landmark group: the muscle nodes it covers and its intermediate-level values."""

    id: str
    name: str
    muscles: tuple[str, ...] = Field(min_length=1)
    intermediate: Landmarks
    confidence: Literal["V", "S", "R", "H"]
    heuristic: bool
    sources: tuple[str, ...] = Field(min_length=1)
    note: str | None = None

    def at(self, level: Level) -> Landmarks:
        """The landmarks for ``level``, derived from the intermediate values by the scaling rule."""
        table = landmark_table()
        values = self.intermediate.scaled(table.scaling.factors[level])
        floor = table.floors.minimum_effective
        if 0 < values.mev < floor:
            values = Landmarks(mv=min(values.mv, floor), mev=floor, mav=values.mav, mrv=values.mrv)
        return values

    def sets(self, rolled_up: Mapping[str, float]) -> float:
        """The group's weekly sets from ``roll_up`` output: the most-worked of its muscle nodes."""
        return max(rolled_up.get(m, 0.0) for m in self.muscles)


class Scaling(Frozen):
    rule: str
    factors: dict[Level, float]
    sources: tuple[str, ...]


class Floors(Frozen):
    note: str
    minimum_effective: float
    general_target: float


class LandmarkTable(Frozen):
    scaling: Scaling
    floors: Floors
    landmarks: tuple[Landmark, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if set(self.scaling.factors) != set(Level):
            raise ValueError("scaling.factors needs a factor for every level")
        ids = [lm.id for lm in self.landmarks]
        if len(ids) != len(set(ids)):
            raise ValueError("landmark ids must be unique")
        return self


@cache
def landmark_table() -> LandmarkTable:
    """The validated contents of data/landmarks.yaml."""
    return load_table(LANDMARKS_FILE, LandmarkTable)


def landmarks() -> dict[str, Landmark]:
    """Every landmark group by id, in file order."""
    return {lm.id: lm for lm in landmark_table().landmarks}


def landmark(landmark_id: str) -> Landmark:
    table = landmarks()
    try:
        return table[landmark_id]
    except KeyError:
        raise UnknownIdError("volume landmark", landmark_id, closest(landmark_id, table)) from None


def classify(sets: float, values: Landmarks) -> VolumeStatus:
    """Where ``sets`` hard sets a week fall against ``values``."""
    if isinstance(sets, bool) or not isinstance(sets, int | float) or not sets >= 0:
        raise InputError(f"weekly sets must be zero or more, got {sets!r}")
    if sets < values.mv:
        return VolumeStatus.BELOW_MV
    if sets < values.mev:
        return VolumeStatus.BELOW_MEV
    if sets <= values.mav[1]:
        return VolumeStatus.PRODUCTIVE
    if sets <= values.mrv:
        return VolumeStatus.ABOVE_MAV
    return VolumeStatus.ABOVE_MRV
