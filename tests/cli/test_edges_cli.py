"""Input at the CLI's edges: out-of-range dates, unusable databases, hostile files and ids are one
line and a non-zero exit, never a traceback; small things a person sees (units, files, flags)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from cli_factories import run, runner

from backcoach import __version__
from backcoach.app.bounds import EARLIEST, LATEST
from backcoach.catalog import Category, Level, Region, Setting
from backcoach.cli import app, choices, main
from backcoach.planning.profile import Goal, Screening, Unit
from backcoach.safety import BodyRegion
from backcoach.sessions.records import SetType

LONG = "a" * 100_000
PROFILE = ["--level", "beginner", "--days", "mon", "--minutes", "30", "--goal", "strength"]


def refused(args: list[str], code: int = 2) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert len(lines[0]) < 400  # never a page of the input echoed back
    return lines[0]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["history", "--since", "0001-01-01"], "--since"),
        (["history", "--since", "9999-12-31"], "--since"),
        (["log", "pull-up", "0x8", "--at", "0001-01-01T07:11:00+14:00"], "--at"),
        (["log", "pull-up", "0x8", "--at", "9999-12-31T23:59"], "--at"),
        (["log", "pull-up", "0x8", "--at", "1900-01-01T00:30+14:00"], "--at"),  # 1899 in UTC
        (["volume", "--week", "9999-W52"], "week"),
        (["volume", "--week", "0001-W01"], "week"),
        (["start", "--date", "0001-01-01"], "--date"),
        (["start", "--date", "9999-12-31"], "--date"),
        (["plan", *PROFILE, "--start", "9999-12-31"], "--start"),
        (["plan", *PROFILE, "--start", "0001-01-01"], "--start"),
    ],
)
def test_a_date_outside_the_supported_range_is_one_line(db: str, args: list[str], option: str) -> None:
    line = refused([*args, "--db", db])
    assert option in line
    assert run("history", "--db", db, "--json") == []


def test_the_supported_range_is_wide_and_named() -> None:
    assert EARLIEST.year == 1900 and LATEST.year == 2200


@pytest.mark.parametrize(
    ("url", "code", "needle"),
    [
        ("garbage://", 2, "--db"),
        ("not a url at all", 2, "--db"),
        ("mysql://someone@nowhere/db", 2, "--db"),
    ],
)
def test_an_unusable_database_url_is_one_line(url: str, code: int, needle: str) -> None:
    assert needle in refused(["history", "--db", url], code)


def test_a_file_that_is_not_a_database_is_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "notes.txt"
    fake.write_text("this is not a database\n" * 100, "utf-8")
    assert "not a database" in refused(["history", "--db", f"sqlite:///{fake}"], 1)
    assert fake.read_text("utf-8").startswith("this is not a database")


@pytest.mark.parametrize("depth", [50, 100_000])
def test_deeply_nested_import_json_is_rejected_in_one_line(tmp_path: Path, depth: int) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * depth + "]" * depth, "utf-8")
    assert "nests deeper" in refused(["catalog", "import", str(deep)], 1)


def test_deeply_nested_screening_answers_are_refused_in_one_line(tmp_path: Path, db: str) -> None:
    deep = tmp_path / "answers.json"
    deep.write_text('{"parq1": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    assert "answers file" in refused(["screen", "--answers", str(deep), "--db", db])


@pytest.mark.parametrize(
    "args",
    [
        ["exercise", LONG],
        ["muscle", LONG],
        ["warmup", LONG],
        ["log", LONG, "0x8"],
        ["progress", "--exercise", LONG],
        ["pain", "--location", LONG, "--severity", "3"],
        ["volume", "--week", LONG],
        ["plan", *PROFILE, "--equipment", LONG],
    ],
)
def test_a_huge_id_is_one_short_line(db: str, args: list[str]) -> None:
    refused([*args, "--db", db] if args[0] not in ("exercise", "muscle", "warmup") else args)


def test_catalog_import_ids_are_compared_as_backcoach_writes_them(tmp_path: Path) -> None:
    def record(rid: str) -> dict[str, object]:
        return {
            "id": rid, "name": f"Row {rid}", "force": "pull", "level": "beginner", "mechanic": "compound",
            "equipment": "dumbbell", "primaryMuscles": ["middle back"], "secondaryMuscles": [],
            "instructions": ["Pull."], "category": "strength",
        }  # fmt: skip

    both = tmp_path / "both.json"
    both.write_text(json.dumps([record("Foo_Bar"), record("foo-bar")]), "utf-8")
    result = runner.invoke(app, ["catalog", "import", str(both), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["added"], report["rejected"]) == (0, 2)
    assert "'Foo_Bar' and 'foo-bar' are both 'foo-bar'" in report["error"]
    assert run("exercises", "--source", "all", "--json")  # the catalogue still loads


def test_a_negative_load_is_read_as_the_sets_and_refused(db: str) -> None:
    assert "negative" in refused(["log", "bent-over-barbell-row", "-20kgx10", "--db", db])
    assert run("history", "--db", db, "--json") == []


def test_a_negative_load_for_e1rm_is_refused_as_a_value() -> None:
    assert "above zero" in refused(["e1rm", "-20", "5"])


def test_a_load_in_pounds_is_echoed_in_pounds(db: str) -> None:
    result = run("log", "one-arm-dumbbell-row", "44lbx10", "--db", db)
    assert "at 44 lb." in result.stdout
    assert "20 kg" not in result.stdout


def test_log_json_has_the_workout_id_and_history_entries_their_ids(db: str) -> None:
    logged = run("log", "pull-up", "0x8", "--at", "2026-11-20T10:00+00:00", "--db", db, "--json")
    assert {"workout_id", "exercise_id", "sets", "records", "adaptations"} <= set(logged)
    (workout,) = run("history", "--db", db, "--json")
    assert workout["id"] == logged["workout_id"]
    assert {"started_at", "ended_at", "planned_date", "feeling", "notes", "sets", "pain"} <= set(workout)


def test_progress_plot_says_which_file_it_wrote(db: str, tmp_path: Path) -> None:
    chart = tmp_path / "row.svg"
    run("log", "one-arm-dumbbell-row", "20kgx10", "--rir", "2", "--db", db)
    result = run("progress", "--exercise", "one-arm-dumbbell-row", "--plot", str(chart), "--db", db)
    assert f"Chart written to {chart}" in result.stdout
    assert chart.exists()


def test_progress_for_a_body_weight_exercise_prints_no_empty_tables(db: str) -> None:
    run("log", "pull-up", "0x8", "--db", db)
    result = run("progress", "--exercise", "pull-up", "--db", db)
    assert "No loaded working sets of Pull-Up yet" in result.stdout
    assert "e1RM (" not in result.stdout and "Rep records" not in result.stdout
    assert run("progress", "--exercise", "pull-up", "--db", db, "--json")["name"] == "Pull-Up"


def test_version_prints_the_package_version() -> None:
    assert run("--version").stdout == f"backcoach {__version__}\n"


@pytest.mark.parametrize(
    "command",
    [[], ["pain"], ["plan"], ["log"], ["start"], ["screen"], ["profile", "set"], ["catalog", "import"]],
)
def test_help_shows_no_type_beside_plain_flags(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
    assert "--help" in result.stdout


@pytest.mark.parametrize(
    ("literal", "enum"),
    [
        (choices.Level, Level),
        (choices.Region, Region),
        (choices.Setting, Setting),
        (choices.Category, Category),
        (choices.Goal, Goal),
        (choices.Screening, Screening),
        (choices.Unit, Unit),
        (choices.SetType, SetType),
    ],
)
def test_the_cli_choices_are_the_domain_enums(literal: object, enum: type) -> None:
    assert set(get_args(literal)) == {member.value for member in enum}


def test_the_body_regions_named_in_the_help_are_the_safety_cores() -> None:
    assert tuple(r.value for r in BodyRegion) == choices.BODY_REGIONS


HEAVY = ("sqlalchemy", "ortools", "matplotlib", "fastapi", "uvicorn", "backcoach.catalog", "backcoach.app")


@pytest.mark.parametrize(
    ("argv", "absent"),
    [
        (["--help"], HEAVY),
        (["--version"], HEAVY),
        (["screen", "--questions", "--json"], ("sqlalchemy", "ortools", "matplotlib", "fastapi")),
        (["exercise", "pull-up", "--json"], ("sqlalchemy", "ortools", "matplotlib", "fastapi")),
    ],
)
def test_a_command_imports_only_what_it_uses(argv: list[str], absent: tuple[str, ...]) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from backcoach.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {absent!r} or m in {absent!r}"
        f" or any(m.startswith(a + '.') for a in {absent!r}))\n"
        "print(loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_an_unexpected_failure_is_one_line_through_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from backcoach.cli import science_cmds

    def broken() -> None:
        raise RuntimeError("the catalogue\nfell over")

    monkeypatch.setattr(science_cmds, "curated", broken)
    monkeypatch.delenv("BACKCOACH_DEBUG", raising=False)
    assert main(["warmup", "pull-up"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: something went wrong inside backcoach")
    assert "RuntimeError: the catalogue fell over" in err
    monkeypatch.setenv("BACKCOACH_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["warmup", "pull-up"])


def test_running_out_of_answers_is_an_abort_not_a_traceback(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["screen", "--db", db]) == 130
    assert capsys.readouterr().err.strip().endswith("aborted")
