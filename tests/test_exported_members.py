"""The public surface of each package is pinned, so a removal is a deliberate change."""

from __future__ import annotations

import backcoach.catalog


def test_catalog_exports() -> None:
    assert set(backcoach.catalog.__all__) == {
        "Catalog", "Category", "Dose", "Equipment", "Exercise", "ExerciseQuery", "Group", "Involvement",
        "Level", "LoadType", "Mistake", "Muscle", "Provenance", "Range", "Region", "Role", "Setting",
        "Setup", "Source", "SpinalLoad", "curated", "load_curated", "name_key", "parse_records",
    }  # fmt: skip
    for name in backcoach.catalog.__all__:
        assert hasattr(backcoach.catalog, name)
