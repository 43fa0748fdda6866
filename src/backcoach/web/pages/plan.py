"""The plan: weeks and sessions with their dates, blocks, sets, loads and reasons; regenerate it.

When the latest screening does not allow training, the page shows the professional referral and
no plan; when no plan fits the profile, it shows the conflicts and what to change.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError
from backcoach.planning import NoPlan, Plan
from backcoach.safety import screen
from backcoach.store import latest_screening
from backcoach.web import services
from backcoach.web.deps import CatalogDep, Csrf, DbSession, Viewer, ViewerDep
from backcoach.web.pages.rendering import field_errors, now, redirect, render

router = APIRouter()


def plan_context(
    db: Session, catalog: Catalog, viewer: Viewer, *, no_plan: NoPlan | None = None
) -> dict[str, Any]:
    """What the plan page shows: the referral, the conflicts of a plan that could not be made, or
    the active plan with its adaptations."""
    user = viewer.user
    latest = latest_screening(db, user_id=user.id)
    decision = screen(latest.answers) if latest is not None else None
    refused = (decision is not None and not decision.may_train) or (
        no_plan is not None and no_plan.solver.status == "REFUSED"
    )
    plan: Plan | None = None
    adapted: dict[str, str] = {}
    if not refused and no_plan is None:
        plan = services.plan_of(db, user)
        adapted = {
            s.session.date.isoformat(): s.adapted_reason
            for s in services.scheduled_of(db, user)
            if s.adapted_reason
        }
    return {
        "plan": plan,
        "no_plan": no_plan,
        "refused": refused,
        "decision": decision,
        "screened": latest is not None,
        "has_profile": services.profile_of(db, user) is not None,
        "adapted": adapted,
        "catalog": catalog,
        "unit": user.display_unit,
        "today": now().date(),
    }


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> HTMLResponse:
    """Your plan: weeks, sessions, exercises, sets, loads, and why."""
    return render(request, "plan.html", plan_context(db, catalog, viewer))


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
