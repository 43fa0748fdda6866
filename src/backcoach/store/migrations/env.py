"""Alembic's environment: run the migrations on the connection ``backcoach.store.migrate`` passes.

There is no alembic.ini and no URL here on purpose: ``migrate`` opens the connection (with the
engine settings of ``db.make_engine``) inside a transaction and hands it over, so the migrations run
in that transaction and the caller commits or rolls back.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from backcoach.store.tables import Base


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("run migrations through backcoach.store.migrate, which supplies the connection")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported; run them against a database")
run_migrations_online()
