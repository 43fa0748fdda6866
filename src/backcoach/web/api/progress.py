"""Progress of one exercise: estimated one-rep max per day and rep records."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from backcoach.app import analytics
from backcoach.web.deps import CatalogDep, Uow, ViewerDep
from backcoach.web.schemas import MAX_ID_LENGTH

router = APIRouter(prefix="/progress", tags=["analysis"])


@router.get("/{exercise_id}")
def get_progress(
    exercise_id: Annotated[str, Path(max_length=MAX_ID_LENGTH, examples=["one-arm-dumbbell-row"])],
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
) -> dict[str, Any]:
    """Your e1RM per day, rep records and best e1RM for one exercise (kg)."""
    return analytics.progress(uow, catalog=catalog, user=viewer.user, exercise_id=exercise_id).to_json()
