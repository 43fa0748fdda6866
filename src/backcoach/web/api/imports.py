"""Your history from other apps: upload a Strong, Hevy, FitNotes or Fitbod export (a dry run
shows the report and writes nothing), and correct how an imported exercise name maps. Your plan
out: a subscribable calendar link, behind a secret you can revoke.

A big export (``import_job.background_from()`` bytes or more, not a dry run) is imported by a
background job: the upload answers 202 with the job and its ``Location``, which the client polls
(``GET /import-jobs/{id}``) until it holds the import's report; small ones answer 201 with the
report, as they always did."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Header, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from backcoach.app import history_export, history_import, idempotency, import_job
from backcoach.errors import InputError
from backcoach.web.deps import (
    CatalogDep,
    Csrf,
    Idempotency,
    IdempotencyDep,
    RecordId,
    Uow,
    ViewerDep,
    answer_once,
    clock,
)
from backcoach.web.errors import described
from backcoach.web.jobs import job_runner

router = APIRouter(tags=["imports"])


class SkippedPublic(BaseModel):
    line: int
    reason: str


class UnknownPublic(BaseModel):
    line: int
    field: str
    reason: str


class CustomPublic(BaseModel):
    id: str
    name: str


class ExercisesMatched(BaseModel):
    matched: int
    custom: list[CustomPublic]


class ImportPublic(BaseModel):
    format: str
    dialect: str
    rows: int
    imported: int = Field(description="Sets imported.")
    merged: int = Field(description="Rows imported before: nothing added.")
    skipped: list[SkippedPublic]
    workouts: int
    exercises: ExercisesMatched
    unknown: list[UnknownPublic]
    timezone: str
    unit: str | None
    encoding: str
    separator: str
    dry_run: bool


class ImportJobPublic(BaseModel):
    id: int
    status: Literal["queued", "running", "done", "failed"]
    progress: float = Field(ge=0, le=1, description="How far the import is, 0 to 1.")
    attempts: int
    error: str | None = Field(description="Why the import failed, in plain words; nothing was imported.")
    created_at: str
    finished_at: str | None
    result: ImportPublic | None = Field(description="When done: the import's report.")


class MappingCreate(BaseModel):
    name: str = Field(min_length=1, max_length=255, description="The exercise name as the file wrote it.")
    exercise_id: str = Field(min_length=1, max_length=80)


class MappingPublic(BaseModel):
    name: str
    exercise_id: str
    moved: int


# The largest export accepted. A Strong row is about 100 bytes, so ten years of training every day
# at 25 sets a day (about 91,000 rows) is under 10 MiB; the rest is room for wordier formats.
MAX_UPLOAD_BYTES = 64 * 2**20


@router.post(
    "/imports",
    status_code=201,
    response_model=ImportPublic,
    dependencies=[Csrf],
    responses={
        202: {
            "model": ImportJobPublic,
            "description": "A big file: imported in the background; poll the Location for its report.",
        }
    },
)
def import_file(
    file: Annotated[
        UploadFile,
        File(
            description=f"The app's CSV export, at most {MAX_UPLOAD_BYTES // 2**20} MiB.",
            json_schema_extra={"maxLength": MAX_UPLOAD_BYTES},
        ),
    ],
    request: Request,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    response: Response,
    key: Annotated[
        str | None,
        Header(
            alias=idempotency.HEADER,
            max_length=idempotency.MAX_KEY_LENGTH,
            description="Any unique string: the same key again within 24 hours returns the first answer.",
        ),
    ] = None,
    format: Annotated[Literal["auto", "strong", "hevy", "fitnotes", "fitbod"], Form()] = "auto",
    unit: Annotated[Literal["kg", "lb"] | None, Form()] = None,
    tz: Annotated[str | None, Form(max_length=64, description="IANA zone of the file's times.")] = None,
    dry_run: Annotated[bool, Form()] = False,
) -> ImportPublic | Response:
    """Import a training-log export whole, or refuse it whole; `dry_run` writes nothing."""
    # A big file (not a dry run) is imported in the background: 202, with the job to poll.
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise InputError(f"file: {file.size} bytes, more than the {MAX_UPLOAD_BYTES // 2**20} MiB accepted")
    once = Idempotency(key, _fingerprint(request, file, (format, unit, tz, dry_run)) if key else "")
    if not dry_run and _size(file) >= import_job.background_from():
        held = import_job.HeldRunner()

        def queue() -> dict[str, Any]:
            job_id = import_job.submit_import(
                uow,
                held,
                user=viewer.user,
                source=file.file,
                name=file.filename or "upload",
                options={"format": format, "unit": unit, "tz": tz},
                now=clock(),
                max_bytes=MAX_UPLOAD_BYTES,
            )
            return import_job.import_status(uow, user=viewer.user, job_id=job_id).to_json()

        body = answer_once(uow, viewer, once, response, status=202, run=queue)
        held.release(uow, job_runner(request), now=clock())  # committed: a worker can find it now
        headers = {"Location": f"{request.url.path.rsplit('/', 1)[0]}/import-jobs/{body['id']}"}
        if "Idempotent-Replayed" in response.headers:
            headers["Idempotent-Replayed"] = response.headers["Idempotent-Replayed"]
        answer = ImportJobPublic.model_validate(body).model_dump(mode="json")
        return JSONResponse(answer, status_code=202, headers=headers)

    def run() -> dict[str, Any]:
        report = history_import.import_history(
            uow,
            catalog=catalog,
            user=viewer.user,
            source=file.file,
            name=file.filename or "upload",
            now=clock(),
            fmt=format,
            unit=unit,
            tz=tz,
            dry_run=dry_run,
        )
        return report.to_json()

    return ImportPublic.model_validate(answer_once(uow, viewer, once, response, status=201, run=run))


@router.get("/import-jobs/{import_job_id}", responses={404: described("No import of yours has this id.")})
def get_import_job(import_job_id: RecordId, request: Request, uow: Uow, viewer: ViewerDep) -> ImportJobPublic:
    """A big file's import: its progress, then its report (the same as a small file's answer)."""
    job_runner(request)  # a restarted in-process queue resumes unfinished jobs on first use
    found = import_job.import_status(uow, user=viewer.user, job_id=import_job_id)
    return ImportJobPublic.model_validate(found.to_json())


def _size(file: UploadFile) -> int:
    """The upload's size in bytes (the multipart parser may not have said)."""
    if file.size is not None:
        return file.size
    file.file.seek(0, 2)
    size = file.file.tell()
    file.file.seek(0)
    return size


