"""The CLI's doors to the safety gate: ``screen`` and ``pain`` store and hold as the web does, and
no claimed outcome reaches stored state."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from cli_factories import answers_file, run, runner, save_beginner_plan, screen_clear, weekday
from sqlalchemy.orm import Session

from backcoach.cli import app
from backcoach.store import User, active_plan, default_user, latest_screening, make_engine, pain_reports
from backcoach.store import session_scope as scope

PROFILE = ("--level", "beginner", "--days", "mon,thu", "--minutes", "45", "--goal", "strength")


@contextmanager
def stored(db: str) -> Iterator[tuple[Session, User]]:
    engine = make_engine(db)
    try:
        with scope(engine) as s:
            yield s, default_user(s)
    finally:
        engine.dispose()


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_screen_stores_its_outcome_and_profile_show_reports_it(db: str) -> None:
    run("profile", "set", *PROFILE, "--db", db)
    assert run("profile", "show", "--db", db, "--json")["screening"] == "not_taken"
    assert "screening: not taken" in run("profile", "show", "--db", db).stdout
    outcome = run("screen", "--answers", answers_file(db, {"parq6": True}), "--db", db, "--json")
    assert outcome["outcome"] == "start_gently"
    assert run("profile", "show", "--db", db, "--json")["screening"] == "start_gently"
    with stored(db) as (s, user):
        found = latest_screening(s, user_id=user.id)
        assert found is not None and found.outcome.value == "start_gently"


def test_screen_questions_is_a_pure_listing(db: str) -> None:
    assert run("screen", "--questions", "--db", db, "--json")
    assert not Path(db.removeprefix("sqlite:///")).exists()  # no database was opened


def test_pain_is_stored_and_a_serious_report_holds_the_plan(db: str) -> None:
    today = date.today()
    save_beginner_plan(db, days=weekday(today), start=today.isoformat())
    said = run("pain", "--location", "lower_back", "--severity", "3", "--radiating", "--db", db, "--json")
    assert said["action"] == "seek_care"
    assert {"action", "headline", "reasons", "substitute", "sources", "rules"} <= set(said)
    with stored(db) as (s, user):
        (report,) = pain_reports(s, user_id=user.id)
        assert (report.location, report.severity, report.action) == ("lower_back", 3, "seek_care")
    held = runner.invoke(app, ["plan", "--save", "--db", db])
    assert held.exit_code == 3
    assert "on hold" in one_line(held.stderr)
    assert runner.invoke(app, ["start", "--no-wait", "--db", db], input="\n" * 50).exit_code == 3
    screen_clear(db)  # cleared again by a professional: the hold is released
    assert run("plan", "--save", "--weeks", "2", "--db", db, "--json")["weeks"]


def test_a_mild_pain_report_is_stored_without_holding(db: str) -> None:
    today = date.today()
    save_beginner_plan(db, days=weekday(today), start=today.isoformat())
    assert (
        run("pain", "--location", "knee", "--severity", "2", "--db", db, "--json")["action"]
        == "stop_exercise"
    )
    assert run("plan", "--save", "--weeks", "2", "--db", db, "--json")["weeks"]


def test_plan_save_without_a_screening_is_held_and_stores_nothing(db: str) -> None:
    run("profile", "set", *PROFILE, "--db", db)
    result = runner.invoke(app, ["plan", "--save", "--db", db])
    assert result.exit_code == 3
    assert "answer the safety questions first" in one_line(result.stderr)
    assert result.stdout == ""
    with stored(db) as (s, user):
        assert active_plan(s, user_id=user.id) is None


def test_plan_save_with_a_claimed_screening_is_refused(db: str) -> None:
    screen_clear(db)
    result = runner.invoke(app, ["plan", *PROFILE, "--screening", "cleared", "--save", "--db", db])
    assert result.exit_code == 2
    assert "what-if" in one_line(result.stderr)
    with stored(db) as (s, user):
        assert active_plan(s, user_id=user.id) is None


def test_plan_screening_is_a_what_if_preview_that_stores_nothing(db: str) -> None:
    screen_clear(db)
    result = runner.invoke(app, ["plan", *PROFILE, "--screening", "see_professional", "--db", db, "--json"])
    assert result.exit_code == 3
    assert result.stdout and '"REFUSED"' in result.stdout
    assert runner.invoke(app, ["profile", "show", "--db", db]).exit_code == 2  # no profile was stored
    with stored(db) as (s, user):
        found = latest_screening(s, user_id=user.id)
        assert found is not None and found.outcome.value == "cleared"


def test_profile_set_refuses_a_claimed_screening(db: str) -> None:
    result = runner.invoke(app, ["profile", "set", *PROFILE, "--screening", "cleared", "--db", db])
    assert result.exit_code == 2
    assert "backcoach screen" in one_line(result.stderr)
    assert runner.invoke(app, ["profile", "show", "--db", db]).exit_code == 2


def test_plan_save_uses_the_stored_screening_not_a_default(db: str) -> None:
    run("screen", "--answers", answers_file(db, {"parq2": True}), "--db", db)  # see a professional
    run("profile", "set", *PROFILE, "--db", db)
    result = runner.invoke(app, ["plan", "--save", "--db", db])
    assert result.exit_code == 3
    assert "doctor or qualified professional" in one_line(result.stderr)


def test_a_plan_preview_and_the_reading_commands_write_nothing(db: str) -> None:
    run("plan", *PROFILE, "--equipment", "dumbbells,bench", "--db", db, "--json")
    for args in (["history"], ["volume"], ["recovery"], ["progress", "--exercise", "pull-up"]):
        run(*args, "--db", db)
    assert runner.invoke(app, ["profile", "show", "--db", db]).exit_code == 2
    with sqlite3.connect(db.removeprefix("sqlite:///")) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        filled = [
            t for t in tables if t != "alembic_version" and con.execute(f'SELECT 1 FROM "{t}"').fetchone()
        ]
    assert filled == []
