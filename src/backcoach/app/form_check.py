"""Form check: analyse a recorded set (a video or a landmark file) and log the counted reps.

The analysis itself is pure (``backcoach.vision``); this use case reads the file, picks the path
(video through the pose adapter, landmark files parsed directly) and, when asked, logs the set
through the training log's own use case, so the counted set is stored like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from backcoach.app.log import Logged, SetEntry, log_sets
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import InputError
from backcoach.store import User
from backcoach.vision import FormReport, PoseSeries, analyse, collect, parse_landmarks

MAX_LANDMARK_BYTES = 200 * 1024 * 1024  # two hours of 30 fps landmarks as JSON is about 150 MB

Progress = Callable[[int, int | None], None]


def read_series(
    path: Path, *, fps: float | None = None, every: int = 1, progress: Progress | None = None
) -> PoseSeries:
    """The landmark series of a video or landmark file; input errors name the file."""
    from backcoach.vision import pose

    if every < 1:
        raise InputError(f"--every: {every} must be 1 or more")
    name = path.name
    if path.suffix.lower() in pose.VIDEO_SUFFIXES:
        if not path.is_file():
            raise InputError(f"{name}: no such file")
        return collect(pose.VideoLandmarks(path, every=every, progress=progress), name=name)
    try:
        if path.stat().st_size > MAX_LANDMARK_BYTES:
            raise InputError(f"{name}: too large for a landmark file")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    series = parse_landmarks(data, name=name, fps=fps)
    return series.every(every) if every > 1 else series


def analyse_file(
    path: Path,
    *,
    exercise_id: str,
    fps: float | None = None,
    every: int = 1,
    progress: Progress | None = None,
) -> FormReport:
    """Count and check the set recorded in ``path``."""
    return analyse(read_series(path, fps=fps, every=every, progress=progress), exercise_id, name=path.name)


def log_counted_set(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    report: FormReport,
    at: datetime,
    now: datetime,
    load_kg: float | None = None,
    rir: float | None = None,
) -> Logged:
    """Log the analysed set (its counted reps) as a working set of its exercise."""
    if report.reps < 1:
        raise InputError("reps: no repetitions were counted, so there is no set to log")
    return log_sets(
        uow,
        catalog=catalog,
        user=user,
        exercise_id=report.exercise_id,
        sets=[SetEntry(report.reps, load_kg, rir)],
        at=at,
        entered_unit="kg",
        now=now,
    )
