"""The CLI's door to the database: ``--db URL`` (default: the SQLite file in the user's data
folder), the schema brought up to date, and the local user of single-user mode."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated

import typer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backcoach.store import User, database_url, default_user, ensure_schema, make_engine, session_scope

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL (default: $BACKCOACH_DATABASE_URL or the SQLite file in your data folder)."
    ),
]


def now() -> datetime:
    """The shell's clock: local time with its offset (the domain never reads a clock)."""
    return datetime.now().astimezone()


def engine_for(url: str | None) -> Engine:
    engine = make_engine(url or database_url())
    ensure_schema(engine)
    return engine


@contextmanager
def user_session(url: str | None) -> Iterator[tuple[Session, User]]:
    """One transaction with the local user; it commits when the block ends without error."""
    engine = engine_for(url)
    try:
        with session_scope(engine) as session:
            yield session, default_user(session)
    finally:
        engine.dispose()
