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


def _even(n: float) -> int:
    return max(2, 2 * round(n / 2))  # 4:2:0 chroma needs even sides


def _video_frames(
    source: Path, *, every: int = 1, height: int | None = None
) -> Iterator[tuple[int, Picture]]:
    """(source frame index, RGB picture) of every ``every``-th frame, at most ``height`` high: the
    scaler shrinks and converts in one pass, and skipped frames are never converted."""
    try:
        with av.open(str(source)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            for i, frame in enumerate(container.decode(stream)):
                if i % every:
                    continue
                if height is not None and frame.height > height:
                    width = _even(frame.width * height / frame.height)
                    frame = frame.reformat(width=width, height=height, format="rgb24")
                yield i, np.asarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)
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
    every: int = 1,
    height: int | None = None,
) -> int:
    """Write the set's annotated clip to ``path``: over the frames of ``video`` when given, else on
    a plain background. ``every`` keeps one source frame in that many (the clip plays at the
    source's speed, at a lower frame rate) and ``height`` shrinks a taller video to it. Returns the
    number of frames written; a half-written file is removed."""
    check_target(path, field)
    every = max(1, every)
    overlay = Overlay(report, series)
    pictures: Iterator[tuple[int, Picture]] = (
        _video_frames(video, every=every, height=height)
        if video is not None
        else ((i, blank) for blank in [overlay.plain_background()] for i in range(0, overlay.frames, every))
    )
    total = -(-overlay.frames // every)
    written = 0
    try:
        # faststart puts the index first, so a browser starts playing before the whole file arrives
        container = av.open(str(path), "w", format="mp4", options={"movflags": "faststart"})
    except (OSError, av.error.FFmpegError) as exc:
        raise InputError(f"{field}: cannot write '{path}': {getattr(exc, 'strerror', None) or exc}") from None
    try:
        with container:
            codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
            stream = container.add_stream(
                codec, rate=Fraction(overlay.fps / every).limit_denominator(RATE_DENOMINATOR)
            )
            assert isinstance(stream, VideoStream)
            stream.pix_fmt = "yuv420p"
            if codec == "libx264":
                stream.options = {"crf": CRF, "preset": PRESET}
            for i, picture in pictures:
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
