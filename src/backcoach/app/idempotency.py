"""Idempotent writes: an unsafe request repeated with the same ``Idempotency-Key`` gets the first
answer back and writes nothing (Stripe's contract, https://docs.stripe.com/api/idempotent_requests).

The key, the person and a fingerprint of the request (method, path, body) are claimed in the same
unit of work as the request's own writes, and the answer is kept there before the commit: the
writes and the key commit together or not at all. A failed request (an error answer) rolls back
its key with its writes, so sending it again runs it again, as Stripe does for requests that did
not start executing. A key reused with a different request is refused, naming the header.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from backcoach.app.uow import UnitOfWork
from backcoach.errors import InputError
from backcoach.store.idempotency import claim_key, record_answer

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255  # Stripe's limit; a UUID is 36 characters


def fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def check_key(key: str) -> str:
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isprintable() or key != key.strip():
        raise InputError(
            f"{HEADER}: must be 1 to {MAX_KEY_LENGTH} printable characters (a UUID is a good key)",
            field=HEADER,
        )
    return key


def once(
    uow: UnitOfWork,
    *,
    user_id: int,
    key: str | None,
    fingerprint: str,
    now: datetime,
    status: int,
    run: Callable[[], Any],
) -> tuple[Any, bool]:
    """``run()``'s JSON answer, or the answer first given to ``key``; True when it is a replay.

    Without a key, ``run()`` simply runs in ``uow``. ``run`` calls use cases on ``uow``; they join
    this unit of work, which commits once, after the answer is kept.
    """
    if key is None:
        with uow:
            return run(), False
    check_key(key)
    with uow as db:
        stored = claim_key(db, user_id=user_id, key=key, fingerprint=fingerprint, now=now)
        if stored is not None:
            if stored.fingerprint != fingerprint:
                raise InputError(
                    f"{HEADER}: this key was already used for a different request; use a new key",
                    field=HEADER,
                )
            return stored.response["body"], True
        answer = run()
        record_answer(db, user_id=user_id, key=key, status=status, response={"body": answer})
        return answer, False
