"""Where the database lives, how connections are set up, and the transaction pattern."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from backcoach.config import Settings
from backcoach.errors import InputError
from backcoach.store import database_url, default_user, ensure_schema, make_engine, session_scope
from backcoach.store.db import normalised_url
from backcoach.store.tables import UserRow


def test_database_url_is_a_sqlite_file_in_the_data_folder_by_default(tmp_path: Path) -> None:
    home = tmp_path / "not-yet"
    url = database_url({"BACKCOACH_HOME": str(home)})
    assert url == f"sqlite:///{home / 'backcoach.db'}"
    assert home.is_dir()


def test_database_url_prefers_the_environment_variable(tmp_path: Path) -> None:
    env = {"BACKCOACH_HOME": str(tmp_path), "BACKCOACH_DATABASE_URL": "postgresql://u@db/bc"}
    assert database_url(env) == "postgresql://u@db/bc"


def test_database_url_accepts_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKCOACH_DATABASE_URL", raising=False)
    assert database_url(Settings(home=tmp_path)) == f"sqlite:///{tmp_path / 'backcoach.db'}"


@pytest.mark.parametrize("given", ["postgresql://u@h/db", "postgres://u@h/db"])
def test_plain_postgresql_urls_use_psycopg_3(given: str) -> None:
    assert normalised_url(given).drivername == "postgresql+psycopg"


def test_a_malformed_url_is_refused_naming_it() -> None:
    with pytest.raises(InputError, match="BACKCOACH_DATABASE_URL: 'not a url'"):
        make_engine("not a url")


def test_a_malformed_url_is_named_without_its_password() -> None:
    with pytest.raises(InputError, match=r"'postgresql://\*\*\*@host:port/db'") as caught:
        make_engine("postgresql://me:s3cret@host:port/db")
    assert "s3cret" not in str(caught.value)


def test_sqlite_connections_are_durable_and_enforce_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'x.db'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        engine.dispose()


def test_session_scope_commits_when_the_block_ends(engine: Engine) -> None:
    with session_scope(engine) as s:
        default_user(s)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(UserRow)) == 1


def test_session_scope_rolls_back_everything_when_the_block_raises(engine: Engine) -> None:
    def write_then_crash() -> None:
        with session_scope(engine) as s:
            default_user(s)
            raise RuntimeError("crash after the write, before the commit")

    with pytest.raises(RuntimeError):
        write_then_crash()
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(UserRow)) == 0


def test_sqlite_reads_run_inside_a_real_transaction(tmp_path: Path) -> None:
    # pysqlite alone would run a read outside any transaction (db module docstring)
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with session_scope(engine) as s:
            s.execute(text("SELECT 1"))
            assert s.connection().connection.dbapi_connection.in_transaction
    finally:
        engine.dispose()


def test_readonly_transactions_take_no_write_lock_on_sqlite(tmp_path: Path) -> None:
    """A page view must not queue behind a writer: a read transaction opens while a write is open."""
    engine = make_engine(f"sqlite:///{tmp_path / 'locks.db'}")
    ensure_schema(engine)
    with session_scope(engine) as writer:
        default_user(writer)
        with session_scope(engine, readonly=True) as reader:
            assert reader.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
