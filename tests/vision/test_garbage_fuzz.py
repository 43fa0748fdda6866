"""Whatever numbers a landmark file holds, the analysis answers with a report or one input error:
never another exception, never a warning (pytest turns warnings into errors)."""

from __future__ import annotations

import io

import numpy as np
import pytest

from backcoach.errors import InputError
from backcoach.vision import analyse, parse_landmarks
from backcoach.vision.kinematics import Exercise


def _npy(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr)
    return buf.getvalue()


@pytest.mark.parametrize("seed", range(15))
def test_random_landmarks_give_a_report_or_an_input_error(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    kind = seed % 5
    if kind == 0:
        arr = rng.random((n, 132))
    elif kind == 1:
        arr = rng.normal(0, 50, (n, 99))
    elif kind == 2:
        arr = np.repeat(rng.random((1, 99)), n, axis=0)  # one frozen pose
    elif kind == 3:
        arr = rng.random((n, 99))
        arr[rng.random(n) < 0.7] = 0.0  # mostly nobody
    else:
        arr = rng.random((n, 99)) * 1e-300  # a person shrunk to nothing
    try:
        series = parse_landmarks(_npy(arr), name="fuzz.npy")
    except InputError as exc:
        assert str(exc).startswith("fuzz.npy")  # noqa: PT017
        return
    for exercise in Exercise:
        assert _outcome(series, exercise).startswith(("fuzz.npy", "reps "))


def _outcome(series: object, exercise: Exercise) -> str:
    try:
        report = analyse(series, exercise.value, name="fuzz.npy")  # type: ignore[arg-type]
    except InputError as exc:
        return str(exc)
    return f"reps {report.reps}"
