"""Landmark files in and out: NumPy ``.npy`` (the PoseRAC layout), JSON, and our own export.

Pure: these read and write bytes; the application layer opens the files.

- ``.npy``: frames × 99 (33 landmarks × x, y, z) or frames × 132 (with visibility), or the same as
  frames × 33 × 3|4. An all-zero row is a frame with no person. When every frame spans exactly
  [0, 1] on each axis, the file was normalised per frame and per axis (PoseRAC's ``pre_test.py``,
  pose.md §3): the aspect ratio is lost, so only vertical ratios are used and angle checks say so.
- JSON: ``{"fps": 30, "width": 1280, "height": 720, "frames": [...]}`` where each frame is null (no
  person) or 33 landmarks, each ``[x, y, z, visibility]`` or ``{"x", "y", "z", "visibility"}``;
  a bare list of frames is read at ``fps``. ``export_json`` writes this shape with
  ``"format": "backcoach-landmarks"``.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import numpy as np

from backcoach.errors import InputError
from backcoach.vision.landmarks import N_LANDMARKS, FloatArray, PoseSeries

FORMAT = "backcoach-landmarks"
VERSION = 1
DEFAULT_FPS = 30.0  # PoseRAC's keypoint files carry no frame rate; their source clips are ~30 fps
MAX_FRAMES = 216_000  # two hours at 30 fps: anything longer is not one set
NORMALISED_TOLERANCE = 1e-3
# MediaPipe's normalised coordinates stray a little outside [0, 1] for limbs out of frame; ten
# image widths away is not a landmark.
MAX_COORDINATE = 10.0


def parse_landmarks(data: bytes, *, name: str, fps: float | None = None) -> PoseSeries:
    """A series from a landmark file's bytes (``.npy`` or JSON, told apart by content)."""
    if data.startswith(b"\x93NUMPY"):
        return parse_npy(data, name=name, fps=fps)
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return parse_json(data, name=name, fps=fps)
    raise InputError(f"{name}: not a landmark file (expected .npy keypoints or JSON) or a video")


def parse_npy(data: bytes, *, name: str, fps: float | None = None) -> PoseSeries:
    try:
        arr = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise InputError(f"{name}: unreadable .npy file ({exc})") from None
    if not np.issubdtype(arr.dtype, np.number) or arr.ndim not in (2, 3) or arr.shape[0] == 0:
        raise InputError(f"{name}: expected frames × 99 numbers, got an array of shape {arr.shape}")
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 2:
        if arr.shape[1] not in (99, 132):
            raise InputError(f"{name}: expected 99 or 132 values per frame, got {arr.shape[1]}")
        arr = arr.reshape(arr.shape[0], N_LANDMARKS, arr.shape[1] // N_LANDMARKS)
    if arr.shape[1:] not in ((N_LANDMARKS, 3), (N_LANDMARKS, 4)):
        raise InputError(f"{name}: expected 33 landmarks of 3 or 4 values, got shape {arr.shape}")
    return _series(arr, name=name, fps=fps or DEFAULT_FPS, aspect=None)


def _series(arr: FloatArray, *, name: str, fps: float, aspect: float | None) -> PoseSeries:
    if arr.shape[0] > MAX_FRAMES:
        raise InputError(f"{name}: {arr.shape[0]} frames is more than one set can take")
    if not np.isfinite(arr).all():
        raise InputError(f"{name}: contains values that are not numbers")
    if np.abs(arr[:, :, :3]).max(initial=0.0) > MAX_COORDINATE:
        raise InputError(
            f"{name}: coordinates must be fractions of the image (MediaPipe's 0–1), not pixels or other units"
        )
    n = arr.shape[0]
    frames = np.full((n, N_LANDMARKS, 4), np.nan)
    empty = ~arr[:, :, :3].any(axis=(1, 2))
    frames[:, :, :3] = arr[:, :, :3]
    frames[:, :, 3] = arr[:, :, 3] if arr.shape[2] == 4 else 1.0
    frames[empty] = np.nan
    depth = True
    if aspect is None:
        seen = frames[~empty, :, :3]
        spans = seen.max(axis=1) - seen.min(axis=1) if seen.size else np.zeros((0, 3))
        per_axis = bool(seen.size) and bool(
            (np.abs(spans - 1.0) < NORMALISED_TOLERANCE).all()
            and (np.abs(seen.min(axis=1)) < NORMALISED_TOLERANCE).all()
        )
        if per_axis:
            depth = False  # each axis stretched on its own: no common scale, no usable depth
        else:
            aspect = 16 / 9  # MediaPipe-normalised x and y of an unknown clip: assume landscape 16:9
    return PoseSeries(frames, fps, aspect, depth, name)


def parse_json(data: bytes, *, name: str, fps: float | None = None) -> PoseSeries:
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: unreadable JSON ({exc})") from None
    aspect: float | None = 16 / 9
    if isinstance(doc, dict):
        frames_in = doc.get("frames")
        rate = doc.get("fps", fps or DEFAULT_FPS)
        width, height = doc.get("width"), doc.get("height")
        if isinstance(width, int | float) and isinstance(height, int | float) and width > 0 and height > 0:
            aspect = float(width) / float(height)
    else:
        frames_in, rate = doc, fps or DEFAULT_FPS
    if not isinstance(frames_in, list) or not frames_in:
        raise InputError(f"{name}: JSON needs a non-empty list of frames")
    if not isinstance(rate, int | float) or isinstance(rate, bool) or not math.isfinite(rate) or rate <= 0:
        raise InputError(f"{name}: fps must be a positive number")
    if len(frames_in) > MAX_FRAMES:
        raise InputError(f"{name}: {len(frames_in)} frames is more than one set can take")
    arr = np.zeros((len(frames_in), N_LANDMARKS, 4))
    for i, frame in enumerate(frames_in):
        if frame is None:
            continue
        if not isinstance(frame, list) or len(frame) != N_LANDMARKS:
            raise InputError(f"{name}: frame {i} must be null or a list of 33 landmarks")
        for j, point in enumerate(frame):
            arr[i, j] = _point(point, name, i, j)
    return _series(arr, name=name, fps=float(rate), aspect=aspect)


def _point(point: Any, name: str, i: int, j: int) -> list[float]:
    if isinstance(point, dict):
        point = [point.get("x"), point.get("y"), point.get("z", 0.0), point.get("visibility", 1.0)]
    if not isinstance(point, list) or len(point) not in (3, 4):
        raise InputError(f"{name}: frame {i}, landmark {j} must be [x, y, z, visibility]")
    values = [*point, 1.0] if len(point) == 3 else point
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        raise InputError(f"{name}: frame {i}, landmark {j} holds something that is not a number")
    return [float(v) for v in values]


def export_json(series: PoseSeries, *, width: int = 1280, height: int = 720) -> dict[str, Any]:
    """Our own export: a series as JSON that ``parse_json`` reads back unchanged."""
    frames: list[list[list[float]] | None] = []
    for frame in series.frames:
        if not np.isfinite(frame[:, :2]).all():
            frames.append(None)
        else:
            frames.append([[round(float(v), 6) for v in point] for point in frame])
    aspect = series.aspect or width / height
    return {
        "format": FORMAT,
        "version": VERSION,
        "fps": series.fps,
        "width": round(height * aspect),
        "height": height,
        "frames": frames,
    }
