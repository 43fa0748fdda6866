"""Form check: analyse a recorded set (a video or a landmark file) and log the counted reps.

The analysis itself is pure (``backcoach.vision``); this use case reads the file, picks the path
(video through the pose adapter, landmark files parsed directly) and, when asked, logs the set
through the training log's own use case, so the counted set is stored like any other.

The web doors run the analysis as a background job (``app.background``): ``submit_form_check``
saves the upload and queues it, the job (``FORM_CHECK_JOB``) analyses it with progress, draws a
video's annotated clip (``store.uploads.Clips``), stores the result once and deletes the upload
unless the person chose to keep it; ``form_check_status`` reads it back, ``form_check_clip``
finds its clip and ``log_form_check`` logs its reps (once, behind the safety gate).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from backcoach.app import background, gate
from backcoach.app.log import Logged, SetEntry, log_sets
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.config import load_settings
from backcoach.errors import InputError, NotFound
from backcoach.store import User
from backcoach.store.form_checks import FormCheckRecord, form_check_of_job, mark_logged, save_form_check
from backcoach.store.jobs import JobRecord
from backcoach.store.uploads import Clips, copy_bounded
from backcoach.vision import (
    FormReport,
    LandmarkSource,
    PoseSeries,
    analyse,
    collect,
    exercise_of,
    parse_landmarks,
)
from backcoach.vision import report_to_json as vision_json

MAX_LANDMARK_BYTES = 200 * 1024 * 1024  # two hours of 30 fps landmarks as JSON is about 150 MB

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]


def read_series(
    path: Path,
    *,
    fps: float | None = None,
    every: int | None = None,
    progress: Progress | None = None,
    name: str | None = None,
) -> PoseSeries:
    """The landmark series of a video or landmark file; input errors name the file (``name``: as
    the person called it, where ``path`` is where the server saved it). ``every``: one frame in
    that many; by default every frame of a landmark file, ``pose.every_for`` a video."""
    from backcoach.vision import pose

    if every is not None and every < 1:
        raise InputError(f"--every: {every} must be 1 or more")
    name = name or path.name
    if path.suffix.lower() in pose.VIDEO_SUFFIXES:
        if not path.is_file():
            raise InputError(f"{name}: no such file")
        return collect(video_source(path, every=every, progress=progress), name=name)
    try:
        if path.stat().st_size > MAX_LANDMARK_BYTES:
            raise InputError(f"{name}: too large for a landmark file")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    series = parse_landmarks(data, name=name, fps=fps)
    return series.every(every) if every is not None and every > 1 else series


def analyse_file(
    path: Path,
    *,
    exercise_id: str,
    fps: float | None = None,
    every: int | None = None,
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


# --- the form check as a background job -------------------------------------------------------

JOB_KIND = "form_check"
LANDMARK_SUFFIXES = frozenset({".npy", ".json"})
# The largest video accepted: a phone films 1080p at about 17 Mbit/s (2 MB a second), so 512 MiB
# is over four minutes of one set, more than any set of the four exercises lasts.
MAX_VIDEO_BYTES = 512 * 1024 * 1024
# The annotated clip of a video upload is drawn on the posed frames only (``pose.every_for``: about
# ten a second), so every frame shows its own skeleton and the clip costs a third of the frames,
# and 360 px high, what a phone shows inline; H.264 at that size is about 1 ms a frame to encode
# and the drawing about 5 ms, small beside posing (README "Form check").
CLIP_HEIGHT = 360
ANALYSIS_SHARE = 0.85  # of the progress bar: posing and analysis; the clip takes the rest
CHART_POINTS = 60  # points per repetition's curve: smooth at the chart's 240 px width
UPLOAD_DIR_ENV = "BACKCOACH_UPLOAD_DIR"  # shared storage when workers run on other machines
NO_VIDEO = (
    "file: video analysis is not set up on this server, so only landmark files (.npy or .json) "
    "can be checked here"
)


def clips() -> Clips:
    """The annotated clips, in the upload folder (workers on other machines share it)."""
    return Clips(upload_folder())


def upload_folder() -> Path:
    """Where uploads wait for their analysis: ``$BACKCOACH_UPLOAD_DIR``, else ``uploads`` in the
    data folder. Workers on other machines must see the same folder (a shared mount)."""
    raw = os.environ.get(UPLOAD_DIR_ENV, "").strip()
    return Path(raw).expanduser() if raw else load_settings().home / "uploads"


def video_possible() -> bool:
    """Whether videos can be posed here: MediaPipe in this interpreter, or its own environment."""
    from backcoach.interop import pose_process
    from backcoach.vision import pose

    return pose.available() or pose_process.available()


def video_source(path: Path, *, every: int | None, progress: Progress | None) -> LandmarkSource:
    """The video's landmarks: posed in this interpreter when MediaPipe is here, else by the pose
    environment's process (``interop.pose_process``; MediaPipe and the planner cannot share one)."""
    from backcoach.interop import pose_process
    from backcoach.vision import pose

    if pose.available():
        return pose.VideoLandmarks(path, every=every, progress=progress)
    return pose_process.ProcessLandmarks(path, every=every, progress=progress)


