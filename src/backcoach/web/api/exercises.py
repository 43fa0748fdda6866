"""The exercise library: list with the CLI's filters, and one exercise in full."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from backcoach.catalog import Category, ExerciseQuery, Level, Region, Setting, Source, public
from backcoach.catalog.search import MAX_QUERY, ranked
from backcoach.config import load_settings
from backcoach.errors import InputError, UnknownIdError
from backcoach.interop.extension_store import catalog_with_extension
from backcoach.web.deps import CatalogDep
from backcoach.web.errors import described
from backcoach.web.schemas import MAX_ID_LENGTH

router = APIRouter(prefix="/exercises", tags=["catalogue"])


def _equipment(raw: str | None) -> frozenset[str] | None:
    if raw is None:
        return None
    ids = frozenset(p.strip() for p in raw.split(",") if p.strip())
    if not ids:
        raise InputError("equipment: give at least one equipment id")
    return ids


@router.get("", responses={404: described("The `muscle` or an `equipment` id is not in the catalogue.")})
def list_exercises(
    catalog: CatalogDep,
    muscle: Annotated[
        str | None, Query(max_length=MAX_ID_LENGTH, description="A muscle id; its parts count.")
    ] = None,
    region: Region | None = None,
    equipment: Annotated[
        str | None, Query(max_length=2000, description="Comma-separated equipment you have.")
    ] = None,
    level: Annotated[Level | None, Query(description="This level or easier.")] = None,
    setting: Setting | None = None,
    category: Category | None = None,
    source: Annotated[Literal["curated", "all"], Query(description="all adds imported records.")] = "curated",
    q: Annotated[
        str | None,
        Query(
            max_length=MAX_QUERY,
            description="Text to find in names, aliases and muscles, typos tolerated; best match first.",
        ),
    ] = None,
) -> list[dict[str, Any]]:
    """Exercises filtered by muscle, region, equipment, level, setting, category, source and text."""
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
    if q is not None and q.strip():
        found = ranked(chosen, q, list(found))  # best match first
    return [public.exercise_summary(e) for e in found]


@router.get("/{exercise_id}")
def get_exercise(
    exercise_id: Annotated[str, Path(max_length=MAX_ID_LENGTH, examples=["one-arm-dumbbell-row"])],
    catalog: CatalogDep,
) -> dict[str, Any]:
    """One exercise: set-up, numbered steps, cues, mistakes, dose, alternatives, muscles."""
    try:
        return public.exercise_detail(catalog.exercise(exercise_id), catalog)
    except UnknownIdError:
        extended = catalog_with_extension(load_settings())
        return public.exercise_detail(extended.exercise(exercise_id), extended)
