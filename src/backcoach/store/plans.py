"""Plans and their planned sessions, and the record of how a session was later adapted.

A plan is stored as its JSON (without sessions) plus one ``planned_sessions`` row per session, so
that a single session can be replaced when the analysis adapts the plan, with the reason kept
beside it; ``active_plan`` is rebuilt from those rows and so shows the plan as it stands now.
The newest saved plan is the active one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcoach.catalog.catalog import Catalog
from backcoach.errors import InputError
from backcoach.planning.plan import Plan
from backcoach.planning.plan import Session as PlannedSession
from backcoach.store.checks import known_exercises
from backcoach.store.plan_codec import plan_from_json, plan_shell, session_from_json
from backcoach.store.tables import PlannedSessionRow, PlanRow
from backcoach.store.times import utc_now
from backcoach.store.users import user_row

MAX_REASON = 2000  # a sentence or two from the analysis; a page is a bug


@dataclass(frozen=True)
class ScheduledSession:
    """A planned session as stored: its id (to adapt it later), week, and any adaptation."""

    id: int
    plan_id: int
    week_index: int
    deload: bool
    session: PlannedSession
    adapted_reason: str | None = None
    adapted_at: datetime | None = None


def save_plan(
    session: Session,
    *,
    user_id: int,
    plan: Plan,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> int:
    """Store the plan (it becomes the active one) and return its id."""
    known_exercises((i.exercise_id for w in plan.weeks for s in w.sessions for i in s.items), catalog)
    user_row(session, user_id)
    row = PlanRow(user_id=user_id, created_at=utc_now(now), start=plan.profile.start, data=plan_shell(plan))
    for week in plan.weeks:
        for position, planned in enumerate(week.sessions):
            row.sessions.append(
                PlannedSessionRow(
                    week_index=week.index,
                    position=position,
                    day=planned.date,
                    deload=week.deload,
                    data=planned.to_json(),
                )
            )
    session.add(row)
    session.flush()
    return row.id


def active_plan(session: Session, *, user_id: int) -> Plan | None:
    row = _active_row(session, user_id)
    if row is None:
        return None
    by_week: dict[int, list[PlannedSession]] = defaultdict(list)
    for planned in row.sessions:  # ordered by week, then position
        by_week[planned.week_index].append(session_from_json(planned.data))
    return plan_from_json(row.data, by_week)


def scheduled_sessions(session: Session, *, user_id: int) -> list[ScheduledSession]:
    """The active plan's sessions in order, with their ids and adaptations."""
    row = _active_row(session, user_id)
    return [] if row is None else [_scheduled(p) for p in row.sessions]


def plan_adaptations(session: Session, *, user_id: int) -> dict[date, str]:
    """The active plan's adapted sessions: day -> why (without decoding any session)."""
    row = _active_row(session, user_id)
    if row is None:
        return {}
    found = session.execute(
        select(PlannedSessionRow.day, PlannedSessionRow.adapted_reason)
        .where(PlannedSessionRow.plan_id == row.id, PlannedSessionRow.adapted_reason.is_not(None))
        .order_by(PlannedSessionRow.week_index, PlannedSessionRow.position)
    )
    return {day: reason for day, reason in found if reason}


def planned_session_on(session: Session, *, user_id: int, day: date) -> ScheduledSession | None:
    """The active plan's session on ``day``, if it has one."""
    row = _active_row(session, user_id)
    if row is None:
        return None
    hit = session.scalars(
        select(PlannedSessionRow)
        .where(PlannedSessionRow.plan_id == row.id, PlannedSessionRow.day == day)
        .order_by(PlannedSessionRow.week_index, PlannedSessionRow.position)
        .limit(1)
    ).one_or_none()
    return None if hit is None else _scheduled(hit)


def replace_planned_session(
    session: Session,
    *,
    planned_id: int,
    replacement: PlannedSession,
    reason: str,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> ScheduledSession:
    """Swap one planned session for an adapted one, recording why and when."""
    clean = reason.strip()
    if not clean or len(clean) > MAX_REASON:
        raise InputError(f"reason: {reason!r} must be 1 to {MAX_REASON} characters")
    known_exercises((i.exercise_id for i in replacement.items), catalog)
    row = session.get(PlannedSessionRow, planned_id)
    if row is None:
        raise InputError(f"planned_id: {planned_id!r} is not a planned session")
    row.data = replacement.to_json()
    row.day = replacement.date
    row.adapted_reason = clean
    row.adapted_at = utc_now(now)
    session.flush()
    return _scheduled(row)


def has_active_plan(session: Session, *, user_id: int) -> bool:
    """Whether the user has a plan (without decoding it)."""
    return _active_row(session, user_id) is not None


def _active_row(session: Session, user_id: int) -> PlanRow | None:
    return session.scalars(
        select(PlanRow)
        .where(PlanRow.user_id == user_id)
        .order_by(PlanRow.created_at.desc(), PlanRow.id.desc())
        .limit(1)
    ).one_or_none()


def _scheduled(row: PlannedSessionRow) -> ScheduledSession:
    return ScheduledSession(
        id=row.id,
        plan_id=row.plan_id,
        week_index=row.week_index,
        deload=row.deload,
        session=session_from_json(row.data),
        adapted_reason=row.adapted_reason,
        adapted_at=row.adapted_at,
    )