def _kind_of(name: str) -> str:
    from backcoach.vision import pose

    suffix = Path(name).suffix.lower()
    if suffix in LANDMARK_SUFFIXES:
        return "landmarks"
    if suffix in pose.VIDEO_SUFFIXES:
        if not video_possible():
            raise InputError(NO_VIDEO)
        return "video"
    allowed = ", ".join(sorted(LANDMARK_SUFFIXES | pose.VIDEO_SUFFIXES))
    raise InputError(f"file: '{name[:80]}' is neither a landmark file nor a video ({allowed})")


def _save_upload(source: BinaryIO, folder: Path, suffix: str, limit: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    copy_bounded(source, path, limit, empty="choose the clip or landmark file of your set")
    return path


def submit_form_check(
    uow: UnitOfWork,
    runner: background.JobRunner,
    *,
    catalog: Catalog,
    user: User,
    exercise_id: str,
    name: str,
    source: BinaryIO | Path,
    keep: bool,
    now: datetime,
    folder: Path | None = None,
    fps: float | None = None,
) -> int:
    """Queue the analysis of an uploaded set (``source``: the upload's bytes, or a file already
    saved, which is never deleted); returns the job id once it is stored and queued."""
    catalog.exercise(exercise_id)  # NotFound for an id the catalogue does not have
    exercise_of(exercise_id)  # InputError for one without a kinematic model
    if fps is not None and not 1 <= fps <= 1000:
        raise InputError(f"fps: {fps:g} must be between 1 and 1000")
    kind = _kind_of(name)
    clips().sweep()  # clips of recordings nobody kept go once expired (nothing else runs on a timer)
    limit = MAX_VIDEO_BYTES if kind == "video" else MAX_LANDMARK_BYTES
    owned = not isinstance(source, Path)
    if isinstance(source, Path):
        if not source.is_file():
            raise InputError(f"file: {source.name}: no such file")
        path = source.resolve()
    else:
        path = _save_upload(source, folder or upload_folder(), Path(name).suffix.lower(), limit)
    payload = {
        "exercise_id": exercise_id,
        "path": str(path),
        "name": Path(name).name[:120],
        "video": kind == "video",
        "keep": keep,
        "owned": owned,
        "fps": fps,
    }
    try:
        return background.submit(uow, runner, user=user, kind=JOB_KIND, payload=payload, now=now)
    except BaseException:
        if owned:
            path.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Analysed:
    """What one run of the job produced: the report, and whether the annotated clip was written."""

    report: FormReport
    clip: bool


def _run_job(context: background.JobContext) -> Analysed:
    payload = context.job.payload
    path = Path(payload["path"])
    if not path.is_file():
        raise InputError("file: the uploaded file is no longer on the server; please upload it again")
    context.progress(0.0)
    video = bool(payload.get("video"))
    share = ANALYSIS_SHARE if video else 0.95

    def frames(done: int, total: int | None) -> None:
        if total:
            context.progress(share * done / total)

    name = payload.get("name") or "the file"
    series = read_series(path, fps=payload.get("fps"), progress=frames, name=name)
    report = analyse(series, payload["exercise_id"], name=name)
    context.progress(share)
    clip = video and _write_clip(context, report, series, path)
    return Analysed(report, clip)


def _write_clip(context: background.JobContext, report: FormReport, series: PoseSeries, video: Path) -> bool:
    """Draw the annotated clip of a video upload; False (and the check still stands) when it fails."""
    from backcoach.interop.annotated_video import write_annotated

    job = context.job
    store = clips()
    final = store.path(user_id=job.user_id, job_id=job.id, kept=bool(job.payload.get("keep")))
    partial = store.temporary(final)

    def drawn(done: int, total: int | None) -> None:
        if total:
            context.progress(ANALYSIS_SHARE + (0.99 - ANALYSIS_SHARE) * done / total)

    started = time.process_time()
    try:
        frames = write_annotated(
            partial,
            report,
            series,
            video=video,
            progress=drawn,
            field="clip",
            every=series.skipped,
            height=CLIP_HEIGHT,
        )
        store.publish(partial, final)
    except (InputError, OSError):
        log.exception("form check %s: the annotated clip could not be written", job.id)
        partial.unlink(missing_ok=True)
        return False
    log.info(
        "form check %s: annotated clip of %s frames in %.1f s of CPU",
        job.id,
        frames,
        time.process_time() - started,
    )
    return True


def rep_charts(report: FormReport, points: int = CHART_POINTS) -> list[dict[str, Any]]:
    """Each repetition's elbow angle and torso lean over its time, thinned to ``points``."""
    t = report.trace.t
    charts = []
    for rep in report.per_rep:
        inside = np.flatnonzero((t >= rep.start_s) & (t <= rep.end_s))
        if inside.size == 0:
            continue
        pick = inside[np.linspace(0, inside.size - 1, min(points, inside.size)).round().astype(int)]

        def curve(values: Any, pick: Any = pick) -> list[float | None]:
            return [round(float(v), 1) if np.isfinite(v) else None for v in values[pick]]

        charts.append(
            {
                "index": rep.index,
                "t": [round(float(v) - rep.start_s, 3) for v in t[pick]],
                "elbow": curve(report.trace.elbow),
                "torso": curve(report.trace.torso),
            }
        )
    return charts


def report_document(report: FormReport) -> dict[str, Any]:
    """The stored (and API) form of a report: ``analyze --json``'s shape, the per-repetition
    chart curves, and each unchecked check's name in words."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        document = vision_json(report)
        document["charts"] = rep_charts(report)
    document["not_checked"] = [
        {"check": n.check, "label": n.label, "reason": n.reason} for n in report.not_checked
    ]
    return document


def _store_job(uow: UnitOfWork, job: JobRecord, analysed: Analysed, now: datetime) -> dict[str, Any]:
    report = analysed.report
    document = report_document(report)
    document["clip"] = analysed.clip
    with uow as db:
        save_form_check(
            db,
            job_id=job.id,
            user_id=job.user_id,
            exercise_id=report.exercise_id,
            reps=report.reps,
            report=document,
            now=now,
        )
    return {"reps": report.reps}


def _cleanup_job(job: JobRecord) -> None:
    """Delete the upload once analysed, unless the person chose to keep it or it was not ours.

    The annotated clip of a recording not kept stays watchable for ``uploads.CLIP_EXPIRES_S``
    (the results page says so), then goes with the next sweep or the next look at it."""
    if job.payload.get("owned") and not job.payload.get("keep"):
        Path(job.payload["path"]).unlink(missing_ok=True)


FORM_CHECK_JOB = background.JobKind(run=_run_job, store=_store_job, cleanup=_cleanup_job)


@dataclass(frozen=True)
class FormCheckStatus:
    """A form check as a person follows it: the job's state, then its stored result."""

    job: JobRecord
    result: FormCheckRecord | None

    @property
    def exercise_id(self) -> str:
        return str(self.job.payload.get("exercise_id", ""))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.job.id,
            "exercise_id": self.exercise_id,
            "status": self.job.status,
            "progress": round(self.job.progress, 3),
            "attempts": self.job.attempts,
            "error": self.job.error if self.job.status == "failed" else None,
            "kept": bool(self.job.payload.get("keep")),
            "created_at": self.job.created_at.isoformat(),
            "finished_at": self.job.finished_at.isoformat() if self.job.finished_at else None,
            "result": self.result.report if self.result else None,
            "logged_workout_id": self.result.logged_workout_id if self.result else None,
        }


