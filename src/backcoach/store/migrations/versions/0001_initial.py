"""The first schema: users, profiles, screenings, plans, workouts, sets, pain, body weight, records.

Revision ID: 0001
Revises: (none)

Written by hand and frozen: it spells out every column and every constraint name (``op.f`` marks a
name as final), so it creates the same schema on SQLite and PostgreSQL whatever ``tables`` becomes.
Masses are kilograms (double precision); times are UTC instants, with the writer's UTC offset in
``utc_offset_s`` where the local day matters (see ``backcoach.store.tables``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

UNIT_CHECK = "IN ('kg', 'lb')"
# Drop order: children before the tables they refer to.
TABLES = (
    "personal_records",
    "body_weights",
    "pain_reports",
    "sets",
    "workouts",
    "planned_sessions",
    "plans",
    "screenings",
    "profiles",
    "users",
)


def _id(table: str) -> tuple[sa.Column[int], sa.PrimaryKeyConstraint]:
    return sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint(
        "id", name=op.f(f"pk_{table}")
    )


def _user_fk(table: str) -> tuple[sa.Column[int], sa.ForeignKeyConstraint]:
    return (
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
        ),
    )


def _time(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        *_id("users"),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("display_unit", sa.String(2), nullable=False),
        _time("created_at"),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
        sa.CheckConstraint(f"display_unit {UNIT_CHECK}", name=op.f("ck_users_display_unit")),
    )
    op.create_table(
        "profiles",
        *_id("profiles"),
        *_user_fk("profiles"),
        _time("valid_from"),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_profiles_user_valid_from", "profiles", ["user_id", "valid_from"])
    op.create_table(
        "screenings",
        *_id("screenings"),
        *_user_fk("screenings"),
        _time("taken_at"),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
    )
    op.create_index("ix_screenings_user_taken_at", "screenings", ["user_id", "taken_at"])
    op.create_table(
        "plans",
        *_id("plans"),
        *_user_fk("plans"),
        _time("created_at"),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_plans_user_created_at", "plans", ["user_id", "created_at"])
    op.create_table(
        "planned_sessions",
        *_id("planned_sessions"),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("week_index", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("deload", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("adapted_reason", sa.Text(), nullable=True),
        _time("adapted_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_planned_sessions_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.UniqueConstraint("plan_id", "week_index", "position", name=op.f("uq_planned_sessions_slot")),
    )
    op.create_index("ix_planned_sessions_plan_day", "planned_sessions", ["plan_id", "day"])
    op.create_table(
        "workouts",
        *_id("workouts"),
        *_user_fk("workouts"),
        _time("started_at"),
        _time("ended_at", nullable=True),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=True),
        sa.Column("planned_session_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("feeling", sa.String(16), nullable=True),
        sa.ForeignKeyConstraint(
            ["planned_session_id"],
            ["planned_sessions.id"],
            name=op.f("fk_workouts_planned_session_id_planned_sessions"),
            ondelete="SET NULL",
        ),
        sa.CheckConstraint("feeling IN ('bad', 'neutral', 'good')", name=op.f("ck_workouts_feeling")),
    )
    op.create_index("ix_workouts_user_started_at", "workouts", ["user_id", "started_at"])
    op.create_table(
        "sets",
        *_id("sets"),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(80), nullable=False),
        sa.Column("set_type", sa.String(16), nullable=False),
        _time("performed_at"),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("load_kg", sa.Float(), nullable=True),
        sa.Column("entered_unit", sa.String(2), nullable=False),
        sa.Column("rir", sa.Float(), nullable=True),
        sa.Column("rest_s", sa.Integer(), nullable=True),
        sa.Column("hold_s", sa.Integer(), nullable=True),
        sa.Column("target_reps_min", sa.Integer(), nullable=True),
        sa.Column("target_reps_max", sa.Integer(), nullable=True),
        sa.Column("target_load_kg", sa.Float(), nullable=True),
        sa.Column("target_rir", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workout_id"], ["workouts.id"], name=op.f("fk_sets_workout_id_workouts"), ondelete="CASCADE"
        ),
        sa.UniqueConstraint("workout_id", "position", name=op.f("uq_sets_workout_position")),
        sa.CheckConstraint(
            "set_type IN ('warmup', 'working', 'drop', 'failure')", name=op.f("ck_sets_set_type")
        ),
        sa.CheckConstraint("reps BETWEEN 0 AND 100", name=op.f("ck_sets_reps")),
        sa.CheckConstraint("load_kg IS NULL OR load_kg BETWEEN 0 AND 1000", name=op.f("ck_sets_load_kg")),
        sa.CheckConstraint("rir IS NULL OR rir BETWEEN 0 AND 10", name=op.f("ck_sets_rir")),
        sa.CheckConstraint("rest_s IS NULL OR rest_s BETWEEN 0 AND 3600", name=op.f("ck_sets_rest_s")),
        sa.CheckConstraint("hold_s IS NULL OR hold_s BETWEEN 0 AND 3600", name=op.f("ck_sets_hold_s")),
        sa.CheckConstraint(f"entered_unit {UNIT_CHECK}", name=op.f("ck_sets_entered_unit")),
    )
    op.create_index("ix_sets_exercise_id", "sets", ["exercise_id"])
    op.create_table(
        "pain_reports",
        *_id("pain_reports"),
        *_user_fk("pain_reports"),
        sa.Column("workout_id", sa.Integer(), nullable=True),
        _time("reported_at"),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(80), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("sharp", sa.Boolean(), nullable=False),
        sa.Column("radiating", sa.Boolean(), nullable=False),
        sa.Column("numbness", sa.Boolean(), nullable=False),
        sa.Column("exercise_id", sa.String(80), nullable=True),
        sa.Column("action", sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_pain_reports_workout_id_workouts"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("severity BETWEEN 0 AND 10", name=op.f("ck_pain_reports_severity")),
    )
    op.create_index("ix_pain_reports_user_reported_at", "pain_reports", ["user_id", "reported_at"])
    op.create_table(
        "body_weights",
        *_id("body_weights"),
        *_user_fk("body_weights"),
        _time("measured_at"),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("kg", sa.Float(), nullable=False),
        sa.Column("entered_unit", sa.String(2), nullable=False),
        sa.CheckConstraint("kg BETWEEN 20 AND 400", name=op.f("ck_body_weights_kg")),
        sa.CheckConstraint(f"entered_unit {UNIT_CHECK}", name=op.f("ck_body_weights_entered_unit")),
    )
    op.create_index("ix_body_weights_user_measured_at", "body_weights", ["user_id", "measured_at"])
    op.create_table(
        "personal_records",
        *_id("personal_records"),
        *_user_fk("personal_records"),
        sa.Column("exercise_id", sa.String(80), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("load_kg", sa.Float(), nullable=False),
        _time("achieved_at"),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.UniqueConstraint("user_id", "exercise_id", "reps", name=op.f("uq_personal_records_best")),
        sa.CheckConstraint("reps BETWEEN 1 AND 100", name=op.f("ck_personal_records_reps")),
        sa.CheckConstraint("load_kg BETWEEN 0 AND 1000", name=op.f("ck_personal_records_load_kg")),
    )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)  # dropping a table drops its indexes and constraints with it
