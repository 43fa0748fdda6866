"""Where the database is, how to connect to it, and the one transaction pattern everything uses.

SQLite is the embedded default: ``backcoach.db`` in the user's data folder (``config.Settings``).
``BACKCOACH_DATABASE_URL`` points at PostgreSQL (or another SQLite file) for multi-user use.

Durability (the promise: no acknowledged write is ever lost):

* every write happens inside ``session_scope``, which commits on success and rolls back on any
  error, so a write is either whole or absent;
* SQLite runs in WAL mode with ``synchronous=FULL``: each commit syncs the write-ahead log to disk
  before it returns. ``NORMAL`` would already survive the process being killed (the WAL is in the
  OS's cache), but a power cut or OS crash could drop the last commits; a set is logged about once a
  minute, so paying one fsync per commit for surviving that too costs nothing a person notices
  (https://www.sqlite.org/pragma.html#pragma_synchronous);
* pysqlite's own transaction handling opens transactions only before data changes, not before
  reads or DDL; it is switched off and every SQLAlchemy transaction issues its own BEGIN, so reads
  and migrations are transactional too (the recipe in SQLAlchemy's SQLite dialect documentation,
  "Serializable isolation / Savepoints / Transactional DDL");
* that BEGIN is ``BEGIN IMMEDIATE``: it takes the write lock up front, waiting up to the busy
  timeout for it. A deferred BEGIN that reads first and writes later fails at once with "database
  is locked" when another process committed in between (SQLite cannot wait there without breaking
  isolation), so two writers at once (the CLI beside the web app) would lose writes to errors.
  Transactions here are a few milliseconds long, so serialising them costs nothing noticeable;
  WAL readers outside backcoach are never blocked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from backcoach.config import Settings, load_settings
from backcoach.errors import InputError

ENV_URL = "BACKCOACH_DATABASE_URL"
DB_FILE = "backcoach.db"
# How long a writer waits for another's lock before giving up (ms): a web request and the CLI may
# write at once; five seconds outlasts any single backcoach transaction by far.
BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers never block the writer; a crash leaves the file consistent
    "PRAGMA synchronous=FULL",  # see the module docstring
    "PRAGMA foreign_keys=ON",  # off by default in SQLite
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def database_url(settings_or_env: Settings | Mapping[str, str] | None = None) -> str:
    """``$BACKCOACH_DATABASE_URL`` if set, else a SQLite file in the data folder (created here).

    Pass ``Settings`` to use their folder (the URL variable is then read from ``os.environ``), or an
    environment mapping to read both from it; ``None`` reads the process environment.
    """
    if isinstance(settings_or_env, Settings):
        env: Mapping[str, str] = os.environ
        settings = settings_or_env
    else:
        env = os.environ if settings_or_env is None else settings_or_env
        settings = load_settings(env)
    raw = env.get(ENV_URL, "").strip()
    if raw:
        return raw
    settings.home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{settings.home / DB_FILE}"


def normalised_url(url: str | URL) -> URL:
    """The URL with PostgreSQL pointed at psycopg 3 (the driver backcoach installs)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        shown = re.sub(r"//[^/@]*@", "//***@", str(url))  # never echo a password
        raise InputError(f"{ENV_URL}: {shown!r} is not a database URL") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine configured for durability: SQLite pragmas and transactions, pre-pinged pools."""
    parsed = normalised_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (module docstring)
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Readers take no write lock, so many can run while one writer holds it (WAL).
        readonly = connection.get_execution_options().get(READONLY, False)
        connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


READONLY = "backcoach_readonly"


@contextmanager
def session_scope(engine: Engine, *, readonly: bool = False) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises.

    A write is acknowledged only once the block has returned, i.e. after the commit. ``readonly``
    transactions (page views, API reads) start without SQLite's write lock; they may still write
    a little (the local user on a first visit), taking the lock only then.
    """
    bind = engine.execution_options(**{READONLY: True}) if readonly else engine
    with Session(bind, expire_on_commit=False) as session, session.begin():
        yield session
