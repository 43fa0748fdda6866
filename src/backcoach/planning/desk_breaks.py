"""The desk-break routine: a few minutes of desk-friendly mobility drills, a few times a working day.

Long sitting leaves the back weak and stiff (our back-training guide), and short bouts of movement
that break it up help (Dunstan et al. 2012; WHO 2020). A person who sits all day asks for 1-4 breaks
a workday in their profile (``Profile.desk_breaks_per_day``); each break is the same routine of
drills picked from the catalogue by data (``data/desk_breaks.yaml``):

- desk-friendly: a preparation or recovery drill (``safety.guards.NOT_LOADING``), done standing or
  seated, needing nothing beyond a wall or a doorway, at low spinal load, not left out for the office;
- allowed for this person: the planner's own rules (``candidates.unsuitable_reason``: level,
  equipment, exclusions, spinal load when starting gently), and sparing muscles that hurt lately;
- chosen for the muscles sitting neglects most (the file's ``focus``, in order), then filled with
  other desk drills, each at the low end of its dose, lengthened step by step when the routine
  would otherwise fall short of its minimum.

The routine lasts 3-5 minutes, changeovers included, or there is none (and ``missing`` says why).
Whether the person may do it at all right now (screening, pain holds) is the safety gate's call
in the application layer, as for any training.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import Dose, Exercise, Role, SpinalLoad
from backcoach.errors import CatalogError
from backcoach.planning.candidates import unsuitable_reason
from backcoach.planning.profile import Profile, Weekday
from backcoach.planning.timing import work_seconds
from backcoach.safety.guards import NOT_LOADING

# How far a drill's dose grows in one lengthening step: a rep, a breath, or five seconds of a hold
# or timed bout (the catalogue's hold ranges move in fives; our choice).
GROW_STEP = {"reps": 1, "breaths": 1, "hold_s": 5, "time_s": 5}

DrillKind = Literal["reps", "breaths", "seconds"]


class LeftOut(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    why: str = Field(min_length=3)


class DeskRules(BaseModel):
    """``data/desk_breaks.yaml``: the routine's length, the working day, what suits a desk."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    routine_s: tuple[int, int]
    routine_source: str
    changeover_s: int = Field(ge=0)
    workday: tuple[time, time]
    workdays: tuple[Weekday, ...] = Field(min_length=1, max_length=7)
    max_per_day: int = Field(ge=1)
    round_to_min: int = Field(ge=1, le=60)
    schedule_source: str
    body_positions: frozenset[str] = Field(min_length=1)
    equipment: frozenset[str] = Field(min_length=1)
    desk_source: str
    left_out: tuple[LeftOut, ...] = ()
    focus: tuple[str, ...] = Field(min_length=1)
    focus_source: str

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        low, high = self.routine_s
        if not 0 < low <= high:
            raise ValueError(f"routine_s {self.routine_s} must be two rising positive numbers")
        if self.workday[0] >= self.workday[1]:
            raise ValueError("the working day must end after it starts")
        if len(set(self.focus)) != len(self.focus):
            raise ValueError("a focus muscle is listed twice")
        return self

    def checked(self, catalog: Catalog) -> Self:
        """The rules, once every id they name is known to ``catalog`` (CatalogError otherwise)."""
        unknown = [
            *(f"muscle {m}" for m in self.focus if m not in catalog.muscles),
            *(f"equipment {e}" for e in sorted(self.equipment) if e not in catalog.equipment),
            *(f"exercise {d.id}" for d in self.left_out if d.id not in catalog.exercises),
        ]
        if unknown:
            raise CatalogError(f"desk_breaks.yaml names what the catalogue lacks: {', '.join(unknown)}")
        return self


@cache
def desk_rules() -> DeskRules:
    text = resources.files("backcoach.planning.data").joinpath("desk_breaks.yaml").read_text("utf-8")
    return DeskRules.model_validate(yaml.safe_load(text))


@dataclass(frozen=True)
class Drill:
    """One drill of the routine: ``amount`` reps, breaths or seconds (each side when ``per_side``),
    taking ``seconds`` of work."""

    exercise_id: str
    kind: DrillKind
    amount: int
    per_side: bool
    seconds: int


@dataclass(frozen=True)
class Routine:
    drills: tuple[Drill, ...]
    changeover_s: int

    @property
    def total_s(self) -> int:
        """The whole break: every drill and the changeovers between them."""
        return sum(d.seconds for d in self.drills) + self.changeover_s * max(len(self.drills) - 1, 0)


@dataclass(frozen=True)
class DeskBreaks:
    """The person's desk breaks: ``per_day`` at ``times`` on ``days``, each one ``routine`` (None
    when too few drills suit them, ``missing`` saying why)."""

    per_day: int
    days: tuple[Weekday, ...]
    times: tuple[time, ...]
    routine: Routine | None
    missing: str | None = None

    def next_at(self, now: datetime) -> datetime | None:
        """The first break at or after ``now`` (wall-clock time, in now's zone), within a week."""
        for ahead in range(8):
            day = now.date() + timedelta(days=ahead)
            if Weekday.of(day) not in self.days:
                continue
            for at in self.times:
                moment = datetime.combine(day, at, tzinfo=now.tzinfo)
                if moment >= now:
                    return moment
        return None

    def on(self, day: date) -> tuple[datetime, ...]:
        """The breaks of ``day`` (none on a day off)."""
        return tuple(datetime.combine(day, at) for at in self.times) if Weekday.of(day) in self.days else ()


