"""The plan command: its JSON contract, Markdown, the no-plan exit and clean one-line input errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from backcoach.catalog import curated
from backcoach.cli import app, main
from backcoach.planning.personas import KITS
from backcoach.safety.limits import cap_load

runner = CliRunner()
SET_KEYS = {"type", "reps_min", "reps_max", "load_kg", "rir", "rest_s"}  # and hold_s for holds

GYM = ",".join(sorted(KITS["gym"]))
INTERMEDIATE = [
    "plan",
    "--level",
    "intermediate",
    "--days",
    "mon,wed,fri",
    "--minutes",
    "60",
    "--goal",
    "hypertrophy",
    "--equipment",
    GYM,
    "--start",
    "2026-11-30",
    "--weeks",
    "2",
]
BEGINNER = [
    "plan",
    "--level",
    "beginner",
    "--days",
    "mon,thu",
    "--minutes",
    "45",
    "--goal",
    "posture",
    "--equipment",
    "dumbbells,bench",
    "--bodyweight",
    "80kg",
    "--start",
    "2026-11-30",
    "--weeks",
    "2",
]


def plan_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def without_wall_time(payload: dict[str, Any]) -> dict[str, Any]:
    return payload | {"solver": {k: v for k, v in payload["solver"].items() if k != "wall_ms"}}


def test_plan_json_has_the_contract_keys() -> None:
    plan = plan_json(*INTERMEDIATE)
    assert {"solver", "weeks", "explanations"} <= set(plan)
    assert plan["solver"]["status"] in ("OPTIMAL", "FEASIBLE")
    assert isinstance(plan["solver"]["objective"], float)
    assert isinstance(plan["solver"]["wall_ms"], float)
    assert plan["explanations"] and all(isinstance(e, str) for e in plan["explanations"])
    assert [w["index"] for w in plan["weeks"]] == [1, 2]
    for week in plan["weeks"]:
        assert {"index", "deload", "sessions"} <= set(week)
        assert week["deload"] is False
        for session in week["sessions"]:
            assert {"date", "weekday", "estimated_minutes", "blocks"} <= set(session)
            assert session["weekday"] in ("mon", "wed", "fri")
            assert 0 < session["estimated_minutes"] <= 60
            assert session["blocks"][0]["kind"] == "warmup"
            assert session["blocks"][-1]["kind"] == "cooldown"
            for block in session["blocks"]:
                assert {"kind", "items"} <= set(block)
                assert block["kind"] in ("warmup", "back", "core", "arms", "cooldown")
                for item in block["items"]:
                    assert {"exercise_id", "superset", "sets"} <= set(item)
                    assert item["superset"] in (None, "A", "B", "C", "D")
                    for s in item["sets"]:
                        assert set(s) - {"hold_s"} == {
                            "type",
                            "reps_min",
                            "reps_max",
                            "load_kg",
                            "rir",
                            "rest_s",
                        }
                        assert s["type"] in ("warmup", "working")
    assert plan["weeks"][0]["sessions"][0]["date"] == "2026-11-30"


def test_plan_markdown_prints_the_whole_programme() -> None:
    result = runner.invoke(app, [*INTERMEDIATE, "--markdown"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Your back programme")
    assert "## Week 1" in text and "## Week 2" in text
    assert "### Mon 2026-11-30" in text and "### Fri 2026-12-11" in text
    assert "**Warm-up**" in text


def test_plan_text_shows_the_explanations_and_the_first_weeks() -> None:
    result = runner.invoke(app, INTERMEDIATE)
    assert result.exit_code == 0, result.output
    assert "Your plan (2 weeks, from 2026-11-30)" in result.stdout
    assert "solver" not in result.stdout and "objective" not in result.stdout  # no internal words
    assert "Week 1" in result.stdout


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        (["--screening", "see_professional"], "REFUSED"),
        (["--screening", "emergency"], "REFUSED"),
        (["--sessions", "3", "--level", "beginner"], "INFEASIBLE"),
        (["--minutes", "15", "--equipment", ""], "INFEASIBLE"),
    ],
)
def test_no_plan_exits_3_with_status_conflicts_and_suggestions(extra: list[str], status: str) -> None:
    result = runner.invoke(app, [*INTERMEDIATE, *extra, "--json"])
    assert result.exit_code == 3
    payload = json.loads(result.stdout)
    assert set(payload) == {"solver", "conflicts", "suggestions"}
    assert payload["solver"] == {"status": status}
    assert payload["conflicts"] and all(isinstance(c, str) for c in payload["conflicts"])
    assert payload["suggestions"] and all(isinstance(s, str) for s in payload["suggestions"])


def test_no_plan_in_text_names_the_conflict_on_one_error_line() -> None:
    result = runner.invoke(app, [*INTERMEDIATE, "--screening", "emergency"])
    assert result.exit_code == 3
    assert "No plan: see a professional first" in result.stdout
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--equipment", "dumbell"), "unknown equipment 'dumbell'; did you mean dumbbells"),
        (("--days", "mon,funday"), "--days: 'funday' is not a weekday"),
        (("--days", "mon,mon"), "--days: A weekday is listed twice."),
        (("--bodyweight", "eighty"), "--bodyweight: 'eighty' is not a mass like 80kg or 176lb"),
        (("--start", "2026-13-01"), "--start: '2026-13-01' is not a date like 2026-12-01"),
        (("--minutes", "5"), "--minutes: Minutes per session must be at least 10 and at most 240."),
        (("--exclude", "pull-upp"), "unknown exercise 'pull-upp'; did you mean pull-up"),
        (("--e1rm", "pull-up"), "--e1rm: 'pull-up' should look like bent-over-barbell-row=100kg"),
        (("--sessions", "4"), "4 sessions a week need at least 4 training days"),
    ],
)
def test_bad_input_is_one_clean_error_line_and_exit_2(change: tuple[str, str], message: str) -> None:
    args = list(BEGINNER)
    option, value = change
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    "argv",
    [
        [*INTERMEDIATE[:2], "guru", *INTERMEDIATE[3:]],  # --level guru
        [*INTERMEDIATE[:-6], "--goal", "fame"],
        [*INTERMEDIATE, "--minutes", "sixty"],
    ],
)
def test_usage_errors_through_main_are_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert len(err.strip().splitlines()) == 1


def test_main_prints_the_plan_and_returns_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*INTERMEDIATE, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["solver"]["status"] == "OPTIMAL"


def test_main_returns_3_when_no_plan_fits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*INTERMEDIATE, "--screening", "see_professional", "--json"]) == 3
    assert json.loads(capsys.readouterr().out)["solver"]["status"] == "REFUSED"


def test_the_same_arguments_give_the_same_json_apart_from_the_wall_time() -> None:
    first, second = plan_json(*BEGINNER), plan_json(*BEGINNER)
    assert without_wall_time(first) == without_wall_time(second)


def test_unit_lb_shows_pounds_but_keeps_json_loads_in_kg() -> None:
    kg = plan_json(*BEGINNER)
    lb = plan_json(*BEGINNER, "--unit", "lb")
    assert lb["profile"]["unit"] == "lb"
    assert lb["profile"]["bodyweight_kg"] == kg["profile"]["bodyweight_kg"] == 80.0

    def loads(plan: dict[str, Any]) -> list[tuple[str, float]]:
        return [
            (i["exercise_id"], s["load_kg"])
            for w in plan["weeks"]
            for session in w["sessions"]
            for b in session["blocks"]
            if b["kind"] != "warmup"
            for i in b["items"]
            for s in i["sets"]
            if s["load_kg"] is not None
        ]

    in_kg, in_lb = loads(kg), loads(lb)
    assert in_kg and len(in_kg) == len(in_lb)
    for (exercise_id, a), (same_id, b) in zip(in_kg, in_lb, strict=True):
        assert exercise_id == same_id
        assert abs(a - b) < 2.5  # the same load, rounded to kg plates or to lb plates
        cap = cap_load(curated().exercise(exercise_id), level="beginner", body_weight_kg=80.0)
        assert cap is not None and b <= cap.kg
    text = runner.invoke(app, [*BEGINNER, "--unit", "lb"]).stdout
    assert " lb" in text


def test_bodyweight_in_pounds_is_stored_in_kg() -> None:
    args = list(BEGINNER)
    args[args.index("--bodyweight") + 1] = "176lb"
    plan = plan_json(*args)
    assert plan["profile"]["bodyweight_kg"] == pytest.approx(79.83, abs=0.01)
