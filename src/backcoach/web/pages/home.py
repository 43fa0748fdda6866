"""The start page: what to do next, from where the person stands (screen, profile, plan, train)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.app import desk_breaks, home
from backcoach.web.deps import CatalogDep, Uow, ViewerDep
from backcoach.web.pages.rendering import now, render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def start_page(request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> HTMLResponse:
    """What to do next: the safety questions, your profile, your plan or today's workout."""
    moment = now()
    today = moment.date()
    found = home.next_step(uow, catalog=catalog, user=viewer.user, today=today)
    desk = desk_breaks.current(uow, catalog=catalog, user=viewer.user, now=moment)
    return render(
        request,
        "home.html",
        {
            "next_step": found.step,
            "name": viewer.user.name,
            "decision": found.decision,
            "hold": found.hold,
            "today": today,
            "todays": found.todays,
            "upcoming": found.upcoming,
            "in_progress": found.in_progress,
            "catalog": catalog,
            "desk": desk,
            "desk_next": desk.breaks.next_at(moment) if desk.active and desk.breaks else None,
            "dose_text": desk_breaks.dose_text,
            "desk_when": desk_breaks.schedule_text,
        },
    )
