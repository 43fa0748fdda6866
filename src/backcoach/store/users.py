"""People: a local default user for single-user mode, named users for multi-user deployments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backcoach.errors import InputError
from backcoach.sessions.records import Unit
from backcoach.store.checks import unit
from backcoach.store.tables import UserRow
from backcoach.store.times import utc_now

LOCAL_USER = "local"  # the one person of a single-user install
MAX_NAME = 64


@dataclass(frozen=True)
class User:
    id: int
    name: str
    display_unit: Unit  # how masses are shown to this person; stored values are always kg
    created_at: datetime


def add_user(session: Session, *, name: str, display_unit: str = "kg", now: datetime | None = None) -> User:
    clean = name.strip()
    if not clean or len(clean) > MAX_NAME:
        raise InputError(f"name: {name!r} must be 1 to {MAX_NAME} characters")
    if user_named(session, name=clean) is not None:
        raise InputError(f"name: {clean!r} is taken")
    row = UserRow(name=clean, display_unit=unit(display_unit, "display_unit"), created_at=utc_now(now))
    session.add(row)
    session.flush()
    return _user(row)


def default_user(session: Session, *, now: datetime | None = None) -> User:
    """The local user, created on first use (safely when two processes start at once)."""
    found = user_named(session, name=LOCAL_USER)
    if found is not None:
        return found
    try:
        with session.begin_nested():  # a savepoint: losing the race must not undo the caller's work
            return add_user(session, name=LOCAL_USER, now=now)
    except (IntegrityError, InputError):
        # Another process created it between our look and our insert: the insert fails, or (under
        # READ COMMITTED) add_user's own look now sees the new row and reports the name taken.
        return get_user(session, user_id=_id_of(session, LOCAL_USER))


def user_named(session: Session, *, name: str) -> User | None:
    # Core columns, not an ORM object: every request of single-user mode reads the local user.
    row = session.execute(_BY_NAME, {"name": name}).one_or_none()
    if row is None:
        return None
    return User(row.id, row.name, unit(row.display_unit, "display_unit"), row.created_at)


_USERS = UserRow.metadata.tables[UserRow.__tablename__]
_BY_NAME = select(_USERS.c.id, _USERS.c.name, _USERS.c.display_unit, _USERS.c.created_at).where(
    _USERS.c.name == bindparam("name")
)


def get_user(session: Session, *, user_id: int) -> User:
    return _user(user_row(session, user_id))


def set_display_unit(session: Session, *, user_id: int, display_unit: str) -> User:
    row = user_row(session, user_id)
    row.display_unit = unit(display_unit, "display_unit")
    session.flush()
    return _user(row)


def user_row(session: Session, user_id: int) -> UserRow:
    """The row of an existing user; an unknown id is refused before anything refers to it."""
    row = session.get(UserRow, user_id)
    if row is None:
        raise InputError(f"user_id: {user_id!r} is not a known user")
    return row


def _id_of(session: Session, name: str) -> int:
    return session.scalars(select(UserRow.id).where(UserRow.name == name)).one()


def _user(row: UserRow) -> User:
    return User(row.id, row.name, unit(row.display_unit, "display_unit"), row.created_at)
