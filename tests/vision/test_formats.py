"""Landmark files: .npy (PoseRAC layout), JSON and our own export read alike; garbage is refused
with a message naming the file."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from backcoach.errors import InputError
from backcoach.vision import analyse, export_json, parse_landmarks
from backcoach.vision.kinematics import Exercise
from backcoach.vision.synthetic import NOISY, generate


def _npy(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr)
    return buf.getvalue()


def test_export_round_trips_and_analyses_the_same() -> None:
    made = generate(Exercise.BENT_OVER_BARBELL_ROW, reps=4, seed=1, spoil=NOISY)
    doc = export_json(made.series)
    back = parse_landmarks(json.dumps(doc).encode(), name="set.json")
    assert back.n == made.series.n
    assert back.fps == made.series.fps
    assert back.aspect == pytest.approx(made.series.aspect, rel=1e-3)
    assert (
        analyse(back, "bent-over-barbell-row").reps == analyse(made.series, "bent-over-barbell-row").reps == 4
    )


def test_npy_per_axis_normalised_is_detected_and_still_counted() -> None:
    made = generate(Exercise.PULL_UP, reps=5, seed=4, spoil=NOISY)
    xyz = made.series.frames[:, :, :3]
    seen = np.isfinite(xyz).all(axis=(1, 2))
    xyz = np.where(seen[:, None, None], xyz, 0.0)
    lo = xyz.min(axis=1, keepdims=True)
    span = xyz.max(axis=1, keepdims=True) - lo
    norm = np.where(seen[:, None, None], (xyz - lo) / np.where(span > 0, span, 1.0), 0.0)  # PoseRAC
    series = parse_landmarks(_npy(norm.reshape(len(norm), 99).astype(np.float32)), name="p.npy")
    assert series.aspect is None
    assert not series.depth
    assert (~series.present).sum() == (~seen).sum()
    report = analyse(series, "pull-up")
    assert report.reps == 5
    assert {n.check for n in report.not_checked} >= {"partial-lockout"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a landmark file"),
        (b"GIF89a....", "not a landmark file"),
        (b"{not json", "unreadable JSON"),
        (b'{"frames": []}', "non-empty list of frames"),
        (b'{"fps": -3, "frames": [null]}', "fps must be a positive number"),
        (b"[[1, 2, 3]]", "list of 33 landmarks"),
        (json.dumps([[["a", 0, 0, 1]] * 33]).encode(), "not a number"),
        (b"\x93NUMPY garbage", "unreadable .npy"),
        (_npy(np.zeros((10, 7))), "99 or 132 values"),
        (_npy(np.array(["a", "b"])), "frames × 99"),
        (_npy(np.full((5, 99), np.nan)), "not numbers"),
    ],
)
def test_garbage_is_refused_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        parse_landmarks(data, name="f.bin")
    assert str(err.value).startswith("f.bin")


def test_no_person_is_an_input_error() -> None:
    series = parse_landmarks(_npy(np.zeros((100, 99))), name="empty.npy")
    with pytest.raises(InputError, match="no person"):
        analyse(series, "pull-up")


def test_a_file_of_another_exercise_is_refused() -> None:
    made = generate(Exercise.PULL_UP, reps=3, seed=2)
    with pytest.raises(InputError, match="does not show a seated cable row"):
        analyse(made.series, "seated-cable-row")
    row = generate(Exercise.SEATED_CABLE_ROW, reps=3, seed=2)
    with pytest.raises(InputError, match="does not show a pull-up"):
        analyse(row.series, "pull-up")


def test_an_exercise_without_a_model_is_refused() -> None:
    made = generate(Exercise.PULL_UP, reps=2, seed=2)
    with pytest.raises(InputError, match="form checks know only"):
        analyse(made.series, "squat")
