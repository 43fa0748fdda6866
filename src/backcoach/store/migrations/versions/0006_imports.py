"""Imported training history: a person's own exercises, remembered name mappings, provenance.

Revision ID: 0006
Revises: 0005

``imported_sets`` and ``imported_workouts`` hold a digest of each imported row and workout, so
importing the same file again adds nothing; ``exercise_mappings`` remembers a person's correction
of an app's exercise name; ``custom_exercises`` holds the names that matched no exercise of the
catalogue, whose ids the person's sets may carry; ``calendar_tokens`` the digest of the secret in
each person's subscribable calendar URL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def _user(table: str) -> sa.Column[int]:
    return sa.Column(
        "user_id",
        sa.Integer(),
        sa.ForeignKey("users.id", ondelete="CASCADE", name=f"fk_{table}_user_id_users"),
        nullable=False,
    )


def _workout(table: str) -> sa.Column[int]:
    return sa.Column(
        "workout_id",
        sa.Integer(),
        sa.ForeignKey("workouts.id", ondelete="CASCADE", name=f"fk_{table}_workout_id_workouts"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "custom_exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        _user("custom_exercises"),
        sa.Column("exercise_id", sa.String(80), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_custom_exercises"),
        sa.UniqueConstraint("user_id", "exercise_id", name="uq_custom_exercises_user_id"),
    )
    op.create_table(
        "exercise_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        _user("exercise_mappings"),
        sa.Column("source_key", sa.String(255), nullable=False),
        sa.Column("source_name", sa.String(255), nullable=False),
        sa.Column("exercise_id", sa.String(80), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exercise_mappings"),
        sa.UniqueConstraint("user_id", "source_key", name="uq_exercise_mappings_user_id"),
    )
    op.create_table(
        "imported_workouts",
        sa.Column("id", sa.Integer(), nullable=False),
        _user("imported_workouts"),
        sa.Column("source_key", sa.String(64), nullable=False),
        _workout("imported_workouts"),
        sa.PrimaryKeyConstraint("id", name="pk_imported_workouts"),
        sa.UniqueConstraint("user_id", "source_key", name="uq_imported_workouts_user_id"),
    )
    op.create_index("ix_imported_workouts_workout_id", "imported_workouts", ["workout_id"])
    op.create_table(
        "imported_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        _user("imported_sets"),
        sa.Column("source_key", sa.String(64), nullable=False),
        _workout("imported_sets"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_imported_sets"),
        sa.UniqueConstraint("user_id", "source_key", name="uq_imported_sets_user_id"),
    )
    op.create_index("ix_imported_sets_workout_id", "imported_sets", ["workout_id"])
    op.create_index("ix_imported_sets_user_name", "imported_sets", ["user_id", "name_key"])
    op.create_table(
        "calendar_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        _user("calendar_tokens"),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_calendar_tokens"),
        sa.UniqueConstraint("user_id", name="uq_calendar_tokens_user_id"),
        sa.UniqueConstraint("token_hash", name="uq_calendar_tokens_token_hash"),
    )


def downgrade() -> None:
    op.drop_table("calendar_tokens")
    op.drop_index("ix_imported_sets_user_name", table_name="imported_sets")
    op.drop_index("ix_imported_sets_workout_id", table_name="imported_sets")
    op.drop_table("imported_sets")
    op.drop_index("ix_imported_workouts_workout_id", table_name="imported_workouts")
    op.drop_table("imported_workouts")
    op.drop_table("exercise_mappings")
    op.drop_table("custom_exercises")
