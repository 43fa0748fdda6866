"""Signed-in sessions of the web app, kept on the server so that the server can end them.

The cookie (signed by the web layer) carries a random token; the table keeps only the token's
SHA-256 (``AuthSessionRow``), so a copy of the database signs no one in. A session is live while
its row exists and ``expires_at`` is in the future. Ending a session deletes its row: a request
with the old cookie finds nothing and is no longer signed in, for reads and writes alike.

    start_session(s, user_id=…, now=…, lifetime=…) -> token   a new session (and old ones pruned)
    session_user(s, token=…, now=…) -> user id | None          who a live session belongs to
    end_user_sessions(s, user_id=…) -> count                   sign-out, a password change
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backcoach.errors import InputError
from backcoach.store.tables import AuthSessionRow
from backcoach.store.times import utc_now
from backcoach.store.users import user_row

TOKEN_BYTES = 32  # 256 random bits (OWASP session management: at least 64 bits of entropy)
MAX_TOKEN = 128  # token_urlsafe(32) is 43 characters; anything much longer is not ours


def session_key(token: str) -> str:
    """The row id of the session a token names: its SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, *, user_id: int, now: datetime | None = None, lifetime: timedelta) -> str:
    """A new session for an existing user; returns the token for the cookie (never stored).

    Sessions that have expired, anyone's, are deleted on the way: the table holds live ones only.
    """
    if lifetime <= timedelta(0):
        raise InputError(f"lifetime: {lifetime} must be positive")
    at = utc_now(now)
    user_row(session, user_id)  # an unknown user is refused by name, not by a foreign key
    session.execute(delete(AuthSessionRow).where(AuthSessionRow.expires_at <= at))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = AuthSessionRow(id=session_key(token), user_id=user_id, created_at=at, expires_at=at + lifetime)
    session.add(row)
    session.flush()
    return token


def session_user(session: Session, *, token: str, now: datetime | None = None) -> int | None:
    """The user id of the live session ``token`` names; None for an ended, expired or unknown one."""
    if not token or len(token) > MAX_TOKEN:
        return None
    found: int | None = session.scalar(
        select(AuthSessionRow.user_id).where(
            AuthSessionRow.id == session_key(token), AuthSessionRow.expires_at > utc_now(now)
        )
    )
    return found


def end_user_sessions(session: Session, *, user_id: int) -> int:
    """End every session of the user (sign-out, a password change); returns how many there were."""
    result = session.execute(delete(AuthSessionRow).where(AuthSessionRow.user_id == user_id))
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)
