"""Small helpers the CLI tests share: run a command, clear the screening, save a plan."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from backcoach.cli import app

runner = CliRunner()
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def run(*args: str, code: int = 0, input: str | None = None) -> Any:
    """Run a command; its JSON when ``--json`` was asked and it succeeded, else the result."""
    result = runner.invoke(app, [*args], input=input)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return json.loads(result.stdout) if "--json" in args and code == 0 else result


def answers_file(db: str, answers: dict[str, bool], name: str = "answers") -> str:
    path = Path(db.removeprefix("sqlite:///")).with_name(f"{name}.json")
    path.write_text(json.dumps(answers), "utf-8")
    return str(path)


def screen_clear(db: str) -> None:
    """Answer the safety questions with no to every one: cleared to train."""
    run("screen", "--answers", answers_file(db, {}, "clear"), "--db", db, "--json")


def weekday(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def coming(days_ahead: int) -> date:
    return date.today() + timedelta(days=days_ahead)


def save_beginner_plan(db: str, *, days: str, start: str, screen: bool = True) -> None:
    """A screening that clears (unless ``screen`` is False), a stored beginner profile (dumbbells
    and a bench, 45 minutes) and a two-week plan."""
    if screen:
        screen_clear(db)
    run(
        "profile", "set", "--level", "beginner", "--days", days, "--minutes", "45",
        "--equipment", "dumbbells,bench", "--goal", "strength", "--bodyweight", "80kg", "--db", db,
    )  # fmt: skip
    run("plan", "--save", "--start", start, "--weeks", "2", "--db", db)
