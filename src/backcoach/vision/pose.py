"""The pose adapter: the only module that imports the pose library (MediaPipe) or a video decoder.

MediaPipe 0.10.14's ``mp.solutions.pose`` with ``model_complexity=1`` runs on the model the wheel
ships; complexity 0 and 2 download theirs at run time and fail offline (pose.md §4), so 1 is the
only choice. ``static_image_mode=False`` is MediaPipe's video mode: it tracks between frames,
about 43 ms a frame on two cores instead of 77 ms (pose.md §4).

Frames are decoded by PyAV as a stream, one at a time, so memory stays the same for any length;
``every`` analyses one frame in that many (the others are decoded but never converted to RGB nor
posed: decoding a 720p H.264 frame is about 1 ms of CPU here, posing 20-43 ms). By default a
video is posed about ``POSE_RATE_HZ`` times a second (``every_for``). Shrinking the frames in the
decoder before posing was measured and rejected: it saved nothing (MediaPipe crops and resizes the
person's box to its 256 px input itself) and moved the landmarks by about 27 px at 720p.
Both libraries come with the optional ``video`` extra; without them ``VideoUnavailable`` says how
to get them. MediaPipe 0.10.14 cannot share an environment with the planner (protobuf), so the app
usually runs this module in an environment of its own (``make video``), as a process it reads
landmarks from: ``python -m backcoach.vision.pose VIDEO [--every N]`` (``stream``; its reader is
``interop.pose_process``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from backcoach.errors import InputError
from backcoach.vision.landmarks import N_LANDMARKS, FloatArray
from backcoach.vision.pose_stream import END, NOBODY, PERSON, RECORD, VideoUnavailable

VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm"})
MODEL_COMPLEXITY = 1  # the only model the wheel ships (pose.md §4)
# Poses analysed per second of video by default. Every 3rd frame of a 30 fps clip (10 a second)
# kept the count within one rep on every real and synthetic set (README "Form check", OBO 1.00,
# MAE ≤ 0.033) and is what brings a 720p clip past twice real time on two cores; a rep lasts well
# over a second, so ten samples a second still place its top and bottom within 0.1 s.
POSE_RATE_HZ = 10.0


def every_for(source_fps: float) -> int:
    """How many source frames per posed frame for a clip at ``source_fps`` (at least 1)."""
    return max(1, round(source_fps / POSE_RATE_HZ))


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


def _decoder() -> Any:
    """PyAV alone: decoding needs no pose library (``MediaPipePose`` checks for that)."""
    try:
        import av
    except ImportError as exc:
        raise VideoUnavailable(f"video decoding needs PyAV (pip install av): {exc.name} is missing") from None
    return av


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
    """A ``LandmarkSource`` over a video file: decoded as a stream, every ``every``-th frame posed
    (``None``: ``every_for`` the clip's frame rate)."""

    def __init__(
        self,
        path: Path,
        *,
        every: int | None = None,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> None:
        av = _decoder()
        self.path = path
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
        self.every = every_for(self.source_fps) if every is None else max(1, every)
        self.fps = self.source_fps / self.every
        self.decoded = 0

    def frames(self) -> Iterator[FloatArray | None]:
        av = _decoder()
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


# ---------------------------------------------------------------------- the landmark stream


def stream(path: Path, every: int | None, out: BinaryIO) -> None:
    """Pose ``path`` and write its landmarks to ``out`` (the format: ``vision.pose_stream``)."""
    video = VideoLandmarks(path, every=every)
    header = {"source_fps": video.source_fps, "total": video.total, "aspect": video.aspect}
    out.write(json.dumps(header | {"every": video.every}).encode() + b"\n")
    for landmarks in video.frames():
        if landmarks is None:
            out.write(RECORD.pack(video.decoded, NOBODY))
        else:
            out.write(RECORD.pack(video.decoded, PERSON) + np.asarray(landmarks, dtype="<f8").tobytes())
    out.write(RECORD.pack(video.decoded, END))
    out.flush()


def main(argv: list[str]) -> int:
    """``python -m backcoach.vision.pose VIDEO [--every N]``: the stream on stdout; a file that
    cannot be read is one line on stderr and exit 2."""
    every = int(argv[argv.index("--every") + 1]) if "--every" in argv else None
    try:
        stream(Path(argv[0]), every, sys.stdout.buffer)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader is gone (it stopped early, or its worker was killed): stop posing, and point
        # stdout at nothing so the interpreter's last flush does not fail again on the way out
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
