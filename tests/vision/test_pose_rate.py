"""How many frames of a video are posed: about ten a second whatever the camera's rate (the
count stays within one rep at that rate, README "Form check"), never fewer than every frame."""

from __future__ import annotations

import pytest

from backcoach.vision.pose import POSE_RATE_HZ, every_for


@pytest.mark.parametrize(
    ("source_fps", "every"),
    [(30.0, 3), (29.97, 3), (60.0, 6), (25.0, 2), (24.0, 2), (120.0, 12), (10.0, 1), (5.0, 1)],
)
def test_a_video_is_posed_about_ten_times_a_second(source_fps: float, every: int) -> None:
    assert every_for(source_fps) == every
    assert source_fps / every >= min(source_fps, POSE_RATE_HZ * 0.8)
