"""Your plan: the active one as it stands (adaptations included), or a new one from your profile."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from backcoach.app import desk_breaks, plan
from backcoach.errors import NotFound
from backcoach.planning import NoPlan
from backcoach.web.deps import CatalogDep, Csrf, IdempotencyDep, Uow, ViewerDep, answer_once, clock
from backcoach.web.errors import described, documented
from backcoach.web.schemas import PlanCreate

router = APIRouter(prefix="/plan", tags=["plan"])

NO_PLAN = 409  # the request is fine; the person's constraints (or screening) allow no plan

_MAKE_PLAN_DOC: dict[int | str, dict[str, Any]] = {
    200: {"model": dict[str, Any], "description": "A preview (`save` false): the plan, nothing stored."},
    NO_PLAN: described(
        "No plan fits (`errors`, the solver's `conflicts` and `suggestions`), or the safety gate "
        "holds you (`detail` and `code`: screening_required, see_professional, emergency, pain_hold)."
    ),
}


@router.get("", responses=documented(404))
def get_plan(uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> dict[str, Any]:
    """Your active plan: weeks, sessions, reasons, volume, adaptations, desk breaks (404 without one)."""
    found = plan.active(uow, user=viewer.user)
    if found is None:
        raise NotFound("there is no plan yet: make one from your profile")
    at = clock()
    desk = desk_breaks.current(uow, catalog=catalog, user=viewer.user, now=at)
    return plan.to_json(found.plan, found.scheduled, desk, now=at)


@router.post(
    "", status_code=201, dependencies=[Csrf], responses=_MAKE_PLAN_DOC, response_model=dict[str, Any]
)
def make_plan(
    response: Response,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    once: IdempotencyDep,
    body: PlanCreate | None = None,
) -> Any:
    """Make a plan from your stored profile and save it as your active plan (409 when none fits)."""
    save = body.save if body is not None else True
    if not save:
        response.status_code = 200  # a preview: nothing was created

    def run() -> dict[str, Any]:
        result = plan.make(uow, catalog=catalog, user=viewer.user, now=clock(), save=save)
        if isinstance(result, NoPlan):
            first = result.conflicts[0] if result.conflicts else "no plan fits your profile"
            return {"errors": [{"field": None, "message": first}], **result.to_json()}
        shown = result.plan if isinstance(result, plan.Saved) else result
        desk = desk_breaks.current(uow, catalog=catalog, user=viewer.user, now=clock(), profile=shown.profile)
        if isinstance(result, plan.Saved):
            return plan.to_json(result.plan, result.scheduled, desk)
        return plan.to_json(result, desk=desk)

    answer: dict[str, Any] = answer_once(
        uow, viewer, once, response, status=response.status_code or 201, run=run
    )
    if "errors" in answer:
        return JSONResponse(answer, status_code=NO_PLAN)
    return answer
