"""Accounts of the multi-user web app: sign up, sign in (throttled), sign out, change the password.

Every new password passes one rule, whichever door it came through (``app.passwords``), and only
its argon2 hash is stored. Signing in (or up) starts a server-side session (``store.auth_sessions``)
and returns its token for the door to put in the cookie; signing out and changing the password
end every session of the person on the server, so an old cookie, or a copy of it, reads and
writes nothing any more. Sign-in failures are counted per client and per email, wrong current
passwords per person (``app.passwords.Throttle``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from backcoach.app.passwords import (
    MAX_PASSWORD_LENGTH,
    Throttle,
    check_new_password,
    hash_password,
    verify_password,
)
from backcoach.app.uow import UnitOfWork
from backcoach.errors import InputError, TooManyRequests, Unauthenticated
from backcoach.store import LOCAL_USER, User, account_by_email, create_account, set_password_hash, user_email
from backcoach.store.accounts import EmailTaken, account_by_id, normalised_email
from backcoach.store.auth_sessions import end_user_sessions, session_user, start_session

__all__ = ["NOT_CREATED", "SignedIn", "account_email", "change_password", "sign_in", "sign_out", "sign_up"]

# Said by every door when an address cannot be signed up with, in place of "it is taken": no door
# tells whether an address has an account (OWASP Authentication Cheat Sheet, "Authentication and
# Error Messages"). It names no field, as pointing at the address would say the same thing.
NOT_CREATED = (
    "We could not create an account with these details. If you have signed up before, sign in "
    "instead; otherwise check the email address and try again."
)


@dataclass(frozen=True)
class SignedIn:
    """A person with a new session; the token goes into their cookie and nowhere else."""

    user: User
    token: str = field(repr=False)


def sign_up(
    uow: UnitOfWork, *, name: str, email: str, password: str, now: datetime, lifetime: timedelta
) -> SignedIn:
    """A new account, signed in; the password must pass the rule and only its hash is stored."""
    if name.strip().lower() == LOCAL_USER:
        raise InputError(f"name: {name.strip()!r} is reserved for the local account")
    check_new_password(password, user_inputs=(name, email))
    hashed = hash_password(password)  # argon2 takes tens of milliseconds: outside the transaction
    with uow as db:
        try:
            user = create_account(db, name=name, email=email, password_hash=hashed, now=now)
        except EmailTaken:
            raise InputError(NOT_CREATED, field=None) from None
        token = start_session(db, user_id=user.id, now=now, lifetime=lifetime)
    return SignedIn(user, token)


@functools.cache
def _equal_time_hash() -> str:
    """A real hash to verify against when the email is unknown, so both cases take as long."""
    return hash_password("backcoach: no such account")


def sign_in(
    uow: UnitOfWork,
    throttle: Throttle,
    *,
    email: str,
    password: str,
    client: str,
    now: datetime,
    lifetime: timedelta,
) -> SignedIn:
    """A new session for the account if the password matches, checked exactly as typed.

    Raises TooManyRequests (429) once the client or the email has failed ``throttle.limit`` times
    in the window, and Unauthenticated (401) for a wrong email or password (the same words for both).
    """
    keys = (f"client:{client}", f"email:{normalised_email(email)}")
    if throttle.blocked(*keys):
        raise TooManyRequests("too many sign-in attempts: wait a few minutes and try again")
    fits = len(password) <= MAX_PASSWORD_LENGTH
    with uow as db:
        account = account_by_email(db, email=email) if fits else None
    hashed = account.password_hash if account is not None else _equal_time_hash()
    if not verify_password(hashed, password[:MAX_PASSWORD_LENGTH]) or account is None:
        throttle.fail(*keys)
        raise Unauthenticated("email or password is wrong", field="email")
    throttle.clear(keys[1])  # the address keeps its count: one good account must not reset it
    with uow as db:
        token = start_session(db, user_id=account.user.id, now=now, lifetime=lifetime)
    return SignedIn(account.user, token)


def sign_out(uow: UnitOfWork, *, token: str | None, now: datetime) -> None:
    """End every session of the person whose session ``token`` names (nothing for no session)."""
    if not token:
        return
    with uow as db:
        user_id = session_user(db, token=token, now=now)
        if user_id is not None:
            end_user_sessions(db, user_id=user_id)


def change_password(
    uow: UnitOfWork,
    throttle: Throttle,
    *,
    user: User,
    current_password: str,
    new_password: str,
    now: datetime,
    lifetime: timedelta,
) -> SignedIn:
    """A new password for ``user``, who proves the current one: every session of theirs ends, and
    a new one starts for the client that asked.

    A wrong current password is an InputError on ``current_password``; after ``throttle.limit``
    of them in the window, TooManyRequests, so a borrowed session cannot guess it.
    """
    key = f"password:{user.id}"
    if throttle.blocked(key):
        raise TooManyRequests("too many wrong passwords: wait a few minutes and try again")
    with uow as db:
        account = account_by_id(db, user_id=user.id)
    fits = len(current_password) <= MAX_PASSWORD_LENGTH
    if not fits or not verify_password(account.password_hash, current_password):
        throttle.fail(key)
        raise InputError("current_password: that is not your current password", field="current_password")
    check_new_password(new_password, user_inputs=(user.name, account.email or ""), field="new_password")
    hashed = hash_password(new_password)
    with uow as db:
        set_password_hash(db, user_id=user.id, password_hash=hashed)
        end_user_sessions(db, user_id=user.id)
        token = start_session(db, user_id=user.id, now=now, lifetime=lifetime)
    throttle.clear(key)
    return SignedIn(user, token)


def account_email(uow: UnitOfWork, user: User) -> str | None:
    with uow as db:
        return user_email(db, user_id=user.id)
