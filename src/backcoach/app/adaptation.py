"""After training, the stored plan's coming sessions adapt to what was done.

After training, the analysis may adapt the stored plan's coming sessions (missed targets, high
effort, pain); the adapted sessions replace the planned ones with their reason recorded, so the
guided session shows why. A serious pain report holds the plan until a later screening clears
the person again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from backcoach.analysis import Adaptation, adapt_plan
from backcoach.catalog import Catalog
from backcoach.planning import effective_level
from backcoach.safety import Outcome
from backcoach.store import (
    current_profile,
    latest_screening,
    pain_reports,
    replace_planned_session,
    scheduled_sessions,
    workouts,
)

# How far back the analysis looks: two sessions of each exercise at one or two sessions a week,
# and the analysis's own 7-day pain window, both fit in four weeks.
LOOKBACK = timedelta(days=28)


def adapt_after_training(
    session: Session, *, user_id: int, catalog: Catalog, now: datetime
) -> list[Adaptation]:
    """Adapt and store the coming planned sessions from what was done; returns what changed."""
    profile = current_profile(session, user_id=user_id)
    scheduled = scheduled_sessions(session, user_id=user_id)
    if profile is None or not scheduled:
        return []
    recent = workouts(session, user_id=user_id, since=now - LOOKBACK)
    screening = latest_screening(session, user_id=user_id)
    cleared_at = (
        screening.taken_at
        if screening is not None and screening.outcome in (Outcome.CLEARED, Outcome.START_GENTLY)
        else None
    )
    upcoming = [s.session for s in scheduled if s.session.date >= now.date()]
    standalone = pain_reports(session, user_id=user_id, since=now - LOOKBACK)
    changes = adapt_plan(
        upcoming, recent, catalog, effective_level(profile), now, cleared_at=cleared_at, pain=standalone
    )
    ids = {s.session.date: s.id for s in scheduled}
    for change in changes:
        replace_planned_session(
            session,
            planned_id=ids[change.session_date],
            replacement=change.new_session,
            reason=change.reason,
            catalog=catalog,
            now=now,
        )
    return changes
