"""Importing free-exercise-db (yuhonas/free-exercise-db, The Unlicense) as a catalogue extension.

Pure: ``parse`` turns the file's text into validated records, ``convert`` maps them onto our
muscles, equipment and levels and marks duplicates of curated exercises. Reading and writing
files is the job of ``extension_store``. A malformed file is rejected whole: the error names
the record (index and id) and the field at fault, and nothing is returned to store.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import (
    Category,
    Dose,
    Exercise,
    Involvement,
    Level,
    LoadType,
    Provenance,
    Range,
    Region,
    Role,
    Setting,
    Source,
    SpinalLoad,
)
from backcoach.errors import ImportRejected

SOURCE_URL = "https://github.com/yuhonas/free-exercise-db"
LICENCE = "The Unlicense (public domain)"

# Weights given to a record's groups before the per-node share (see the mapping file).
PRIMARY_WEIGHT = 0.8
SECONDARY_WEIGHT = 0.4

MuscleGroup = Literal[
    "abdominals",
    "abductors",
    "adductors",
    "biceps",
    "calves",
    "chest",
    "forearms",
    "glutes",
    "hamstrings",
    "lats",
    "lower back",
    "middle back",
    "neck",
    "quadriceps",
    "shoulders",
    "traps",
    "triceps",
]
# How deep the file may nest. The format itself is three deep (a list of records, each holding
# lists of strings); a few levels more leave room for harmless extras, and anything deeper is not
# this format. Checked before any record is read, so a pathological file is rejected in linear time.
MAX_DEPTH = 8
# The longest id accepted: the catalogue's own limit for ids (catalog.models.Id); the source's ids
# are all shorter, and ours are derived from them without growing.
MAX_ID = 80
BACK_GROUPS: frozenset[str] = frozenset({"lats", "lower back", "middle back", "traps", "neck"})
ARM_GROUPS: frozenset[str] = frozenset({"biceps", "triceps", "forearms"})


class FedbRecord(BaseModel):
    """One record as free-exercise-db's schema.json describes it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[0-9a-zA-Z_-]*[0-9a-zA-Z][0-9a-zA-Z_-]*$", max_length=MAX_ID)
    name: str = Field(min_length=1)
    force: Literal["static", "pull", "push"] | None
    level: Literal["beginner", "intermediate", "expert"]
    mechanic: Literal["compound", "isolation"] | None
    equipment: (
        Literal[
            "barbell",
            "dumbbell",
            "body only",
            "cable",
            "machine",
            "kettlebells",
            "bands",
            "medicine ball",
            "exercise ball",
            "foam roll",
            "e-z curl bar",
            "other",
        ]
        | None
    )
    primaryMuscles: tuple[MuscleGroup, ...] = Field(min_length=1)
    secondaryMuscles: tuple[MuscleGroup, ...]
    instructions: tuple[str, ...]
    category: Literal[
        "strength",
        "stretching",
        "plyometrics",
        "powerlifting",
        "olympic weightlifting",
        "strongman",
        "cardio",
    ]
    images: tuple[str, ...] = ()


