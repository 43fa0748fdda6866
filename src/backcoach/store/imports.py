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
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Dialect,
    Enum,
    Float,
    Integer,
    SmallInteger,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

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
    UTCDateTime,
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
    """New workouts (their sets come with ``add_imported_sets``) with their provenance digests;
    their ids in the order given."""
    if not workouts:
        return []
    user_row(session, user_id)
    table = _table(WorkoutRow)
    connection = session.connection()
    dialect = connection.dialect
    if _direct(connection) and dialect.name == "sqlite":
        ids = _sqlite_workouts(connection, user_id, [w for w, _ in workouts])
    else:
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
    _insert_rows(
        connection,
        _table(ImportedWorkoutRow),
        ("user_id", "source_key", "workout_id"),
        [(user_id, key, i) for (_, key), i in zip(workouts, ids, strict=True)],
    )
    return ids


WORKOUT_COLUMNS = ("user_id", "started_at", "ended_at", "utc_offset_s", "notes")


def _sqlite_workouts(connection: Connection, user_id: int, workouts: Sequence[Workout]) -> list[int]:
    """Workouts written one INSERT each on the transaction's own sqlite3 connection, each id read
    back as the row's ``lastrowid``. SQLite returns a multi-row INSERT's ids in no promised order,
    so SQLAlchemy's ordered RETURNING sends one statement a workout through its whole execution
    path; the driver's own statement, prepared once, costs a fraction of that."""
    stamp = _processor(connection.dialect, _table(WorkoutRow).c.started_at)
    statement, order = _positional_insert(connection.dialect, _table(WorkoutRow), WORKOUT_COLUMNS)
    cursor = _driver(connection).cursor()
    ids: list[int] = []
    try:
        for w in workouts:
            ended = None if w.ended_at is None else stamp(w.ended_at)
            row: tuple[Any, ...] = (user_id, stamp(w.started_at), ended, offset_s(w.started_at), w.notes)
            if order is not None:
                row = tuple(row[i] for i in order)
            cursor.execute(statement, row)
            assert cursor.lastrowid is not None
            ids.append(cursor.lastrowid)
    finally:
        cursor.close()
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
    connection = session.connection()
    # The Core path (``_insert_rows``) processes values itself.
    stamp = _processor(connection.dialect, _table(SetRow).c.performed_at) if _direct(connection) else _same
    set_values = []
    provenance = []
    # The sets of a workout share one time (one object, from the parser's cache): it is turned
    # into the driver's value and its offset once, not once a set.
    last: datetime | None = None
    value: Any = None
    offset = 0
    for w, pos, exercise_id, set_type, at, reps, load_kg, unit, rir, rest_s, hold_s, key, name in rows:
        if at is not last:
            last, value, offset = at, stamp(at), offset_s(at)
        set_values.append(
            (w, pos, exercise_id, set_type, value, offset, reps, load_kg, unit, rir, rest_s, hold_s)
        )
        provenance.append((user_id, key, w, pos, name[:255]))
    _insert_rows(connection, _table(SetRow), SET_COLUMNS, set_values)
    _insert_rows(connection, _table(ImportedSetRow), PROVENANCE_COLUMNS, provenance)


def _processor(dialect: Dialect, column: Column[datetime]) -> Callable[[datetime], Any]:
    """A time column's bind processor on this dialect (``UTCDateTime``): the dialect's own
    (``dialect_impl``), since the type's generic one leaves SQLite a datetime, which sqlite3's
    deprecated adapter writes in another text form than the ORM's.

    Times are the only values of an imported row the driver cannot take as they are: the others
    are ints, strings and floats (SQLite's float processor only calls ``float``, and a ``FLOAT``
    column stores an int as a real anyway), so the rows skip SQLAlchemy's processing entirely."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process if process is not None else _same


def _same(value: datetime) -> datetime:
    return value


def _insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Rows given as tuples in ``columns``' order, each value as the driver takes it, in one bulk
    write on the transaction's own connection. SQLite takes one INSERT straight to the driver's
    ``executemany``, PostgreSQL one ``COPY`` (a tenth of the time of a multi-row INSERT); neither
    goes through SQLAlchemy's per-row parameter bookkeeping, which was most of an import's time.
    Other drivers take the Core path."""
    dialect = connection.dialect
    if not _direct(connection):
        names = list(columns)
        connection.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
    elif dialect.name == "postgresql":
        _copy_rows(_driver(connection), table, columns, rows)
    else:
        statement, order = _positional_insert(dialect, table, tuple(columns))
        if order is not None:
            rows = [tuple(row[i] for i in order) for row in rows]
        # The DBAPI cursor of the very connection SQLAlchemy's transaction holds (its BEGIN
        # IMMEDIATE was issued there), so these rows commit or roll back with everything else.
        cursor = _driver(connection).cursor()
        try:
            cursor.executemany(statement, rows)
        finally:
            cursor.close()


