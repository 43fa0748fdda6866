"""The pose adapter: the only module that imports the pose library (MediaPipe) or a video decoder.

MediaPipe 0.10.14's ``mp.solutions.pose`` with ``model_complexity=1`` runs on the model the wheel
ships; complexity 0 and 2 download theirs at run time and fail offline (pose.md §4), so 1 is the
only choice. ``static_image_mode=False`` is MediaPipe's video mode: it tracks between frames,
about 43 ms a frame on two cores instead of 77 ms (pose.md §4).

Frames are decoded by PyAV as a stream, one at a time, so memory stays the same for any length;
``every`` analyses one frame in that many (the others are decoded but not posed: decoding is a
few ms, posing ~43 ms). Both libraries come with the optional ``video`` extra; without them
``VideoUnavailable`` says how to get them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from backcoach.errors import InputError
from backcoach.vision.landmarks import N_LANDMARKS, FloatArray

VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm"})
MODEL_COMPLEXITY = 1  # the only model the wheel ships (pose.md §4)


class VideoUnavailable(InputError):
    """MediaPipe or PyAV is not installed."""


def _libraries() -> tuple[Any, Any]:
    try:
        import av
        import mediapipe as mp
    except ImportError as exc:
        raise VideoUnavailable(
            f"video analysis needs the optional video extra (pip install 'backcoach[video]'): {exc.name} "
            "is missing; a landmark file (.npy or .json) works without it"
        ) from None
    return mp, av


def available() -> bool:
    """Whether video analysis can run here."""
    try:
        _libraries()
    except VideoUnavailable:
        return False
    return True


class MediaPipePose:
    """Landmarks of one RGB image at a time, in video (tracking) mode."""

    def __init__(self, *, video: bool = True) -> None:
        mp, _ = _libraries()
        self._pose = mp.solutions.pose.Pose(
            static_image_mode=not video,
            model_complexity=MODEL_COMPLEXITY,
            smooth_landmarks=True,
            enable_segmentation=False,
        )

    def __call__(self, rgb: np.ndarray) -> FloatArray | None:
        result = self._pose.process(rgb)
        if result.pose_landmarks is None:
            return None
        return np.array(
            [[p.x, p.y, p.z, p.visibility] for p in result.pose_landmarks.landmark], dtype=np.float64
        ).reshape(N_LANDMARKS, 4)

    def close(self) -> None:
        self._pose.close()


class VideoLandmarks:
    """A ``LandmarkSource`` over a video file: decoded as a stream, every ``every``-th frame posed."""

    def __init__(
        self, path: Path, *, every: int = 1, progress: Callable[[int, int | None], None] | None = None
    ) -> None:
        _, av = _libraries()
        self.path = path
        self.every = max(1, every)
        self.progress = progress
        try:
            with av.open(str(path)) as container:
                stream = container.streams.video[0]
                rate = stream.average_rate or stream.guessed_rate or 30
                self.source_fps = float(rate)
                self.total = int(stream.frames) or None
                self.aspect = float(stream.width) / float(stream.height)
        except (av.error.FFmpegError, IndexError, ZeroDivisionError) as exc:
            raise InputError(f"{path.name}: not a readable video ({exc})") from None
        self.fps = self.source_fps / self.every
        self.decoded = 0

    def frames(self) -> Iterator[FloatArray | None]:
        _, av = _libraries()
        pose = MediaPipePose(video=True)
        try:
            with av.open(str(self.path)) as container:
                stream = container.streams.video[0]
                stream.thread_type = "AUTO"
                for i, frame in enumerate(container.decode(stream)):
                    if self.progress is not None:
                        self.progress(i + 1, self.total)
                    self.decoded = i + 1
                    if i % self.every:
                        continue
                    yield pose(frame.to_ndarray(format="rgb24"))
        except av.error.FFmpegError as exc:
            raise InputError(f"{self.path.name}: the video could not be decoded ({exc})") from None
        finally:
            pose.close()
