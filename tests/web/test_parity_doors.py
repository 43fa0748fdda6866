"""One training log, three doors, the same numbers: progress, records, weekly volume and recovery
read through the CLI's ``--json``, the JSON API and the pages agree exactly.

Each scenario logs its sets once (through the API, into one database in single-user mode); the CLI
reads the same database as the same local person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from typer.testing import CliRunner
from web_helpers import API, TEST_SECRET, Visitor, open_visitor

from backcoach.analysis import iso_week
from backcoach.web import create_app
from backcoach.web.pages.rendering import mass
from backcoach.web.settings import load_web_settings

NOW = datetime.now().astimezone().replace(microsecond=0)

# (exercise, load as typed, unit, reps per set, reps in reserve, days ago)
Scenario = list[tuple[str, float, str, list[int], float, float]]
SCENARIOS: dict[str, Scenario] = {
    "barbell rows in kg over three weeks": [
        ("bent-over-barbell-row", 60, "kg", [10, 10, 9], 2, 15),
        ("bent-over-barbell-row", 62.5, "kg", [10, 9, 8], 2, 8),
        ("bent-over-barbell-row", 65, "kg", [8, 8, 7], 1, 1.5),
        ("chest-supported-row", 20, "kg", [12, 12], 3, 1.5),
    ],
    "dumbbell rows in pounds, heavier sets for fewer reps": [
        ("one-arm-dumbbell-row", 50, "lb", [12, 12, 11], 2, 4),
        ("one-arm-dumbbell-row", 60, "lb", [8, 8], 1, 2),
        ("one-arm-dumbbell-row", 45, "lb", [15], 3, 0.5),
    ],
    "pull-ups with and without added load": [
        ("pull-up", 0, "kg", [8, 7, 6], 2, 3),
        ("pull-up", 5, "kg", [5, 5], 1, 0.25),
    ],
}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[FastAPI, str]]:
    url = f"sqlite:///{tmp_path / 'parity.db'}"
    settings = load_web_settings(
        environment="test", secret_key=TEST_SECRET, database_url=url, single_user=True
    )
    app = create_app(settings)
    yield app, url
    app.state.engine.dispose()


def _log(visitor: Visitor, scenario: Scenario) -> None:
    for exercise, load, unit, reps, rir, days_ago in scenario:
        at = (NOW - timedelta(days=days_ago)).isoformat()
        sets = [{"reps": r, "load": load, "rir": rir} for r in reps]
        answer = visitor.post(
            f"{API}/sets", json={"exercise_id": exercise, "unit": unit, "at": at, "sets": sets}
        )
        assert answer.status_code == 201, answer.text


def _cli(url: str, home: Path, *args: str) -> Any:
    from backcoach.cli import app

    result = CliRunner().invoke(app, [*args, "--db", url, "--json"], env={"BACKCOACH_HOME": str(home)})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _cells(html: str, node: str) -> list[str]:
    """The cells of the row a page shows for a muscle (its name links to /muscles/NODE)."""
    row = re.search(rf'<a href="/muscles/{re.escape(node)}">[^<]*</a></th>(.*?)</tr>', html, re.S)
    assert row is not None, f"no row for {node}"
    return [unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_progress_records_volume_and_recovery_agree_at_every_door(
    served: tuple[FastAPI, str], tmp_path: Path, name: str
) -> None:
    app, url = served
    visitor = open_visitor(app)
    scenario = SCENARIOS[name]
    _log(visitor, scenario)
    unit = "kg"  # the person's display unit (nothing else was chosen)

    for exercise in dict.fromkeys(e for e, *_ in scenario):
        api = visitor.get(f"{API}/progress/{exercise}").json()
        assert _cli(url, tmp_path, "progress", "--exercise", exercise) == api
        page = unescape(visitor.get(f"/progress/{exercise}").text)
        if api["best_e1rm_kg"] is not None:
            assert f"Best estimated 1RM: {mass(api['best_e1rm_kg'], unit)}" in page
        for record in api["records"]:
            shown = f"<tr><td>{record['reps']}</td><td>{mass(record['load_kg'], unit)}</td>"
            assert shown in page, f"{exercise}: record {record} not on the page"

    for days_ago in sorted({d for *_, d in scenario}):
        week = iso_week((NOW - timedelta(days=days_ago)).date())
        api = visitor.get(f"{API}/volume", params={"week": week}).json()
        assert _cli(url, tmp_path, "volume", "--week", week) == api
        page = visitor.get("/volume", params={"week": week}).text
        for node, v in api["muscles"].items():
            assert _cells(page, node)[0] == f"{v['sets']:g}", f"{week} {node}"

    api_recovery = visitor.get(f"{API}/recovery").json()
    cli_recovery = _cli(url, tmp_path, "recovery")
    assert cli_recovery.keys() == api_recovery.keys()
    for node, percent in api_recovery.items():
        # Read a moment apart: recovery moves by far less than the 0.1 % it is rounded to.
        assert cli_recovery[node] == pytest.approx(percent, abs=0.1), node
    page = visitor.get("/recovery").text
    for node, percent in api_recovery.items():
        assert (
            _cells(page, node)[0] == f"{percent:.0f} %"
            or abs(float(_cells(page, node)[0].rstrip(" %")) - percent) <= 1
        ), node
