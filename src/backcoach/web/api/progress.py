"""Progress of one exercise: estimated one-rep max per day and rep records."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from backcoach.web import services
from backcoach.web.deps import CatalogDep, DbSession, ViewerDep

router = APIRouter(prefix="/progress", tags=["analysis"])


@router.get("/{exercise_id}")
def get_progress(exercise_id: str, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> dict[str, Any]:
    """Your e1RM per day, rep records and best e1RM for one exercise (kg)."""
    return services.progress_of(db, catalog, viewer.user, exercise_id)
