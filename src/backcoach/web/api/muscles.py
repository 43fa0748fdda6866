"""The back's muscles: the tree, and one muscle with the exercises that train it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from backcoach.catalog import public
from backcoach.web.deps import CatalogDep
from backcoach.web.schemas import MAX_ID_LENGTH

router = APIRouter(prefix="/muscles", tags=["catalogue"])


@router.get("")
def list_muscles(catalog: CatalogDep) -> list[dict[str, Any]]:
    """Every muscle node: back muscles in layers, and the supporting muscles exercises use."""
    return [public.muscle_summary(m, catalog) for m in catalog.muscles.values()]


@router.get("/{muscle_id}")
def get_muscle(
    muscle_id: Annotated[str, Path(max_length=MAX_ID_LENGTH, examples=["latissimus-dorsi"])],
    catalog: CatalogDep,
) -> dict[str, Any]:
    """One muscle: what it does, and the exercises that train it, grouped by role."""
    return public.muscle_detail(catalog.muscle(muscle_id), catalog)
