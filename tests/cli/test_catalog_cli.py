"""The catalogue commands: JSON contracts, filters and clean error exits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backcoach.cli import app, main

runner = CliRunner()


def run(*args: str) -> Any:
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_muscles_json_lists_nodes_with_the_contract_fields() -> None:
    nodes = run("muscles", "--json")
    assert {n["id"] for n in nodes} >= {"trapezius-middle", "multifidus", "latissimus-dorsi"}
    for n in nodes:
        assert {"id", "name", "latin_name", "group", "region", "parent", "functions"} <= set(n)
    by_id = {n["id"]: n for n in nodes}
    assert by_id["rhomboid-major"]["parent"] == "rhomboids"
    assert by_id["trapezius"]["group"] == "superficial"


def test_muscle_shows_exercises_grouped_by_role() -> None:
    detail = run("muscle", "rhomboids", "--json")
    assert set(detail["exercises"]) == {"target", "synergist", "stabiliser"}
    assert "seated-cable-row" in {e["id"] for e in detail["exercises"]["target"]}


def test_exercises_json_has_the_contract_fields_and_defaults_to_curated() -> None:
    items = run("exercises", "--json")
    assert len(items) >= 104
    for item in items:
        assert {"id", "name", "source", "category", "equipment", "level", "muscles"} <= set(item)
        assert item["source"] == "curated"
        assert all({"muscle", "role", "weight"} == set(m) for m in item["muscles"])


def test_muscle_filter_includes_the_parts_of_a_node() -> None:
    via_parent = {e["id"] for e in run("exercises", "--muscle", "erector-spinae", "--json")}
    via_part = {e["id"] for e in run("exercises", "--muscle", "longissimus", "--json")}
    assert via_part and via_part <= via_parent


def test_equipment_filter_keeps_only_what_the_person_can_do() -> None:
    items = run("exercises", "--equipment", "dumbbells,bench", "--json")
    assert items
    assert all(set(i["equipment"]) <= {"dumbbells", "bench", "none"} for i in items)
    assert "one-arm-dumbbell-row" in {i["id"] for i in items}


def test_region_level_and_setting_filters_combine() -> None:
    items = run("exercises", "--region", "lower_back", "--level", "beginner", "--setting", "home", "--json")
    assert items
    assert all(i["level"] == "beginner" and "home" in i["setting"] for i in items)


def test_exercise_detail_adds_steps_setup_cues_mistakes_alternatives() -> None:
    detail = run("exercise", "bent-over-barbell-row", "--json")
    assert {"steps", "setup", "cues", "mistakes", "alternatives"} <= set(detail)
    assert detail["setup"]["angles"]["hip_hinge_deg"]["min"] <= 45
    assert any(m["id"] == "thumb-placement" for m in detail["mistakes"])


def test_exercise_text_output_numbers_the_steps() -> None:
    result = runner.invoke(app, ["exercise", "pull-up"])
    assert result.exit_code == 0
    assert " 1. " in result.stdout and " 2. " in result.stdout


def test_equipment_json_lists_ids() -> None:
    ids = {e["id"] for e in run("equipment", "--json")}
    assert {"none", "dumbbells", "barbell", "pull-up-bar", "resistance-band", "incline-bench"} <= ids


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["exercise", "pull-upp"], "pull-up"),
        (["muscle", "rhomboid"], "rhomboids"),
        (["exercises", "--muscle", "latisimus-dorsi"], "latissimus-dorsi"),
        (["exercises", "--equipment", "dumbell"], "dumbbells"),
    ],
)
def test_unknown_id_prints_one_line_with_closest_matches_and_exits_2(
    args: list[str], suggestion: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert suggestion in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_catalog_import_reports_counts_and_makes_records_browsable(fedb_path: Path) -> None:
    report = run("catalog", "import", str(fedb_path), "--json")
    assert report["records"] == 873
    assert report["added"] + report["merged_duplicates"] == 873
    assert report["rejected"] == 0
    all_items = run("exercises", "--source", "all", "--json")
    assert {"free-exercise-db", "curated"} == {i["source"] for i in all_items}
    one = next(i for i in all_items if i["source"] == "free-exercise-db")
    assert run("exercise", one["id"], "--json")["provenance"]["source"] == "free-exercise-db"


def test_catalog_import_of_a_bad_file_exits_nonzero_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    result = runner.invoke(app, ["catalog", "import", str(bad)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not valid JSON" in result.stderr


def test_catalog_import_json_reports_the_rejection(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "X"}]), "utf-8")
    result = runner.invoke(app, ["catalog", "import", str(bad), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["added"] == 0 and report["rejected"] == 1
    assert "record 1" in report["error"]


def test_overview_runs() -> None:
    result = runner.invoke(app, ["overview"])
    assert result.exit_code == 0
    assert "superficial" in result.stdout and "stop" in result.stdout


@pytest.mark.parametrize(
    "argv",
    [["exercises", "--region", "sideways"], ["no-such-command"], ["e1rm"], ["exercises", "--level", "guru"]],
)
def test_usage_errors_print_one_line_and_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert len(err.strip().splitlines()) == 1


def test_main_returns_zero_on_success(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["equipment", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
