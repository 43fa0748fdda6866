"""A person's whole record as plain JSON, and that record written back (a backup and a restore).

The backup holds every row of the person's own tables (``BACKED_UP``, in an order where each row
comes after the rows it refers to): profile versions, screenings, plans and their sessions,
workouts and sets, pain reports, body weights, records, guided sessions, own exercises, name
mappings and import provenance. Values are JSON: UTC instants and days in ISO 8601, the JSON
columns as they are. Sign-in secrets (password hash, sessions) and idempotency answers are never
in a backup.

A restore inserts the rows again with new ids, translating every reference (``user_id`` to the
person restored into; ``plan_id``, ``planned_session_id``, ``workout_id`` to the new rows), so it
gives the same answers whatever ids the database hands out; it refuses a person who already has
data (restore is into an empty account).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Date, Table, insert, select
from sqlalchemy.orm import Session

from backcoach.errors import InputError
from backcoach.store.tables import (
    BodyWeightRow,
    CustomExerciseRow,
    ExerciseMappingRow,
    GuidedRow,
    ImportedSetRow,
    ImportedWorkoutRow,
    PainRow,
    PlannedSessionRow,
    PlanRow,
    ProfileRow,
    RecordRow,
    ScreeningRow,
    SetRow,
    UTCDateTime,
    WorkoutRow,
)

FORMAT = "backcoach-backup"
VERSION = 1
BACKED_UP = (
    ProfileRow, ScreeningRow, PlanRow, PlannedSessionRow, WorkoutRow, SetRow, PainRow, BodyWeightRow,
    RecordRow, GuidedRow, CustomExerciseRow, ExerciseMappingRow, ImportedWorkoutRow, ImportedSetRow,
)  # fmt: skip
# Which table's new ids a reference column takes.
REFERENCES = {"plan_id": "plans", "planned_session_id": "planned_sessions", "workout_id": "workouts"}
OWNED_THROUGH = {"planned_sessions": ("plan_id", "plans"), "sets": ("workout_id", "workouts")}


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _plain(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _typed(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def dump(session: Session, *, user_id: int) -> dict[str, Any]:
    """Every row of the person's tables, as JSON-ready values, ids included."""
    tables: dict[str, list[dict[str, Any]]] = {}
    kept: dict[str, set[int]] = {}
    for model in BACKED_UP:
        table = _table(model)
        query = select(table)
        if "user_id" in table.c:
            query = query.where(table.c.user_id == user_id)
        else:
            column, parent = OWNED_THROUGH[table.name]
            query = query.where(table.c[column].in_(kept[parent]))
        rows = [
            {c.name: _plain(c, row._mapping[c.name]) for c in table.columns}
            for row in session.execute(query.order_by(table.c.id))
        ]
        kept[table.name] = {r["id"] for r in rows}
        tables[table.name] = rows
    return {"format": FORMAT, "version": VERSION, "tables": tables}


def has_data(session: Session, *, user_id: int) -> bool:
    for model in (ProfileRow, ScreeningRow, PlanRow, WorkoutRow, PainRow, BodyWeightRow):
        table = _table(model)
        if session.execute(select(table.c.id).where(table.c.user_id == user_id).limit(1)).first():
            return True
    return False


def load(session: Session, *, user_id: int, backup: dict[str, Any]) -> dict[str, int]:
    """Write a backup's rows for the person; how many rows of each table."""
    if backup.get("format") != FORMAT or backup.get("version") != VERSION:
        raise InputError(f"backup: not a {FORMAT} file of version {VERSION}")
    if has_data(session, user_id=user_id):
        raise InputError("backup: this account already has data; restore into an empty database")
    given = backup.get("tables")
    if not isinstance(given, dict):
        raise InputError("backup: no tables")
    new_ids: dict[str, dict[int, int]] = {}
    written: dict[str, int] = {}
    for model in BACKED_UP:
        table = _table(model)
        rows = given.get(table.name, [])
        if not isinstance(rows, list):
            raise InputError(f"backup: {table.name} must be a list of rows")
        values = []
        old_ids = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict) or not isinstance(row.get("id"), int):
                raise InputError(f"backup: {table.name}[{index}] is not a row")
            out: dict[str, Any] = {}
            for c in table.columns:
                if c.name == "id":
                    continue
                value = row.get(c.name)
                if c.name == "user_id":
                    value = user_id
                elif c.name in REFERENCES and value is not None:
                    value = new_ids.get(REFERENCES[c.name], {}).get(value)
                    if value is None and not c.nullable:
                        raise InputError(f"backup: {table.name}[{index}].{c.name} refers to no row")
                try:
                    out[c.name] = _typed(c, value)
                except (TypeError, ValueError):
                    raise InputError(
                        f"backup: {table.name}[{index}].{c.name}: {value!r:.40} is malformed"
                    ) from None
            values.append(out)
            old_ids.append(row["id"])
        ids: list[int] = []
        if values:
            result = session.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), values
            )
            ids = [r[0] for r in result]
        new_ids[table.name] = dict(zip(old_ids, ids, strict=True))
        written[table.name] = len(values)
    session.flush()
    return written
