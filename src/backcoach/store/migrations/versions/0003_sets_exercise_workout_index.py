"""Faster per-exercise statistics: sets indexed by exercise and workout together, and each
personal record keeps the best estimated 1RM at its rep count.

Revision ID: 0003
Revises: 0002

Every per-exercise statistic joins the person's workouts to that exercise's sets. Before the
planner has statistics (a fresh or freshly loaded PostgreSQL database) it joins workout by
workout, and with an index on ``exercise_id`` alone each probe read every set of the exercise:
two seconds for a ten-year history. With ``(exercise_id, workout_id)`` a probe reads only that
workout's sets of the exercise, and the index still serves lookups by exercise alone.

``personal_records.best_e1rm_kg`` lets logging a set compare it with the person's bests by reading
a few rows instead of the exercise's whole history. The upgrade fills it, and any record missing,
from the sets already stored, with the estimate written out here as it stands today (Brzycki on
reps + reps in reserve, the reserve capped at 12 reps, sets past 30 reps not estimated; a failure
set has none in reserve), so that this revision means the same thing whatever later code does.
Both databases add the column and build the index in place; no table is copied.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

HARD = ("working", "failure")
RELIABLE_MAX_REPS = 12
MAX_REPS = 30


def upgrade() -> None:
    op.create_index("ix_sets_exercise_workout", "sets", ["exercise_id", "workout_id"])
    op.drop_index("ix_sets_exercise_id", table_name="sets")
    op.add_column("personal_records", sa.Column("best_e1rm_kg", sa.Float(), nullable=True))
    _fill_records(op.get_bind())


def downgrade() -> None:
    op.drop_column("personal_records", "best_e1rm_kg")
    op.create_index("ix_sets_exercise_id", "sets", ["exercise_id"])
    op.drop_index("ix_sets_exercise_workout", table_name="sets")


def _e1rm(load: float, reps: int, rir: float | None, set_type: str) -> float | None:
    if reps > MAX_REPS:
        return None
    reserve = 0.0 if set_type == "failure" else (rir or 0.0)
    to_failure = min(reps + reserve, max(float(reps), float(RELIABLE_MAX_REPS)))
    return load / ((37 - to_failure) / 36)


def _utc(value: Any) -> datetime:
    # SQLite hands back text when read without the ORM's types; PostgreSQL a timestamptz.
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(moment, datetime)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _fill_records(bind: sa.Connection) -> None:
    sets = sa.table(
        "sets",
        *(sa.column(c) for c in ("workout_id", "exercise_id", "set_type", "performed_at", "utc_offset_s")),
        *(sa.column(c) for c in ("reps", "load_kg", "rir", "position")),
    )
    workouts = sa.table("workouts", sa.column("id"), sa.column("user_id"))
    records = sa.table(
        "personal_records",
        *(sa.column(c) for c in ("id", "user_id", "exercise_id", "reps", "load_kg")),
        *(sa.column(c) for c in ("achieved_at", "utc_offset_s", "best_e1rm_kg")),
    )
    found = bind.execute(
        sa.select(
            workouts.c.user_id,
            sets.c.exercise_id,
            sets.c.reps,
            sets.c.load_kg,
            sets.c.rir,
            sets.c.set_type,
            sets.c.performed_at,
            sets.c.utc_offset_s,
        )
        .join(workouts, sets.c.workout_id == workouts.c.id)
        .where(sets.c.set_type.in_(HARD), sets.c.reps >= 1, sets.c.load_kg > 0)
        .order_by(sets.c.performed_at, sets.c.workout_id, sets.c.position)
    )
    best: dict[tuple[int, str, int], dict[str, Any]] = {}
    for user_id, exercise_id, reps, load, rir, set_type, at, offset in found:
        key = (user_id, exercise_id, reps)
        held = best.get(key)
        e1rm = _e1rm(load, reps, rir, set_type)
        if held is None:
            best[key] = {
                "load_kg": load,
                "achieved_at": _utc(at),
                "utc_offset_s": offset,
                "best_e1rm_kg": e1rm,
            }
            continue
        if load > held["load_kg"]:
            held.update(load_kg=load, achieved_at=_utc(at), utc_offset_s=offset)
        if e1rm is not None and (held["best_e1rm_kg"] is None or e1rm > held["best_e1rm_kg"]):
            held["best_e1rm_kg"] = e1rm
    stored = {
        (r.user_id, r.exercise_id, r.reps): r
        for r in bind.execute(
            sa.select(
                records.c.id, records.c.user_id, records.c.exercise_id, records.c.reps, records.c.load_kg
            )
        )
    }
    sqlite = bind.dialect.name == "sqlite"
    for key, computed in best.items():
        at = computed["achieved_at"]
        stamp = at.replace(tzinfo=None) if sqlite else at  # stored as the store's UTCDateTime does
        row = stored.get(key)
        if row is None:
            user_id, exercise_id, reps = key
            bind.execute(
                records.insert().values(
                    user_id=user_id,
                    exercise_id=exercise_id,
                    reps=reps,
                    load_kg=computed["load_kg"],
                    achieved_at=stamp,
                    utc_offset_s=computed["utc_offset_s"],
                    best_e1rm_kg=computed["best_e1rm_kg"],
                )
            )
        elif computed["load_kg"] > row.load_kg:
            bind.execute(
                records.update()
                .where(records.c.id == row.id)
                .values(
                    load_kg=computed["load_kg"],
                    achieved_at=stamp,
                    utc_offset_s=computed["utc_offset_s"],
                    best_e1rm_kg=computed["best_e1rm_kg"],
                )
            )
        else:
            bind.execute(
                records.update().where(records.c.id == row.id).values(best_e1rm_kg=computed["best_e1rm_kg"])
            )
