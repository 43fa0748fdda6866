"""``backcoach import`` and ``backcoach map-exercise``: the report's JSON shape, one-line
refusals naming file, line and field (exit 2), a dry run that writes nothing, and idempotency."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cli_factories import coming, run, save_beginner_plan, weekday

FIXTURES = Path(__file__).resolve().parents[1] / "interop" / "fixtures"
KEYS = ["format", "dialect", "rows", "imported", "merged", "skipped", "workouts", "exercises"]


def test_import_prints_the_report_as_json(db: str) -> None:
    path = str(FIXTURES / "strong_a_semicolon_units.csv")
    report = run("import", path, "--tz", "Europe/Berlin", "--db", db, "--json")
    assert list(report)[: len(KEYS)] == KEYS
    assert (report["format"], report["dialect"], report["rows"], report["imported"]) == ("strong", "A", 10, 7)
    assert set(report["exercises"]) == {"matched", "custom"}
    assert all(set(s) == {"line", "reason"} for s in report["skipped"])
    again = run("import", path, "--tz", "Europe/Berlin", "--db", db, "--json")
    assert (again["imported"], again["merged"]) == (0, 7)


def test_a_dry_run_writes_nothing(db: str) -> None:
    path = str(FIXTURES / "hevy_kg.csv")
    dry = run("import", path, "--dry-run", "--tz", "UTC", "--db", db, "--json")
    real = run("import", path, "--tz", "UTC", "--db", db, "--json")
    assert dry["imported"] == real["imported"] == 5


def test_a_file_without_its_unit_needs_the_option(db: str) -> None:
    result = run("import", str(FIXTURES / "strong_b_no_unit.csv"), "--db", db, code=2)
    assert result.output.count("\n") == 1 and "--unit" in result.output
    text = run("import", str(FIXTURES / "strong_b_no_unit.csv"), "--unit", "kg", "--tz", "UTC", "--db", db)
    assert "Imported 3 sets" in text.output


def test_a_bad_row_is_one_line_naming_file_line_and_field(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Row,1,1,x\n")
    result = run("import", str(bad), "--unit", "kg", "--db", db, code=2)
    assert result.output.strip() == "error: bad.csv: line 2: reps: 'x' is not a number"


def test_a_missing_file_is_refused(db: str, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nope.csv"), "--db", db, code=2)
    assert "FILE" in result.output


def test_map_exercise_moves_imported_sets(db: str, tmp_path: Path) -> None:
    own = tmp_path / "own.csv"
    own.write_text("Date,Exercise,Sets,Reps,Weight,isWarmup,Note\n2019-02-13,Door Frame Row,1,10,0,,\n")
    report = run("import", str(own), "--unit", "kg", "--tz", "UTC", "--db", db, "--json")
    assert [c["name"] for c in report["exercises"]["custom"]] == ["Door Frame Row"]
    fixed = run("map-exercise", "Door Frame Row", "inverted-row", "--db", db, "--json")
    assert fixed == {"name": "Door Frame Row", "exercise_id": "inverted-row", "moved": 1}


def test_csv_exports_write_every_set(db: str, tmp_path: Path) -> None:
    run("import", str(FIXTURES / "hevy_kg.csv"), "--tz", "UTC", "--db", db)
    for fmt in ("strong", "hevy", "csv"):
        out = tmp_path / f"out-{fmt}.csv"
        run("export", str(out), "--format", fmt, "--db", db)
        sep = ";" if fmt == "strong" else ","
        rows = list(csv.reader(io.StringIO(out.read_text()), delimiter=sep))
        assert len(rows) == 1 + 5


def test_the_plan_exports_as_icalendar_that_parses_back(db: str, tmp_path: Path) -> None:
    from datetime import time

    from icalendar import Calendar

    missing = run("export", str(tmp_path / "none.ics"), "--format", "ics", "--db", db, code=2)
    assert "no plan" in missing.output
    start = coming(7)
    save_beginner_plan(db, days=weekday(start), start=start.isoformat())
    out = tmp_path / "plan.ics"
    run(
        "export",
        str(out),
        "--format",
        "ics",
        "--tz",
        "Europe/Berlin",
        "--at",
        "07:30",
        "--alarm",
        "30",
        "--db",
        db,
    )
    data = out.read_bytes()
    assert b"\r\n" in data
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) >= 2 and len({str(e["UID"]) for e in events}) == len(events)
    first = events[0]
    assert str(first["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert first.decoded("DTSTART").time() == time(7, 30)
    assert list(first.walk("VALARM")) and str(first["DESCRIPTION"])
    assert list(cal.walk("VTIMEZONE"))
    run("export", str(out), "--format", "ics", "--tz", "Europe/Berlin", "--db", db)
    again = Calendar.from_ical(out.read_bytes())
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]


def test_a_backup_restored_into_an_empty_database_answers_the_same(db: str, tmp_path: Path) -> None:
    start = coming(7)
    save_beginner_plan(db, days=weekday(start), start=start.isoformat())
    run("log", "bent-over-barbell-row", "60kgx10,10,9", "--rir", "2", "--db", db)
    run("log", "pull-up", "0x8,8,7", "--db", db)
    run("import", str(FIXTURES / "strong_a_semicolon_units.csv"), "--tz", "UTC", "--db", db)
    run("import", str(FIXTURES / "fitbod_old.csv"), "--unit", "kg", "--tz", "UTC", "--db", db)
    backup = tmp_path / "backup.json"
    run("export", str(backup), "--format", "json", "--db", db)
    other = f"sqlite:///{tmp_path / 'restored.db'}"
    written = run("restore", str(backup), "--db", other, "--json")
    assert written["sets"] > 10 and written["plans"] == 1
    reads = [
        ("history",),
        ("progress", "--exercise", "bent-over-barbell-row"),
        ("volume",),
        ("recovery",),
        ("history", "--since", "2024-01-01"),
    ]
    for args in reads:
        assert run(*args, "--db", other, "--json") == run(*args, "--db", db, "--json"), args
    again = run("restore", str(backup), "--db", other, code=2)
    assert "already has data" in again.output
    # importing the same file into the restored database adds nothing: provenance came along
    report = run(
        "import", str(FIXTURES / "fitbod_old.csv"), "--unit", "kg", "--tz", "UTC", "--db", other, "--json"
    )
    assert report["imported"] == 0
