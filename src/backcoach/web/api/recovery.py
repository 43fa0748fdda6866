"""Recovery now: how recovered each back muscle is, from your logged hard sets."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach.app import analytics
from backcoach.web.deps import CatalogDep, Uow, ViewerDep, clock

router = APIRouter(prefix="/recovery", tags=["analysis"])


@router.get("")
def get_recovery(uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> dict[str, float]:
    """Each back muscle's recovery now, 0-100 % (the least recovered part decides)."""
    return analytics.recovery(uow, catalog=catalog, user=viewer.user, now=clock())
