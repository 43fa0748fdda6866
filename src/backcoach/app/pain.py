"""Pain reported outside a guided workout: what to do now (the safety core's decision), kept in
the log, and a serious report holds the plan and the safety gate until a new screening clears it.
Every decision starts with stopping; serious ones say to see a professional."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backcoach.app.adaptation import adapt_after_training
from backcoach.app.profile import field_named
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.safety import PainDecision, PainReport, assess_pain
from backcoach.sessions import PainEntry
from backcoach.store import User, add_pain


def report(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    pain: PainReport,
    exercise_id: str | None,
    now: datetime,
) -> PainDecision:
    """Decide what to do about pain now and keep the report; a serious one holds the plan."""
    with field_named("exercise_id"):
        exercise = catalog.exercise(exercise_id) if exercise_id else None
    with field_named("location"):
        decision = assess_pain(pain, exercise=exercise, catalog=catalog)
    entry = PainEntry(
        reported_at=now,
        location=pain.location,
        severity=pain.severity,
        sharp=pain.sharp,
        radiating=pain.radiating,
        numbness=pain.numbness,
        exercise_id=exercise.id if exercise is not None else None,
        action=decision.action.value,
    )
    with uow as db:
        add_pain(db, user_id=user.id, entry=entry, catalog=catalog, now=now)
        adapt_after_training(db, user_id=user.id, catalog=catalog, now=now)  # serious pain holds the plan
    return decision


def to_json(decision: PainDecision, catalog: Catalog) -> dict[str, Any]:
    """The public shape (``pain --json``, ``POST /api/v1/pain``), with the substitute's name."""
    return {
        "action": decision.action.value,
        "headline": decision.headline,
        "reasons": list(decision.reasons),
        "substitute": decision.substitute,
        "substitute_name": catalog.exercise(decision.substitute).name if decision.substitute else None,
        "sources": list(decision.sources),
        "rules": list(decision.rules),
    }
