"""A full backup of a person's record as JSON, and a restore into an empty account.

The backup holds profile versions, screenings, plans, the log (workouts, sets, pain reports,
body weights, records), guided sessions, own exercises and exercise-name mappings
(``store.backup``). A restore writes all of it in one unit of work, or nothing; every read use
case (history, progress, volume, recovery, the plan) then answers as it did before.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backcoach.app.uow import UnitOfWork
from backcoach.store import User
from backcoach.store.backup import dump, load


def backup(uow: UnitOfWork, *, user: User, now: datetime) -> dict[str, Any]:
    """The person's whole record (``export --format json``)."""
    with uow as db:
        data = dump(db, user_id=user.id)
    return {**data, "created_at": now.isoformat(), "display_unit": user.display_unit}


def restore(uow: UnitOfWork, *, user: User, data: dict[str, Any]) -> dict[str, int]:
    """Write a backup into the person's empty account; rows written per table."""
    with uow as db:
        return load(db, user_id=user.id, backup=data)
