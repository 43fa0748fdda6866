"""Small, hand-made catalogues for the science tests, built on the real muscles and equipment."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
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
    parse_records,
)

DATA = resources.files("backcoach.catalog.data")
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def hours(n: float) -> datetime:
    """``n`` hours after the reference time T0."""
    return T0 + timedelta(hours=n)


@cache
def real_muscles() -> tuple[Muscle, ...]:
    raw = yaml.safe_load((DATA / "muscles.yaml").read_text(encoding="utf-8"))
    return tuple(parse_records(Muscle, raw, where="muscles.yaml"))


@cache
def real_equipment() -> tuple[Equipment, ...]:
    raw = yaml.safe_load((DATA / "equipment.yaml").read_text(encoding="utf-8"))
    return tuple(parse_records(Equipment, raw, where="equipment.yaml"))


@cache
def real_mistakes() -> tuple[Mistake, ...]:
    raw = yaml.safe_load((DATA / "mistakes.yaml").read_text(encoding="utf-8"))
    return tuple(parse_records(Mistake, raw, where="mistakes.yaml"))


def make_exercise(
    exercise_id: str,
    *,
    targets: Iterable[str] = (),
    synergists: Iterable[str] = (),
    stabilisers: Iterable[str] = (),
    category: Category = Category.BACK,
    equipment: tuple[str, ...] = ("none",),
    load_type: LoadType = LoadType.EXTERNAL,
    dose: Dose | None = None,
    regressions: tuple[str, ...] = (),
) -> Exercise:
    """An imported-style exercise (no curated text needed) with the given muscle roles."""
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
        level=Level.BEGINNER,
        setting=(Setting.HOME, Setting.GYM),
        load_type=load_type,
        muscles=tuple(muscles),
        dose=dose,
        regressions=regressions,
        provenance=Provenance(source=Source.FREE_EXERCISE_DB, licence="test fixture"),
    )


def reps_dose(low: int, high: int) -> Dose:
    return drill_dose("reps", low, high)


def drill_dose(kind: str, low: int, high: int) -> Dose:
    return Dose.model_validate({"kind": kind, "range": Range(min=low, max=high)})


# Training exercises ------------------------------------------------------------------------------
ROW = make_exercise(
    "test-row",
    targets=("latissimus-dorsi", "rhomboid-major", "rhomboid-minor", "trapezius-middle"),
    synergists=("trapezius-lower", "posterior-deltoid", "biceps-brachii"),
    stabilisers=("iliocostalis", "longissimus"),
    equipment=("dumbbells",),
    dose=reps_dose(8, 12),
)
PULLDOWN = make_exercise(
    "test-pulldown",
    targets=("latissimus-dorsi", "trapezius-lower"),
    synergists=("rhomboid-major", "rhomboid-minor", "biceps-brachii"),
    equipment=("lat-pulldown-machine",),
    dose=reps_dose(8, 12),
)
HINGE = make_exercise(
    "test-hinge",
    targets=("iliocostalis", "longissimus", "gluteus-maximus", "hamstrings"),
    synergists=("multifidus",),
    stabilisers=("trapezius-upper", "forearm-flexors"),
    equipment=("barbell",),
    dose=reps_dose(6, 10),
)
SHRUG = make_exercise(
    "test-shrug",
    targets=("trapezius-upper", "levator-scapulae"),
    stabilisers=("forearm-flexors",),
    equipment=("dumbbells",),
    dose=reps_dose(10, 15),
)
EASY_ROW = make_exercise(
    "test-easy-row",
    targets=("latissimus-dorsi", "rhomboid-major", "rhomboid-minor"),
    load_type=LoadType.BODYWEIGHT,
    dose=reps_dose(8, 15),
)
BODYWEIGHT_ROW = make_exercise(
    "test-bodyweight-row",
    targets=("latissimus-dorsi", "rhomboid-major", "rhomboid-minor", "trapezius-middle"),
    load_type=LoadType.BODYWEIGHT,
    dose=reps_dose(6, 12),
    regressions=("test-easy-row",),
)
PLANK = make_exercise(
    "test-plank",
    targets=("rectus-abdominis", "transversus-abdominis"),
    category=Category.CORE,
    load_type=LoadType.BODYWEIGHT,
    dose=drill_dose("hold_s", 20, 40),
)

# Drills ------------------------------------------------------------------------------------------
MARCH = make_exercise(
    "test-march",
    targets=("hip-flexors",),
    category=Category.WARMUP,
    load_type=LoadType.NONE,
    dose=drill_dose("time_s", 60, 120),
)
SKIPPING = make_exercise(
    "test-skipping",
    targets=("quadriceps",),
    category=Category.WARMUP,
    equipment=("mat",),
    load_type=LoadType.NONE,
    dose=drill_dose("time_s", 60, 120),
)
BREATHING = make_exercise(
    "test-breathing",
    targets=("diaphragm",),
    synergists=("serratus-posterior-superior", "serratus-posterior-inferior"),
    category=Category.WARMUP,
    equipment=("mat",),
    load_type=LoadType.NONE,
    dose=drill_dose("breaths", 5, 8),
)
SPINE_MOBILITY = make_exercise(
    "test-spine-mobility",
    targets=("iliocostalis", "longissimus", "multifidus"),
    category=Category.WARMUP,
    equipment=("mat",),
    load_type=LoadType.NONE,
    dose=reps_dose(8, 10),
)
THORACIC = make_exercise(
    "test-thoracic",
    targets=("rotatores", "spinalis"),
    category=Category.MOBILITY,
    load_type=LoadType.NONE,
    dose=reps_dose(6, 8),
)
SCAP_ACTIVATION = make_exercise(
    "test-scap-activation",
    targets=("trapezius-lower", "trapezius-middle", "rhomboid-major", "rhomboid-minor"),
    category=Category.WARMUP,
    equipment=("resistance-band",),
    load_type=LoadType.BAND,
    dose=reps_dose(12, 15),
)
LAT_MOBILITY = make_exercise(
    "test-lat-mobility",
    targets=("latissimus-dorsi",),
    category=Category.MOBILITY,
    load_type=LoadType.NONE,
)
STATIC_WARMUP_STRETCH = make_exercise(
    "test-static-stretch",
    targets=("latissimus-dorsi", "trapezius-middle", "rhomboid-major", "rhomboid-minor", "trapezius-lower"),
    category=Category.WARMUP,
    load_type=LoadType.NONE,
    dose=drill_dose("hold_s", 20, 30),
)
LAT_STRETCH = make_exercise(
    "test-lat-stretch",
    targets=("latissimus-dorsi",),
    category=Category.COOLDOWN,
    equipment=("doorway",),
    load_type=LoadType.NONE,
    dose=drill_dose("hold_s", 20, 30),
)
CHILDS_POSE = make_exercise(
    "test-childs-pose",
    targets=("latissimus-dorsi", "iliocostalis", "longissimus"),
    category=Category.COOLDOWN,
    equipment=("mat",),
    load_type=LoadType.NONE,
)
UPPER_BACK_STRETCH = make_exercise(
    "test-upper-back-stretch",
    targets=("rhomboid-major", "rhomboid-minor", "trapezius-middle"),
    category=Category.COOLDOWN,
    load_type=LoadType.NONE,
    dose=drill_dose("hold_s", 20, 30),
)
COOLDOWN_BREATHING = make_exercise(
    "test-cooldown-breathing",
    targets=("diaphragm",),
    category=Category.COOLDOWN,
    equipment=("mat",),
    load_type=LoadType.NONE,
    dose=drill_dose("breaths", 6, 10),
)

TRAINING = (ROW, PULLDOWN, HINGE, SHRUG, EASY_ROW, BODYWEIGHT_ROW, PLANK)
DRILLS = (
    MARCH,
    SKIPPING,
    BREATHING,
    SPINE_MOBILITY,
    THORACIC,
    SCAP_ACTIVATION,
    LAT_MOBILITY,
    STATIC_WARMUP_STRETCH,
    LAT_STRETCH,
    CHILDS_POSE,
    UPPER_BACK_STRETCH,
    COOLDOWN_BREATHING,
)


def small_catalog(*exercises: Exercise) -> Catalog:
    """The real muscles, equipment and mistakes with the given exercises (default: all above)."""
    return Catalog.build(
        muscles=real_muscles(),
        equipment=real_equipment(),
        mistakes=real_mistakes(),
        exercises=exercises or (*TRAINING, *DRILLS),
    )
