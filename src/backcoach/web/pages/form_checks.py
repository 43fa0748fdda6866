"""Form-check pages: upload a recorded set, watch its analysis, read the reps and findings, log them.

The upload form sits on each modelled exercise's page and behind a link on the guided set; the
results page follows the analysis (``app.js`` polls its JSON status and reloads the page once it has
finished; without the script, a "check again" link does; never a ``<meta http-equiv="refresh">``,
which a screen reader cannot stop), then shows the annotated clip (for a video), a chart per
repetition, the findings with their evidence and a button that logs the reps (once: pressing it
again shows the same workout).
The clip is served only to its owner, with range requests (a browser's player seeks with them)
and ``no-store`` like every page (``web.app``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from starlette.datastructures import UploadFile

from backcoach.app import form_check
from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError, InputError, NotFound, SafetyHold
from backcoach.store.uploads import CLIP_EXPIRES_S
from backcoach.vision import Exercise
from backcoach.web.deps import CatalogDep, Csrf, RecordId, Uow, ViewerDep
from backcoach.web.jobs import job_runner
from backcoach.web.pages.form_check_charts import rep_chart_svg
from backcoach.web.pages.rendering import Form, field_errors, now, redirect, render, text

router = APIRouter()

MODELLED = frozenset(e.value for e in Exercise)
# Each metric of the evidence as a person reads it (``vision.rules`` names them).
METRIC_WORDS = {
    "chin_margin": "chin height above the hands",
    "hands_above_shoulders": "hands above the shoulders",
    "elbow_top_deg": "elbow angle at the end of the pull",
    "elbow_bottom_deg": "elbow angle with the arms stretched",
    "torso_deg": "torso lean from upright",
    "torso_range_deg": "torso movement within a repetition",
    "hip_range_deg": "hip movement within a repetition",
    "left_right_deg": "difference between the elbows",
    "neck_deg": "head and neck angle",
}
STATUS_WORDS = {
    "queued": "Waiting for its turn",
    "running": "Analysing",
    "done": "Finished",
    "failed": "Could not be analysed",
}


def _exercises(catalog: Catalog) -> list[Any]:
    return [catalog.exercise(e) for e in sorted(MODELLED) if e in catalog.exercises]


def _upload_page(
    request: Request, catalog: Catalog, chosen: str, errors: dict[str, str], *, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "form_check_new.html",
        {"exercises": _exercises(catalog), "chosen": chosen, "errors": errors},
        status=status,
    )


@router.get("/form-checks/new", response_class=HTMLResponse)
def new_form_check(request: Request, catalog: CatalogDep) -> HTMLResponse:
    """Upload a recorded set of one of the four modelled exercises."""
    chosen = request.query_params.get("exercise", "")
    return _upload_page(request, catalog, chosen if chosen in MODELLED else "", {})


@router.post("/form-checks", response_class=HTMLResponse, dependencies=[Csrf])
def submit_form_check(
    request: Request, form: Form, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """Queue the analysis and go to its results page."""
    exercise_id = text(form, "exercise")
    upload = form.get("file")
    try:
        if not exercise_id:
            raise InputError("exercise: say which exercise the recording shows")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("file: choose a video or a landmark file to upload")
        job_id = form_check.submit_form_check(
            uow,
            job_runner(request),
            catalog=catalog,
            user=viewer.user,
            exercise_id=exercise_id,
            name=upload.filename,
            source=upload.file,
            keep=text(form, "keep") == "yes",
            now=now(),
        )
    except BackcoachError as exc:
        return _upload_page(request, catalog, exercise_id, field_errors(exc), status=422)
    finally:
        if isinstance(upload, UploadFile):
            upload.file.close()  # the form was parsed by hand, so nothing else closes its spool
    return redirect(f"/form-checks/{job_id}")


def _evidence(finding: dict[str, Any]) -> str:
    ev = finding.get("evidence") or {}
    unit = ev.get("unit", "")
    gap = "" if unit == "°" else " "
    metric = METRIC_WORDS.get(ev.get("metric", ""), str(ev.get("metric", "")).replace("_", " "))
    side = "more than" if ev.get("bad_when") == "above" else "less than"
    return (
        f"{metric[:1].upper()}{metric[1:]}: {ev.get('value', 0):g}{gap}{unit} measured, "
        f"a problem at {side} {ev.get('threshold', 0):g}{gap}{unit}"
    )


def _results_page(
    request: Request,
    uow: Uow,
    catalog: Catalog,
    viewer: Any,
    job_id: int,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    found = form_check.form_check_status(uow, user=viewer.user, job_id=job_id)
    exercise = catalog.exercises.get(found.exercise_id)
    report = found.result.report if found.result else None
    charts: list[str] = []
    findings: list[dict[str, Any]] = []
    if report is not None:
        name = exercise.name if exercise else found.exercise_id
        charts = [
            rep_chart_svg(c, title=f"{name}, repetition {c['index']}") for c in report.get("charts", [])
        ]
        for f in report.get("findings", []):
            findings.append(
                {
                    "says": f["says"],
                    "possible": f.get("certainty") == "possible",
                    "reps": ", ".join(str(i) for i in f.get("reps", [])),
                    "evidence": _evidence(f),
                    "confidence": round(100 * float(f.get("confidence", 0))),
                    "cue": f.get("cue"),
                    "title": f.get("mistake_title"),
                }
            )
    clip = None
    if report is not None and report.get("clip"):
        try:
            form_check.form_check_clip(uow, user=viewer.user, job_id=job_id)
            clip = {
                "url": f"/form-checks/{job_id}/clip",
                "kept": bool(found.job.payload.get("keep")),
                "hours": CLIP_EXPIRES_S // 3600,
            }
        except NotFound:
            clip = {"gone": True}
    return render(
        request,
        "form_check.html",
        {
            "check": found,
            "clip": clip,
            "video": bool(found.job.payload.get("video")),
            "job": found.job,
            "exercise": exercise,
            "report": report,
            "charts": charts,
            "findings": findings,
            "percent": round(100 * found.job.progress),
            "status_words": STATUS_WORDS[found.job.status],
            "errors": errors or {},
            "logged": request.query_params.get("logged") == "1",
        },
        status=status,
    )


@router.get("/form-checks/{job_id}", response_class=HTMLResponse)
def form_check_results(
    request: Request, job_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> HTMLResponse:
    """A form check: its progress, then a chart per repetition and the findings."""
    job_runner(request)  # a restarted in-process queue resumes unfinished jobs on first use
    return _results_page(request, uow, catalog, viewer, job_id)


@router.get("/form-checks/{job_id}/clip", response_class=FileResponse)
def form_check_clip(job_id: RecordId, uow: Uow, viewer: ViewerDep) -> FileResponse:
    """The annotated clip of the person's own form check (H.264 MP4; 404 for anyone else)."""
    path = form_check.form_check_clip(uow, user=viewer.user, job_id=job_id)
    return FileResponse(
        path,
        media_type="video/mp4",
        headers={"Cache-Control": "private, no-store"},
    )


@router.post("/form-checks/{job_id}/log", response_class=HTMLResponse, dependencies=[Csrf])
def log_form_check(
    request: Request, job_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep
) -> Response:
    """Log the counted reps as a working set (pressing it twice logs them once)."""
    try:
        form_check.log_form_check(uow, catalog=catalog, user=viewer.user, job_id=job_id, now=now())
    except SafetyHold:
        message = (
            "Training is on hold after your screening or a pain report, so nothing was logged. "
            "See the start page."
        )
        return _results_page(request, uow, catalog, viewer, job_id, errors={"log": message}, status=409)
    except InputError as exc:
        return _results_page(request, uow, catalog, viewer, job_id, errors=field_errors(exc), status=422)
    return redirect(f"/form-checks/{job_id}?logged=1")
