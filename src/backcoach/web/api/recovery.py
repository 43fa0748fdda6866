"""Recovery now: how recovered each back muscle is, from your logged hard sets."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach.web import services
from backcoach.web.deps import CatalogDep, DbSession, ViewerDep

router = APIRouter(prefix="/recovery", tags=["analysis"])


@router.get("")
def get_recovery(db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> dict[str, float]:
    """Each back muscle's recovery now, 0-100 % (the least recovered part decides)."""
    return services.recovery_of(db, catalog, viewer.user, now=services.clock())