def _fingerprint(request: Request, file: UploadFile, options: tuple[object, ...]) -> str:
    """What the upload asks, for a replayed key: the file's digest (read in chunks) and options.

    The multipart body is parsed before any dependency could read it whole, so the upload's own
    fingerprint stands in for the body's.
    """
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.file.read(1 << 16), b""):
        digest.update(chunk)
    file.file.seek(0)
    body = f"{digest.hexdigest()}|{file.filename}|{options!r}".encode()
    return idempotency.fingerprint(request.method, request.url.path, body)


@router.post(
    "/exercise-mappings",
    status_code=201,
    dependencies=[Csrf],
    responses={404: described("The exercise id is neither the catalogue's nor one of your own.")},
)
def map_exercise(
    body: MappingCreate,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    once: IdempotencyDep,
    response: Response,
) -> MappingPublic:
    """Say what an imported exercise name means: applied to your imported sets and later imports."""

    def run() -> dict[str, Any]:
        fixed = history_import.correct_mapping(
            uow, catalog=catalog, user=viewer.user, name=body.name, exercise_id=body.exercise_id
        )
        return fixed.to_json()

    return MappingPublic.model_validate(answer_once(uow, viewer, once, response, status=201, run=run))


class CalendarLinkPublic(BaseModel):
    token: str = Field(description="The secret in the URL; shown once, never stored in clear.")
    url: str = Field(description="The calendar's path: subscribe to it from a calendar app.")


@router.post("/calendar-token", status_code=201, dependencies=[Csrf])
def new_calendar_link(request: Request, uow: Uow, viewer: ViewerDep) -> CalendarLinkPublic:
    """A new subscribable calendar link for your plan (the previous link stops working)."""
    token = history_export.calendar_link(uow, user=viewer.user, now=clock())
    return CalendarLinkPublic(
        token=token, url=f"{request.url.path.rsplit('/', 1)[0]}/calendar.ics?token={token}"
    )


@router.delete(
    "/calendar-token",
    status_code=204,
    dependencies=[Csrf],
    responses={404: described("You have no calendar link.")},
)
def revoke_calendar_link(uow: Uow, viewer: ViewerDep) -> Response:
    """Revoke your calendar link: calendar apps can no longer fetch it."""
    history_export.revoke_calendar_link(uow, user=viewer.user)
    return Response(status_code=204)


@router.get(
    "/calendar.ics",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "The plan as iCalendar (RFC 5545)."},
        404: described("The link is not valid (revoked or mistyped), or no plan is saved."),
    },
)
def calendar(
    uow: Uow,
    catalog: CatalogDep,
    token: Annotated[str, Query(min_length=1, max_length=200, description="The calendar link's secret.")],
    tz: Annotated[str, Query(max_length=64, description="The zone of the sessions' times.")] = "UTC",
) -> Response:
    """Your plan as a subscribable iCalendar feed, opened by the link's secret (no sign-in)."""
    data = history_export.calendar_for_token(uow, catalog=catalog, token=token, now=clock(), zone=tz)
    return Response(content=data, media_type="text/calendar; charset=utf-8")
