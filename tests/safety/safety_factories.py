"""Small constructors for the safety tests: the real muscles and equipment, hand-made exercises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
    Muscle,
    Provenance,
    Role,
    Setting,
    Source,
    SpinalLoad,
    parse_records,
)
from backcoach.safety import PlannedSession, Prescription

TEST_PROVENANCE = Provenance(source=Source.FREE_EXERCISE_DB, licence="test fixture")


@cache
def real_muscles() -> tuple[Muscle, ...]:
    data = resources.files("backcoach.catalog.data") / "muscles.yaml"
    return tuple(parse_records(Muscle, yaml.safe_load(data.read_text("utf-8")), where="muscles.yaml"))


@cache
def real_equipment() -> tuple[Equipment, ...]:
    data = resources.files("backcoach.catalog.data") / "equipment.yaml"
    return tuple(parse_records(Equipment, yaml.safe_load(data.read_text("utf-8")), where="equipment.yaml"))


def exercise(
    exercise_id: str,
    *,
    targets: Sequence[str] = ("latissimus-dorsi",),
    synergists: Sequence[tuple[str, float]] = (),
    category: Category = Category.BACK,
    level: Level = Level.BEGINNER,
    spinal_load: SpinalLoad = SpinalLoad.LOW,
    load_type: LoadType = LoadType.EXTERNAL,
    dose_kind: str = "reps",
    regressions: Sequence[str] = (),
    alternatives: Sequence[str] = (),
) -> Exercise:
    muscles = [Involvement(muscle=m, role=Role.TARGET, weight=0.8) for m in targets]
    muscles += [Involvement(muscle=m, role=Role.SYNERGIST, weight=w) for m, w in synergists]
    return Exercise.model_validate(
        {
            "id": exercise_id,
            "name": exercise_id.replace("-", " ").title(),
            "category": category,
            "equipment": ("none",),
            "level": level,
            "setting": (Setting.HOME, Setting.GYM),
            "load_type": load_type,
            "spinal_load": spinal_load,
            "muscles": tuple(muscles),
            "dose": Dose.model_validate({"kind": dose_kind, "range": [8, 12]}),
            "regressions": tuple(regressions),
            "alternatives": tuple(alternatives),
            "provenance": TEST_PROVENANCE,
        }
    )


def catalog(*exercises: Exercise) -> Catalog:
    return Catalog.build(muscles=real_muscles(), equipment=real_equipment(), mistakes=(), exercises=exercises)


# A small week of back work built from these exercises.
ROW = exercise("test-row", targets=("latissimus-dorsi", "rhomboids"), synergists=(("biceps-brachii", 0.5),))
HINGE = exercise(
    "test-hinge",
    targets=("erector-spinae", "gluteus-maximus"),
    synergists=(("hamstrings", 0.7),),
    spinal_load=SpinalLoad.HIGH,
)
CURL = exercise("test-curl", targets=("biceps-brachii",), category=Category.ARMS)
WARMUP = exercise("test-band-warmup", targets=("trapezius-middle",), category=Category.WARMUP)

MONDAY = dt.date(2024, 6, 3)  # a Monday


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def item(
    ex: Exercise = ROW,
    *,
    sets: int = 3,
    reps: tuple[int, int] = (8, 12),
    load_kg: float | None = None,
    rir: int = 2,
) -> Prescription:
    return Prescription(ex, sets, reps, load_kg, rir)


def session(when: dt.date, *items: Prescription) -> PlannedSession:
    return PlannedSession(when, items or (item(),))
