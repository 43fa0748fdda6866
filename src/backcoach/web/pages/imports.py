"""Import: upload another app's export, read the dry-run report, map the names nothing matched,
confirm. The steps are ``app.import_flow``'s; the file waits on the server (``store.uploads``)
under the person's own folder, and the address carries only its random key.

A big file is imported by a background job once confirmed (``app.import_job``): the confirm goes
to the job's page, which follows the job as the form-check page does (``app.js`` polls its JSON
status and reloads once it has finished; without the script, a "check again" link), then shows the
import's report. Small files are imported in the confirming request.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Annotated, Any
from zoneinfo import available_timezones

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from backcoach.app import import_flow, import_job
from backcoach.catalog import Catalog
from backcoach.catalog.search import search
from backcoach.errors import InputError
from backcoach.store.uploads import Uploads
from backcoach.web.api.imports import MAX_UPLOAD_BYTES
from backcoach.web.deps import CatalogDep, Csrf, RecordId, Uow, Viewer, ViewerDep
from backcoach.web.jobs import job_runner
from backcoach.web.pages.rendering import Form, now, redirect, render, text

router = APIRouter()

FORMATS = {
    "auto": "Find it from the file",
    "strong": "Strong",
    "hevy": "Hevy",
    "fitnotes": "FitNotes",
    "fitbod": "Fitbod",
}
UNITS = {"": "As the file says", "kg": "Kilograms (kg)", "lb": "Pounds (lb)"}
MAX_SUGGESTIONS = 5  # closest library exercises offered first for an unmatched name
# "where: line N: field: reason", the one shape of an import refusal (interop.textfile.refuse)
_REFUSAL = re.compile(r"^.*?: line (?P<line>\d+): (?P<field>[^:]+): (?P<reason>.*)$", re.DOTALL)
_KEY = "{key}"  # checked by store.uploads: an unknown shape reads as not found


def uploads() -> Uploads:
    """Where uploads wait: the data folder (``BACKCOACH_HOME``), shared by the server's processes."""
    return Uploads(import_job.upload_root())


def server_zone() -> str:
    """This server's IANA zone name, or UTC when the system names none (a bare container)."""
    key = getattr(datetime.now().astimezone().tzinfo, "key", None)
    return key if isinstance(key, str) and key in zones() else "UTC"


@cache
def zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


def _form_page(
    request: Request, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "import.html",
        {
            "formats": FORMATS,
            "units": UNITS,
            "zones": zones(),
            "server_zone": server_zone(),
            "values": values,
            "errors": errors,
            "max_mib": MAX_UPLOAD_BYTES // 2**20,
        },
        status=status,
    )


def refusal(exc: InputError) -> dict[str, str]:
    """An import error as the form shows it: beside the option at fault, or the file with its line."""
    message = str(exc)
    if exc.field == "unit" or message.startswith("--unit"):
        return {"unit": "The file does not say whether its weights are in kg or lb: choose the unit."}
    if exc.field == "tz" or message.startswith("--tz"):
        return {"tz": "Choose a time zone from the list."}
    found = _REFUSAL.match(message)
    if found:
        what = found["field"].strip()
        return {
            "file": f"Line {found['line']} ({what}): {found['reason'].strip()}. Nothing was imported; "
            "check that this is the app's own export file."
        }
    reason = message.split(": ", 1)[1] if message.startswith(("file:", "--format:")) else message
    return {"file": reason[:1].upper() + reason[1:]}


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, viewer: ViewerDep) -> HTMLResponse:
    """Upload an export from Strong, Hevy, FitNotes or Fitbod: the next page shows what it holds."""
    return _form_page(request, {"format": "auto", "unit": "", "tz": server_zone()}, {})


