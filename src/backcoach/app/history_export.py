"""Taking the log and the plan out: Strong, Hevy or neutral CSV of every workout, and the saved
plan as an iCalendar file.

Names are the catalogue's, or the person's own exercise's name, so the CSV files import back into
backcoach (and into the apps) as the same exercises.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Literal, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backcoach.app.desk_breaks import DeskBreakView, view_in
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import InputError, NotFound
from backcoach.interop.history_csv import write_hevy, write_neutral, write_strong
from backcoach.interop.plan_ical import CalendarDeskBreaks, CalendarSession, plan_calendar
from backcoach.store import ScheduledSession, User, current_profile, get_user, scheduled_sessions, workouts
from backcoach.store.calendar_tokens import (
    calendar_token_user,
    has_calendar_token,
    issue_calendar_token,
    revoke_calendar_token,
)
from backcoach.store.imports import custom_exercises

CsvFormat = Literal["strong", "hevy", "csv"]
WRITERS = {"strong": write_strong, "hevy": write_hevy, "csv": write_neutral}
ALARM_LIMIT_MIN = 7 * 24 * 60  # a reminder further ahead than a week is no reminder


def _names(catalog: Catalog, own: dict[str, str]) -> Callable[[str], str]:
    def name_of(exercise_id: str) -> str:
        found = catalog.exercises.get(exercise_id)
        if found is not None:
            return found.name
        return own.get(exercise_id, exercise_id)

    return name_of


def export_log(uow: UnitOfWork, *, catalog: Catalog, user: User, fmt: CsvFormat, out: TextIO) -> int:
    """Write every workout as ``fmt`` CSV to ``out``; returns the sets written."""
    if fmt not in WRITERS:
        raise InputError(f"--format: {fmt!r} must be strong, hevy or csv")
    with uow as db:
        done = workouts(db, user_id=user.id)
        own = custom_exercises(db, user_id=user.id)
    return WRITERS[fmt](out, done, _names(catalog, own))


def export_calendar(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    now: datetime,
    zone: str,
    start: time = time(18, 0),
    alarm_minutes: int | None = None,
) -> bytes:
    """The saved plan's sessions as iCalendar; NotFound when no plan is saved."""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        raise InputError(f"--tz: {zone[:60]!r} is not a time zone (e.g. Europe/Berlin)") from None
    if alarm_minutes is not None and not 0 <= alarm_minutes <= ALARM_LIMIT_MIN:
        raise InputError(f"--alarm: {alarm_minutes} must be from 0 to {ALARM_LIMIT_MIN} minutes")
    with uow as db:
        planned = scheduled_sessions(db, user_id=user.id)
        own = custom_exercises(db, user_id=user.id)
        profile = current_profile(db, user_id=user.id)
        desk = (
            None
            if profile is None
            else view_in(db, user_id=user.id, profile=profile, catalog=catalog, now=now)
        )
    if not planned:
        raise NotFound("plan: no plan is saved yet (backcoach plan --save)")
    sessions = [CalendarSession(p.id, p.plan_id, p.session, p.adapted_reason is not None) for p in planned]
    return plan_calendar(
        sessions,
        name_of=_names(catalog, own),
        zone=zone,
        start=start,
        now=now,
        alarm_minutes=alarm_minutes,
        desk=_desk_in_calendar(desk, planned),
    )


def _desk_in_calendar(
    view: DeskBreakView | None, planned: list[ScheduledSession]
) -> CalendarDeskBreaks | None:
    """The desk breaks over the plan's weeks (from its first session), none while training is held."""
    if view is None or not view.active or view.breaks is None:
        return None
    first = min(p.session.date for p in planned)
    weeks = max(p.week_index for p in planned) - min(p.week_index for p in planned) + 1
    return CalendarDeskBreaks(view.breaks, planned[0].plan_id, first, first + timedelta(days=7 * weeks - 1))


def calendar_link(uow: UnitOfWork, *, user: User, now: datetime) -> str:
    """A new secret for the person's subscribable calendar URL (the previous one stops working)."""
    with uow as db:
        return issue_calendar_token(db, user_id=user.id, now=now)


def has_calendar_link(uow: UnitOfWork, *, user: User) -> bool:
    """Whether the person's calendar URL exists (its secret was shown once, when it was made)."""
    with uow as db:
        return has_calendar_token(db, user_id=user.id)


def revoke_calendar_link(uow: UnitOfWork, *, user: User) -> None:
    """Stop the person's calendar URL; NotFound when there is none."""
    with uow as db:
        if not revoke_calendar_token(db, user_id=user.id):
            raise NotFound("calendar: there is no calendar link to revoke")


def calendar_for_token(uow: UnitOfWork, *, catalog: Catalog, token: str, now: datetime, zone: str) -> bytes:
    """The calendar a token opens; NotFound for a token that opens nothing (revoked or wrong)."""
    with uow as db:
        user_id = calendar_token_user(db, token=token)
        found = None if user_id is None else get_user(db, user_id=user_id)
    if found is None:
        raise NotFound("calendar: this calendar link is not valid (it may have been revoked)")
    return export_calendar(uow, catalog=catalog, user=found, now=now, zone=zone)
