"""Real video clips for the tests that pose them (``benchmarks.video_clips``), and the pose
environment they need.

    portrait_clip(path, seconds=3.0, fps=30)   a clip of a real photograph of a person
    video_python()                             the pose environment's interpreter (``make video``);
                                               skips the test when there is none
    replay_pose(monkeypatch, landmarks)        MediaPipe's stand-in: known landmarks, frame by frame
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest
from benchmarks.video_clips import portrait_clip

from backcoach.interop.pose_process import VIDEO_PYTHON_ENV

__all__ = ["portrait_clip", "replay_pose", "video_python"]


def video_python() -> str:
    raw = os.environ.get(VIDEO_PYTHON_ENV, "")
    if not raw or not os.access(raw, os.X_OK):
        pytest.skip(f"no pose environment: `make video` builds it and `make test` sets {VIDEO_PYTHON_ENV}")
    return raw


def replay_pose(
    monkeypatch: pytest.MonkeyPatch, landmarks: Any, *, frame_shape: tuple[int, ...] | None = None
) -> None:
    """Stand in for MediaPipe in this interpreter: each posed frame gets the next row of
    ``landmarks`` (the kinematic model's, so the clip's reps and faults are known; a row with no
    person stays None). Real MediaPipe on a real photograph is ``tests/vision/test_pose_process.py``;
    this is for what comes after the pose stage (the annotated clip, logging the reps), which a
    photograph cannot exercise. ``frame_shape``: what every posed frame must be."""
    from backcoach.vision import pose

    class Replay:
        def __init__(self, *, video: bool = True) -> None:
            self.next = 0

        def __call__(self, rgb: Any) -> Any:
            if frame_shape is not None:
                assert rgb.shape == frame_shape  # posed as decoded
            row = landmarks[min(self.next, len(landmarks) - 1)]
            self.next += 1
            return None if np.isnan(row[:, :2]).all() else row

        def close(self) -> None:
            pass

    monkeypatch.setattr(pose, "available", lambda: True)
    monkeypatch.setattr(pose, "MediaPipePose", Replay)
