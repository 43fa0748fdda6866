"""Imported training history: bulk writes with provenance, a person's own exercises, and
remembered exercise-name mappings applied to what was already imported.

Sets are written with one multi-row INSERT per batch (SQLAlchemy Core ``executemany``), not one
ORM object each: an import of years of training is a hundred thousand rows. Each set's provenance
row holds a digest of its source row, unique per person, so the same row imported twice is found
(``known_sources``) and not written again. Records are kept up to date as for any other write
(``records.note_sets``); a mapping correction rebuilds the records of the exercises it touches.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from backcoach.catalog.catalog import Catalog, closest
from backcoach.errors import UnknownIdError
from backcoach.sessions.records import LoggedSet, Workout
from backcoach.store.records import note_sets
from backcoach.store.tables import (
    Base,
    CustomExerciseRow,
    ExerciseMappingRow,
    ImportedSetRow,
    ImportedWorkoutRow,
    RecordRow,
    SetRow,
    WorkoutRow,
)
from backcoach.store.times import offset_s
from backcoach.store.users import user_row
from backcoach.store.workouts import logged_from_columns, set_columns

KEY_BATCH = 500  # digests per IN (...) query: well under SQLite's 32,766 bound parameters


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


@dataclass(frozen=True)
class ImportedSet:
    logged: LoggedSet
    source_key: str
    name_key: str


def custom_exercises(session: Session, *, user_id: int) -> dict[str, str]:
    """The person's own exercises: id -> name."""
    rows = session.execute(
        select(CustomExerciseRow.exercise_id, CustomExerciseRow.name).where(
            CustomExerciseRow.user_id == user_id
        )
    )
    return dict(rows.all())


def add_custom_exercises(session: Session, *, user_id: int, exercises: Mapping[str, str]) -> None:
    """Add own exercises (id -> name) the person does not have yet."""
    have = custom_exercises(session, user_id=user_id)
    new = [
        {"user_id": user_id, "exercise_id": i, "name": n[:255]} for i, n in exercises.items() if i not in have
    ]
    if new:
        session.execute(insert(CustomExerciseRow), new)


def exercise_mappings(session: Session, *, user_id: int) -> dict[str, str]:
    """The person's remembered corrections: name key -> exercise id."""
    rows = session.execute(
        select(ExerciseMappingRow.source_key, ExerciseMappingRow.exercise_id).where(
            ExerciseMappingRow.user_id == user_id
        )
    )
    return dict(rows.all())


def has_imports(session: Session, *, user_id: int) -> bool:
    """Whether anything was imported for the person before (a first import need look nothing up)."""
    found = session.execute(select(ImportedSetRow.id).where(ImportedSetRow.user_id == user_id).limit(1))
    return found.first() is not None


def known_sources(session: Session, *, user_id: int, keys: Collection[str]) -> set[str]:
    """Which of these row digests were imported before."""
    found: set[str] = set()
    ordered = list(keys)
    for start in range(0, len(ordered), KEY_BATCH):
        chunk = ordered[start : start + KEY_BATCH]
        found.update(
            session.scalars(
                select(ImportedSetRow.source_key).where(
                    ImportedSetRow.user_id == user_id, ImportedSetRow.source_key.in_(chunk)
                )
            )
        )
    return found


def imported_workouts(session: Session, *, user_id: int, keys: Collection[str]) -> dict[str, int]:
    """Which of these workout digests were imported before: digest -> our workout id."""
    found: dict[str, int] = {}
    ordered = list(keys)
    for start in range(0, len(ordered), KEY_BATCH):
        rows = session.execute(
            select(ImportedWorkoutRow.source_key, ImportedWorkoutRow.workout_id).where(
                ImportedWorkoutRow.user_id == user_id,
                ImportedWorkoutRow.source_key.in_(ordered[start : start + KEY_BATCH]),
            )
        )
        found.update(rows.all())
    return found


def check_exercise_ids(ids: Iterable[str], *, catalog: Catalog, own: Collection[str]) -> None:
    """Refuse an id that is neither the catalogue's nor one of the person's own exercises."""
    for exercise_id in ids:
        if exercise_id not in catalog.exercises and exercise_id not in own:
            raise UnknownIdError("exercise", exercise_id, closest(exercise_id, catalog.exercises))


def add_imported_workouts(
    session: Session, *, user_id: int, workouts: Sequence[tuple[Workout, str]]
) -> list[int]:
    """New workouts (their sets come with ``add_imported_sets``) with their provenance digests,
    in one INSERT; their ids in the order given."""
    if not workouts:
        return []
    user_row(session, user_id)
    table = _table(WorkoutRow)
    result = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True),
        [
            {
                "user_id": user_id,
                "started_at": w.started_at,
                "ended_at": w.ended_at,
                "utc_offset_s": offset_s(w.started_at),
                "planned_date": None,
                "planned_session_id": None,
                "notes": w.notes,
                "feeling": None,
            }
            for w, _ in workouts
        ],
    )
    ids = [row[0] for row in result]
    session.execute(
        insert(_table(ImportedWorkoutRow)),
        [
            {"user_id": user_id, "source_key": key, "workout_id": i}
            for (_, key), i in zip(workouts, ids, strict=True)
        ],
    )
    return ids


