"""Accounts and guided workouts: users get an email and a password hash; guided_sessions is new.

Revision ID: 0002
Revises: 0001

Written by hand and frozen, like 0001. It never copies a table: SQLite cannot add a constraint to
an existing table, and Alembic's batch mode would rebuild ``users`` by copying it and dropping the
original, and with ``PRAGMA foreign_keys=ON`` (``db``) dropping ``users`` first deletes its rows,
which cascades to every profile, plan and workout (https://www.sqlite.org/lang_droptable.html).
So the new columns are nullable plain ``ADD COLUMN``s and email uniqueness is a unique index, which
both databases create in place; the downgrade drops the index before the columns, as SQLite's
``DROP COLUMN`` (3.35+) refuses an indexed column.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

ACTIVE = "status = 'active'"


def upgrade() -> None:
    op.add_column("users", sa.Column("email", sa.String(254), nullable=True))
    op.add_column("users", sa.Column("password_hash", sa.String(255), nullable=True))
    op.create_index("uq_users_email", "users", ["email"], unique=True)
    op.create_table(
        "guided_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("planned_session_id", sa.Integer(), nullable=True),
        sa.Column("session_date", sa.Date(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guided_sessions")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_guided_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["planned_session_id"],
            ["planned_sessions.id"],
            name=op.f("fk_guided_sessions_planned_session_id_planned_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_guided_sessions_workout_id_workouts"),
            ondelete="SET NULL",
        ),
        sa.CheckConstraint("status IN ('active', 'finished')", name=op.f("ck_guided_sessions_status")),
    )
    op.create_index("ix_guided_sessions_user_id", "guided_sessions", ["user_id"])
    op.create_index(
        "uq_guided_sessions_active_user",
        "guided_sessions",
        ["user_id"],
        unique=True,
        sqlite_where=sa.text(ACTIVE),
        postgresql_where=sa.text(ACTIVE),
    )


def downgrade() -> None:
    op.drop_table("guided_sessions")  # a leaf table: dropping it cascades nowhere
    op.drop_index("uq_users_email", table_name="users")
    op.drop_column("users", "password_hash")
    op.drop_column("users", "email")
