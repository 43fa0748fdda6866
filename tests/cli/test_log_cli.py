"""Logging, history and analytics from the command line, on a real SQLite database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cli_factories import run, runner, save_beginner_plan, screen_clear

from backcoach.app.adaptation import adapt_after_training
from backcoach.catalog import curated
from backcoach.cli import app
from backcoach.sessions.records import PainEntry
from backcoach.store import add_pain, default_user, make_engine, session_scope


def test_log_stores_sets_in_kg_and_history_returns_them(db: str) -> None:
    run(
        "log",
        "bent-over-barbell-row",
        "135lbx5,5",
        "--rir",
        "2",
        "--at",
        "2026-11-20T18:00+01:00",
        "--db",
        db,
    )
    run("log", "pull-up", "0x8,8,7", "--rir", "2", "--at", "2026-11-21T18:00+01:00", "--db", db)
    workouts = run("history", "--db", db, "--json")
    rows = [s for w in workouts for s in w["sets"]]
    row = rows[0]
    assert row["load_kg"] == pytest.approx(61.235, abs=1e-3)
    assert row["entered_unit"] == "lb"
    pull_ups = [s for s in rows if s["exercise_id"] == "pull-up"]
    assert [s["reps"] for s in pull_ups] == [8, 8, 7]
    assert all(s["load_kg"] is None for s in pull_ups)


def test_history_since_filters_by_date(db: str) -> None:
    run("log", "pull-up", "0x5", "--at", "2026-11-01T10:00+00:00", "--db", db)
    run("log", "pull-up", "0x6", "--at", "2026-11-20T10:00+00:00", "--db", db)
    assert len(run("history", "--since", "2026-11-10", "--db", db, "--json")) == 1


def test_log_reports_a_new_rep_record(db: str) -> None:
    run("log", "one-arm-dumbbell-row", "20kgx10", "--at", "2026-11-20T10:00+00:00", "--db", db)
    report = run(
        "log", "one-arm-dumbbell-row", "24kgx10", "--at", "2026-11-23T10:00+00:00", "--db", db, "--json"
    )
    assert any(r["kind"] == "rep_max" and r["reps"] == 10 and r["value_kg"] == 24 for r in report["records"])


def test_progress_json_contract_and_plot(db: str, tmp_path: Path) -> None:
    run("log", "one-arm-dumbbell-row", "20kgx10", "--rir", "2", "--at", "2026-11-20T10:00+00:00", "--db", db)
    run("log", "one-arm-dumbbell-row", "22kgx10", "--rir", "2", "--at", "2026-11-23T10:00+00:00", "--db", db)
    chart = tmp_path / "row.svg"
    report = run("progress", "--exercise", "one-arm-dumbbell-row", "--plot", str(chart), "--db", db, "--json")
    assert {"exercise_id", "e1rm", "records"} <= set(report)
    assert [p["date"] for p in report["e1rm"]] == ["2026-11-20", "2026-11-23"]
    assert report["e1rm"][1]["e1rm_kg"] > report["e1rm"][0]["e1rm_kg"]
    assert chart.read_text("utf-8").lstrip().startswith("<?xml")


def test_volume_json_counts_fractional_sets_for_the_week(db: str) -> None:
    run("log", "seated-cable-row", "50kgx10,10,10", "--at", "2026-11-24T10:00+00:00", "--db", db)
    report = run("volume", "--week", "2026-W48", "--db", db, "--json")
    assert report["week"] == "2026-W48"
    mid = report["muscles"]["trapezius-middle"]
    assert {"sets", "mev", "mav", "mrv", "status"} <= set(mid)
    assert mid["sets"] == 3


def test_recovery_json_maps_back_nodes_to_percent(db: str) -> None:
    run("log", "seated-cable-row", "50kgx10,10,10", "--db", db)
    report = run("recovery", "--db", db, "--json")
    assert report["rhomboid-major"] < 100
    assert all(0 <= v <= 100 for v in report.values())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "pull-upp", "0x8"], "pull-up"),
        (["log", "pull-up", "eightx8"], "LOADxREPS"),
        (["log", "pull-up", "0x200"], "reps"),
        (["log", "bent-over-barbell-row", "1500kgx1"], "load"),
        (["log", "pull-up", "0x8", "--rir", "11"], "rir"),
        (["log", "pull-up", "0x8", "--at", "2099-01-01T10:00+00:00"], "future"),
        (["log", "pull-up", "0x8", "--at", "yesterday"], "--at"),
        (["volume", "--week", "2026-53x"], "week"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert run("history", "--db", db, "--json") == []


def test_profile_set_then_plan_save_uses_the_stored_profile(db: str) -> None:
    screen_clear(db)
    saved = run(
        "profile",
        "set",
        "--level",
        "beginner",
        "--days",
        "mon,thu",
        "--minutes",
        "45",
        "--equipment",
        "dumbbells,bench",
        "--goal",
        "strength",
        "--bodyweight",
        "80kg",
        "--db",
        db,
        "--json",
    )
    assert saved["profile"]["level"] == "beginner"
    plan = run("plan", "--save", "--start", "2026-11-30", "--weeks", "2", "--db", db, "--json")
    assert plan["solver"]["status"] == "OPTIMAL"
    shown = run("profile", "show", "--db", db, "--json")
    assert shown["days"] == ["mon", "thu"]


def test_plan_without_a_profile_names_the_missing_option(db: str) -> None:
    result = runner.invoke(app, ["plan", "--db", db])
    assert result.exit_code == 2
    assert "--level" in result.stderr


def test_coaching_counts_pain_reported_outside_a_workout(db: str) -> None:
    today = date.today()
    days = ",".join(
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[(today + timedelta(days=k)).weekday()]
        for k in (1, 4)
    )
    save_beginner_plan(db, days=days, start=today.isoformat())
    engine = make_engine(db)
    with session_scope(engine) as s:
        user = default_user(s)
        at = datetime.now(UTC)
        add_pain(s, user_id=user.id, entry=PainEntry(at, "lower_back", 7, radiating=True, action="seek_care"))
        changes = adapt_after_training(s, user_id=user.id, catalog=curated(), now=at)
    engine.dispose()
    assert changes
    assert all(c.on_hold for c in changes)


def test_a_database_that_cannot_be_reached_is_one_clean_line_not_a_traceback() -> None:
    # Port 1 on this machine answers nothing: PostgreSQL's connection fails at once.
    result = run("history", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/none", code=1)
    assert result.stderr.startswith("error: database unavailable: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
