"""Real video clips for the tests that pose them (``benchmarks.video_clips``), and the pose
environment they need.

    portrait_clip(path, seconds=3.0, fps=30)   a clip of a real photograph of a person
    video_python()                             the pose environment's interpreter (``make video``);
                                               skips the test when there is none
"""

from __future__ import annotations

import os

import pytest
from benchmarks.video_clips import portrait_clip

from backcoach.interop.pose_process import VIDEO_PYTHON_ENV

__all__ = ["portrait_clip", "video_python"]


def video_python() -> str:
    raw = os.environ.get(VIDEO_PYTHON_ENV, "")
    if not raw or not os.access(raw, os.X_OK):
        pytest.skip(f"no pose environment: `make video` builds it and `make test` sets {VIDEO_PYTHON_ENV}")
    return raw
