"""``backcoach analyze``: the JSON shape, a chart, logging the counted set, and one clean line with
exit 2 for garbage, a file with no person, or an exercise the file does not show."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from backcoach.cli import app
from backcoach.vision import export_json
from backcoach.vision.kinematics import Exercise, Fault
from backcoach.vision.synthetic import NOISY, generate
from backcoach.vision.view import View

runner = CliRunner()


@pytest.fixture
def row_file(tmp_path: Path) -> Path:
    made = generate(Exercise.BENT_OVER_BARBELL_ROW, Fault.TOO_UPRIGHT, View.SIDE, reps=4, seed=9, spoil=NOISY)
    path = tmp_path / "row.json"
    path.write_text(json.dumps(export_json(made.series)), "utf-8")
    return path


def test_json_has_the_documented_shape(row_file: Path) -> None:
    result = runner.invoke(app, ["analyze", str(row_file), "--exercise", "bent-over-barbell-row", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert list(doc)[:8] == [
        "exercise_id",
        "reps",
        "view",
        "frames",
        "fps",
        "analysed_fps",
        "per_rep",
        "findings",
    ]
    assert doc["exercise_id"] == "bent-over-barbell-row"
    assert doc["reps"] == 4
    assert doc["view"] == "side"
    assert [r["index"] for r in doc["per_rep"]] == [1, 2, 3, 4]
    assert {"index", "start_s", "end_s", "rom_deg"} <= set(doc["per_rep"][0])
    (finding,) = doc["findings"]
    assert {"mistake_id", "confidence", "reps", "evidence"} <= set(finding)
    assert finding["mistake_id"] == "standing-up-as-you-row"
    assert finding["evidence"]["metric"] == "torso_deg"


def test_text_report_and_chart(row_file: Path, tmp_path: Path) -> None:
    chart = tmp_path / "set.png"
    result = runner.invoke(
        app, ["analyze", str(row_file), "-e", "bent-over-barbell-row", "--plot", str(chart)]
    )
    assert result.exit_code == 0, result.output
    assert "4 reps" in result.stdout
    assert "too upright" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_save_logs_the_counted_set(row_file: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(
        app, ["analyze", str(row_file), "-e", "bent-over-barbell-row", "--save", "--db", db, "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["logged_workout_id"] is not None
    history = runner.invoke(app, ["history", "--db", db, "--json"])
    (workout,) = json.loads(history.stdout)
    assert [s["reps"] for s in workout["sets"]] == [4]


def _npy(tmp_path: Path, arr: np.ndarray) -> Path:
    path = tmp_path / "f.npy"
    np.save(path, arr)
    return path


@pytest.mark.parametrize(
    ("make", "exercise", "message"),
    [
        (lambda p: p / "missing.npy", "pull-up", "cannot read"),
        (
            lambda p: (p / "junk.txt").write_bytes(b"hello") and p / "junk.txt",
            "pull-up",
            "not a landmark file",
        ),
        (lambda p: _npy(p, np.zeros((120, 99))), "pull-up", "no person"),
        (lambda p: _npy(p, np.zeros((3, 5))), "pull-up", "99 or 132 values"),
        (lambda p: (p / "v.mp4").write_bytes(b"not a video") and p / "v.mp4", "pull-up", "video"),
        (lambda p: p / "x.npy", "squat", "form checks know only"),
    ],
)
def test_garbage_in_gives_one_line_and_exit_2(
    tmp_path: Path, make: object, exercise: str, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    result = runner.invoke(app, ["analyze", str(path), "--exercise", exercise])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_file_of_another_exercise_exits_2(row_file: Path) -> None:
    result = runner.invoke(app, ["analyze", str(row_file), "--exercise", "pull-up"])
    assert result.exit_code == 2
    assert "does not show a pull-up" in result.output
