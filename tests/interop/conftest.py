"""Importer and backup tests run on SQLite and PostgreSQL with the shared database fixtures."""

from __future__ import annotations

from db_urls import engine, module_engine

__all__ = ["engine", "module_engine"]  # the shared fixtures, offered to this folder's tests
