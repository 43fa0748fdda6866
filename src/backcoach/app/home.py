"""What to do next, from where the person stands: screen, profile, plan, train, or hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backcoach.app import gate
from backcoach.app.guided import GuidedView, current
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.planning.plan import Session as PlannedSession
from backcoach.safety import ScreeningDecision, screen
from backcoach.store import User, current_profile, latest_screening, planned_session_on, scheduled_sessions


@dataclass(frozen=True)
class NextStep:
    """``step``: screen, refused (the screening says no), held (pain), profile, plan, resume, train
    or rest_day; only train and resume offer a workout, and never while the person is held."""

    step: str
    decision: ScreeningDecision | None
    hold: gate.Hold | None
    todays: PlannedSession | None
    upcoming: PlannedSession | None
    in_progress: GuidedView | None


def next_step(uow: UnitOfWork, *, catalog: Catalog, user: User, today: date) -> NextStep:
    with uow as db:
        latest = latest_screening(db, user_id=user.id)
        decision = screen(latest.answers) if latest is not None else None
        hold = gate.hold_of(db, user_id=user.id)
        profile = current_profile(db, user_id=user.id)
        scheduled = scheduled_sessions(db, user_id=user.id)
        free = hold is None
        in_progress = current(uow, catalog=catalog, user=user) if free else None
        todays = planned_session_on(db, user_id=user.id, day=today) if scheduled and free else None
    upcoming = next((s.session for s in scheduled if s.session.date > today), None)
    if decision is None:
        step = "screen"
    elif not decision.may_train:
        step = "refused"
    elif hold is not None:
        step = "held"
    elif profile is None:
        step = "profile"
    elif not scheduled:
        step = "plan"
    elif in_progress is not None:
        step = "resume"
    elif todays is not None:
        step = "train"
    else:
        step = "rest_day"
    return NextStep(
        step, decision, hold, todays.session if todays is not None else None, upcoming, in_progress
    )
