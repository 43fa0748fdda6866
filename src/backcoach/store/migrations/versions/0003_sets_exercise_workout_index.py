"""Sets are found by exercise and workout together: the exercise index gains the workout column.

Revision ID: 0003
Revises: 0002

Every per-exercise statistic joins the person's workouts to that exercise's sets. Before the
planner has statistics (a fresh or freshly loaded PostgreSQL database) it joins workout by
workout, and with an index on ``exercise_id`` alone each probe read every set of the exercise:
two seconds for a ten-year history. With ``(exercise_id, workout_id)`` a probe reads only that
workout's sets of the exercise, and the index still serves lookups by exercise alone. Both
databases build the index in place; no table is copied.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_sets_exercise_workout", "sets", ["exercise_id", "workout_id"])
    op.drop_index("ix_sets_exercise_id", table_name="sets")


def downgrade() -> None:
    op.create_index("ix_sets_exercise_id", "sets", ["exercise_id"])
    op.drop_index("ix_sets_exercise_workout", table_name="sets")
