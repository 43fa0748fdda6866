"""Everything after the pose stage runs on any landmark source: a fake one stands in for video."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from backcoach.errors import InputError
from backcoach.vision import LandmarkSource, analyse, collect
from backcoach.vision.kinematics import Exercise
from backcoach.vision.landmarks import FloatArray
from backcoach.vision.synthetic import NOISY, generate

from .factories import still_series


class FakeVideo:
    """Yields a synthetic set frame by frame, None where the pose model found nobody."""

    def __init__(self, frames: FloatArray, fps: float, aspect: float) -> None:
        self._frames = frames
        self.fps = fps
        self.aspect = aspect

    def frames(self) -> Iterator[FloatArray | None]:
        for frame in self._frames:
            yield None if not np.isfinite(frame).all() else frame


def test_a_streamed_source_is_analysed_like_a_file() -> None:
    made = generate(Exercise.SEATED_CABLE_ROW, reps=6, seed=8, spoil=NOISY)
    source: LandmarkSource = FakeVideo(made.series.frames, made.series.fps, 16 / 9)
    series = collect(source, name="fake.mp4")
    assert series.n == made.series.n
    assert analyse(series, "seated-cable-row").reps == analyse(made.series, "seated-cable-row").reps == 6


def test_a_source_with_no_frames_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no frames"):
        collect(FakeVideo(np.empty((0, 33, 4)), 30.0, 16 / 9), name="empty.mp4")


def test_logging_a_set_with_no_reps_is_refused() -> None:
    from backcoach.app.form_check import log_counted_set

    report = analyse(still_series(), "bent-over-barbell-row")
    assert report.reps == 0
    with pytest.raises(InputError, match="no repetitions"):
        log_counted_set(None, catalog=None, user=None, report=report, at=None, now=None)  # type: ignore[arg-type]
