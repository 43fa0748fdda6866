"""Your plan: the active one as it stands (adaptations included), or a new one from your profile."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from backcoach.planning import NoPlan
from backcoach.web import services
from backcoach.web.deps import CatalogDep, Csrf, DbSession, ViewerDep
from backcoach.web.errors import NotFound
from backcoach.web.schemas import PlanCreate

router = APIRouter(prefix="/plan", tags=["plan"])

NO_PLAN = 409  # the request is fine; the person's constraints (or screening) allow no plan

_NO_PLAN_DOC: dict[int | str, dict[str, Any]] = {
    NO_PLAN: {
        "description": "No plan fits: `errors`, plus the solver's `conflicts` and `suggestions`.",
    }
}


@router.get("")
def get_plan(db: DbSession, viewer: ViewerDep) -> dict[str, Any]:
    """Your active plan: weeks, sessions, reasons, volume, and any adaptations (404 without one)."""
    plan = services.plan_of(db, viewer.user)
    if plan is None:
        raise NotFound("there is no plan yet: make one from your profile")
    return services.plan_to_json(plan, services.scheduled_of(db, viewer.user))


@router.post("", status_code=201, dependencies=[Csrf], responses=_NO_PLAN_DOC, response_model=dict[str, Any])
def make_plan(
    response: Response, db: DbSession, catalog: CatalogDep, viewer: ViewerDep, body: PlanCreate | None = None
) -> Any:
    """Make a plan from your stored profile and save it as your active plan (409 when none fits)."""
    save = body.save if body is not None else True
    if not save:
        response.status_code = 200  # a preview: nothing was created
    result = services.make_plan(db, catalog, viewer.user, save=save, now=services.clock())
    if isinstance(result, NoPlan):
        first = result.conflicts[0] if result.conflicts else "no plan fits your profile"
        return JSONResponse(
            {"errors": [{"field": None, "message": first}], **result.to_json()}, status_code=NO_PLAN
        )
    scheduled = services.scheduled_of(db, viewer.user) if save else []
    return services.plan_to_json(result, scheduled)