def break_times(per_day: int, rules: DeskRules | None = None) -> tuple[time, ...]:
    """``per_day`` times spread over the working day: each at the middle of an equal share of it,
    rounded to the file's minutes (one break: 13:00; four: 10:00, 12:00, 14:00, 16:00)."""
    rules = rules or desk_rules()
    start, end = (t.hour * 60 + t.minute for t in rules.workday)
    out = []
    for k in range(per_day):
        minute = start + (end - start) * (2 * k + 1) / (2 * per_day)
        rounded = int(round(minute / rules.round_to_min) * rules.round_to_min)
        out.append(time(rounded // 60, rounded % 60))
    return tuple(out)


def desk_friendly(exercise: Exercise, rules: DeskRules) -> bool:
    """Whether a drill can be done beside a desk, whoever does it."""
    return (
        exercise.category in NOT_LOADING
        and exercise.dose is not None
        and exercise.setup is not None
        and exercise.setup.body_position in rules.body_positions
        and set(exercise.equipment) <= rules.equipment
        and exercise.spinal_load is SpinalLoad.LOW
        and exercise.id not in {d.id for d in rules.left_out}
    )


def allowed_drills(
    profile: Profile, catalog: Catalog, *, spare: frozenset[str] = frozenset()
) -> list[Exercise]:
    """The desk-friendly drills this person may do, by id: the planner's rules for what they may
    do anywhere, and none that works a muscle in ``spare`` (muscles that hurt lately)."""
    rules = desk_rules().checked(catalog)
    return sorted(
        (
            e
            for e in catalog.exercises.values()
            if desk_friendly(e, rules)
            and unsuitable_reason(e, profile, catalog) is None
            and not any(i.muscle in spare and i.role is not Role.STABILISER for i in e.muscles)
        ),
        key=lambda e: e.id,
    )


def _dose(exercise: Exercise) -> Dose:
    assert exercise.dose is not None  # desk_friendly keeps dosed drills only
    return exercise.dose


def _lowest(exercise: Exercise) -> Drill:
    return _drill(exercise, int(_dose(exercise).range.min))


def _drill(exercise: Exercise, amount: int) -> Drill:
    dose = _dose(exercise)
    at = dose.model_copy(update={"range": dose.range.model_copy(update={"min": amount, "max": amount})})
    seconds = work_seconds(exercise.model_copy(update={"dose": at}))
    kind: DrillKind = "reps" if dose.kind == "reps" else "breaths" if dose.kind == "breaths" else "seconds"
    return Drill(exercise.id, kind, amount, dose.per_side or exercise.unilateral, seconds)


def _grown(exercise: Exercise, drill: Drill) -> Drill | None:
    """The drill one step longer, or None at the top of its dose."""
    dose = _dose(exercise)
    amount = drill.amount + GROW_STEP[dose.kind]
    return None if amount > dose.range.max else _drill(exercise, amount)


def routine_for(profile: Profile, catalog: Catalog, *, spare: frozenset[str] = frozenset()) -> Routine | None:
    """The desk-break routine for this person, or None when their drills cannot fill its minimum."""
    rules = desk_rules()
    low, high = rules.routine_s
    pool = allowed_drills(profile, catalog, spare=spare)
    by_id = {e.id: e for e in pool}
    chosen: list[Drill] = []

    def fits(drills: Sequence[Drill]) -> bool:
        return Routine(tuple(drills), rules.changeover_s).total_s <= high

    def targets(exercise: Exercise, muscle: str) -> bool:
        parts = catalog.parts(muscle)
        return any(i.muscle in parts and i.role is Role.TARGET for i in exercise.muscles)

    focused: list[Exercise] = []
    for muscle in rules.focus:
        first = next((e for e in pool if e not in focused and targets(e, muscle)), None)
        focused += [first] if first is not None else []
    taken: set[str] = set()
    for exercise in [*focused, *pool]:
        drill = _lowest(exercise)
        if exercise.id not in taken and fits([*chosen, drill]):
            chosen.append(drill)
            taken.add(exercise.id)
    grew = True
    while grew and Routine(tuple(chosen), rules.changeover_s).total_s < low:
        grew = False
        for i, drill in enumerate(chosen):
            longer = _grown(by_id[drill.exercise_id], drill)
            if longer is not None and fits([*chosen[:i], longer, *chosen[i + 1 :]]):
                chosen[i] = longer
                grew = True
                if Routine(tuple(chosen), rules.changeover_s).total_s >= low:
                    break
    routine = Routine(tuple(chosen), rules.changeover_s)
    return routine if low <= routine.total_s <= high else None


# What a person reads when their drills cannot fill a break.
TOO_FEW = (
    "too few desk-friendly drills suit your profile to fill a {low}-minute break: "
    "take fewer exercises or muscles out of your plan to get one"
)


def desk_breaks(
    profile: Profile, catalog: Catalog, *, spare: frozenset[str] = frozenset()
) -> DeskBreaks | None:
    """The person's desk breaks, or None when they asked for none."""
    if profile.desk_breaks_per_day == 0:
        return None
    rules = desk_rules()
    routine = routine_for(profile, catalog, spare=spare)
    missing = None if routine is not None else TOO_FEW.format(low=math.ceil(rules.routine_s[0] / 60))
    return DeskBreaks(
        per_day=profile.desk_breaks_per_day,
        days=rules.workdays,
        times=break_times(profile.desk_breaks_per_day, rules),
        routine=routine,
        missing=missing,
    )
