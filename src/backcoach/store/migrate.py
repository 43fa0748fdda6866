"""Alembic, configured in code so that migrations run from an installed package (no alembic.ini).

``upgrade(target)`` and ``downgrade(target, revision)`` take a database URL or an ``Engine``; each
runs in one transaction (transactional DDL on PostgreSQL, and on SQLite through ``db``'s BEGIN),
so a failed migration leaves the schema as it was.

Revisions live in ``migrations/versions`` and are written by hand (no autogenerate): each names
every table, column and constraint explicitly, so a migration means the same thing forever, however
the models in ``tables`` change later.
"""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from backcoach.store.db import make_engine

SCRIPT_LOCATION = "backcoach.store:migrations"  # package resource: works from site-packages
HEAD = "head"
BASE = "base"

_Step = Callable[[Config], None]


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.set_main_option("path_separator", "os")  # the modern setting; the legacy one warns
    return cfg


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the newest schema (Alembic upgrade to head)."""
    upgrade(engine)


def upgrade(target: str | Engine, revision: str = HEAD) -> None:
    """Migrate the database up to ``revision`` (the newest by default)."""
    _run(target, lambda cfg: command.upgrade(cfg, revision))


def downgrade(target: str | Engine, revision: str) -> None:
    """Migrate the database down to ``revision`` (``"base"`` removes every table)."""
    _run(target, lambda cfg: command.downgrade(cfg, revision))


def current_revision(target: str | Engine) -> str | None:
    """The revision the database is at, or None when it has never been migrated."""
    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        if engine is not target:
            engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(config()).get_current_head()


def _run(target: str | Engine, step: _Step) -> None:
    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        with engine.begin() as connection:
            cfg = config()
            cfg.attributes["connection"] = connection
            step(cfg)
    finally:
        if engine is not target:
            engine.dispose()
