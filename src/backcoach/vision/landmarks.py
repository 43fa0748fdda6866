"""Landmark series: 33 BlazePose landmarks × (x, y, z, visibility) per frame, the one shape every
source (a video through ``vision.pose``, a landmark file, the synthetic model) hands the analysis.

Coordinates follow MediaPipe's convention: x and y normalised to the image width and height (y
down), z the depth in units of the width (smaller is nearer the camera), visibility in [0, 1].
``aspect`` (width / height) turns them into one scale; it is None when a file normalised each axis
on its own (the PoseRAC layout), in which case only ratios along one axis are trustworthy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from backcoach.errors import InputError

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

N_LANDMARKS = 33

# BlazePose landmark indices (MediaPipe "pose_landmarks" documentation).
NOSE = 0
LEFT_EAR, RIGHT_EAR = 7, 8
MOUTH_LEFT, MOUTH_RIGHT = 9, 10
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_ELBOW, RIGHT_ELBOW = 13, 14
LEFT_WRIST, RIGHT_WRIST = 15, 16
LEFT_HIP, RIGHT_HIP = 23, 24
LEFT_KNEE, RIGHT_KNEE = 25, 26
LEFT_ANKLE, RIGHT_ANKLE = 27, 28
FACE = tuple(range(11))

# A frame counts as showing a person when this share of its body landmarks is visible enough.
MIN_PRESENT_SHARE = 0.5


@dataclass(frozen=True)
class PoseSeries:
    """Frames × 33 × (x, y, z, visibility); a frame with no person is all NaN."""

    frames: FloatArray
    fps: float
    aspect: float | None = 16 / 9  # width / height; None: axes normalised separately
    depth: bool = True  # z is usable (False for per-axis normalised files)
    source: str = "landmarks"
    skipped: int = field(default=1)  # analysed every ``skipped``-th frame of the original
    source_frames: int = 0  # frames in the original clip (0: the same as here)

    def __post_init__(self) -> None:
        a = self.frames
        if a.ndim != 3 or a.shape[1:] != (N_LANDMARKS, 4):
            raise InputError(f"landmarks: expected frames × 33 × 4 values, got shape {tuple(a.shape)}")
        if not (self.fps > 0 and np.isfinite(self.fps)):
            raise InputError(f"fps: {self.fps} must be a positive number")
        if self.aspect is not None and not (0.1 < self.aspect < 10):
            raise InputError(f"aspect: {self.aspect} is not a plausible width/height ratio")

    @property
    def n(self) -> int:
        return int(self.frames.shape[0])

    @property
    def present(self) -> BoolArray:
        """Frames in which a person was found."""
        return np.asarray(np.isfinite(self.frames[:, :, :2]).all(axis=(1, 2)), dtype=np.bool_)

    @property
    def duration_s(self) -> float:
        return self.n / self.fps

    def every(self, step: int) -> PoseSeries:
        """Every ``step``-th frame, as an analyser that skips frames sees the clip."""
        if step < 1:
            raise InputError(f"step: {step} must be at least 1")
        return PoseSeries(
            self.frames[::step],
            self.fps / step,
            self.aspect,
            self.depth,
            self.source,
            self.skipped * step,
            self.source_frames or self.n,
        )

    def scaled(self) -> FloatArray:
        """Positions on one scale (units of the image height): x·aspect, y, z·aspect."""
        k = 1.0 if self.aspect is None else self.aspect
        return np.asarray(self.frames[:, :, :3] * np.array([k, 1.0, k]), dtype=np.float64)


class LandmarkSource(Protocol):
    """Anything that yields one frame's landmarks at a time: (33, 4) or None when no person."""

    fps: float
    aspect: float

    def frames(self) -> Iterator[FloatArray | None]: ...


def collect(source: LandmarkSource, *, name: str = "video") -> PoseSeries:
    """Gather a source's frames into a series (4 floats × 33 per frame: a few kB a second)."""
    rows: list[FloatArray] = []
    empty = np.full((N_LANDMARKS, 4), np.nan)
    for frame in source.frames():
        rows.append(empty if frame is None else np.asarray(frame, dtype=np.float64))
    if not rows:
        raise InputError(f"{name}: no frames could be read")
    every = int(getattr(source, "every", 1))  # a source that poses only every n-th frame says so
    return PoseSeries(np.stack(rows), source.fps, source.aspect, True, name, every)
