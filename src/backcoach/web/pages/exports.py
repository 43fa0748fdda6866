"""Export: the log as Strong, Hevy or neutral CSV, a full backup (JSON), the plan as a calendar
file or a printable PDF with a log sheet, each a download named for what it holds; and the
subscribable calendar link, made or revoked here (its secret is shown once, when it is made).

Each download calls its use case (``app.history_export``, ``app.backup``, ``app.plan_print``) and
only sets the file name; the formats are the CLI's ``export --format`` choices.
"""

from __future__ import annotations

import json
from datetime import time
from io import StringIO
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from backcoach.app import history_export, plan
from backcoach.app.backup import backup
from backcoach.app.plan_print import print_plan
from backcoach.errors import InputError, NotFound
from backcoach.web.backmap_print import back_figure
from backcoach.web.deps import CatalogDep, Csrf, Uow, Viewer, ViewerDep
from backcoach.web.pages.imports import server_zone, zones
from backcoach.web.pages.rendering import now, render

router = APIRouter()

ExportFormat = Literal["strong", "hevy", "csv", "json", "ics", "pdf"]
# (what the person gets, file name part, extension, media type), in the order the page lists them
FORMATS: dict[str, tuple[str, str, str, str]] = {
    "strong": ("Your log as a Strong CSV file", "log-strong", "csv", "text/csv; charset=utf-8"),
    "hevy": ("Your log as a Hevy CSV file", "log-hevy", "csv", "text/csv; charset=utf-8"),
    "csv": ("Your log as a plain CSV table", "log", "csv", "text/csv; charset=utf-8"),
    "json": ("A full backup (profile, plans, log, pain reports)", "backup", "json", "application/json"),
    "ics": ("Your plan as calendar events", "plan", "ics", "text/calendar; charset=utf-8"),
    "pdf": ("Your plan and a log sheet to print", "plan", "pdf", "application/pdf"),
}
ALARMS = (0, 10, 15, 30, 60, 120)  # minutes before a session; 0: no reminder


def _page(
    request: Request,
    uow: Uow,
    viewer: Viewer,
    *,
    link: str | None = None,
    errors: dict[str, str] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "export.html",
        {
            "formats": {k: v[0] for k, v in FORMATS.items()},
            "zones": zones(),
            "server_zone": server_zone(),
            "alarms": ALARMS,
            "has_plan": plan.overview(uow, user=viewer.user).plan is not None,
            "has_link": link is not None or history_export.has_calendar_link(uow, user=viewer.user),
            "link": link,
            "errors": errors or {},
            "notice": notice,
        },
        status=status,
    )


@router.get("/export", response_class=HTMLResponse)
def export_page(request: Request, uow: Uow, viewer: ViewerDep) -> HTMLResponse:
    """Take your log and plan out: downloads, and a calendar link to subscribe to."""
    return _page(request, uow, viewer)


def _download(data: bytes, fmt: str) -> Response:
    _, stem, ext, media = FORMATS[fmt]
    name = f"backcoach-{stem}-{now().date().isoformat()}.{ext}"
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/export/download", response_class=Response)
def download(
    request: Request,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    format: Annotated[ExportFormat, Query(description="What to download.")],
    tz: Annotated[str | None, Query(max_length=64, description="Calendar: the sessions' zone.")] = None,
    at: Annotated[str, Query(max_length=5, description="Calendar: a session's start, HH:MM.")] = "18:00",
    alarm: Annotated[int, Query(ge=0, le=7 * 24 * 60, description="Calendar: minutes before.")] = 0,
) -> Response:
    """One export as a file download; a plan file without a saved plan says so on the page."""
    user = viewer.user
    try:
        if format in ("strong", "hevy", "csv"):
            out = StringIO()
            history_export.export_log(uow, catalog=catalog, user=user, fmt=format, out=out)
            return _download(out.getvalue().encode("utf-8"), format)
        if format == "json":
            data = json.dumps(backup(uow, user=user, now=now()), ensure_ascii=False, indent=1) + "\n"
            return _download(data.encode("utf-8"), format)
        if format == "ics":
            try:
                start = time.fromisoformat(at)
            except ValueError:
                raise InputError("at: give the start time as HH:MM, for example 18:00") from None
            ics = history_export.export_calendar(
                uow,
                catalog=catalog,
                user=user,
                now=now(),
                zone=tz or server_zone(),
                start=start,
                alarm_minutes=alarm or None,
            )
            return _download(ics, format)
        return _download(print_plan(uow, catalog=catalog, user=user, now=now(), figure=back_figure()), format)
    except NotFound:
        message = "There is no plan to export yet: answer the safety questions and make your plan first."
        return _page(request, uow, viewer, errors={format: message}, status=404)
    except InputError as exc:
        text = str(exc).split(": ", 1)[-1]
        return _page(request, uow, viewer, errors={format: text[:1].upper() + text[1:]}, status=422)


@router.post("/export/calendar-link", response_class=HTMLResponse, dependencies=[Csrf])
def new_link(request: Request, uow: Uow, viewer: ViewerDep) -> HTMLResponse:
    """Make a calendar link (a previous one stops working); shown once, on this answer."""
    token = history_export.calendar_link(uow, user=viewer.user, now=now())
    url = str(request.url_for("calendar").include_query_params(token=token, tz=server_zone()))
    return _page(request, uow, viewer, link=url)


@router.post("/export/calendar-link/revoke", response_class=HTMLResponse, dependencies=[Csrf])
def revoke_link(request: Request, uow: Uow, viewer: ViewerDep) -> HTMLResponse:
    """Stop the calendar link: calendar apps can no longer fetch the plan."""
    try:
        history_export.revoke_calendar_link(uow, user=viewer.user)
    except NotFound:
        return _page(request, uow, viewer, notice="There was no calendar link to stop.")
    return _page(
        request, uow, viewer, notice="The calendar link is stopped. Calendar apps can no longer fetch it."
    )
