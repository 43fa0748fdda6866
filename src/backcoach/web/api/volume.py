"""Weekly volume: hard sets per back muscle against its volume landmarks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from backcoach.web import services
from backcoach.web.deps import CatalogDep, DbSession, ViewerDep

router = APIRouter(prefix="/volume", tags=["analysis"])


@router.get("")
def get_volume(
    db: DbSession,
    catalog: CatalogDep,
    viewer: ViewerDep,
    week: Annotated[str | None, Query(max_length=10, description="ISO week, e.g. 2026-W49.")] = None,
) -> dict[str, Any]:
    """Your hard sets per back muscle in an ISO week (default this week), against MEV/MAV/MRV."""
    return services.volume_of(db, catalog, viewer.user, week=week, now=services.clock())
