"""The knowledge catalogue: back muscles, equipment, exercises and mistakes, as validated data."""

from backcoach.catalog.catalog import Catalog, ExerciseQuery
from backcoach.catalog.loader import curated, load_curated, parse_records
from backcoach.catalog.models import (
    Category,
    Dose,
    Equipment,
    Exercise,
    Group,
    Involvement,
    Level,
    LoadType,
    Mistake,
    Muscle,
    Provenance,
    Range,
    Region,
    Role,
    Setting,
    Setup,
    Source,
    SpinalLoad,
)
from backcoach.catalog.names import name_key

__all__ = [
    "Catalog",
    "Category",
    "Dose",
    "Equipment",
    "Exercise",
    "ExerciseQuery",
    "Group",
    "Involvement",
    "Level",
    "LoadType",
    "Mistake",
    "Muscle",
    "Provenance",
    "Range",
    "Region",
    "Role",
    "Setting",
    "Setup",
    "Source",
    "SpinalLoad",
    "curated",
    "load_curated",
    "name_key",
    "parse_records",
]
