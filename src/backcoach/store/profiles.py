"""Profiles with their history, and screening results.

A profile is never updated in place: each save adds a version with the time it took effect, so a
plan can always be traced to the profile it was built from, and the newest version is the current
one. Saving a profile also remembers its unit as the person's display unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcoach.catalog.catalog import Catalog
from backcoach.errors import InputError
from backcoach.planning.profile import Profile
from backcoach.safety.screening import Outcome, parse_answers
from backcoach.sessions.records import check_not_future
from backcoach.store.checks import known_exercises
from backcoach.store.tables import ProfileRow, ScreeningRow
from backcoach.store.times import utc_now
from backcoach.store.users import user_row


@dataclass(frozen=True)
class ProfileVersion:
    valid_from: datetime
    profile: Profile


@dataclass(frozen=True)
class ScreeningResult:
    taken_at: datetime
    answers: dict[str, bool]  # question id -> yes
    outcome: Outcome


def save_profile(
    session: Session,
    *,
    user_id: int,
    profile: Profile,
    catalog: Catalog | None = None,
    now: datetime | None = None,
) -> ProfileVersion:
    """Add a new version of the person's profile, in effect from ``now``."""
    at = utc_now(now)
    known_exercises(profile.e1rm_kg, catalog)
    user = user_row(session, user_id)
    session.add(ProfileRow(user_id=user_id, valid_from=at, data=profile.model_dump(mode="json")))
    user.display_unit = profile.unit.value
    session.flush()
    return ProfileVersion(at, profile)


def current_profile(session: Session, *, user_id: int) -> Profile | None:
    row = session.scalars(
        select(ProfileRow)
        .where(ProfileRow.user_id == user_id)
        .order_by(ProfileRow.valid_from.desc(), ProfileRow.id.desc())
        .limit(1)
    ).one_or_none()
    return None if row is None else Profile.model_validate(row.data)


def profile_history(session: Session, *, user_id: int) -> list[ProfileVersion]:
    """Every version, oldest first."""
    rows = session.scalars(
        select(ProfileRow).where(ProfileRow.user_id == user_id).order_by(ProfileRow.valid_from, ProfileRow.id)
    )
    return [ProfileVersion(r.valid_from, Profile.model_validate(r.data)) for r in rows]


def save_screening(
    session: Session,
    *,
    user_id: int,
    answers: Mapping[str, bool],
    outcome: Outcome | str,
    taken_at: datetime,
    now: datetime | None = None,
) -> ScreeningResult:
    """Store the answers and the safety core's outcome (``safety.screening.screen``)."""
    checked = parse_answers(dict(answers))  # refuses unknown question ids and non-yes/no answers
    try:
        decided = Outcome(outcome)
    except ValueError:
        known = ", ".join(o.value for o in Outcome)
        raise InputError(f"outcome: {outcome!r} must be one of {known}") from None
    check_not_future(taken_at, utc_now(now), "taken_at")
    user_row(session, user_id)
    session.add(ScreeningRow(user_id=user_id, taken_at=taken_at, answers=checked, outcome=decided.value))
    session.flush()
    return ScreeningResult(taken_at, checked, decided)


def latest_screening(session: Session, *, user_id: int) -> ScreeningResult | None:
    row = session.scalars(
        select(ScreeningRow)
        .where(ScreeningRow.user_id == user_id)
        .order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc())
        .limit(1)
    ).one_or_none()
    if row is None:
        return None
    return ScreeningResult(
        row.taken_at, {str(k): bool(v) for k, v in row.answers.items()}, Outcome(row.outcome)
    )
