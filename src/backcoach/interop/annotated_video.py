"""The annotated clip as an MP4 file: the adapter that encodes (and, for a video, decodes) with PyAV.

The pictures come from ``vision.overlay`` (pure); this module only moves frames. Both sides are a
stream, one frame at a time, so memory stays the same for a clip of any length. H.264 (libx264,
bundled in PyAV's wheels) plays in every browser and phone; a PyAV built without it falls back to
MPEG-4 Part 2, which still opens in desktop players.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.video.stream import VideoStream

from backcoach.errors import InputError
from backcoach.vision.analysis import FormReport
from backcoach.vision.landmarks import PoseSeries
from backcoach.vision.overlay import Overlay, Picture

SUFFIX = ".mp4"
# x264's constant-quality scale: 23 is its default, visually clean for a skeleton over footage;
# "veryfast" encodes a 720p frame in a few ms on one core, small beside posing (~43 ms, pose.md §4).
CRF = "23"
PRESET = "veryfast"
# Frame rates such as 29.97 (30000/1001) are kept exact; 1001 is the NTSC denominator.
RATE_DENOMINATOR = 1001

Progress = Callable[[int, int | None], None]


def check_target(path: Path, field: str = "--annotate") -> None:
    """Refuse, before any analysis, a target that cannot become an MP4 file."""
    if path.suffix.lower() != SUFFIX:
        raise InputError(f"{field}: '{path.name}' must end in {SUFFIX}")
    if path.is_dir():
        raise InputError(f"{field}: '{path}' is a folder, not a file name")
    if not path.parent.is_dir():
        raise InputError(f"{field}: the folder '{path.parent}' does not exist")


def _video_frames(source: Path) -> Iterator[Picture]:
    try:
        with av.open(str(source)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            for frame in container.decode(stream):
                yield np.asarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)
    except av.error.FFmpegError as exc:
        raise InputError(f"{source.name}: the video could not be decoded ({exc})") from None


def write_annotated(
    path: Path,
    report: FormReport,
    series: PoseSeries,
    *,
    video: Path | None = None,
    progress: Progress | None = None,
    field: str = "--annotate",
) -> int:
    """Write the set's annotated clip to ``path``: over the frames of ``video`` when given, else on
    a plain background. Returns the number of frames written; a half-written file is removed."""
    check_target(path, field)
    overlay = Overlay(report, series)
    pictures = _video_frames(video) if video is not None else overlay.plain_frames()
    total = overlay.frames
    written = 0
    try:
        container = av.open(str(path), "w", format="mp4")
    except (OSError, av.error.FFmpegError) as exc:
        raise InputError(f"{field}: cannot write '{path}': {getattr(exc, 'strerror', None) or exc}") from None
    try:
        with container:
            codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
            stream = container.add_stream(
                codec, rate=Fraction(overlay.fps).limit_denominator(RATE_DENOMINATOR)
            )
            assert isinstance(stream, VideoStream)
            stream.pix_fmt = "yuv420p"
            if codec == "libx264":
                stream.options = {"crf": CRF, "preset": PRESET}
            for i, picture in enumerate(pictures):
                drawn = overlay.draw(picture, i)
                if written == 0:  # 4:2:0 chroma needs even sides: drop an odd last row or column
                    stream.height, stream.width = (d - d % 2 for d in drawn.shape[:2])
                drawn = np.ascontiguousarray(drawn[: stream.height, : stream.width])
                container.mux(stream.encode(av.VideoFrame.from_ndarray(drawn, format="rgb24")))
                written += 1
                if progress is not None:
                    progress(written, total)
            if written == 0:
                raise InputError(f"{field}: the clip has no frames to draw")
            container.mux(stream.encode(None))
    except (OSError, av.error.FFmpegError) as exc:
        path.unlink(missing_ok=True)
        raise InputError(f"{field}: cannot write '{path}': {getattr(exc, 'strerror', None) or exc}") from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return written
