"""Screening before training (PAR-Q+ and back red flags): decided by the safety core, stored, and
taken over by the stored profile. The latest stored screening is what the safety gate reads."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from backcoach.app.profile import field_named
from backcoach.app.uow import UnitOfWork
from backcoach.planning.profile import Screening
from backcoach.safety import ScreeningDecision, screen
from backcoach.store import User, current_profile, latest_screening, save_profile, save_screening


def take(uow: UnitOfWork, *, user: User, answers: Mapping[str, Any], now: datetime) -> ScreeningDecision:
    """Decide and store a screening; the stored profile (if any) takes the new outcome."""
    with field_named("answers"):
        decision = screen(answers)  # refuses unknown ids and non-boolean answers
    with uow as db:
        save_screening(db, user_id=user.id, answers=answers, outcome=decision.outcome, taken_at=now, now=now)
        profile = current_profile(db, user_id=user.id)
        outcome = Screening(decision.outcome.value)
        if profile is not None and profile.screening != outcome:
            updated = profile.model_copy(update={"screening": outcome})
            save_profile(db, user_id=user.id, profile=updated, now=now)
    return decision


def latest(uow: UnitOfWork, *, user: User) -> ScreeningDecision | None:
    """The decision of the person's latest screening, or None when none was taken."""
    with uow as db:
        found = latest_screening(db, user_id=user.id)
    return None if found is None else screen(found.answers)


def to_json(decision: ScreeningDecision) -> dict[str, Any]:
    """The public shape (``screen --json``, ``POST /api/v1/screening``)."""
    return {
        "outcome": decision.outcome.value,
        "headline": decision.headline,
        "reasons": list(decision.reasons),
        "advice": list(decision.advice),
        "triggered": list(decision.triggered),
        "sources": list(decision.sources),
        "valid_months": decision.valid_months,
    }


def latest_result(uow: UnitOfWork, *, user: User) -> tuple[ScreeningDecision, datetime] | None:
    """The latest screening's decision and when it was taken, or None when none was taken."""
    with uow as db:
        found = latest_screening(db, user_id=user.id)
    return None if found is None else (screen(found.answers), found.taken_at)
