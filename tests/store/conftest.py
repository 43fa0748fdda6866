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

from db_urls import KINDS, empty_database_url, engine, module_engine


@pytest.fixture(params=KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty, never-migrated database of each kind (for the migration and kill tests)."""
    yield from empty_database_url(request.param, tmp_path)


__all__ = ["engine", "module_engine"]  # the shared fixtures, offered to this folder's tests
