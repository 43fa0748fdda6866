"""Typed, immutable models of the knowledge catalogue.

The catalogue is data (YAML files beside this package) validated by these models at load time.
Every later layer (science, safety, planning, sessions, web) reads these types and never the files.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=KEBAB, min_length=2, max_length=80)]
Text = Annotated[str, Field(min_length=3)]

# Tempo is written eccentric-bottom pause-concentric-top pause in seconds, the notation
# popularised by Charles Poliquin and used by NSCA texts ("3-1-1-0"); "X" means explosive.
TEMPO = re.compile(r"^(?:\d|X)-(?:\d|X)-(?:\d|X)-(?:\d|X)$")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Group(StrEnum):
    """The article's three anatomical layers of the back, plus muscles outside the back."""

    SUPERFICIAL = "superficial"
    INTERMEDIATE = "intermediate"
    INTRINSIC = "intrinsic"
    SUPPORTING = "supporting"


class Region(StrEnum):
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    OTHER = "other"


class Role(StrEnum):
    TARGET = "target"
    SYNERGIST = "synergist"
    STABILISER = "stabiliser"


class Category(StrEnum):
    BACK = "back"
    CORE = "core"
    ARMS = "arms"
    WARMUP = "warmup"
    COOLDOWN = "cooldown"
    MOBILITY = "mobility"
    OTHER = "other"  # imported records outside back training (presses, legs, cardio)


class Level(StrEnum):
    """ACSM 2009 (Ratamess et al.) training status: novice = untrained or years off,
    intermediate = about 6 months of consistent training, advanced = years of training."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class Setting(StrEnum):
    HOME = "home"
    GYM = "gym"


class LoadType(StrEnum):
    """How the resistance is set, which decides whether a plan can prescribe a load in kg."""

    EXTERNAL = "external"  # free weights, cables, machines: a load in kg
    BODYWEIGHT = "bodyweight"  # the person's own body; load is null
    ASSISTED = "assisted"  # body weight minus help (band, machine counterweight)
    WEIGHTED_BODYWEIGHT = "weighted_bodyweight"  # body weight plus a belt or vest
    BAND = "band"  # elastic resistance, graded by band colour rather than kg
    NONE = "none"  # drills, breathing, stretches


class SpinalLoad(StrEnum):
    """Relative lumbar compression and shear, ranked from McGill's work (Fenwick, Brown &
    McGill 2009; Callaghan, Gunning & McGill 1998). Used by the planner for the low-back goal."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Source(StrEnum):
    CURATED = "curated"
    FREE_EXERCISE_DB = "free-exercise-db"


