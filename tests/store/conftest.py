"""The store's fixtures: every test runs on SQLite, and on PostgreSQL when it answers.

The databases come from ``tests/db_urls.py``: a SQLite file, or a PostgreSQL schema of its own
(skipped when the server does not answer), dropped afterwards.

``engine``: migrated once per test module, every table emptied before each test.
``db_url``: a fresh, never-migrated database per test (migration and kill tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcoach.store import ensure_schema, make_engine
from backcoach.store.tables import Base
from db_urls import KINDS, empty_database_url


@pytest.fixture(params=KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty, never-migrated database of each kind (for the migration and kill tests)."""
    yield from empty_database_url(request.param, tmp_path)


@pytest.fixture(scope="module", params=KINDS)
def _module_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    # Migrating costs far more than emptying a few tables, so a test module shares one database.
    for url in empty_database_url(request.param, tmp_path_factory.mktemp("store")):
        made = make_engine(url)
        ensure_schema(made)
        try:
            yield made
        finally:
            made.dispose()


@pytest.fixture
def engine(_module_engine: Engine) -> Engine:
    """A database at the newest schema with every table empty."""
    with _module_engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    return _module_engine
