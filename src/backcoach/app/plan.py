"""Plans: a preview from any profile (what-if, stores nothing), or the person's plan made from their
stored profile and saved, which the safety gate must allow; the active plan as it stands. What to
train today, never while held, is ``home.next_step`` and ``guided.idle``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from backcoach.app import desk_breaks, gate
from backcoach.app.profile import merged, next_training_day, screened
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog, curated
from backcoach.errors import InputError
from backcoach.planning import NoPlan, Plan, Profile, build_plan
from backcoach.safety import ScreeningDecision, screen
from backcoach.store import (
    ScheduledSession,
    User,
    active_plan,
    current_profile,
    latest_screening,
    plan_adaptations,
    save_plan,
    save_profile,
    scheduled_sessions,
    set_display_unit,
)


def preview(profile: Profile, *, catalog: Catalog) -> Plan | NoPlan:
    """A plan for ``profile`` as given, stored nowhere: a what-if (its screening may be claimed)."""
    return build_plan(profile, catalog)


def preview_for(
    uow: UnitOfWork, *, catalog: Catalog, user: User, changes: Mapping[str, Any], today: date
) -> Plan | NoPlan:
    """A what-if plan from the stored profile (if any) with ``changes``; nothing is stored."""
    with uow as db:
        stored = current_profile(db, user_id=user.id)
    return preview(merged(stored, changes, catalog=catalog, today=today), catalog=catalog)


@dataclass(frozen=True)
class Saved:
    plan: Plan
    scheduled: tuple[ScheduledSession, ...]


def make(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    now: datetime,
    changes: Mapping[str, Any] | None = None,
    save: bool = True,
) -> Saved | Plan | NoPlan:
    """A plan from the stored profile (with ``changes`` applied and stored too, when given),
    starting on its next training day from today at the earliest.

    With ``save`` the safety gate must allow training (``SafetyHold`` otherwise), and a plan found
    is stored with the profile it used and becomes the active plan (``Saved``). Without it the plan
    is only shown. NoPlan carries the conflicts and suggestions; nothing is stored then.
    """
    today = now.date()
    with uow as db:
        if save:
            gate.require_clear(db, user_id=user.id)
        stored = current_profile(db, user_id=user.id)
        if stored is None and not changes:
            raise InputError("profile: there is no profile yet: save one first")
        base = merged(stored, dict(changes or {}), catalog=catalog, today=today) if changes else stored
        assert base is not None
        profile = screened(db, user, base)
        if profile.start < today:
            profile = profile.model_copy(update={"start": next_training_day(profile.days, today)})
        result = build_plan(profile, catalog)
        if not save or isinstance(result, NoPlan):
            return result
        if profile != stored:
            save_profile(db, user_id=user.id, profile=profile, catalog=catalog, now=now)
            set_display_unit(db, user_id=user.id, display_unit=profile.unit.value)
        save_plan(db, user_id=user.id, plan=result, catalog=catalog, now=now)
        return Saved(result, tuple(scheduled_sessions(db, user_id=user.id)))


@dataclass(frozen=True)
class Active:
    plan: Plan
    scheduled: tuple[ScheduledSession, ...]


def active(uow: UnitOfWork, *, user: User) -> Active | None:
    """The person's active plan as it stands now (adapted sessions included)."""
    with uow as db:
        plan = active_plan(db, user_id=user.id)
        if plan is None:
            return None
        return Active(plan, tuple(scheduled_sessions(db, user_id=user.id)))


def to_json(
    plan: Plan,
    scheduled: Sequence[ScheduledSession] = (),
    desk: desk_breaks.DeskBreakView | None = None,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """``Plan.to_json()`` plus the adaptations made to its sessions since it was saved, and the
    person's desk breaks (``desk``: ``desk_breaks.current``; without it, those of the plan's own
    profile, as for a preview)."""
    out = plan.to_json()
    out["adaptations"] = [
        {"date": s.session.date.isoformat(), "reason": s.adapted_reason}
        for s in scheduled
        if s.adapted_reason
    ]
    # issue 14: each session's planned minutes against the minutes the person gave
    out["time_use"] = [
        {"date": s.date.isoformat(), "used_min": s.estimated_minutes, "given_min": plan.profile.minutes}
        for w in plan.weeks
        for s in w.sessions
    ]
    catalog = curated()  # desk drills are curated exercises only
    view = desk if desk is not None else desk_breaks.preview(plan.profile, catalog=catalog)
    out["desk_breaks"] = desk_breaks.to_json(view, catalog=catalog, now=now)
    return out


@dataclass(frozen=True)
class Overview:
    """What the plan page shows: the screening's decision, any hold, and the active plan."""

    decision: ScreeningDecision | None
    hold: gate.Hold | None
    has_profile: bool
    plan: Plan | None
    adapted: dict[date, str]


def overview(uow: UnitOfWork, *, user: User) -> Overview:
    with uow as db:
        latest = latest_screening(db, user_id=user.id)
        decision = screen(latest.answers) if latest is not None else None
        hold = gate.hold_of(db, user_id=user.id)
        has_profile = current_profile(db, user_id=user.id) is not None
        refused = decision is not None and not decision.may_train
        plan = None if refused else active_plan(db, user_id=user.id)
        adapted = plan_adaptations(db, user_id=user.id) if plan is not None else {}
    return Overview(decision, hold, has_profile, plan, adapted)


def next_planned(uow: UnitOfWork, *, user: User, after: date) -> date | None:
    """The day of the active plan's first session with work in it after ``after`` (None: none left).

    What a door names when a person asks for a session on a rest day."""
    with uow as db:
        coming = [
            s.session.date
            for s in scheduled_sessions(db, user_id=user.id)
            if s.session.date > after and s.session.items
        ]
    return min(coming, default=None)