class Range(Frozen):
    """A closed interval; a single number in the data means an exact (approximate) value."""

    min: float
    max: float

    @model_validator(mode="before")
    @classmethod
    def _from_scalar_or_pair(cls, value: object) -> object:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return {"min": value, "max": value}
        if isinstance(value, list | tuple) and len(value) == 2:
            return {"min": value[0], "max": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError(f"range minimum {self.min} is above its maximum {self.max}")
        return self

    def __str__(self) -> str:
        lo, hi = _fmt(self.min), _fmt(self.max)
        return lo if lo == hi else f"{lo}–{hi}"


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


class Muscle(Frozen):
    id: Id
    name: Text
    latin_name: Text
    group: Group
    region: Region
    parent: Id | None = None
    functions: tuple[Text, ...] = Field(min_length=1)
    description: Text
    # Where a breathing or respiratory role explains how the muscle is trained.
    training_note: str | None = None


class Equipment(Frozen):
    id: Id
    name: Text
    setting: tuple[Setting, ...] = Field(min_length=1)
    description: Text


class Involvement(Frozen):
    muscle: Id
    role: Role
    weight: float = Field(ge=0.0, le=1.0)


AngleKey = Literal[
    "bench_incline_deg",  # bench back rest above horizontal
    "hip_hinge_deg",  # torso forward lean from upright
    "elbow_to_torso_deg",  # upper arm angle away from the side of the body
    "knee_bend_deg",  # knee flexion from straight
    "torso_lean_back_deg",  # lean behind vertical (pulldowns, seated rows)
    "body_angle_deg",  # body above horizontal (inverted rows, incline work)
    "shoulder_abduction_deg",  # arm raised from the side (raises, face pulls)
]


class Setup(Frozen):
    """Structured set-up: what a coach checks before the first repetition."""

    position: Text  # the starting position in plain words
    body_position: (
        Literal[
            "standing",
            "seated",
            "prone",
            "supine",
            "side_lying",
            "quadruped",
            "kneeling",
            "half_kneeling",
            "hanging",
            "hinged",
            "plank",
        ]
        | None
    ) = None
    grip: Literal["pronated", "supinated", "neutral", "mixed", "rotating", "none"] | None = None
    grip_width: Literal["narrow", "shoulder", "wide"] | None = None
    stance: Literal["feet_together", "hip_width", "shoulder_width", "wide", "staggered", "split"] | None = (
        None
    )
    angles: dict[AngleKey, Range] = Field(default_factory=dict)
    end_point: str | None = None  # where the movement finishes, e.g. "chin above the bar"
    contact: tuple[str, ...] = ()  # body contact points, e.g. "chest on the pad"


class Dose(Frozen):
    """Default prescription: repetitions per set, or seconds of holding or moving."""

    kind: Literal["reps", "hold_s", "time_s", "breaths"]
    range: Range
    per_side: bool = False
    tempo: str | None = None

    @field_validator("tempo")
    @classmethod
    def _tempo(cls, value: str | None) -> str | None:
        if value is not None and not TEMPO.match(value):
            raise ValueError(f"tempo {value!r} must look like '3-1-1-0' (eccentric-pause-concentric-pause)")
        return value


class Mistake(Frozen):
    """A form or programming error: why it matters, how to notice it, how to fix it."""

    id: Id | None = None  # catalogue-wide entries have ids; exercise-specific ones may not
    title: Text
    why: Text
    notice: Text
    fix: Text
    source: str | None = None
    exercises: tuple[Id, ...] = ()  # filled for catalogue-wide entries when loaded


class Provenance(Frozen):
    source: Source
    licence: str
    original_id: str | None = None
    url: str | None = None


class Exercise(Frozen):
    id: Id
    name: Text
    aliases: tuple[str, ...] = ()
    category: Category
    equipment: tuple[Id, ...]  # all required together; ("none",) for no equipment
    level: Level
    setting: tuple[Setting, ...] = Field(min_length=1)
    load_type: LoadType
    spinal_load: SpinalLoad = SpinalLoad.LOW
    mechanic: Literal["compound", "isolation"] | None = None
    unilateral: bool = False
    muscles: tuple[Involvement, ...] = Field(min_length=1)
    setup: Setup | None = None
    steps: tuple[Text, ...] = ()
    cues: tuple[Text, ...] = ()
    mistakes: tuple[Mistake, ...] = ()  # exercise-specific
    common_mistakes: tuple[Id, ...] = ()  # references to catalogue-wide mistakes
    dose: Dose | None = None
    cautions: tuple[Text, ...] = ()
    regressions: tuple[Id, ...] = ()
    progressions: tuple[Id, ...] = ()
    alternatives: tuple[Id, ...] = ()
    why: str | None = None  # why this exercise is in the catalogue / what it is best for
    evidence: tuple[str, ...] = ()
    provenance: Provenance = Provenance(source=Source.CURATED, licence="backcoach")

    @property
    def source(self) -> Source:
        return self.provenance.source

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        muscles = [m.muscle for m in self.muscles]
        if len(muscles) != len(set(muscles)):
            raise ValueError("a muscle is listed twice in the involvement")
        if not any(m.role is Role.TARGET for m in self.muscles):
            raise ValueError("an exercise needs at least one target muscle")
        if "none" in self.equipment and len(self.equipment) > 1:
            raise ValueError("equipment 'none' cannot be combined with other equipment")
        links = (*self.regressions, *self.progressions, *self.alternatives)
        if self.id in links:
            raise ValueError("an exercise cannot link to itself")
        if self.provenance.source is Source.CURATED:
            missing = [
                name
                for name, value in (
                    ("setup", self.setup),
                    ("steps", self.steps),
                    ("cues", self.cues),
                    ("dose", self.dose),
                    ("why", self.why),
                )
                if not value
            ]
            if missing:
                raise ValueError(f"a curated exercise needs {', '.join(missing)}")
            if len(self.steps) < 3:
                raise ValueError("a curated exercise needs at least 3 numbered steps")
            if not (self.mistakes or self.common_mistakes):
                raise ValueError("a curated exercise names at least one mistake")
        return self
