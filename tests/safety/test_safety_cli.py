"""The `screen` and `pain` commands: JSON contracts, plain-language text and clean error exits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from safety_factories import catalog, exercise
from typer.testing import CliRunner, Result

from backcoach.catalog import SpinalLoad
from backcoach.cli import app, safety_cmds
from backcoach.safety import questions

runner = CliRunner()
ALL_IDS = [q.id for q in questions()]


def invoke(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, [*args], input=input)


def run_json(*args: str) -> Any:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_clean_error(result: Result, code: int, *needles: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]


def plain(text: str) -> str:
    """Panel text with the box drawing removed and line wrapping undone."""
    return " ".join(text.replace("│", " ").split())


def interactive_json(result: Result) -> Any:
    """The JSON document after the prompts (the test runner echoes typed answers to stdout)."""
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout[result.stdout.index("{") :])


def answers_file(tmp_path: Path, payload: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------------- screen --questions


def test_questions_json_lists_every_question_with_the_contract_keys() -> None:
    items = run_json("screen", "--questions")
    assert [i["id"] for i in items] == ALL_IDS
    for i in items:
        has_severity = i["kind"] == "redflag"
        assert set(i) == ({"id", "text", "kind", "severity"} if has_severity else {"id", "text", "kind"})
        assert i["kind"] in {"parq", "parq_followup", "context", "redflag"}
        if has_severity:
            assert i["severity"] in {"emergency", "doctor"}


def test_questions_text_shows_a_table() -> None:
    result = invoke("screen", "--questions")
    assert result.exit_code == 0
    assert "parq1" in plain(result.stdout)


# ---------------------------------------------------------------------- screen --answers


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        ({}, "cleared"),
        (dict.fromkeys(ALL_IDS, False), "cleared"),
        ({"parq6": True}, "start_gently"),
        ({"parq6": True, "parq_back_1b": True}, "see_professional"),
        ({"parq2": True}, "see_professional"),
        ({"redflag_saddle_numbness": True}, "emergency"),
    ],
)
def test_answers_file_gives_outcome_and_reasons(
    tmp_path: Path, answers: dict[str, bool], outcome: str
) -> None:
    payload = run_json("screen", "--answers", answers_file(tmp_path, answers))
    assert {"outcome", "reasons"} <= set(payload)
    assert payload["outcome"] == outcome
    assert payload["reasons"] and all(isinstance(r, str) for r in payload["reasons"])


def test_answers_text_shows_the_outcome_panel(tmp_path: Path) -> None:
    result = invoke("screen", "--answers", answers_file(tmp_path, {"redflag_bowel_control": True}))
    assert result.exit_code == 0
    assert "emergency" in plain(result.stdout).lower()
    assert "Do not exercise" in plain(result.stdout)


def test_unknown_answer_id_exits_2_naming_the_key(tmp_path: Path) -> None:
    result = invoke("screen", "--answers", answers_file(tmp_path, {"parq1": False, "parq_9": True}), "--json")
    assert_clean_error(result, 2, "parq_9")


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_non_boolean_answer_exits_2_naming_the_key(tmp_path: Path, value: object) -> None:
    result = invoke("screen", "--answers", answers_file(tmp_path, {"parq3": value}), "--json")
    assert_clean_error(result, 2, "parq3")


def test_malformed_answers_file_is_a_clean_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{parq1: true", encoding="utf-8")
    assert_clean_error(invoke("screen", "--answers", str(path), "--json"), 2, "broken.json")


def test_answers_file_that_is_not_an_object_is_a_clean_error(tmp_path: Path) -> None:
    result = invoke("screen", "--answers", answers_file(tmp_path, ["parq1"]), "--json")
    assert_clean_error(result, 2, "answers.json")


def test_missing_answers_file_is_a_clean_error_naming_the_file(tmp_path: Path) -> None:
    result = invoke("screen", "--answers", str(tmp_path / "nowhere.json"))
    assert_clean_error(result, 2, "nowhere.json")


def test_questions_and_answers_together_are_refused(tmp_path: Path) -> None:
    result = invoke("screen", "--questions", "--answers", answers_file(tmp_path, {}))
    assert_clean_error(result, 2)


# ---------------------------------------------------------------------- screen (interactive)


def test_interactive_all_no_clears_and_skips_follow_ups() -> None:
    result = invoke("screen", input="n\n" * len(ALL_IDS))
    assert result.exit_code == 0, result.output
    assert "cleared" in plain(result.stdout).lower()
    assert "hard to keep under control" not in plain(result.stdout)  # follow-up 1a was not asked


def test_interactive_condition_yes_asks_the_back_follow_ups() -> None:
    # parq1-3 no, parq4 yes, parq5-7 no, then follow-up 1b yes, everything else no
    answers = ["n", "n", "n", "y", "n", "n", "n", "n", "y", "n"] + ["n"] * len(ALL_IDS)
    result = invoke("screen", "--json", input="\n".join(answers) + "\n")
    payload = interactive_json(result)
    assert payload["outcome"] == "see_professional"
    assert "parq_back_1b" in payload["triggered"]


def test_interactive_stops_asking_at_an_emergency_sign() -> None:
    non_flags = [q for q in questions() if q.kind.value != "redflag" and not q.applies_when]
    answers = ["n"] * len(non_flags) + ["y"]  # yes to the first red flag (bladder)
    result = invoke("screen", "--json", input="\n".join(answers) + "\n")
    payload = interactive_json(result)
    assert payload["outcome"] == "emergency"
    assert "bowels" not in result.stderr  # the next question was never asked


# ---------------------------------------------------------------------- pain


@pytest.fixture
def small_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    lighter = exercise("light-test-row", spinal_load=SpinalLoad.LOW)
    heavy = exercise("heavy-test-row", spinal_load=SpinalLoad.HIGH, regressions=("light-test-row",))
    monkeypatch.setattr(safety_cmds, "curated", lambda: catalog(lighter, heavy))


def test_pain_json_has_action_reasons_and_substitute(small_catalog: None) -> None:
    payload = run_json("pain", "--location", "lower_back", "--severity", "2", "--exercise", "heavy-test-row")
    assert {"action", "reasons", "substitute"} <= set(payload)
    assert payload["action"] == "stop_exercise"
    assert payload["substitute"] == "light-test-row"


@pytest.mark.parametrize(
    ("flags", "action"),
    [
        (["--severity", "2"], "stop_exercise"),
        (["--severity", "5"], "end_session"),
        (["--severity", "3", "--numbness"], "seek_care"),
        (["--severity", "3", "--radiating"], "seek_care"),
        (["--severity", "8", "--sharp"], "seek_care"),
        (["--severity", "1", "--saddle-numbness"], "emergency"),
        (["--severity", "1", "--bladder-bowel"], "emergency"),
        (["--severity", "1", "--leg-weakness"], "emergency"),
        (["--severity", "1", "--both-legs"], "emergency"),
    ],
)
def test_pain_flags_map_to_actions(flags: list[str], action: str) -> None:
    payload = run_json("pain", "--location", "lower_back", *flags)
    assert payload["action"] == action
    assert payload["substitute"] is None


def test_pain_at_a_muscle_uses_the_catalogue(small_catalog: None) -> None:
    assert run_json("pain", "--location", "multifidus", "--severity", "5")["action"] == "end_session"


def test_pain_text_says_to_stop_and_to_see_a_professional() -> None:
    result = invoke("pain", "--location", "knee", "--severity", "2")
    assert result.exit_code == 0
    assert "Stop this exercise" in plain(result.stdout)
    assert "doctor or physiotherapist" in plain(result.stdout)


def test_pain_text_for_nerve_signs_sends_to_a_professional() -> None:
    result = invoke("pain", "--location", "lower_back", "--severity", "3", "--numbness")
    assert "see a doctor or physiotherapist before you train again" in plain(result.stdout)


def test_pain_text_for_cauda_equina_says_emergency_care() -> None:
    result = invoke("pain", "--location", "lower_back", "--severity", "4", "--saddle-numbness")
    assert result.exit_code == 0
    assert "Stop now" in plain(result.stdout)
    assert "emergency" in plain(result.stdout).lower()


def test_pain_text_names_the_substitute(small_catalog: None) -> None:
    result = invoke("pain", "--location", "lower_back", "--severity", "1", "--exercise", "heavy-test-row")
    assert "Light Test Row" in plain(result.stdout)


@pytest.mark.parametrize("severity", ["11", "-1"])
def test_pain_severity_out_of_range_exits_2(severity: str) -> None:
    assert_clean_error(invoke("pain", "--location", "knee", "--severity", severity, "--json"), 2, "0 to 10")


def test_pain_unknown_location_exits_2_with_suggestions() -> None:
    assert_clean_error(
        invoke("pain", "--location", "lower-bak", "--severity", "3"), 2, "lower-bak", "lower_back"
    )


def test_pain_unknown_exercise_exits_2(small_catalog: None) -> None:
    result = invoke("pain", "--location", "knee", "--severity", "3", "--exercise", "heavy-test-rwo")
    assert_clean_error(result, 2, "heavy-test-rwo")
