"""The start page: what to do next, from where the person stands (screen, profile, plan, train)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.safety import screen
from backcoach.store import latest_screening, planned_session_on, scheduled_sessions
from backcoach.web import services
from backcoach.web.deps import CatalogDep, DbSession, ViewerDep
from backcoach.web.pages.rendering import now, render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def start_page(request: Request, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> HTMLResponse:
    """What to do next: the safety questions, your profile, your plan or today's workout."""
    user = viewer.user
    today = now().date()
    latest = latest_screening(db, user_id=user.id)
    decision = screen(latest.answers) if latest is not None else None
    profile = services.profile_of(db, user)
    scheduled = scheduled_sessions(db, user_id=user.id)
    in_progress = services.guided_current(db, catalog, user) if decision and decision.may_train else None
    todays = planned_session_on(db, user_id=user.id, day=today) if scheduled else None
    upcoming = next((s.session for s in scheduled if s.session.date > today), None)
    if decision is None:
        next_step = "screen"
    elif not decision.may_train:
        next_step = "refused"
    elif profile is None:
        next_step = "profile"
    elif not scheduled:
        next_step = "plan"
    elif in_progress is not None:
        next_step = "resume"
    elif todays is not None:
        next_step = "train"
    else:
        next_step = "rest_day"
    return render(
        request,
        "home.html",
        {
            "next_step": next_step,
            "name": user.name,
            "decision": decision,
            "today": today,
            "todays": todays.session if todays is not None else None,
            "upcoming": upcoming,
            "in_progress": in_progress,
            "catalog": catalog,
        },
    )