def form_check_status(uow: UnitOfWork, *, user: User, job_id: int) -> FormCheckStatus:
    """The person's form check (NotFound for another person's, or another kind of job)."""
    with uow as db:
        job = background.job_status(uow, user=user, job_id=job_id)
        if job.kind != JOB_KIND:
            raise NotFound(f"form check: no form check {job_id} of yours")
        return FormCheckStatus(job, form_check_of_job(db, job_id=job_id))


def form_check_clip(uow: UnitOfWork, *, user: User, job_id: int) -> Path:
    """The annotated clip of the person's form check (NotFound for another person's check, for a
    landmark file, which has none, and for a clip that has expired)."""
    form_check_status(uow, user=user, job_id=job_id)  # NotFound for anyone else's
    clip = clips().find(user_id=user.id, job_id=job_id)
    if clip is None:
        raise NotFound(f"form check: check {job_id} has no annotated clip (or it has been deleted)")
    return clip


def log_form_check(
    uow: UnitOfWork,
    *,
    catalog: Catalog,
    user: User,
    job_id: int,
    now: datetime,
    load_kg: float | None = None,
    rir: float | None = None,
) -> int:
    """Log a finished form check's counted reps as a working set; the workout's id. Logging the
    same check again returns the first workout and logs nothing (the button may be pressed twice)."""
    with uow as db:
        status = form_check_status(uow, user=user, job_id=job_id)
        if status.result is None:
            raise InputError("form check: the analysis has not finished, so there are no reps to log yet")
        locked = form_check_of_job(db, job_id=job_id, lock=True)
        assert locked is not None  # the result above, in this transaction
        if locked.logged_workout_id is not None:
            return locked.logged_workout_id
        if locked.reps < 1:
            raise InputError("reps: no repetitions were counted, so there is no set to log")
        gate.require_clear(db, user_id=user.id)
        logged = log_sets(
            uow,
            catalog=catalog,
            user=user,
            exercise_id=locked.exercise_id,
            sets=[SetEntry(locked.reps, load_kg, rir)],
            at=now,
            entered_unit="kg",
            now=now,
        )
        mark_logged(db, job_id=job_id, workout_id=logged.workout_id)
        return logged.workout_id
