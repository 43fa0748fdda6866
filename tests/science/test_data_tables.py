"""The science data tables: every reference resolves against the catalogue data."""

from __future__ import annotations

import ast
from importlib import resources

import pytest

from backcoach.catalog import curated
from backcoach.errors import CatalogError
from backcoach.science.loading import preset_loadable, typical_equipment
from backcoach.science.progression.increments import increment_table
from backcoach.science.tables import Frozen, load_table
from backcoach.science.volume import landmarks
from backcoach.science.warmup import warmup_table

from .factories import real_equipment, real_muscles

SCIENCE = resources.files("backcoach.science")


def test_landmark_and_increment_muscles_exist() -> None:
    ids = {m.id for m in real_muscles()}
    for group in landmarks().values():
        assert set(group.muscles) <= ids
    assert set(increment_table().lower_body_muscles) <= ids


def test_typical_equipment_refers_to_real_equipment() -> None:
    ids = {e.id for e in real_equipment()}
    assert {item.equipment for item in typical_equipment().equipment} <= ids


@pytest.mark.parametrize("unit", ["kg", "lb"])
@pytest.mark.parametrize("preset", ["barbell", "ez-bar", "trap-bar", "dumbbells", "kettlebell", "stack"])
def test_every_preset_builds_in_both_units(preset: str, unit: str) -> None:
    assert preset_loadable(preset, unit).lightest_kg > 0  # type: ignore[arg-type]


def test_every_data_file_names_a_source() -> None:
    for file in (SCIENCE / "data").iterdir():
        if file.name.endswith(".yaml"):
            assert "source" in file.read_text(encoding="utf-8"), file.name


def test_science_modules_do_not_import_the_shells() -> None:
    banned = ("backcoach.cli", "backcoach.store", "backcoach.web", "backcoach.interop")
    for path in _python_files(SCIENCE):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(banned), (path.name, node.module)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith(banned) for a in node.names), path.name


def _python_files(root: resources.abc.Traversable) -> list[resources.abc.Traversable]:
    out = []
    for item in root.iterdir():
        if item.is_dir():
            out.extend(_python_files(item))
        elif item.name.endswith(".py"):
            out.append(item)
    return out


# ---------------------------------------------------------------------- against the shipped catalogue


def test_preferred_warmup_drills_exist_in_the_curated_catalogue() -> None:
    catalog = curated()
    blocks = warmup_table().blocks
    for drill_id in (*blocks.raise_, *blocks.breathing, *blocks.cooldown_breathing):
        assert drill_id in catalog.exercises, drill_id


def test_curated_exercises_with_external_load_have_typical_equipment_or_a_known_gap() -> None:
    from backcoach.catalog import LoadType
    from backcoach.science.loading import typical_preset

    missing = [
        e.id
        for e in curated().exercises.values()
        if e.load_type is LoadType.EXTERNAL and typical_preset(e) is None
    ]
    # Landmine and T-bar rows load a sleeve whose effective load is not a plate total.
    assert set(missing) <= {"meadows-row", "t-bar-row"}, missing


def test_a_table_that_does_not_fit_its_model_names_the_file_and_field() -> None:
    class Wrong(Frozen):
        rows: int

    with pytest.raises(CatalogError, match=r"nsca_essentials_percent_reps\.yaml: field"):
        load_table("nsca_essentials_percent_reps.yaml", Wrong)