def next_positions(session: Session, *, workout_ids: Collection[int]) -> dict[int, int]:
    """The next free set position of each of these workouts."""
    rows = session.execute(
        select(SetRow.workout_id, func.max(SetRow.position))
        .where(SetRow.workout_id.in_(list(workout_ids)))
        .group_by(SetRow.workout_id)
    )
    found = {workout_id: last + 1 for workout_id, last in rows}
    return {i: found.get(i, 0) for i in workout_ids}


def add_imported_sets(
    session: Session, *, user_id: int, sets: Sequence[tuple[int, int, ImportedSet]], records: bool = True
) -> None:
    """Write sets given as (workout id, position, set) with their provenance, one INSERT each
    table; records follow unless ``records`` is False (a caller that batches ``note_sets``)."""
    if not sets:
        return
    rows = []
    provenance = []
    for workout_id, position, item in sets:
        s = item.logged
        rows.append(
            {
                "workout_id": workout_id,
                "position": position,
                "exercise_id": s.exercise_id,
                "set_type": s.set_type.value,
                "performed_at": s.performed_at,
                "utc_offset_s": offset_s(s.performed_at),
                "reps": s.reps,
                "load_kg": s.load_kg,
                "entered_unit": s.entered_unit,
                "rir": s.rir,
                "rest_s": s.rest_s,
                "hold_s": s.hold_s,
                "target_reps_min": None,
                "target_reps_max": None,
                "target_load_kg": None,
                "target_rir": None,
            }
        )
        provenance.append(
            {
                "user_id": user_id,
                "source_key": item.source_key,
                "workout_id": workout_id,
                "position": position,
                "name_key": item.name_key[:255],
            }
        )
    _insert_many(session, _table(SetRow), rows)
    _insert_many(session, _table(ImportedSetRow), provenance)
    if records:
        note_sets(session, user_id=user_id, sets=[item.logged for _, _, item in sets])


def _insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """One multi-row INSERT. With a positional driver (SQLite's ``?``) the statement is compiled
    once and each row's values go through the columns' own bind processors (``UTCDateTime``
    included) straight to the driver's ``executemany``, skipping SQLAlchemy's per-row parameter
    bookkeeping, which is most of an import's time; other drivers take the Core path."""
    dialect = session.get_bind().dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    if not compiled.positional or compiled.positiontup is None:
        session.execute(insert(table), rows)
        return
    names = list(compiled.positiontup)
    processors = [table.c[name].type.bind_processor(dialect) for name in names]
    plan = list(zip(names, processors, strict=True))
    values = [
        tuple(v if f is None or v is None else f(v) for n, f in plan for v in (row[n],)) for row in rows
    ]
    session.connection().exec_driver_sql(compiled.string, values)


def remember_mapping(
    session: Session,
    *,
    user_id: int,
    source_key: str,
    source_name: str,
    exercise_id: str,
    catalog: Catalog,
) -> int:
    """Remember that an app's name means ``exercise_id`` and move the sets already imported under
    that name to it; the records of every exercise they left or joined are rebuilt. Returns how
    many sets moved."""
    check_exercise_ids((exercise_id,), catalog=catalog, own=custom_exercises(session, user_id=user_id))
    user_row(session, user_id)
    existing = session.scalars(
        select(ExerciseMappingRow).where(
            ExerciseMappingRow.user_id == user_id, ExerciseMappingRow.source_key == source_key
        )
    ).one_or_none()
    if existing is None:
        session.add(
            ExerciseMappingRow(
                user_id=user_id, source_key=source_key, source_name=source_name[:255], exercise_id=exercise_id
            )
        )
    else:
        existing.exercise_id = exercise_id
    session.flush()
    moved = (
        select(SetRow.id)
        .join(
            ImportedSetRow,
            (ImportedSetRow.workout_id == SetRow.workout_id) & (ImportedSetRow.position == SetRow.position),
        )
        .where(ImportedSetRow.user_id == user_id, ImportedSetRow.name_key == source_key)
    )
    set_ids = list(session.scalars(moved))
    if not set_ids:
        return 0
    before = set(session.scalars(select(SetRow.exercise_id).where(SetRow.id.in_(set_ids)).distinct()))
    session.execute(
        update(SetRow).where(SetRow.id.in_(set_ids)).values(exercise_id=exercise_id),
        execution_options={"synchronize_session": False},
    )
    rebuild_records(session, user_id=user_id, exercise_ids=before | {exercise_id})
    return len(set_ids)


def rebuild_records(session: Session, *, user_id: int, exercise_ids: Collection[str]) -> None:
    """Recompute the person's records of these exercises from their sets."""
    session.execute(
        delete(RecordRow).where(RecordRow.user_id == user_id, RecordRow.exercise_id.in_(list(exercise_ids)))
    )
    query = (
        select(*set_columns())
        .join(WorkoutRow, SetRow.workout_id == WorkoutRow.id)
        .where(WorkoutRow.user_id == user_id, SetRow.exercise_id.in_(list(exercise_ids)))
        .order_by(SetRow.performed_at, WorkoutRow.id, SetRow.position)
    )
    note_sets(session, user_id=user_id, sets=[logged_from_columns(row) for row in session.execute(query)])


def imported_count(session: Session, *, user_id: int) -> int:
    """How many sets of the person came from imports (diagnostics, tests)."""
    return session.scalar(select(func.count()).where(ImportedSetRow.user_id == user_id)) or 0
