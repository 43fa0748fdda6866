"""Small hand-made catalogues, plan sessions and seeded random training histories for the analysis tests.

Histories mix kilogram and pound entries: a pound entry stores ``lb × 0.45359237`` kg (the 1959
international pound) and keeps ``entered_unit="lb"`` for display only.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from importlib import resources

import yaml

from backcoach.catalog import (
    Catalog,
    Category,
    Dose,
    Equipment,
    Exercise,
    Involvement,
    Level,
    LoadType,
    Mistake,
    Muscle,
    Provenance,
    Range,
    Role,
    Setting,
    Source,
    SpinalLoad,
    parse_records,
)
from backcoach.planning.plan import Block, PlanItem, Session, SetSpec
from backcoach.planning.profile import Weekday
from backcoach.sessions.records import LoggedSet, PainEntry, SetType, Target, Workout

LB = 0.45359237  # kg per international pound, written out here rather than imported
DATA = resources.files("backcoach.catalog.data")
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)  # a Monday evening
PLUS_5_30 = timezone(timedelta(hours=5, minutes=30))
MINUS_7 = timezone(timedelta(hours=-7))
ZONES = (UTC, PLUS_5_30, MINUS_7)


@cache
def real_muscles() -> tuple[Muscle, ...]:
    raw = yaml.safe_load((DATA / "muscles.yaml").read_text(encoding="utf-8"))
    return tuple(parse_records(Muscle, raw, where="muscles.yaml"))


@cache
def _equipment() -> tuple[Equipment, ...]:
    raw = yaml.safe_load((DATA / "equipment.yaml").read_text(encoding="utf-8"))
    return tuple(parse_records(Equipment, raw, where="equipment.yaml"))


@cache
def _mistakes() -> tuple[Mistake, ...]:
    raw = yaml.safe_load((DATA / "mistakes.yaml").read_text(encoding="utf-8"))
    return tuple(parse_records(Mistake, raw, where="mistakes.yaml"))


def make_exercise(
    exercise_id: str,
    *,
    targets: Iterable[str] = (),
    synergists: Iterable[str] = (),
    stabilisers: Iterable[str] = (),
    equipment: tuple[str, ...] = ("dumbbells",),
    load_type: LoadType = LoadType.EXTERNAL,
    spinal_load: SpinalLoad = SpinalLoad.LOW,
    level: Level = Level.BEGINNER,
    category: Category = Category.BACK,
    regressions: tuple[str, ...] = (),
    alternatives: tuple[str, ...] = (),
) -> Exercise:
    muscles = [
        *(Involvement(muscle=m, role=Role.TARGET, weight=0.8) for m in targets),
        *(Involvement(muscle=m, role=Role.SYNERGIST, weight=0.5) for m in synergists),
        *(Involvement(muscle=m, role=Role.STABILISER, weight=0.3) for m in stabilisers),
    ]
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").title(),
        category=category,
        equipment=equipment,
        level=level,
        setting=(Setting.HOME, Setting.GYM),
        load_type=load_type,
        spinal_load=spinal_load,
        muscles=tuple(muscles),
        dose=Dose.model_validate({"kind": "reps", "range": Range(min=8, max=12)}),
        regressions=regressions,
        alternatives=alternatives,
        provenance=Provenance(source=Source.FREE_EXERCISE_DB, licence="test fixture"),
    )


ROW = make_exercise(
    "a-row",
    targets=("latissimus-dorsi", "rhomboid-major", "rhomboid-minor", "trapezius-middle"),
    synergists=("trapezius-lower", "posterior-deltoid", "biceps-brachii"),
    stabilisers=("iliocostalis", "longissimus"),
    spinal_load=SpinalLoad.MODERATE,
    regressions=("a-chest-row",),
)
CHEST_ROW = make_exercise(
    "a-chest-row",
    targets=("latissimus-dorsi", "rhomboid-major", "rhomboid-minor", "trapezius-middle"),
    synergists=("posterior-deltoid",),
)
PULLDOWN = make_exercise(
    "a-pulldown",
    targets=("latissimus-dorsi", "trapezius-lower"),
    synergists=("rhomboid-major", "rhomboid-minor", "biceps-brachii"),
    equipment=("lat-pulldown-machine",),
)
HINGE = make_exercise(
    "a-hinge",
    targets=("iliocostalis", "longissimus", "gluteus-maximus", "hamstrings"),
    synergists=("multifidus",),
    stabilisers=("trapezius-upper",),
    equipment=("barbell",),
    spinal_load=SpinalLoad.HIGH,
    regressions=("a-back-extension",),
    alternatives=("a-hip-thrust",),
)
BACK_EXTENSION = make_exercise(
    "a-back-extension",
    targets=("iliocostalis", "longissimus", "multifidus"),
    synergists=("gluteus-maximus",),
    equipment=("none",),
    load_type=LoadType.BODYWEIGHT,
    spinal_load=SpinalLoad.MODERATE,
)
HIP_THRUST = make_exercise(
    "a-hip-thrust", targets=("gluteus-maximus",), synergists=("hamstrings",), equipment=("barbell",)
)
SHRUG = make_exercise("a-shrug", targets=("trapezius-upper", "levator-scapulae"))
WEIGHTED_PULLUP = make_exercise(
    "a-weighted-pull-up",
    targets=("latissimus-dorsi",),
    synergists=("biceps-brachii", "trapezius-lower"),
    equipment=("pull-up-bar",),
    load_type=LoadType.WEIGHTED_BODYWEIGHT,
)
CAT_COW = make_exercise(
    "a-cat-cow",
    targets=("iliocostalis", "longissimus", "multifidus"),
    equipment=("none",),
    load_type=LoadType.NONE,
    category=Category.WARMUP,
)

EXERCISES = (ROW, CHEST_ROW, PULLDOWN, HINGE, BACK_EXTENSION, HIP_THRUST, SHRUG, WEIGHTED_PULLUP, CAT_COW)
LOADED = (ROW, CHEST_ROW, PULLDOWN, HINGE, HIP_THRUST, SHRUG)


@cache
def catalog() -> Catalog:
    return Catalog.build(
        muscles=real_muscles(), equipment=_equipment(), mistakes=_mistakes(), exercises=EXERCISES
    )


# ---------------------------------------------------------------------- logged sets


def logged(
    exercise: Exercise | str,
    at: datetime,
    reps: int,
    load: float | None,
    *,
    unit: str = "kg",
    set_type: SetType = SetType.WORKING,
    rir: float | None = None,
    target: Target | None = None,
) -> LoggedSet:
    """A set as typed: ``load`` in ``unit`` (kg or lb), stored in kilograms."""
    kg = None if load is None else (load * LB if unit == "lb" else float(load))
    return LoggedSet(
        exercise_id=exercise if isinstance(exercise, str) else exercise.id,
        performed_at=at,
        reps=reps,
        load_kg=kg,
        set_type=set_type,
        rir=rir,
        target=target if target is not None else Target(),
        entered_unit="lb" if unit == "lb" else "kg",
    )


def workout(
    sets: Iterable[LoggedSet], *, planned: date | None = None, pain: Iterable[PainEntry] = ()
) -> Workout:
    ordered = tuple(sets)
    start = min(s.performed_at for s in ordered) if ordered else T0
    return Workout(started_at=start, sets=ordered, planned_date=planned, pain=tuple(pain))


def random_set(rng: random.Random, exercise: Exercise, at: datetime) -> LoggedSet:
    """One set of any type, load in kg or lb (or none), RIR logged or not."""
    set_type = rng.choice([SetType.WORKING] * 5 + [SetType.WARMUP, SetType.DROP, SetType.FAILURE])
    reps = rng.choice([0, *range(1, 16), 20, 31])
    unit = rng.choice(["kg", "lb"])
    load: float | None
    if rng.random() < 0.1:
        load = None
    elif unit == "kg":
        load = rng.randrange(0, 81) * 1.25
    else:
        load = rng.randrange(0, 41) * 5.0
    rir = None if set_type is SetType.FAILURE or rng.random() < 0.3 else rng.randrange(0, 11) / 2
    target = Target(reps_min=8, reps_max=12, rir=2.0) if rng.random() < 0.7 else Target()
    return logged(exercise, at, reps, load, unit=unit, set_type=set_type, rir=rir, target=target)


def random_history(
    rng: random.Random, *, weeks: int = 6, exercises: Iterable[Exercise] = LOADED
) -> list[Workout]:
    """Two to four workouts a week on distinct days, each a few exercises of a few sets."""
    pool = list(exercises)
    out: list[Workout] = []
    for week in range(weeks):
        days = sorted(rng.sample(range(7), rng.randint(2, 4)))
        for day in days:
            zone = rng.choice(ZONES)
            start = (T0 + timedelta(days=7 * week + day, hours=rng.uniform(-12, 5))).astimezone(zone)
            at = start
            sets: list[LoggedSet] = []
            for exercise in rng.sample(pool, rng.randint(1, min(4, len(pool)))):
                for _ in range(rng.randint(1, 5)):
                    sets.append(random_set(rng, exercise, at))
                    at += timedelta(minutes=rng.uniform(1.5, 4))
            out.append(Workout(started_at=start, sets=tuple(sets)))
    return out


# ---------------------------------------------------------------------- plan sessions


def item(
    exercise: Exercise | str,
    sets: int = 3,
    *,
    reps: tuple[int, int] = (8, 12),
    load: float | None = 40.0,
    rir: int | None = 2,
    role: str = "main",
) -> PlanItem:
    spec = SetSpec("working", reps[0], reps[1], load, rir, 90)
    return PlanItem(exercise if isinstance(exercise, str) else exercise.id, (spec,) * sets, None, role)


def session(day: date, *items: PlanItem, warmup: Iterable[PlanItem] = ()) -> Session:
    blocks = [Block("back", tuple(items))]
    warm = tuple(warmup)
    if warm:
        blocks.insert(0, Block("warmup", warm))
    return Session(day, list(Weekday)[day.weekday()], 45, tuple(blocks), "full")
