"""The exercise library: list with the CLI's filters, and one exercise in full."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from backcoach.catalog import Category, ExerciseQuery, Level, Region, Setting, Source, public
from backcoach.config import load_settings
from backcoach.errors import InputError, UnknownIdError
from backcoach.interop.extension_store import catalog_with_extension
from backcoach.web.deps import CatalogDep

router = APIRouter(prefix="/exercises", tags=["catalogue"])


def _equipment(raw: str | None) -> frozenset[str] | None:
    if raw is None:
        return None
    ids = frozenset(p.strip() for p in raw.split(",") if p.strip())
    if not ids:
        raise InputError("equipment: give at least one equipment id")
    return ids


@router.get("")
def list_exercises(
    catalog: CatalogDep,
    muscle: Annotated[str | None, Query(max_length=80, description="A muscle id; its parts count.")] = None,
    region: Region | None = None,
    equipment: Annotated[
        str | None, Query(max_length=2000, description="Comma-separated equipment you have.")
    ] = None,
    level: Annotated[Level | None, Query(description="This level or easier.")] = None,
    setting: Setting | None = None,
    category: Category | None = None,
    source: Annotated[Literal["curated", "all"], Query(description="all adds imported records.")] = "curated",
) -> list[dict[str, Any]]:
    """Exercises filtered by muscle, region, equipment, level, setting, category and source."""
    if muscle is not None:
        catalog.muscle(muscle)
    if equipment is not None:
        for item in _equipment(equipment) or ():
            catalog.equipment_item(item)
    chosen = catalog if source == "curated" else catalog_with_extension(load_settings())
    found = chosen.query(
        ExerciseQuery(
            muscle=muscle,
            region=region,
            equipment=_equipment(equipment),
            level=level,
            setting=setting,
            category=category,
            source=Source.CURATED if source == "curated" else None,
        )
    )
    return [public.exercise_summary(e) for e in found]


@router.get("/{exercise_id}")
def get_exercise(exercise_id: str, catalog: CatalogDep) -> dict[str, Any]:
    """One exercise: set-up, numbered steps, cues, mistakes, dose, alternatives, muscles."""
    try:
        return public.exercise_detail(catalog.exercise(exercise_id), catalog)
    except UnknownIdError:
        extended = catalog_with_extension(load_settings())
        return public.exercise_detail(extended.exercise(exercise_id), extended)