@router.post("/import", response_class=HTMLResponse, dependencies=[Csrf])
def upload(request: Request, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Keep the file on the server and show its dry-run report (nothing is imported yet)."""
    try:
        return _upload(request, form, uow, catalog, viewer)
    finally:
        # The form was parsed by hand (the CSRF check reads it first), so no one else closes its
        # spooled files.
        for _, value in form.multi_items():
            if isinstance(value, UploadFile):
                value.file.close()


def _upload(request: Request, form: FormData, uow: Uow, catalog: Catalog, viewer: Viewer) -> Response:
    values = {"format": text(form, "format") or "auto", "unit": text(form, "unit"), "tz": text(form, "tz")}
    errors: dict[str, str] = {}
    if values["format"] not in FORMATS:
        errors["format"] = "Choose one of the apps in the list."
    if values["unit"] not in UNITS:
        errors["unit"] = "Choose kg, lb or as the file says."
    if values["tz"] not in zones():
        errors["tz"] = "Choose a time zone from the list."
    sent = form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename:
        errors["file"] = "Choose your app's export file (a .csv file)."
    if errors or not isinstance(sent, UploadFile):
        return _form_page(request, values, errors, status=422)
    try:
        step = import_flow.upload(
            uow,
            uploads(),
            catalog=catalog,
            user=viewer.user,
            source=sent.file,
            name=sent.filename or "upload",
            fmt=values["format"],
            unit=values["unit"] or None,
            tz=values["tz"],
            now=now(),
            max_bytes=MAX_UPLOAD_BYTES,
        )
    except InputError as exc:
        return _form_page(request, values, refusal(exc), status=422)
    return redirect(f"/import/{step.key}")


def _suggestions(catalog: Catalog, name: str) -> list[tuple[str, str]]:
    return [(h.exercise.id, h.exercise.name) for h in search(catalog, name, limit=MAX_SUGGESTIONS)]


def _report_page(
    request: Request,
    catalog: Catalog,
    step: import_flow.Step,
    *,
    errors: dict[str, str] | None = None,
    fixed: int = 0,
    status: int = 200,
) -> HTMLResponse:
    custom = step.report.get("exercises", {}).get("custom", [])
    library = sorted(((e.id, e.name) for e in catalog.exercises.values()), key=lambda x: x[1].lower())
    return render(
        request,
        "import_report.html",
        {
            "step": step,
            "r": step.report,
            "app": FORMATS.get(step.report.get("format", ""), step.report.get("format", "")),
            "unmatched": [
                {"index": n, "name": c["name"], "suggested": _suggestions(catalog, c["name"])}
                for n, c in enumerate(custom)
            ],
            "library": library,
            "errors": errors or {},
            "fixed": fixed,
        },
        status=status,
    )


@router.get("/import/" + _KEY, response_class=HTMLResponse)
def report(
    request: Request,
    key: str,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    fixed: Annotated[int, Query(ge=0, le=10_000, description="Names just mapped (a note says so).")] = 0,
) -> Response:
    """What the upload holds (a dry run, as it would import now), or how its import went."""
    step = import_flow.preview(uow, uploads(), catalog=catalog, user=viewer.user, key=key, now=now())
    if step.job_id is not None:
        return redirect(f"/import/jobs/{step.job_id}")
    return _report_page(request, catalog, step, fixed=fixed)


@router.post("/import/" + _KEY + "/names", response_class=HTMLResponse, dependencies=[Csrf])
def fix_names(
    request: Request, key: str, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """Map names nothing matched onto library exercises (remembered for later imports)."""
    choices: dict[str, Any] = {}
    for field, value in form.multi_items():
        if field.startswith("name-") and isinstance(value, str):
            choices[value] = text(form, "to-" + field.removeprefix("name-"))
    try:
        step = import_flow.fix_names(
            uow, uploads(), catalog=catalog, user=viewer.user, key=key, choices=choices, now=now()
        )
    except InputError as exc:
        step = import_flow.preview(uow, uploads(), catalog=catalog, user=viewer.user, key=key, now=now())
        if step.job_id is not None:  # confirmed already: its import is followed on the job's page
            return redirect(f"/import/jobs/{step.job_id}")
        message = str(exc).split(": ", 1)[-1]
        return _report_page(
            request, catalog, step, errors={"names": message[:1].upper() + message[1:]}, status=422
        )
    return redirect(f"/import/{step.key}?fixed={sum(1 for v in choices.values() if v)}")


@router.post("/import/" + _KEY + "/confirm", response_class=HTMLResponse, dependencies=[Csrf])
def confirm(request: Request, key: str, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Import the file whole, in one transaction (a big file: in a background job, whose page it
    goes to); confirming again adds nothing."""
    try:
        step = import_flow.confirm(
            uow,
            uploads(),
            catalog=catalog,
            user=viewer.user,
            key=key,
            now=now(),
            runner=lambda: job_runner(request),
        )
    except InputError as exc:
        step = import_flow.preview(uow, uploads(), catalog=catalog, user=viewer.user, key=key, now=now())
        return _report_page(request, catalog, step, errors=refusal(exc), status=422)
    if step.job_id is not None:
        return redirect(f"/import/jobs/{step.job_id}")
    if step.repeated:
        return _report_page(request, catalog, step)
    return redirect(f"/import/{step.key}")


STATUS_WORDS = {
    "queued": "Waiting for its turn",
    "running": "Importing",
    "done": "Imported",
    "failed": "Could not be imported",
}


@router.get("/import/jobs/{job_id}", response_class=HTMLResponse)
def import_job_page(
    request: Request, job_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> HTMLResponse:
    """A big file's import: its progress while the job runs, then the import's report."""
    job_runner(request)  # a restarted in-process queue resumes unfinished jobs on first use
    found = import_job.import_status(uow, user=viewer.user, job_id=job_id)
    if found.report is not None:
        step = import_flow.Step("", found.name, found.options, found.report, done=True)
        return _report_page(request, catalog, step)
    job = found.job
    reading = job.status == "running" and job.progress < import_job.READ_SHARE
    failed = job.status == "failed"
    return render(
        request,
        "import_job.html",
        {
            "job": job,
            "name": found.name,
            "percent": round(100 * job.progress),
            "status_words": "Reading your file" if reading else STATUS_WORDS[job.status],
            "why": " ".join(refusal(InputError(found.error or "")).values()) if failed else "",
        },
    )
