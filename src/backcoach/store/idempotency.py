"""Stored answers of unsafe requests sent with an ``Idempotency-Key`` (Stripe's contract).

``claim_key`` is called first in the request's transaction: it either claims the key (None: go
ahead, then ``record_answer``) or returns the answer stored for it. Both run in the transaction of
the request's own writes, so the key and the writes commit together or not at all. Two requests
with one key at once: the unique index makes the second insert wait for the first transaction; if
that committed, the second reads its answer; if it rolled back, the second goes ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from backcoach.store.tables import IdempotencyRow
from backcoach.store.times import utc_now

# How long a key is remembered: Stripe keeps keys for 24 hours, time enough for any client
# retrying after a lost answer (https://docs.stripe.com/api/idempotent_requests).
KEY_LIFETIME = timedelta(hours=24)
PENDING = 0  # the status of a claimed key whose answer is not recorded yet (never committed)


@dataclass(frozen=True)
class StoredAnswer:
    fingerprint: str
    status: int
    response: dict[str, Any]


def claim_key(
    session: Session, *, user_id: int, key: str, fingerprint: str, now: datetime
) -> StoredAnswer | None:
    """None when the key is new (now claimed), else the answer first given to it."""
    when = utc_now(now)
    session.execute(
        delete(IdempotencyRow).where(
            IdempotencyRow.user_id == user_id,
            IdempotencyRow.key == key,
            IdempotencyRow.created_at < when - KEY_LIFETIME,
        )
    )
    values = {
        "user_id": user_id,
        "key": key,
        "fingerprint": fingerprint,
        "status": PENDING,
        "response": {},
        "created_at": when,
    }
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(IdempotencyRow).values(**values).on_conflict_do_nothing()
    claimed = session.execute(statement.returning(IdempotencyRow.id)).first()
    if claimed is not None:
        return None
    row = session.scalars(
        select(IdempotencyRow).where(IdempotencyRow.user_id == user_id, IdempotencyRow.key == key)
    ).one()
    return StoredAnswer(row.fingerprint, row.status, dict(row.response))


def record_answer(session: Session, *, user_id: int, key: str, status: int, response: dict[str, Any]) -> None:
    """Keep the answer for a key claimed in this transaction."""
    row = session.scalars(
        select(IdempotencyRow).where(IdempotencyRow.user_id == user_id, IdempotencyRow.key == key)
    ).one()
    row.status = status
    row.response = response
    session.flush()


def forget_expired(session: Session, *, now: datetime) -> int:
    """Delete every key older than its lifetime; returns how many."""
    result = session.execute(
        delete(IdempotencyRow).where(IdempotencyRow.created_at < utc_now(now) - KEY_LIFETIME)
    )
    return int(getattr(result, "rowcount", 0) or 0)
