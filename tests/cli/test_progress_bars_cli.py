"""Long commands show a progress bar to a person at a terminal (on stderr, gone when done), and
never when the output is JSON or read by a program."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backcoach.app.demo import install_demo
from backcoach.catalog import curated
from backcoach.cli import app
from backcoach.cli.app import console, err_console
from backcoach.store import make_engine
from backcoach.store.migrate import ensure_schema

FIXTURES = Path(__file__).parents[1] / "interop" / "fixtures"
PLAN = (
    "plan",
    "--level",
    "beginner",
    "--days",
    "mon,thu",
    "--minutes",
    "45",
    "--goal",
    "strength",
    "--weeks",
    "12",
)
runner = CliRunner()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both streams taken for a terminal, as a person running the command sees them."""
    monkeypatch.setattr(console, "_force_terminal", True)
    monkeypatch.setattr(err_console, "_force_terminal", True)
    monkeypatch.setattr(err_console, "is_interactive", True)  # fixed when the console was made


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(
    ("args", "label"),
    [
        (("import", str(FIXTURES / "hevy_kg.csv"), "--dry-run"), "Importing hevy_kg.csv"),
        ((*PLAN, "--equipment", "dumbbells,bench"), "Building your plan"),
    ],
)
def test_a_long_command_draws_a_bar_at_a_terminal_and_none_with_json(
    db: str, args: tuple[str, ...], label: str
) -> None:
    shown = runner.invoke(app, [*args, "--db", db])
    assert shown.exit_code == 0, shown.output
    assert label in shown.stderr and label not in shown.stdout
    quiet = runner.invoke(app, [*args, "--db", db, "--json"])
    assert quiet.exit_code == 0, quiet.output
    assert label not in quiet.stderr
    json.loads(quiet.stdout)  # nothing but the JSON


def test_no_bar_when_the_output_goes_to_a_program(db: str) -> None:
    result = runner.invoke(app, ["import", str(FIXTURES / "hevy_kg.csv"), "--dry-run", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Importing" not in result.stderr


def test_the_demo_history_reports_each_workout_stored(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    ensure_schema(engine)
    heard: list[tuple[int, Any]] = []
    assert install_demo(
        engine,
        single_user=True,
        now=datetime(2026, 12, 1, 12, tzinfo=UTC),
        catalog=curated(),
        progress=lambda done, total: heard.append((done, total)),
    )
    engine.dispose()
    assert heard[0] == (0, None)  # building: a pulsing bar
    totals = {total for _, total in heard[1:]}
    assert len(totals) == 1 and heard[-1][0] == totals.pop() > 10
    assert [done for done, _ in heard[1:]] == list(range(1, len(heard)))
