"""Imported training history: bulk writes with provenance, a person's own exercises, and
remembered exercise-name mappings applied to what was already imported.

Sets are written as plain tuples, one ``executemany`` per batch on SQLite and one ``COPY`` on
PostgreSQL, never one ORM object each: an import of years of training is a hundred thousand rows.
Each set's provenance row holds a digest of its source row, unique per person, so the same row
imported twice is found (``known_sources``) and not written again. Records are brought up to date
once per import from the few sets that can matter (``RecordBests``, then ``records.note_sets``);
a mapping correction rebuilds the records of the exercises it touches.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
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


# One imported set as ``add_imported_rows`` takes it: (workout id, position, exercise id, set
# type, performed at, reps, load kg, entered unit, rir, rest s, hold s, source digest, name key).
ImportedRow = tuple[
    int, int, str, str, datetime, int, float | None, str, float | None, int | None, int | None, str, str
]
SET_COLUMNS = (
    "workout_id",
    "position",
    "exercise_id",
    "set_type",
    "performed_at",
    "utc_offset_s",
    "reps",
    "load_kg",
    "entered_unit",
    "rir",
    "rest_s",
    "hold_s",
)
PROVENANCE_COLUMNS = ("user_id", "source_key", "workout_id", "position", "name_key")


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
    """Write sets given as (workout id, position, set) with their provenance; records follow
    unless ``records`` is False (a caller that keeps them itself, as ``RecordBests`` does)."""
    add_imported_rows(
        session,
        user_id=user_id,
        rows=[
            (
                workout_id,
                position,
                s.exercise_id,
                s.set_type.value,
                s.performed_at,
                s.reps,
                s.load_kg,
                s.entered_unit,
                s.rir,
                s.rest_s,
                s.hold_s,
                item.source_key,
                item.name_key,
            )
            for workout_id, position, item in sets
            for s in (item.logged,)
        ],
    )
    if records:
        note_sets(session, user_id=user_id, sets=[item.logged for _, _, item in sets])


def add_imported_rows(session: Session, *, user_id: int, rows: Sequence[ImportedRow]) -> None:
    """Write sets, already validated (``LoggedSet``), with their provenance: one bulk write each
    table. Records are the caller's (``RecordBests``)."""
    if not rows:
        return
    offsets: dict[datetime, int] = {}  # the sets of a workout share one time: its offset once
    set_values = []
    provenance = []
    for w, pos, exercise_id, set_type, at, reps, load_kg, unit, rir, rest_s, hold_s, key, name in rows:
        offset = offsets.get(at)
        if offset is None:
            offset = offsets[at] = offset_s(at)
        set_values.append(
            (w, pos, exercise_id, set_type, at, offset, reps, load_kg, unit, rir, rest_s, hold_s)
        )
        provenance.append((user_id, key, w, pos, name[:255]))
    _insert_rows(session, _table(SetRow), SET_COLUMNS, set_values)
    _insert_rows(session, _table(ImportedSetRow), PROVENANCE_COLUMNS, provenance)


def _insert_rows(session: Session, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Rows given as tuples in ``columns``' order, in one bulk write, through the columns' own bind
    processors (``UTCDateTime`` included), each distinct value processed once: the sets of a
    workout share their time. SQLite takes one compiled INSERT straight to the driver's
    ``executemany``, PostgreSQL one ``COPY`` on the transaction's own connection (a tenth of the
    time of a multi-row INSERT); neither goes through SQLAlchemy's per-row parameter bookkeeping,
    which was most of an import's time. Other drivers take the Core path."""
    connection = session.connection()
    dialect = connection.dialect
    # The dialect's own processor (``dialect_impl``): the type's generic one leaves SQLite a
    # datetime, which sqlite3's deprecated adapter writes in another text form than the ORM's.
    processors = [
        (i, table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        for i, name in enumerate(columns)
    ]
    if any(f is not None for _, f in processors):
        rows = _processed(rows, [(i, f) for i, f in processors if f is not None])
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        _copy_rows(connection.connection.driver_connection, table.name, columns, rows)
        return
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    if compiled.positional and compiled.positiontup is not None:
        order = [columns.index(name) for name in compiled.positiontup]
        if order != list(range(len(columns))):
            rows = [tuple(row[i] for i in order) for row in rows]
        connection.exec_driver_sql(compiled.string, rows)
        return
    names = list(columns)
    connection.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])


def _processed(
    rows: list[tuple[Any, ...]], processors: list[tuple[int, Callable[[Any], Any]]]
) -> list[tuple[Any, ...]]:
    columns = list(zip(*rows, strict=True))
    for i, process in processors:
        memo: dict[Any, Any] = {None: None}
        for value in set(columns[i]) - memo.keys():
            memo[value] = process(value)
        columns[i] = tuple(map(memo.__getitem__, columns[i]))
    return list(zip(*columns, strict=True))


def _copy_rows(driver: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    from psycopg import sql  # imported only where PostgreSQL is used

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


class RecordBests:
    """The sets of an import that can set a record, kept as the import goes, so that records are
    brought up to date once at its end (``records.note_sets``) from a few sets, not from every one.

    ``note_sets`` keeps, per exercise and rep count, the heaviest load with the earliest time it was
    lifted and the highest e1RM: both the maximum of something over the sets, whatever their order.
    So the set with the heaviest load (the earliest of equals) and the set with the highest e1RM of
    each exercise and rep count give ``note_sets`` the same answer as all the sets would. Memory:
    two sets per exercise and rep count, however long the file.
    """

    def __init__(self) -> None:
        # (exercise, reps) -> [load kg, performed at, that set, best e1RM, that set]; each set as
        # a function that builds it, called only for the few kept to the end
        self.best: dict[tuple[str, int], list[Any]] = {}

    def offer(
        self,
        exercise_id: str,
        reps: int,
        load_kg: float,
        at: datetime,
        e1rm: float | None,
        logged: Callable[[], LoggedSet],
    ) -> None:
        """Take a set that counts for records (``counts_for_records``), its e1RM already known;
        ``logged`` builds it, if it is kept."""
        best = self.best.get((exercise_id, reps))
        if best is None:
            self.best[(exercise_id, reps)] = [load_kg, at, logged, e1rm, logged]
            return
        if load_kg > best[0] or (load_kg == best[0] and at < best[1]):
            best[0], best[1], best[2] = load_kg, at, logged
        if e1rm is not None and (best[3] is None or e1rm > best[3]):
            best[3], best[4] = e1rm, logged

    def sets(self) -> list[LoggedSet]:
        kept = {id(f): f for best in self.best.values() for f in (best[2], best[4])}
        return [build() for build in kept.values()]

    def write(self, session: Session, *, user_id: int) -> None:
        """Bring the person's records up to date with every set offered."""
        note_sets(session, user_id=user_id, sets=self.sets())


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
