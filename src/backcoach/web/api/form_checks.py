"""Form checks: upload a recorded set (landmarks, or a video where the server decodes video), follow
its analysis, read the reps and findings, and log the reps."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from pydantic import BaseModel, Field

from backcoach.app import form_check
from backcoach.web.deps import CatalogDep, Csrf, RecordId, Uow, ViewerDep, clock
from backcoach.web.errors import described
from backcoach.web.jobs import job_runner

router = APIRouter(tags=["form checks"])


class FormCheckPublic(BaseModel):
    id: int
    exercise_id: str
    status: Literal["queued", "running", "done", "failed"]
    progress: float = Field(ge=0, le=1, description="How far the analysis is, 0 to 1.")
    attempts: int
    error: str | None = Field(description="Why the analysis failed, in plain words.")
    kept: bool = Field(description="Whether the uploaded file is kept after the analysis.")
    created_at: str
    finished_at: str | None
    result: dict[str, Any] | None = Field(
        description="When done: the reps, per-rep metrics and chart curves, findings with evidence."
    )
    logged_workout_id: int | None


class LoggedPublic(BaseModel):
    workout_id: int
    reps: int


@router.post(
    "/form-checks",
    status_code=202,
    dependencies=[Csrf],
    responses={404: described("The exercise id is not in the catalogue.")},
)
def submit_form_check(
    file: Annotated[
        UploadFile,
        File(
            description=(
                "Landmarks (.npy frames × 99 or JSON, at most "
                f"{form_check.MAX_LANDMARK_BYTES // 2**20} MiB) or a video (.mp4, .mov, …, at most "
                f"{form_check.MAX_VIDEO_BYTES // 2**20} MiB)."
            ),
            json_schema_extra={"maxLength": form_check.MAX_VIDEO_BYTES},
        ),
    ],
    exercise_id: Annotated[str, Form(min_length=1, max_length=80)],
    request: Request,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    keep: Annotated[bool, Form(description="Keep the uploaded file after the analysis.")] = False,
    fps: Annotated[float | None, Form(ge=1, le=1000, description="Frame rate of a landmark file.")] = None,
) -> FormCheckPublic:
    """Upload a recorded set for a form check; the analysis runs in the background."""
    job_id = form_check.submit_form_check(
        uow,
        job_runner(request),
        catalog=catalog,
        user=viewer.user,
        exercise_id=exercise_id,
        name=file.filename or "upload",
        source=file.file,
        keep=keep,
        now=clock(),
        fps=fps,
    )
    status = form_check.form_check_status(uow, user=viewer.user, job_id=job_id)
    return FormCheckPublic.model_validate(status.to_json())


@router.get("/form-checks/{form_check_id}")
def get_form_check(form_check_id: RecordId, uow: Uow, viewer: ViewerDep) -> FormCheckPublic:
    """A form check: its progress, then its reps and findings."""
    status = form_check.form_check_status(uow, user=viewer.user, job_id=form_check_id)
    return FormCheckPublic.model_validate(status.to_json())


@router.post(
    "/form-checks/{form_check_id}/log",
    status_code=201,
    dependencies=[Csrf],
    responses={409: described("Training is on hold: a screening or a pain report says to stop.")},
)
def log_form_check(form_check_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> LoggedPublic:
    """Log the counted reps as a working set (again: the same workout, nothing added)."""
    workout_id = form_check.log_form_check(
        uow, catalog=catalog, user=viewer.user, job_id=form_check_id, now=clock()
    )
    status = form_check.form_check_status(uow, user=viewer.user, job_id=form_check_id)
    return LoggedPublic(workout_id=workout_id, reps=status.result.reps if status.result else 0)
