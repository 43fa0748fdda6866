"""Form checks: video and landmark analyses run as jobs, and their stored results.

Revision ID: 0007
Revises: 0006

``jobs`` is the state of every background job (status, progress, attempts, the error a person
reads); the queue carries only its id. ``form_checks`` holds a finished analysis, one row per job
(a unique job id), so a job run twice after a worker died still stores its result once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def _user(table: str) -> sa.Column[int]:
    return sa.Column(
        "user_id",
        sa.Integer(),
        sa.ForeignKey("users.id", ondelete="CASCADE", name=f"fk_{table}_user_id_users"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        _user("jobs"),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
        sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_jobs_status")),
        sa.CheckConstraint("progress BETWEEN 0 AND 1", name=op.f("ck_jobs_progress")),
    )
    op.create_index("ix_jobs_user_id", "jobs", ["user_id"])
    op.create_index("ix_jobs_status", "jobs", ["status"])
    op.create_table(
        "form_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "job_id",
            sa.Integer(),
            sa.ForeignKey("jobs.id", ondelete="CASCADE", name="fk_form_checks_job_id_jobs"),
            nullable=False,
        ),
        _user("form_checks"),
        sa.Column("exercise_id", sa.String(80), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "logged_workout_id",
            sa.Integer(),
            sa.ForeignKey(
                "workouts.id", ondelete="SET NULL", name="fk_form_checks_logged_workout_id_workouts"
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_form_checks"),
        sa.UniqueConstraint("job_id", name="uq_form_checks_job_id"),
    )
    op.create_index("ix_form_checks_user_id", "form_checks", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_form_checks_user_id", table_name="form_checks")
    op.drop_table("form_checks")
    op.drop_index("ix_jobs_status", table_name="jobs")
    op.drop_index("ix_jobs_user_id", table_name="jobs")
    op.drop_table("jobs")
