"""Weekly volume: hard sets per back muscle against its volume landmarks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from backcoach.app import analytics
from backcoach.web.deps import CatalogDep, Uow, ViewerDep, clock
from backcoach.web.schemas import IsoWeek

router = APIRouter(prefix="/volume", tags=["analysis"])


@router.get("")
def get_volume(
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    week: Annotated[
        IsoWeek | None, Query(description="ISO week, e.g. 2026-W49 (default: this week).")
    ] = None,
) -> dict[str, Any]:
    """Your hard sets per back muscle in an ISO week (default this week), against MEV/MAV/MRV."""
    return analytics.volume(uow, catalog=catalog, user=viewer.user, week=week, now=clock())
