"""Databases for tests that run on SQLite and on PostgreSQL (when it answers).

PostgreSQL: ``$BACKCOACH_TEST_PG_URL`` or the local server's ``backcoach_test`` database (which
``.ci/run`` creates; created here too when the server allows). Every database a test sees is a
schema of its own, selected through the connection's ``search_path`` and dropped afterwards, so
runs never meet each other's data and can repeat against the same database. The URL carries the
``search_path``, so a server process started on it (``backcoach serve --db URL``) sees that schema.

    KINDS                              ("sqlite", "postgresql"): a fixture's params
    empty_database_url(kind, folder)   yields a fresh, never-migrated database's URL (a generator,
                                       for ``yield from`` in a fixture); skips when PostgreSQL
                                       does not answer
    postgres_absent()                  None when the test database is usable, else why not
    module_engine, engine              fixtures: one migrated database per test module and kind,
                                       emptied before each test (import them into a conftest)
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine, make_url

PG_URL = os.environ.get(
    "BACKCOACH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/backcoach_test"
)
KINDS = ("sqlite", "postgresql")
CONNECT_TIMEOUT_S = 3  # a server that does not answer in this long is treated as absent


def _libpq(url: str, **changes: str) -> str:
    """The SQLAlchemy URL as a libpq connection string (for admin work with psycopg)."""
    parsed = make_url(url).set(drivername="postgresql", **changes)
    return parsed.render_as_string(hide_password=False)


@cache
def postgres_absent() -> str | None:
    """None when the test database is usable, else why not (the reason a test is skipped for)."""
    try:
        psycopg.connect(_libpq(PG_URL), connect_timeout=CONNECT_TIMEOUT_S).close()
        return None
    except psycopg.OperationalError as first:
        database = make_url(PG_URL).database or ""
        if f'database "{database}" does not exist' not in str(first):
            return f"PostgreSQL unreachable: {str(first).strip().splitlines()[0]}"
    try:  # the server answers but has no test database yet: make one
        with psycopg.connect(
            _libpq(PG_URL, database="postgres"), connect_timeout=CONNECT_TIMEOUT_S, autocommit=True
        ) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        return None
    except psycopg.Error as exc:
        return f"cannot create the PostgreSQL test database: {str(exc).strip().splitlines()[0]}"


def _pg_schema_url() -> Iterator[str]:
    """A fresh schema in the test database; the URL selects it; dropped afterwards."""
    reason = postgres_absent()
    if reason is not None:
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_libpq(PG_URL), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_libpq(PG_URL), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def empty_database_url(kind: str, folder: Path) -> Iterator[str]:
    """A fresh, never-migrated database of ``kind``: a SQLite file in ``folder``, or a new
    PostgreSQL schema (skipped when the server does not answer), dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'store-test.db'}"
    else:
        yield from _pg_schema_url()


@pytest.fixture(scope="module", params=KINDS)
def module_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A database at the newest schema, shared by a test module: migrating costs far more than
    emptying a few tables."""
    from backcoach.store import ensure_schema, make_engine

    for url in empty_database_url(request.param, tmp_path_factory.mktemp("db")):
        made = make_engine(url)
        ensure_schema(made)
        try:
            yield made
        finally:
            made.dispose()


@pytest.fixture
def engine(module_engine: Engine) -> Engine:
    """A database at the newest schema with every table empty."""
    from backcoach.store.tables import Base

    with module_engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    return module_engine
