"""Your training profile: level, days, minutes, goal, equipment, body (kept with its history)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from backcoach.app import profile
from backcoach.errors import NotFound
from backcoach.web.deps import CatalogDep, Csrf, IdempotencyDep, Uow, ViewerDep, answer_once, clock
from backcoach.web.errors import documented
from backcoach.web.schemas import ProfileUpdate

router = APIRouter(prefix="/profile", tags=["profile"])


@router.get("", responses=documented(404))
def get_profile(uow: Uow, viewer: ViewerDep) -> dict[str, Any]:
    """Your current profile (404 until you save one); `screening` is your latest screening's outcome."""
    view = profile.show(uow, user=viewer.user)
    if view is None:
        raise NotFound("there is no profile yet")
    return view.to_json()


@router.put("", dependencies=[Csrf])
def put_profile(
    body: ProfileUpdate,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    once: IdempotencyDep,
    response: Response,
) -> dict[str, Any]:
    """Save your profile as a new version; fields left out keep their stored values."""

    def run() -> dict[str, Any]:
        stored = profile.stored(uow, user=viewer.user)
        unit = stored.unit.value if stored is not None else viewer.user.display_unit
        view = profile.save(uow, catalog=catalog, user=viewer.user, changes=body.changes(unit), now=clock())
        return view.to_json()

    answer: dict[str, Any] = answer_once(uow, viewer, once, response, status=200, run=run)
    return answer
