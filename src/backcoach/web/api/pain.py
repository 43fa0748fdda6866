"""Pain, now: the safety core's decision for a pain report (the report is kept in your log)."""

from __future__ import annotations

from fastapi import APIRouter

from backcoach.safety import PainReport
from backcoach.web import services
from backcoach.web.deps import CatalogDep, Csrf, DbSession, ViewerDep
from backcoach.web.schemas import PainCreate, PainPublic

router = APIRouter(prefix="/pain", tags=["safety"])


@router.post("", status_code=201, dependencies=[Csrf])
def report_pain(body: PainCreate, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> PainPublic:
    """What to do about pain now; every answer starts with stopping the exercise."""
    report = PainReport(**body.model_dump(exclude={"exercise_id"}))
    decision = services.report_pain(
        db, catalog, viewer.user, report, exercise_id=body.exercise_id, now=services.clock()
    )
    return PainPublic(**services.pain_to_json(decision, catalog))
