"""The secret of a person's subscribable calendar URL: stored as its SHA-256, one per person.

A calendar app fetches the URL without a sign-in, so the token is the only key: 32 random bytes
(``secrets.token_urlsafe``), unguessable; the table holds only its digest, so a copy of the
database opens no one's calendar. Issuing a new token revokes the old one; revoking deletes it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backcoach.store.tables import CalendarTokenRow
from backcoach.store.users import user_row

TOKEN_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_calendar_token(session: Session, *, user_id: int, now: datetime) -> str:
    """A new token for the person (the old one stops working); only this answer ever holds it."""
    user_row(session, user_id)
    session.execute(delete(CalendarTokenRow).where(CalendarTokenRow.user_id == user_id))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(CalendarTokenRow(user_id=user_id, token_hash=_digest(token), created_at=now))
    session.flush()
    return token


def revoke_calendar_token(session: Session, *, user_id: int) -> bool:
    """Stop the person's calendar URL; True when there was one."""
    done = session.execute(delete(CalendarTokenRow).where(CalendarTokenRow.user_id == user_id))
    return bool(getattr(done, "rowcount", 0))


def calendar_token_user(session: Session, *, token: str) -> int | None:
    """The person whose calendar this token opens, or None."""
    if not token or len(token) > 200:
        return None
    return session.scalar(
        select(CalendarTokenRow.user_id).where(CalendarTokenRow.token_hash == _digest(token))
    )


def has_calendar_token(session: Session, *, user_id: int) -> bool:
    """Whether the person has a calendar URL now (the token itself cannot be shown again)."""
    found = session.scalar(select(CalendarTokenRow.user_id).where(CalendarTokenRow.user_id == user_id))
    return found is not None