def _direct(connection: Connection) -> bool:
    """Whether rows go straight to the driver (``_insert_rows``): psycopg and sqlite3."""
    dialect = connection.dialect
    return (dialect.name, dialect.driver) in {("postgresql", "psycopg"), ("sqlite", "pysqlite")}


@lru_cache(maxsize=16)
def _positional_insert(
    dialect: Dialect, table: Table, columns: tuple[str, ...]
) -> tuple[str, list[int] | None]:
    """The INSERT of ``columns`` compiled for a positional dialect, once per table (compiling it
    per batch was a tenth of an import's time), with the order to put each row's values in when
    the compiled statement wants another (None: as given)."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    assert compiled.positional and compiled.positiontup is not None
    order = [columns.index(name) for name in compiled.positiontup]
    return compiled.string, None if order == list(range(len(columns))) else order


def _driver(connection: Connection) -> Any:
    """The DBAPI connection under ``connection``, which holds its transaction."""
    driver = connection.connection.driver_connection
    assert driver is not None  # a connection in use has one
    return driver


def _copy_rows(driver: Any, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """``COPY ... FROM STDIN``, in PostgreSQL's binary format when every column's type is one it
    is known for (``_BINARY``): the server then reads numbers and times without parsing text,
    measured a quarter less of its time for an import's sets."""
    from psycopg import sql  # imported only where PostgreSQL is used

    types = _binary_types(table, tuple(columns))
    statement = sql.SQL("COPY {} ({}) FROM STDIN" + (" (FORMAT BINARY)" if types else "")).format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        if types:
            copy.set_types(types)
        for row in rows:
            copy.write_row(row)


# The PostgreSQL type each SQLAlchemy type of these tables is created as (``Float``: ``FLOAT``,
# which PostgreSQL takes as double precision; text and varchar share one binary form). Binary
# COPY must name each column's type exactly: a type not here sends the rows as text instead.
_BINARY: tuple[tuple[type[TypeEngine[Any]], str], ...] = (
    (BigInteger, "int8"),
    (SmallInteger, "int2"),
    (Integer, "int4"),
    (Float, "float8"),
    (String, "text"),
    (UTCDateTime, "timestamptz"),
)


@lru_cache(maxsize=16)
def _binary_types(table: Table, columns: tuple[str, ...]) -> list[str] | None:
    """The PostgreSQL type names for a binary COPY of ``columns``; None when one is not known."""
    types = []
    for name in columns:
        column_type = table.c[name].type
        found = next((pg for kind, pg in _BINARY if isinstance(column_type, kind)), None)
        if found is None or isinstance(column_type, Enum):  # an enum may be a type of its own
            return None
        if isinstance(column_type, Float) and column_type.precision is not None:  # maybe float4
            return None
        types.append(found)
    return types


class RecordBests:
    """The sets of an import that can set a record, kept as the import goes, so that records are
    brought up to date once at its end (``records.note_sets``) from a few sets, not from every one.

    ``note_sets`` keeps, per exercise and rep count, the heaviest load with the earliest time it was
    lifted and the highest e1RM: both the maximum of something over the sets, whatever their order.
    So the set with the heaviest load (the earliest of equals) and the set with the highest e1RM of
    each exercise and rep count give ``note_sets`` the same answer as all the sets would. Memory:
    two sets per exercise and rep count, however long the file.
    """

    def __init__(self, build: Callable[[Any, str, float], LoggedSet]) -> None:
        # ``build(source, exercise id, load kg)`` makes a set offered as ``source`` (the caller's
        # own row) into a ``LoggedSet``; only the few kept to the end are built.
        self.build = build
        # (exercise, reps) -> [load kg, performed at, that set, best e1RM, that set, its load kg]
        self.best: dict[tuple[str, int], list[Any]] = {}

    def offer(
        self, exercise_id: str, reps: int, load_kg: float, at: datetime, e1rm: float | None, source: object
    ) -> None:
        """Take a set that counts for records (``counts_for_records``), its e1RM already known."""
        best = self.best.get((exercise_id, reps))
        if best is None:
            self.best[(exercise_id, reps)] = [load_kg, at, source, e1rm, source, load_kg]
            return
        if load_kg > best[0] or (load_kg == best[0] and at < best[1]):
            best[0], best[1], best[2] = load_kg, at, source
        if e1rm is not None and (best[3] is None or e1rm > best[3]):
            best[3], best[4], best[5] = e1rm, source, load_kg

    def sets(self) -> list[LoggedSet]:
        kept: dict[int, tuple[Any, str, float]] = {}  # by the source's identity: each set once
        for (exercise_id, _), best in self.best.items():
            kept.setdefault(id(best[2]), (best[2], exercise_id, best[0]))
            kept.setdefault(id(best[4]), (best[4], exercise_id, best[5]))
        return [self.build(*kept_set) for kept_set in kept.values()]

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
