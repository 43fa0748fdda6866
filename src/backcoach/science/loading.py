"""What a person can actually put on the bar: achievable loads, and rounding a prescription to them.

Three kinds of equipment cover almost everything in the catalogue:

* ``DumbbellSet``: a list of fixed weights (or a range with a step), the load of one implement;
* ``PlateSet``: a bar plus pairs of plates, giving every total the pairs can make;
* ``FixedIncrement``: a selectorised stack that moves in equal steps.

Rounding is conservative: ``round_load`` returns the heaviest achievable load *not above* the
target, because a coach who prescribes 62 kg has said the person should not lift more than that
(ACSM 2009 progresses load by 2–10 % only once the current load is mastered, training-science.md §2).
When the target is below the lightest load available, the lightest is returned; the caller decides
whether that is acceptable.

All masses are kilograms (see ``units`` for pounds).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Final, Literal, Protocol, runtime_checkable

from pydantic import Field

from backcoach.catalog.models import Exercise, LoadType
from backcoach.errors import InputError
from backcoach.science.intensity import percent_1rm
from backcoach.science.tables import Frozen, load_table
from backcoach.science.units import Unit, positive_mass, to_kg

# Loads are kept to 9 decimals and compared within 1e-6 kg, so float noise (0.1 + 0.2) never
# makes an achievable load look unachievable.
_DECIMALS: Final = 9
_EPS: Final = 1e-6

# Above this many distinct totals a PlateSet is surely mis-specified (a full commercial rack gives a
# few hundred); the limit keeps the subset-sum enumeration cheap.
MAX_PLATE_TOTALS: Final = 20_000


@runtime_checkable
class Loadable(Protocol):
    """Anything that can say which loads (kg) are achievable near a target."""

    @property
    def lightest_kg(self) -> float: ...

    def at_most(self, kg: float) -> float | None:
        """The heaviest achievable load not above ``kg``, or None when every load is heavier."""
        ...

    def above(self, kg: float) -> float | None:
        """The lightest achievable load strictly above ``kg``, or None when none is heavier."""
        ...


def _clean(value: float) -> float:
    return round(value, _DECIMALS) + 0.0


class _Discrete:
    """Shared look-ups for equipment with a finite, sorted tuple of loads."""

    loads: tuple[float, ...]

    @property
    def lightest_kg(self) -> float:
        return self.loads[0]

    @property
    def heaviest_kg(self) -> float:
        return self.loads[-1]

    def at_most(self, kg: float) -> float | None:
        index = bisect.bisect_right(self.loads, kg + _EPS)
        return self.loads[index - 1] if index else None

    def above(self, kg: float) -> float | None:
        index = bisect.bisect_right(self.loads, kg + _EPS)
        return self.loads[index] if index < len(self.loads) else None


def _sorted_loads(values: Iterable[float], what: str) -> tuple[float, ...]:
    loads = sorted({_clean(positive_mass(v, what)) for v in values})
    if not loads:
        raise InputError(f"{what}: at least one load is needed")
    return tuple(loads)


@dataclass(frozen=True)
class DumbbellSet(_Discrete):
    """Fixed dumbbells (or kettlebells): each weight is the load of one implement."""

    weights: tuple[float, ...]
    loads: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "loads", _sorted_loads(self.weights, "a dumbbell weight"))

    @classmethod
    def from_range(cls, lightest: float, heaviest: float, step: float) -> DumbbellSet:
        """Every weight from ``lightest`` to ``heaviest`` in ``step`` increments, e.g. 2–50 kg by 2."""
        lo, hi = (
            positive_mass(lightest, "the lightest weight"),
            positive_mass(heaviest, "the heaviest weight"),
        )
        step = positive_mass(step, "the step")
        if hi < lo:
            raise InputError(f"the heaviest weight {hi:g} is below the lightest {lo:g}")
        count = int((hi - lo) / step + _EPS)
        return cls(tuple(lo + i * step for i in range(count + 1)))


@dataclass(frozen=True)
class PlateSet(_Discrete):
    """A bar and the pairs of plates available; one plate of a pair goes on each side."""

    bar_kg: float
    plate_pairs: tuple[tuple[float, int], ...]  # (plate kg, number of pairs)
    loads: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bar = positive_mass(self.bar_kg, "the bar weight")
        sides = {0.0}
        for plate, pairs in self.plate_pairs:
            positive_mass(plate, "a plate weight")
            if isinstance(pairs, bool) or not isinstance(pairs, int) or pairs < 0:
                raise InputError(
                    f"the number of {plate:g} kg plate pairs must be a whole number, got {pairs!r}"
                )
            for _ in range(pairs):
                sides |= {_clean(s + plate) for s in sides}
            if len(sides) > MAX_PLATE_TOTALS:
                raise InputError("too many plate combinations; check the plate list")
        object.__setattr__(self, "loads", tuple(sorted(_clean(bar + 2 * s) for s in sides)))


@dataclass(frozen=True)
class FixedIncrement:
    """A stack that moves in equal steps from ``start_kg`` (default one step) up to ``heaviest_kg``."""

    step_kg: float
    start_kg: float | None = None
    heaviest_kg: float | None = None

    def __post_init__(self) -> None:
        positive_mass(self.step_kg, "the step")
        if self.start_kg is not None:
            positive_mass(self.start_kg, "the lightest load")
        if (
            self.heaviest_kg is not None
            and positive_mass(self.heaviest_kg, "the heaviest load") < self.lightest_kg
        ):
            raise InputError("the heaviest load is below the lightest")

    @property
    def lightest_kg(self) -> float:
        return self.start_kg if self.start_kg is not None else self.step_kg

    def _nth(self, n: int) -> float:
        return _clean(self.lightest_kg + n * self.step_kg)

    def _top(self) -> int | None:
        if self.heaviest_kg is None:
            return None
        return int((self.heaviest_kg - self.lightest_kg) / self.step_kg + _EPS)

    def at_most(self, kg: float) -> float | None:
        if kg + _EPS < self.lightest_kg:
            return None
        n = int((kg - self.lightest_kg) / self.step_kg + _EPS)
        top = self._top()
        return self._nth(n if top is None else min(n, top))

    def above(self, kg: float) -> float | None:
        if kg + _EPS < self.lightest_kg:
            return self.lightest_kg
        n = int((kg - self.lightest_kg) / self.step_kg + _EPS) + 1
        top = self._top()
        return None if top is not None and n > top else self._nth(n)


def round_load(target_kg: float, equipment: Loadable) -> float:
    """The heaviest achievable load not above ``target_kg``; the lightest one when all are heavier."""
    target = positive_mass(target_kg, "the target load")
    found = equipment.at_most(target)
    return found if found is not None else equipment.lightest_kg


@dataclass(frozen=True)
class LoadSuggestion:
    """A working load for a set, from an estimated 1RM and the planned reps and effort."""

    percent_1rm: float
    load: float  # rounded to the equipment when it was given, else equal to exact_load
    exact_load: float
    extrapolated: bool  # the %1RM came from beyond the published RPE chart


def suggest_load(
    e1rm: float,
    reps: int,
    *,
    rpe: float | None = None,
    rir: float | None = None,
    loadable: Loadable | None = None,
) -> LoadSuggestion:
    """The load for ``reps`` reps at the given effort (RTS chart), rounded down to ``loadable``."""
    one_rm = positive_mass(e1rm, "the estimated 1RM")
    intensity = percent_1rm(reps, rpe=rpe, rir=rir)
    exact = one_rm * intensity.percent_1rm / 100
    load = round_load(exact, loadable) if loadable is not None else exact
    return LoadSuggestion(
        percent_1rm=intensity.percent_1rm, load=load, exact_load=exact, extrapolated=intensity.extrapolated
    )


# ---------------------------------------------------------------------- typical equipment


class _PlatesPreset(Frozen):
    kind: Literal["plates"]
    bar: float = Field(gt=0)
    plate_pairs: tuple[tuple[float, int], ...]


class _RangePreset(Frozen):
    kind: Literal["range"]
    lightest: float = Field(gt=0)
    heaviest: float = Field(gt=0)
    step: float = Field(gt=0)


class _SeriesPreset(Frozen):
    kind: Literal["series"]
    weights: tuple[float, ...] = Field(min_length=1)


class _StackPreset(Frozen):
    kind: Literal["stack"]
    start: float = Field(gt=0)
    step: float = Field(gt=0)
    heaviest: float = Field(gt=0)


_Preset = Annotated[_PlatesPreset | _RangePreset | _SeriesPreset | _StackPreset, Field(discriminator="kind")]


class _EquipmentPreset(Frozen):
    equipment: str
    preset: str


class TypicalEquipment(Frozen):
    source: str
    confidence: str
    kg: dict[str, _Preset]
    lb: dict[str, _Preset]
    equipment: tuple[_EquipmentPreset, ...]


@cache
def typical_equipment() -> TypicalEquipment:
    table = load_table("loadables.yaml", TypicalEquipment)
    for unit_presets in (table.kg, table.lb):
        for item in table.equipment:
            if item.preset not in unit_presets:
                raise InputError(f"loadables.yaml: preset '{item.preset}' is missing")  # pragma: no cover
    return table


def preset_loadable(preset: str, unit: Unit = "kg") -> Loadable:
    """A typical piece of equipment (see data/loadables.yaml) with its values in ``unit``, as kg."""
    table = typical_equipment()
    presets = table.kg if unit == "kg" else table.lb
    if preset not in presets:
        raise InputError(f"no typical equipment called '{preset}' (known: {', '.join(sorted(presets))})")
    spec = presets[preset]

    def kg(value: float) -> float:
        return to_kg(value, unit)

    match spec:
        case _PlatesPreset():
            return PlateSet(kg(spec.bar), tuple((kg(w), n) for w, n in spec.plate_pairs))
        case _RangePreset():
            return DumbbellSet.from_range(kg(spec.lightest), kg(spec.heaviest), kg(spec.step))
        case _SeriesPreset():
            return DumbbellSet(tuple(kg(w) for w in spec.weights))
        case _StackPreset():
            return FixedIncrement(kg(spec.step), start_kg=kg(spec.start), heaviest_kg=kg(spec.heaviest))


def typical_preset(exercise: Exercise) -> str | None:
    """The typical-equipment preset that carries an externally loaded exercise's load, if any."""
    if exercise.load_type is not LoadType.EXTERNAL:
        return None
    for item in typical_equipment().equipment:
        if item.equipment in exercise.equipment:
            return item.preset
    return None


def typical_loadable(exercise: Exercise, unit: Unit = "kg") -> Loadable | None:
    """Typical equipment for an externally loaded exercise; None when its load is not set in kg."""
    preset = typical_preset(exercise)
    return preset_loadable(preset, unit) if preset is not None else None
