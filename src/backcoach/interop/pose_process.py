"""Posing a video in the pose library's own environment, read back as a landmark source.

MediaPipe 0.10.14 needs protobuf < 5 and the planner's OR-Tools needs protobuf >= 6.33, so they
cannot be imported by one interpreter. ``make video`` builds ``.venv-video`` with MediaPipe and
PyAV only; ``$BACKCOACH_VIDEO_PYTHON`` names its interpreter (``make run`` sets it when the folder
exists). This adapter runs ``vision.pose``'s stream there (``python -m backcoach.vision.pose``)
and reads its landmarks as they come, so memory stays flat for any length and progress moves as
the video is posed. The other interpreter sees only the ``backcoach`` package (through a folder
holding a link to it), never this environment's libraries.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import numpy as np

import backcoach
from backcoach.errors import InputError
from backcoach.vision.landmarks import N_LANDMARKS, FloatArray
from backcoach.vision.pose_stream import END, LANDMARK_BYTES, PERSON, RECORD, VideoUnavailable

VIDEO_PYTHON_ENV = "BACKCOACH_VIDEO_PYTHON"
NO_SIDECAR = (
    "video analysis needs MediaPipe, which runs in an environment of its own: run `make video`, "
    f"or set {VIDEO_PYTHON_ENV} to a Python that has mediapipe==0.10.14 and av; "
    "a landmark file (.npy or .json) works without it"
)
# The pose process's start (imports, model load) is a second or two; a video that has produced
# nothing for this long has hung it.
SILENT_S = 120


def video_python() -> str | None:
    """The pose environment's interpreter, when one is set and exists."""
    raw = os.environ.get(VIDEO_PYTHON_ENV, "").strip()
    return raw if raw and os.access(raw, os.X_OK) else None


def available() -> bool:
    return video_python() is not None


@cache
def _package_path() -> str:
    """A folder holding only a link to this ``backcoach`` package: the pose process's
    ``PYTHONPATH``, so it imports our code and none of this environment's libraries."""
    folder = tempfile.mkdtemp(prefix="backcoach-pose-path-")
    os.symlink(Path(backcoach.__file__).parent, Path(folder) / "backcoach")
    return folder


class ProcessLandmarks:
    """A ``LandmarkSource`` over a video posed by ``vision.pose`` in the pose environment: the
    same fields as ``pose.VideoLandmarks`` (``source_fps``, ``total``, ``aspect``, ``every``,
    ``fps``, ``decoded``), known once the process has opened the video."""

    def __init__(
        self,
        path: Path,
        *,
        every: int | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        python: str | None = None,
    ) -> None:
        interpreter = python or video_python()
        if interpreter is None:
            raise VideoUnavailable(NO_SIDECAR)
        self.path, self.progress = path, progress
        argv = [interpreter, "-m", "backcoach.vision.pose", str(path)]
        if every is not None:
            argv += ["--every", str(max(1, every))]
        env = {**os.environ, "PYTHONPATH": _package_path(), "PYTHONNOUSERSITE": "1"}
        # MediaPipe logs to stderr as it starts: a file, not a pipe nobody reads while frames come
        self._said = tempfile.TemporaryFile()  # noqa: SIM115 -- closed with the process (close)
        self._process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self._said, env=env)
        assert self._process.stdout is not None
        self._out = self._process.stdout
        header = self._out.readline()
        if not header:
            failure = self._failure()
            self.close()  # nothing will read it: its pipe and log go now, not when collected
            raise failure
        meta = json.loads(header)
        self.source_fps = float(meta["source_fps"])
        self.total: int | None = meta["total"]
        self.aspect = float(meta["aspect"])
        self.every = int(meta["every"])
        self.fps = self.source_fps / self.every
        self.decoded = 0

    def frames(self) -> Iterator[FloatArray | None]:
        try:
            while True:
                head = self._out.read(RECORD.size)
                if len(head) < RECORD.size:
                    raise self._failure()
                self.decoded, kind = RECORD.unpack(head)
                if self.progress is not None:
                    self.progress(self.decoded, self.total)
                if kind == END:
                    break
                if kind != PERSON:
                    yield None
                    continue
                body = self._out.read(LANDMARK_BYTES)
                if len(body) < LANDMARK_BYTES:
                    raise self._failure()
                yield np.frombuffer(body, dtype="<f8").reshape(N_LANDMARKS, 4).astype(np.float64)
            self._process.wait(timeout=SILENT_S)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the process if it still runs (a reader that stopped early) and reap it."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._out.close()
        self._said.close()

    def _failure(self) -> InputError:
        """What the pose process said when it stopped early: its one line for a file it could not
        read, else that it stopped."""
        self._process.wait(timeout=SILENT_S)
        self._said.seek(0)
        said = self._said.read().decode(errors="replace").strip()
        if self._process.returncode == 2 and said:
            return InputError(said.splitlines()[-1])
        last = said.splitlines()[-1] if said else f"exit status {self._process.returncode}"
        return InputError(f"{self.path.name}: the video could not be analysed ({last[:200]})")
