"""Equipment ids that exercises need and profiles list."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from backcoach.web.deps import CatalogDep

router = APIRouter(prefix="/equipment", tags=["catalogue"])


@router.get("")
def list_equipment(catalog: CatalogDep) -> list[dict[str, Any]]:
    """Every piece of equipment: id, name, where it is found, what it is."""
    return [
        {"id": e.id, "name": e.name, "setting": [s.value for s in e.setting], "description": e.description}
        for e in catalog.equipment.values()
    ]
