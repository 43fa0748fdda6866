"""Body-weight entries: kilograms, with the unit the person typed kept for showing it back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcoach.sessions.records import BodyWeight, check_not_future
from backcoach.store.checks import unit
from backcoach.store.tables import BodyWeightRow
from backcoach.store.times import local, offset_s, utc_now
from backcoach.store.users import user_row


def add_body_weight(
    session: Session, *, user_id: int, entry: BodyWeight, now: datetime | None = None
) -> None:
    check_not_future(entry.measured_at, utc_now(now), "measured_at")
    user_row(session, user_id)
    session.add(
        BodyWeightRow(
            user_id=user_id,
            measured_at=entry.measured_at,
            utc_offset_s=offset_s(entry.measured_at),
            kg=entry.kg,
            entered_unit=entry.entered_unit,
        )
    )
    session.flush()


def body_weights(session: Session, *, user_id: int, since: datetime | None = None) -> list[BodyWeight]:
    """The person's entries at or after ``since``, oldest first."""
    query = (
        select(BodyWeightRow)
        .where(BodyWeightRow.user_id == user_id)
        .order_by(BodyWeightRow.measured_at, BodyWeightRow.id)
    )
    if since is not None:
        query = query.where(BodyWeightRow.measured_at >= since)
    return [
        BodyWeight(local(r.measured_at, r.utc_offset_s), r.kg, unit(r.entered_unit, "entered_unit"))
        for r in session.scalars(query)
    ]
