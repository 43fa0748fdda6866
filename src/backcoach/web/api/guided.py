"""The guided workout, kept on the server: start today's session, send what you did, get the next
step; a reload (or another device) gets the same step back."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from backcoach.app import guided
from backcoach.errors import NotFound
from backcoach.web.deps import CatalogDep, Csrf, IdempotencyDep, RecordId, Uow, ViewerDep, answer_once, clock
from backcoach.web.errors import described, documented
from backcoach.web.schemas import GuidedEventCreate, GuidedPublic, GuidedStartCreate

router = APIRouter(prefix="/guided", tags=["guided"])

_HELD: dict[int | str, dict[str, Any]] = {
    409: described(
        "The step moved on since the token was read, another day's workout is in progress, or "
        "the safety gate holds you (`detail` and `code`: screening_required, see_professional, "
        "emergency, pain_hold)."
    )
}


@router.get("", responses=documented(404))
def current(uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> GuidedPublic:
    """The guided workout in progress at its current step (404 when none is)."""
    view = guided.current(uow, catalog=catalog, user=viewer.user)
    if view is None:
        raise NotFound("there is no guided workout in progress")
    helps = guided.at_the_set(uow, catalog=catalog, user=viewer.user, view=view)
    shape = guided.guided_to_json(view)
    return GuidedPublic.model_validate({**shape, "at_the_set": None if helps is None else helps.to_json()})


@router.get("/{guided_id:int}")  # digits only: GET /guided/start is a 405 (Allow: POST), not an id
def get_guided(guided_id: RecordId, uow: Uow, catalog: CatalogDep, viewer: ViewerDep) -> GuidedPublic:
    """One of your guided workouts, in progress or finished (404 for an id that is not yours)."""
    view = guided.by_id(uow, catalog=catalog, user=viewer.user, guided_id=guided_id)
    return GuidedPublic.model_validate(guided.guided_to_json(view))


@router.post("/start", status_code=201, dependencies=[Csrf], responses=_HELD)
def start(
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    once: IdempotencyDep,
    response: Response,
    body: GuidedStartCreate | None = None,
) -> GuidedPublic:
    """Start the planned session of a day (default today); starting it again returns it as it is."""
    now = clock()
    day = body.date if body is not None and body.date is not None else now.date()

    def run() -> dict[str, Any]:
        view = guided.start(uow, catalog=catalog, user=viewer.user, day=day, now=now)
        return guided.guided_to_json(view)

    return GuidedPublic.model_validate(answer_once(uow, viewer, once, response, status=201, run=run))


@router.post("/events", dependencies=[Csrf], responses={**_HELD, **documented(404)})
def send_event(
    body: GuidedEventCreate,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    once: IdempotencyDep,
    response: Response,
) -> GuidedPublic:
    """Send what you did (set done, skip, rest over, pain, …) and get the next step."""
    now = clock()
    event = guided.event_from_json(body.model_dump(exclude={"token"}, exclude_none=True), now)

    def run() -> dict[str, Any]:
        view = guided.send(uow, catalog=catalog, user=viewer.user, event=event, now=now, token=body.token)
        return guided.guided_to_json(view)

    return GuidedPublic.model_validate(answer_once(uow, viewer, once, response, status=200, run=run))
