"""The e1rm, load and warmup commands: contract keys, units, and one-line errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from backcoach.cli import app, science_cmds

from .factories import small_catalog

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def run_json(*args: str) -> dict[str, Any]:
    code, output = run(*args, "--json")
    assert code == 0, output
    payload = json.loads(output)
    assert isinstance(payload, dict)
    return payload


def assert_one_line_error(code: int, output: str, fragment: str) -> None:
    assert code == 2
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("error:")
    assert fragment in lines[0]
    assert "Traceback" not in output


@pytest.fixture
def catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(science_cmds, "curated", small_catalog)


# ---------------------------------------------------------------------- e1rm


def test_e1rm_json_has_the_contract_keys() -> None:
    payload = run_json("e1rm", "100", "5")
    assert payload["unit"] == "kg"
    assert set(payload["estimates"]) == {
        "epley",
        "brzycki",
        "lander",
        "lombardi",
        "mayhew",
        "oconner",
        "wathan",
    }
    assert payload["estimates"]["epley"] == 116.67
    assert payload["default"] == 112.5
    assert payload["default_formula"] == "brzycki"
    assert payload["reliable"] is True


def test_e1rm_answers_in_the_input_unit() -> None:
    payload = run_json("e1rm", "225", "5", "--unit", "lb")
    assert payload["unit"] == "lb"
    assert payload["default"] == 253.12


def test_e1rm_flags_high_rep_sets() -> None:
    assert run_json("e1rm", "50", "15")["reliable"] is False


def test_e1rm_text_output_is_a_table() -> None:
    code, output = run("e1rm", "100", "5")
    assert code == 0
    assert "brzycki" in output
    assert "112.5" in output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("100", "0"), "reps"),
        (("0", "5"), "load"),
        (("-20", "5"), "load"),  # a negative number is the load, not an unknown option
        (("1e308", "5"), "past any lift"),
        (("nan", "5"), "finite"),
        (("3000", "5", "--unit", "lb"), "past any lift"),
    ],
)
def test_e1rm_bad_values_print_one_line(args: tuple[str, ...], fragment: str) -> None:
    assert_one_line_error(*run("e1rm", *args), fragment)


def test_e1rm_bad_unit_prints_one_line() -> None:
    assert_one_line_error(*run("e1rm", "100", "5", "--unit", "stone"), "unit")


# ---------------------------------------------------------------------- load


def test_load_json_has_the_contract_keys() -> None:
    payload = run_json("load", "--e1rm", "100", "--reps", "5", "--rpe", "8")
    assert payload["percent_1rm"] == 81.1
    assert payload["load"] == 81.1
    assert payload["extrapolated"] is False
    assert payload["unit"] == "kg"


def test_load_accepts_rir_instead_of_rpe() -> None:
    payload = run_json("load", "--e1rm", "100", "--reps", "3", "--rir", "1")
    assert payload["percent_1rm"] == 89.2


def test_load_marks_extrapolated_efforts() -> None:
    payload = run_json("load", "--e1rm", "100", "--reps", "10", "--rir", "3")
    assert payload["extrapolated"] is True


def test_load_rounds_down_to_typical_equipment() -> None:
    payload = run_json("load", "--e1rm", "120", "--reps", "5", "--rpe", "8", "--equipment", "barbell")
    assert payload["load"] == 95.0
    assert payload["exact_load"] == 97.32


def test_load_works_in_pounds() -> None:
    payload = run_json("load", "--e1rm", "300", "--reps", "5", "--rpe", "8", "--unit", "lb")
    assert payload["load"] == 243.3
    assert payload["unit"] == "lb"


@pytest.mark.parametrize("effort", [(), ("--rpe", "8", "--rir", "2")])
def test_load_needs_exactly_one_of_rpe_or_rir(effort: tuple[str, ...]) -> None:
    assert_one_line_error(*run("load", "--e1rm", "100", "--reps", "5", *effort), "exactly one")


def test_load_text_output_names_the_load() -> None:
    code, output = run("load", "--e1rm", "100", "--reps", "5", "--rpe", "8")
    assert code == 0
    assert "81.1 kg" in output


# ---------------------------------------------------------------------- warmup


@pytest.mark.usefixtures("catalog")
def test_warmup_json_has_the_contract_keys() -> None:
    payload = run_json("warmup", "test-hinge", "--working", "100", "--reps", "5")
    assert payload["exercise_id"] == "test-hinge"
    assert payload["unit"] == "kg"
    assert payload["working"] == {"load": 100.0, "reps": 5, "rir": 2}
    assert payload["level"] == "intermediate"
    # 5 reps at 2 in reserve, about 81 % of the 1RM: the empty bar, then 45, 55 and 65 % of the 1RM
    assert [(s["load"], s["reps"]) for s in payload["sets"]] == [(20.0, 10), (55.0, 8), (67.5, 5), (80.0, 2)]
    assert all({"load", "reps", "percent"} <= set(s) for s in payload["sets"])


@pytest.mark.usefixtures("catalog")
def test_warmup_in_pounds_uses_pound_plates() -> None:
    payload = run_json("warmup", "test-hinge", "--working", "225", "--unit", "lb")
    assert [s["load"] for s in payload["sets"]] == [45.0, 135.0, 165.0]


@pytest.mark.usefixtures("catalog")
def test_warmup_level_and_reps_in_reserve_change_the_ramp() -> None:
    heavy = ("warmup", "test-hinge", "--working", "100", "--reps", "5")
    assert len(run_json(*heavy, "--level", "beginner")["sets"]) == 1
    assert len(run_json(*heavy, "--rir", "0")["sets"]) == 4
    assert run_json("warmup", "test-hinge", "--working", "100", "--reps", "15", "--rir", "3")["sets"] == []


@pytest.mark.usefixtures("catalog")
@pytest.mark.parametrize(("option", "fragment"), [(("--rir", "-1"), "--rir"), (("--reps", "0"), "--reps")])
def test_warmup_refuses_impossible_working_sets_in_one_line(option: tuple[str, str], fragment: str) -> None:
    assert_one_line_error(*run("warmup", "test-hinge", "--working", "100", *option), fragment)


@pytest.mark.usefixtures("catalog")
def test_warmup_for_a_bodyweight_exercise_is_reps_only() -> None:
    payload = run_json("warmup", "test-bodyweight-row", "--reps", "10")
    assert [(s["exercise_id"], s["load"]) for s in payload["sets"]] == [
        ("test-easy-row", None),
        ("test-bodyweight-row", None),
    ]


@pytest.mark.usefixtures("catalog")
def test_warmup_text_output_is_a_table() -> None:
    code, output = run("warmup", "test-row", "--working", "24")
    assert code == 0
    assert "Warm-up for" in output


@pytest.mark.usefixtures("catalog")
def test_warmup_unknown_exercise_is_one_line_with_suggestions() -> None:
    assert_one_line_error(*run("warmup", "test-hing", "--working", "100"), "test-hinge")


@pytest.mark.usefixtures("catalog")
def test_warmup_loaded_lift_without_working_load_is_one_line() -> None:
    assert_one_line_error(*run("warmup", "test-hinge"), "working load")


# ---------------------------------------------------------------------- against the shipped catalogue


def test_warmup_for_the_curated_chest_supported_row_uses_dumbbells() -> None:
    payload = run_json("warmup", "chest-supported-row", "--working", "24", "--reps", "10")
    assert payload["equipment"] == "dumbbells"
    assert [s["load"] for s in payload["sets"]] == [14.0, 18.0]


@pytest.mark.parametrize(
    ("exercise_id", "load", "reps", "rir", "level"),
    [
        ("bent-over-barbell-row", 80.0, 6, 2, "intermediate"),
        ("bent-over-barbell-row", 80.0, 6, 2, "beginner"),
        ("one-arm-dumbbell-row", 8.0, 12, 2, "beginner"),
        ("chest-supported-row", 24.0, 10, 1, "advanced"),
    ],
)
def test_warmup_prints_the_ramp_the_plan_prescribes(
    exercise_id: str, load: float, reps: int, rir: int, level: str
) -> None:
    from backcoach.catalog import Level, curated
    from backcoach.planning.drills import ramp
    from backcoach.planning.plan import PlanItem, SetSpec
    from backcoach.planning.profile import Unit

    catalog = curated()
    work = SetSpec("working", reps, reps, load, rir, 120)
    item = PlanItem(exercise_id, (work,), None, "main")
    planned = ramp(catalog.exercise(exercise_id), item, usable=catalog, unit=Unit.KG, level=Level(level))
    args = ("--working", str(load), "--reps", str(reps), "--rir", str(rir), "--level", level)
    printed = run_json("warmup", exercise_id, *args)["sets"]
    assert [(s["load"], s["reps"]) for s in printed] == [
        (s.load_kg, s.reps_max) for i in planned for s in i.sets
    ]


def test_warmup_for_an_unknown_curated_id_is_exit_two() -> None:
    assert_one_line_error(*run("warmup", "chest-suported-row", "--working", "24"), "chest-supported-row")