class _Share(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    node: str
    share: float = Field(gt=0, le=1)


class Mapping(BaseModel):
    """The documented mapping table (interop/data/free_exercise_db.yaml)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    muscles: dict[MuscleGroup, tuple[_Share, ...]]
    equipment: dict[str, tuple[str, ...]]
    levels: dict[str, Level]


@cache
def mapping() -> Mapping:
    text = resources.files("backcoach.interop.data").joinpath("free_exercise_db.yaml").read_text("utf-8")
    return Mapping.model_validate(yaml.safe_load(text))


@dataclass(frozen=True)
class Converted:
    exercise: Exercise
    duplicate_of: str | None  # the curated exercise id this record duplicates


@dataclass(frozen=True)
class ImportResult:
    records: tuple[Converted, ...]

    @property
    def added(self) -> tuple[Exercise, ...]:
        return tuple(c.exercise for c in self.records if c.duplicate_of is None)

    @property
    def duplicates(self) -> dict[str, str]:
        """Original free-exercise-db id → curated exercise id."""
        return {
            c.exercise.provenance.original_id or c.exercise.id: c.duplicate_of
            for c in self.records
            if c.duplicate_of is not None
        }


def depth(value: object) -> int:
    """How deep ``value`` (as decoded from JSON) nests: a scalar is 0, ``[]`` is 1, ``[[1]]`` is 2."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:  # iterative: a deep value cannot exhaust the interpreter's stack here
        item, level = stack.pop()
        if isinstance(item, list | dict):
            level += 1
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                break
            stack.extend((child, level) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse(text: str, *, where: str) -> list[FedbRecord]:
    """Validate the whole file; the first fault rejects it, naming the record and field.

    Ids are compared as backcoach writes them (``exercise_id``): two records whose ids differ only
    in case or separators (``Foo_Bar``, ``foo-bar``) are one exercise, and the file is rejected
    naming both, as for an exact repeat.
    """
    too_deep = f"{where}: the JSON nests deeper than {MAX_DEPTH} levels: not a free-exercise-db file"
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"{where}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:  # deeper than the decoder can go: far past MAX_DEPTH
        raise ImportRejected(too_deep) from None
    if not isinstance(raw, list):
        raise ImportRejected(f"{where}: expected a JSON list of exercises, found {type(raw).__name__}")
    if depth(raw) > MAX_DEPTH:
        raise ImportRejected(too_deep, records=len(raw))
    records: list[FedbRecord] = []
    seen: dict[str, tuple[int, str]] = {}  # backcoach id -> (index, original id)
    for index, item in enumerate(raw):
        rid = item.get("id") if isinstance(item, dict) else None
        label = f"record {index + 1}" + (f" ({_clipped(rid)})" if isinstance(rid, str) else "")
        try:
            record = FedbRecord.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "record"
            raise ImportRejected(
                f"{where}: {label}: field '{field}': {err['msg']}", records=len(raw)
            ) from None
        ours = exercise_id(record.id)
        if ours in seen:
            first, original = seen[ours]
            same = "" if original == record.id else f": '{original}' and '{record.id}' are both '{ours}'"
            raise ImportRejected(
                f"{where}: {label}: field 'id': duplicates record {first + 1}{same}", records=len(raw)
            )
        seen[ours] = (index, record.id)
        records.append(record)
    if not records:
        raise ImportRejected(f"{where}: the file holds no exercises")
    return records


def kebab(original_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", original_id.lower()).strip("-")


def exercise_id(original_id: str) -> str:
    """The id a record gets in backcoach: lower-case words joined by hyphens (at least two
    characters, else prefixed with ``fedb-``). Records are told apart by this id."""
    eid = kebab(original_id)
    return eid if len(eid) >= 2 else f"fedb-{eid}"


def _clipped(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def convert(records: list[FedbRecord], catalog: Catalog) -> ImportResult:
    """Map records onto our catalogue; a record whose name or id matches a curated exercise is
    marked as its duplicate (curated wins)."""
    table = mapping()
    out: list[Converted] = []
    for index, record in enumerate(records):
        try:
            exercise = _exercise(record, table, catalog)
        except ValidationError as exc:  # a value our catalogue refuses (a name too long, …)
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "record"
            raise ImportRejected(
                f"record {index + 1} ({record.id}): field '{field}': {err['msg']}", records=len(records)
            ) from None
        match = catalog.exercises.get(exercise.id) or catalog.find_by_name(record.name)
        duplicate = match.id if match is not None and match.source is Source.CURATED else None
        out.append(Converted(exercise, duplicate))
    return ImportResult(tuple(out))


def _exercise(record: FedbRecord, table: Mapping, catalog: Catalog) -> Exercise:
    involvement: dict[str, Involvement] = {}
    for groups, role, base in (
        (record.primaryMuscles, Role.TARGET, PRIMARY_WEIGHT),
        (record.secondaryMuscles, Role.SYNERGIST, SECONDARY_WEIGHT),
    ):
        for group in groups:
            for share in table.muscles[group]:
                weight = round(base * share.share, 3)
                current = involvement.get(share.node)
                promote = current is not None and current.role is not Role.TARGET and role is Role.TARGET
                stronger = current is not None and current.role is role and weight > current.weight
                if current is None or promote or stronger:
                    involvement[share.node] = Involvement(muscle=share.node, role=role, weight=weight)
    equipment = _equipment(record, table)
    settings = {s for e in equipment for s in catalog.equipment_item(e).setting}
    setting = (
        (Setting.HOME, Setting.GYM)
        if Setting.HOME in settings and "other" not in equipment
        else (Setting.GYM,)
    )
    return Exercise(
        id=exercise_id(record.id),
        name=record.name,
        category=_category(record, catalog, involvement),
        equipment=equipment,
        level=table.levels[record.level],
        setting=setting,
        load_type=_load_type(record, equipment),
        spinal_load=_spinal_load(record),
        mechanic=record.mechanic,
        muscles=tuple(involvement.values()),
        steps=tuple(s.strip() for s in record.instructions if s.strip()),
        dose=Dose(kind="hold_s", range=Range(min=20, max=40)) if record.category == "stretching" else None,
        provenance=Provenance(
            source=Source.FREE_EXERCISE_DB,
            licence=LICENCE,
            original_id=record.id,
            url=SOURCE_URL,
        ),
    )


def _equipment(record: FedbRecord, table: Mapping) -> tuple[str, ...]:
    if record.equipment is None:
        return ("none",) if record.category == "stretching" else ("other",)
    return table.equipment[record.equipment]


def _category(record: FedbRecord, catalog: Catalog, involvement: dict[str, Involvement]) -> Category:
    primary = set(record.primaryMuscles)
    if record.category == "stretching":
        return Category.COOLDOWN
    if record.category == "cardio":
        return Category.WARMUP
    targets = [catalog.muscles[i.muscle] for i in involvement.values() if i.role is Role.TARGET]
    if primary & BACK_GROUPS and any(m.region is not Region.OTHER for m in targets):
        return Category.BACK
    if "abdominals" in primary:
        return Category.CORE
    if primary <= ARM_GROUPS:
        return Category.ARMS
    return Category.OTHER


def _load_type(record: FedbRecord, equipment: tuple[str, ...]) -> LoadType:
    if record.category == "stretching":
        return LoadType.NONE
    if equipment == ("none",):
        return LoadType.BODYWEIGHT
    if equipment == ("resistance-band",):
        return LoadType.BAND
    return LoadType.EXTERNAL


def _spinal_load(record: FedbRecord) -> SpinalLoad:
    """A conservative heuristic (records carry no load data): free-weight compound work with the
    lower back as a prime mover is high, other lower-back work moderate, the rest low."""
    if "lower back" in record.primaryMuscles:
        heavy = record.equipment in {"barbell", "kettlebells", "dumbbell", "other"}
        return SpinalLoad.HIGH if heavy and record.mechanic == "compound" else SpinalLoad.MODERATE
    return SpinalLoad.LOW
