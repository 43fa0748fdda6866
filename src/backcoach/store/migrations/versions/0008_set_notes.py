"""Notes on a set, and the cool-down set type.

Revision ID: 0008
Revises: 0007

``sets.note`` is a nullable ``ADD COLUMN``, which both databases do in place. The set-type CHECK
gains 'cooldown' (until now a guided session stored its cool-down stretches as warm-ups). On
PostgreSQL the constraint is dropped and created again in place. SQLite cannot alter a constraint,
so Alembic's batch mode copies ``sets`` into a new table with the new CHECK and drops the old one.
Unlike ``users`` (see 0002), no table refers to ``sets``, so dropping it with foreign keys on
cascades to nothing; the copy reads each set once, as a restore would.

The downgrade stores cool-down sets as warm-ups again (what they were before this revision),
puts back the old CHECK, and drops the notes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

NOTE_LENGTH = 280  # sessions.records.MAX_SET_NOTE when this revision was written
OLD_TYPES = "set_type IN ('warmup', 'working', 'drop', 'failure')"  # 0001
NEW_TYPES = "set_type IN ('warmup', 'working', 'drop', 'failure', 'cooldown')"
CHECK_NAME = "ck_sets_set_type"  # tables.NAMING_CONVENTION: ck_<table>_<name>


def _retype(check: str) -> None:
    # Named as the naming convention already spelled it (op.f): no second prefix.
    with op.batch_alter_table("sets") as batch:
        batch.drop_constraint(op.f(CHECK_NAME), type_="check")
        batch.create_check_constraint(op.f(CHECK_NAME), sa.text(check))


def upgrade() -> None:
    op.add_column("sets", sa.Column("note", sa.String(NOTE_LENGTH), nullable=True))
    _retype(NEW_TYPES)


def downgrade() -> None:
    sets = sa.table("sets", sa.column("set_type", sa.String()))
    op.execute(sets.update().where(sets.c.set_type == "cooldown").values(set_type="warmup"))
    _retype(OLD_TYPES)
    with op.batch_alter_table("sets") as batch:
        batch.drop_column("note")
