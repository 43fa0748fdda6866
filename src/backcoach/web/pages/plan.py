"""The plan: weeks and sessions with their dates, blocks, sets, loads and reasons; regenerate it.

When the latest screening does not allow training, the page shows the professional referral and
no plan; when no plan fits the profile, it shows the conflicts and what to change.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from backcoach.app import plan
from backcoach.app.plan_changes import changes_between
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError, SafetyHold
from backcoach.planning import NoPlan, Plan
from backcoach.planning.plan import Week as PlanWeek
from backcoach.web.deps import CatalogDep, Csrf, Uow, Viewer, ViewerDep
from backcoach.web.pages.rendering import field_errors, now, render
from backcoach.web.schemas import MAX_PLAN_WEEKS

router = APIRouter()


def plan_context(
    uow: UnitOfWork,
    catalog: Catalog,
    viewer: Viewer,
    *,
    no_plan: NoPlan | None = None,
    week: int | None = None,
) -> dict[str, Any]:
    """What the plan page shows: the referral, the conflicts of a plan that could not be made, or
    the active plan with its adaptations, one week in full (``week``, else the one under way)."""
    user = viewer.user
    found = plan.overview(uow, user=user)
    decision = found.decision
    refused = (decision is not None and not decision.may_train) or (
        no_plan is not None and no_plan.solver.status == "REFUSED"
    )
    today = now().date()
    shown_plan = found.plan if not refused and no_plan is None else None
    return {
        "plan": shown_plan,
        "shown": None if shown_plan is None else shown_week(shown_plan, today, week),
        "no_plan": no_plan,
        "refused": refused,
        "decision": decision,
        "hold": found.hold,
        "screened": decision is not None,
        "has_profile": found.has_profile,
        "adapted": {day.isoformat(): why for day, why in found.adapted.items()} if shown_plan else {},
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
    request: Request,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    week: Annotated[int | None, Query(ge=1, le=MAX_PLAN_WEEKS, description="The week shown.")] = None,
) -> HTMLResponse:
    """Your plan: weeks, sessions, exercises, sets, loads, and why; ``week`` picks the week shown."""
    return render(request, "plan.html", plan_context(uow, catalog, viewer, week=week))


@router.post("/plan/regenerate", response_class=HTMLResponse, dependencies=[Csrf])
def regenerate(request: Request, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> Response:
    """Build a new plan from the stored profile (after a profile change, or to start afresh), then
    show it with what changed from the plan it replaced."""
    before = plan.overview(uow, user=viewer.user).plan
    try:
        result = plan.make(uow, catalog=catalog, user=viewer.user, now=now(), save=True)
    except SafetyHold:
        return render(request, "plan.html", plan_context(uow, catalog, viewer), status=409)
    except BackcoachError as exc:  # no profile yet
        context = plan_context(uow, catalog, viewer)
        return render(request, "plan.html", {**context, "errors": field_errors(exc)}, status=422)
    if isinstance(result, NoPlan):
        return render(request, "plan.html", plan_context(uow, catalog, viewer, no_plan=result))
    new = result.plan if isinstance(result, plan.Saved) else result
    changes = changes_between(before, new)
    return render(request, "plan.html", {**plan_context(uow, catalog, viewer), "changes": changes})
