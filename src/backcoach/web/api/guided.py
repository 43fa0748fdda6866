"""The guided workout, kept on the server: start today's session, send what you did, get the next
step; a reload (or another device) gets the same step back."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach.web import services
from backcoach.web.deps import CatalogDep, Csrf, DbSession, ViewerDep
from backcoach.web.errors import NotFound
from backcoach.web.schemas import GuidedEventCreate, GuidedPublic, GuidedStartCreate

router = APIRouter(prefix="/guided", tags=["guided"])


def _public(view: services.GuidedView) -> GuidedPublic:
    return GuidedPublic.model_validate(services.guided_to_json(view))


@router.get("")
def current(db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> GuidedPublic:
    """The guided workout in progress at its current step (404 when none is)."""
    view = services.guided_current(db, catalog, viewer.user)
    if view is None:
        raise NotFound("there is no guided workout in progress")
    return _public(view)


@router.get("/{guided_id}")
def get_guided(guided_id: int, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> GuidedPublic:
    """One of your guided workouts, in progress or finished (404 for an id that is not yours)."""
    return _public(services.guided_by(db, catalog, viewer.user, guided_id))


@router.post("/start", status_code=201, dependencies=[Csrf])
def start(
    db: DbSession, catalog: CatalogDep, viewer: ViewerDep, body: GuidedStartCreate | None = None
) -> GuidedPublic:
    """Start the planned session of a day (default today); starting it again returns it as it is."""
    now = services.clock()
    day = body.date if body is not None and body.date is not None else now.date()
    return _public(services.guided_start(db, catalog, viewer.user, day=day, now=now))


@router.post("/events", dependencies=[Csrf])
def send_event(
    body: GuidedEventCreate, db: DbSession, catalog: CatalogDep, viewer: ViewerDep
) -> GuidedPublic:
    """Send what you did (set done, skip, rest over, pain, …) and get the next step."""
    now = services.clock()
    event = services.event_from_json(body.model_dump(exclude={"token"}, exclude_none=True), now)
    return _public(services.guided_send(db, catalog, viewer.user, event, now=now, token=body.token))
