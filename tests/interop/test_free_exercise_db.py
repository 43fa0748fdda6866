"""Importing free-exercise-db: every record maps, duplicates merge into curated entries, and a
malformed file is rejected whole without touching what was stored before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest

from backcoach.catalog import Role, Source, curated
from backcoach.config import load_settings
from backcoach.errors import ImportRejected
from backcoach.interop import free_exercise_db
from backcoach.interop.extension_store import (
    catalog_with_extension,
    extension_path,
    import_free_exercise_db,
    read_extension,
)

ALL_GROUPS = set(get_args(free_exercise_db.MuscleGroup))


def _record(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "Test_Row",
        "name": "Test Row",
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "dumbbell",
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": ["biceps"],
        "instructions": ["Pull.", "Lower."],
        "category": "strength",
        "images": ["Test_Row/0.jpg"],
    }
    return {**base, **overrides}


def test_the_mapping_table_covers_all_seventeen_groups() -> None:
    table = free_exercise_db.mapping()
    assert set(table.muscles) == ALL_GROUPS
    assert len(ALL_GROUPS) == 17
    cat = curated()
    assert all(
        share.node in cat.muscles and cat.is_leaf(share.node) for s in table.muscles.values() for share in s
    )


def test_middle_back_maps_to_retractors_and_lower_back_to_the_deep_extensors() -> None:
    table = free_exercise_db.mapping()
    assert {s.node for s in table.muscles["middle back"]} >= {
        "trapezius-middle",
        "rhomboid-major",
        "rhomboid-minor",
    }
    assert {s.node for s in table.muscles["lower back"]} >= {"iliocostalis", "longissimus", "multifidus"}


def test_all_records_import_and_map(fedb_path: Path) -> None:
    settings = load_settings()
    extension, seen = import_free_exercise_db(fedb_path, settings)
    assert seen == 873
    assert len(extension.exercises) + len(extension.duplicates) == 873
    cat = catalog_with_extension(settings)
    for ex in extension.exercises:
        assert ex.provenance.source is Source.FREE_EXERCISE_DB
        assert ex.provenance.original_id
        assert "public domain" in ex.provenance.licence.lower()
        assert all(i.muscle in cat.muscles for i in ex.muscles)
        assert any(i.role is Role.TARGET for i in ex.muscles)
        assert cat.exercise(ex.id).source is Source.FREE_EXERCISE_DB


@pytest.mark.parametrize(
    ("original_id", "curated_id"),
    [
        ("Pullups", "pull-up"),
        ("Bent_Over_Barbell_Row", "bent-over-barbell-row"),
        ("Seated_Cable_Rows", "seated-cable-row"),
        ("Wide-Grip_Lat_Pulldown", "lat-pulldown"),
    ],
)
def test_known_duplicates_merge_into_the_curated_exercise(
    fedb_path: Path, original_id: str, curated_id: str
) -> None:
    extension, _ = import_free_exercise_db(fedb_path, load_settings())
    assert extension.duplicates.get(original_id) == curated_id


def test_curated_wins_and_imported_records_are_queryable_beside_it(fedb_path: Path) -> None:
    settings = load_settings()
    import_free_exercise_db(fedb_path, settings)
    cat = catalog_with_extension(settings)
    assert cat.exercise("pull-up").source is Source.CURATED
    assert cat.find_by_name("Pullups") == cat.exercise("pull-up")
    imported = [e for e in cat.exercises.values() if e.source is Source.FREE_EXERCISE_DB]
    assert len(imported) > 700


def test_a_corrupted_copy_is_rejected_whole_naming_record_and_field(fedb_path: Path, tmp_path: Path) -> None:
    settings = load_settings()
    import_free_exercise_db(fedb_path, settings)
    before = extension_path(settings).read_bytes()
    records = json.loads(fedb_path.read_text("utf-8"))
    records[500]["primaryMuscles"] = ["wings"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(records), "utf-8")
    with pytest.raises(ImportRejected) as info:
        import_free_exercise_db(bad, settings)
    message = str(info.value)
    assert "record 501" in message and records[500]["id"] in message and "primaryMuscles" in message
    assert extension_path(settings).read_bytes() == before


def test_truncated_json_is_rejected_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "cut.json"
    bad.write_text('[\n{"id": "A",\n', "utf-8")
    with pytest.raises(ImportRejected, match="line 3"):
        import_free_exercise_db(bad, load_settings())
    assert read_extension(load_settings()) is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"level": "guru"}, "level"),
        ({"primaryMuscles": []}, "primaryMuscles"),
        ({"equipment": "spaceship"}, "equipment"),
        ({"id": "bad id!"}, "id"),
    ],
)
def test_a_bad_field_names_itself(change: dict[str, object], field: str) -> None:
    text = json.dumps([_record(), _record(**{"id": "Other", "name": "Other Row", **change})])
    with pytest.raises(ImportRejected, match=f"record 2 .*field '{field}"):
        free_exercise_db.parse(text, where="x.json")


def test_a_repeated_id_is_rejected() -> None:
    text = json.dumps([_record(), _record()])
    with pytest.raises(ImportRejected, match="duplicates record 1"):
        free_exercise_db.parse(text, where="x.json")


def test_a_primary_group_becomes_a_target_and_a_secondary_a_synergist() -> None:
    (converted,) = free_exercise_db.convert(
        free_exercise_db.parse(json.dumps([_record()]), where="x"), curated()
    ).records
    roles = {i.muscle: i.role for i in converted.exercise.muscles}
    assert roles["rhomboid-major"] is Role.TARGET
    assert roles["biceps-brachii"] is Role.SYNERGIST
    assert converted.duplicate_of is None


def test_ids_equal_once_written_as_backcoach_writes_them_are_one_record() -> None:
    text = json.dumps([_record(id="Foo_Bar"), _record(id="foo-bar", name="Foo Bar Row")])
    with pytest.raises(
        ImportRejected, match="duplicates record 1: 'Foo_Bar' and 'foo-bar' are both 'foo-bar'"
    ):
        free_exercise_db.parse(text, where="x.json")


@pytest.mark.parametrize(("original", "ours"), [("Foo_Bar", "foo-bar"), ("A", "fedb-a"), ("Row--2", "row-2")])
def test_the_backcoach_id_of_a_record(original: str, ours: str) -> None:
    assert free_exercise_db.exercise_id(original) == ours


@pytest.mark.parametrize("rid", ["___", "-", "a" * 100_000])
def test_an_id_without_letters_or_too_long_is_refused_in_a_short_message(rid: str) -> None:
    with pytest.raises(ImportRejected, match="field 'id'") as info:
        free_exercise_db.parse(json.dumps([_record(id=rid)]), where="x.json")
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("depth", [free_exercise_db.MAX_DEPTH + 1, 100_000])
def test_nesting_past_the_bound_is_rejected_whole(tmp_path: Path, depth: int) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * depth + "]" * depth, "utf-8")
    with pytest.raises(ImportRejected, match="nests deeper than"):
        import_free_exercise_db(deep, load_settings())
    assert read_extension(load_settings()) is None


@pytest.mark.parametrize(
    ("value", "depth"), [(1, 0), ([], 1), ([[1]], 2), ({"a": [{}]}, 3), ([_record()], 3)]
)
def test_depth_counts_the_levels_of_lists_and_objects(value: object, depth: int) -> None:
    assert free_exercise_db.depth(value) == depth
