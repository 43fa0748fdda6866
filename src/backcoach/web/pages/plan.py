"""The plan: weeks and sessions with their dates, blocks, sets, loads and reasons; regenerate it.

When the latest screening does not allow training, the page shows the professional referral and
no plan; when no plan fits the profile, it shows the conflicts and what to change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError
from backcoach.planning import NoPlan, Plan
from backcoach.planning.plan import Week as PlanWeek
from backcoach.safety import screen
from backcoach.store import latest_screening, plan_adaptations
from backcoach.web import services
from backcoach.web.deps import CatalogDep, Csrf, DbSession, Viewer, ViewerDep
from backcoach.web.pages.rendering import field_errors, now, redirect, render

router = APIRouter()


def plan_context(
    db: Session,
    catalog: Catalog,
    viewer: Viewer,
    *,
    no_plan: NoPlan | None = None,
    week: int | None = None,
) -> dict[str, Any]:
    """What the plan page shows: the referral, the conflicts of a plan that could not be made, or
    the active plan with its adaptations, one week in full (``week``, else the one under way)."""
    user = viewer.user
    latest = latest_screening(db, user_id=user.id)
    decision = screen(latest.answers) if latest is not None else None
    refused = (decision is not None and not decision.may_train) or (
        no_plan is not None and no_plan.solver.status == "REFUSED"
    )
    plan: Plan | None = None
    adapted: dict[str, str] = {}
    today = now().date()
    if not refused and no_plan is None:
        plan = services.plan_of(db, user)
        adapted = {day.isoformat(): why for day, why in plan_adaptations(db, user_id=user.id).items()}
    return {
        "plan": plan,
        "shown": None if plan is None else shown_week(plan, today, week),
        "no_plan": no_plan,
        "refused": refused,
        "decision": decision,
        "screened": latest is not None,
        "has_profile": services.profile_of(db, user) is not None,
        "adapted": adapted,
        "catalog": catalog,
        "unit": user.display_unit,
        "today": today,
    }


def shown_week(plan: Plan, today: date, asked: int | None) -> PlanWeek:
    """The week asked for; else the one under way, the next to come, or the last one.

    One week at a time: a twelve-week plan in full is over five hundred lines on a phone, and
    rendering it all cost 40 ms a view.
    """
    weeks = plan.weeks
    for week in weeks:
        if week.index == asked:
            return week
    for week in weeks:
        if week.sessions and today <= week.sessions[-1].date:
            return week
    return weeks[-1]


@router.get("/plan", response_class=HTMLResponse)
def plan_page(
    request: Request, db: DbSession, catalog: CatalogDep, viewer: ViewerDep, week: int | None = None
) -> HTMLResponse:
    """Your plan: weeks, sessions, exercises, sets, loads, and why; ``week`` picks the week shown."""
    return render(request, "plan.html", plan_context(db, catalog, viewer, week=week))


@router.post("/plan/regenerate", response_class=HTMLResponse, dependencies=[Csrf])
def regenerate(request: Request, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Build a new plan from the stored profile (after a profile change, or to start afresh)."""
    try:
        result = services.make_plan(db, catalog, viewer.user, save=True, now=now())
    except BackcoachError as exc:  # no profile yet
        context = plan_context(db, catalog, viewer)
        return render(request, "plan.html", {**context, "errors": field_errors(exc)}, status=422)
    if isinstance(result, NoPlan):
        return render(request, "plan.html", plan_context(db, catalog, viewer, no_plan=result))
    return redirect("/plan")
