"""The CLI's door to the database: ``--db URL`` (default: the SQLite file in the user's data
folder), the schema brought up to date, a unit of work on it, and the local user of single-user
mode. The use cases (``backcoach.app``) commit their own transactions before the command prints.

SQLAlchemy, the store and the application layer are imported when a command opens the database,
never when the CLI starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from backcoach.app.uow import UnitOfWork
    from backcoach.store import User

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL (default: $BACKCOACH_DATABASE_URL or the SQLite file in your data folder)."
    ),
]


def now() -> datetime:
    """The shell's clock: local time with its offset (the domain never reads a clock)."""
    return datetime.now().astimezone()


def _shown(url: str) -> str:
    import re

    masked = re.sub(r"//[^/@]*@", "//***@", url)  # never echo a password
    return masked if len(masked) <= 80 else masked[:77] + "..."


def engine_for(url: str | None) -> Engine:
    """An engine on ``url`` (or the default database) with the schema brought up to date.

    A URL that names no database backcoach can use, a folder that cannot be made and a database
    written by a newer backcoach are input errors naming ``--db``; a server that cannot be reached
    or a file that is not a database surface as SQLAlchemy's errors (``handles_errors``).
    """
    from sqlalchemy.exc import ArgumentError

    from backcoach.store import database_url, ensure_schema, make_engine

    given = url if url is not None else database_url()
    where = "--db" if url is not None else "the database URL"
    try:
        engine = make_engine(given)
    except InputError:
        raise InputError(
            f"{where}: '{_shown(given)}' is not a database URL "
            "(e.g. sqlite:////home/me/backcoach.db or postgresql://user@host/backcoach)"
        ) from None
    except (ArgumentError, ImportError, ValueError) as exc:  # an unknown dialect or driver
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{where}: '{_shown(given)}' cannot be used: {reason}") from None
    except OSError as exc:  # the SQLite file's folder cannot be made
        raise InputError(f"{where}: '{_shown(given)}': {exc.strerror or exc}") from None
    try:
        ensure_schema(engine)
    except BaseException as exc:
        engine.dispose()
        if type(exc).__module__.startswith("alembic"):  # a revision this version does not know
            raise InputError(
                f"{where}: '{_shown(given)}' was written by another version of backcoach "
                f"({str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__})"
            ) from None
        raise
    return engine


@contextmanager
def unit_of_work(url: str | None, *, readonly: bool = False) -> Iterator[tuple[UnitOfWork, User]]:
    """A unit of work on the database at ``url`` and the local user.

    For a command that writes, the local user is created on first use, in the unit's transaction,
    which the first use case called continues and commits before it returns (so a refused command
    leaves no trace, not even a new user); each later use case runs its own transaction. A
    ``readonly`` command only looks the user up: before anything was stored it reads as a person
    with no data, and nothing is written. The engine is closed when the block ends.
    """
    from backcoach.app.uow import UnitOfWork
    from backcoach.store import LOCAL_USER, User, default_user, user_named

    engine = engine_for(url)
    uow = UnitOfWork(engine, readonly=readonly)
    try:
        if readonly:
            found = user_named(uow.session, name=LOCAL_USER)
            user = found if found is not None else User(0, LOCAL_USER, "kg", now())  # no rows have id 0
        else:
            user = default_user(uow.session)
        yield uow, user
    finally:
        uow.close()  # whatever no use case committed is rolled back
        engine.dispose()
