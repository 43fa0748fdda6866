"""Accounts of the web app: a user with an email address to sign in with and a password hash.

An account is a ``users`` row like any other (``users``), so everything stored for a person hangs
off the same id whether they arrived through the CLI or the web. The local single-user account has
no email and cannot sign in. Emails are stored normalised (``normalised_email``: surrounding
whitespace stripped, lower case), so ``Ana@Example.org `` and ``ana@example.org`` are one account.
The store never sees a password, only the hash the application layer made (``app.passwords``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backcoach.errors import InputError
from backcoach.store.tables import EMAIL_LENGTH, UserRow
from backcoach.store.users import User, add_user, get_user, user_named, user_row

MIN_EMAIL = 3  # "a@b": the shortest thing shaped like local@domain
MAX_EMAIL = EMAIL_LENGTH
MAX_HASH = 255  # the column; an argon2id hash in PHC format is about 100 characters
# One "@" between a non-empty local part and domain, no whitespace: deliberately loose, since the
# only real check of an address is mail arriving there (RFC 5322 allows far more than any regex).
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class EmailTaken(InputError):
    """An address that already has an account; each door decides how much of that to say."""


@dataclass(frozen=True)
class Account:
    """A user with their password hash, for signing in; the hash stays out of ``repr``."""

    user: User
    password_hash: str | None = field(repr=False)
    email: str | None = None


def normalised_email(email: str) -> str:
    """The stored form of an address: surrounding whitespace stripped, lower case."""
    return email.strip().lower()


def create_account(
    session: Session,
    *,
    name: str,
    email: str,
    password_hash: str,
    display_unit: str = "kg",
    now: datetime | None = None,
) -> User:
    """A new user who can sign in; a malformed or taken name or email is refused naming the field."""
    clean = _checked_email(email)
    _check_hash(password_hash)
    if _email_owner(session, clean) is not None:
        raise EmailTaken(f"email: {clean!r} is taken")
    try:
        with session.begin_nested():  # a lost race must not undo the caller's earlier work
            user = add_user(session, name=name, display_unit=display_unit, now=now)
            row = user_row(session, user.id)
            row.email = clean
            row.password_hash = password_hash
            session.flush()
    except IntegrityError as exc:  # another transaction took the email or name after our look
        if _email_owner(session, clean) is not None:
            raise EmailTaken(f"email: {clean!r} is taken") from exc
        if user_named(session, name=name.strip()) is not None:
            raise InputError(f"name: {name.strip()!r} is taken") from exc
        raise
    return user


def account_by_email(session: Session, *, email: str) -> Account | None:
    """The account signing in with ``email`` (in any case, with stray spaces), or None."""
    row = _email_owner(session, normalised_email(email))
    return None if row is None else Account(get_user(session, user_id=row.id), row.password_hash, row.email)


def account_by_id(session: Session, *, user_id: int) -> Account:
    """The account of an existing user (the local one has neither email nor password hash)."""
    row = user_row(session, user_id)
    return Account(get_user(session, user_id=user_id), row.password_hash, row.email)


def set_password_hash(session: Session, *, user_id: int, password_hash: str) -> None:
    _check_hash(password_hash)
    user_row(session, user_id).password_hash = password_hash
    session.flush()


def user_email(session: Session, *, user_id: int) -> str | None:
    """The user's email, or None for a user without one (the local account)."""
    return user_row(session, user_id).email


def _checked_email(email: str) -> str:
    clean = normalised_email(email)
    if not MIN_EMAIL <= len(clean) <= MAX_EMAIL or _EMAIL.fullmatch(clean) is None:
        shown = clean if len(clean) <= 80 else f"{clean[:77]}..."
        raise InputError(
            f"email: {shown!r} must look like name@domain, {MIN_EMAIL} to {MAX_EMAIL} characters"
        )
    return clean


def _check_hash(password_hash: str) -> None:
    if not password_hash or len(password_hash) > MAX_HASH:  # the hash itself is never echoed
        raise InputError(f"password_hash: must be 1 to {MAX_HASH} characters, not {len(password_hash)}")


def _email_owner(session: Session, email: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.email == email)).one_or_none()
