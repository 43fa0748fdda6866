"""The job tests' databases: SQLite always, PostgreSQL when it answers (``tests/db_urls.py``)."""

from __future__ import annotations

from db_urls import engine, module_engine

__all__ = ["engine", "module_engine"]
