"""Your training profile: level, days, minutes, goal, equipment, body (kept with its history)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from backcoach.web import services
from backcoach.web.deps import CatalogDep, Csrf, DbSession, ViewerDep
from backcoach.web.errors import NotFound
from backcoach.web.schemas import ProfileUpdate

router = APIRouter(prefix="/profile", tags=["profile"])


@router.get("")
def get_profile(db: DbSession, viewer: ViewerDep) -> dict[str, Any]:
    """Your current profile (404 until you save one)."""
    profile = services.profile_of(db, viewer.user)
    if profile is None:
        raise NotFound("there is no profile yet")
    return profile.model_dump(mode="json")


@router.put("", dependencies=[Csrf])
def put_profile(body: ProfileUpdate, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> dict[str, Any]:
    """Save your profile as a new version; fields left out keep their stored values."""
    now = services.clock()
    stored = services.profile_of(db, viewer.user)
    unit = stored.unit.value if stored is not None else viewer.user.display_unit
    profile = services.profile_with(stored, body.changes(unit), catalog=catalog, today=now.date())
    saved = services.save_profile_for(db, catalog, viewer.user, profile, now=now)
    return saved.model_dump(mode="json")
