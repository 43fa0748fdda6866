"""Pain, now: the safety core's decision for a pain report (the report is kept in your log)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from backcoach.app import pain
from backcoach.safety import PainReport
from backcoach.web.deps import CatalogDep, Csrf, IdempotencyDep, Uow, ViewerDep, answer_once, clock
from backcoach.web.schemas import PainCreate, PainPublic

router = APIRouter(prefix="/pain", tags=["safety"])


@router.post("", status_code=201, dependencies=[Csrf])
def report_pain(
    body: PainCreate,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    once: IdempotencyDep,
    response: Response,
) -> PainPublic:
    """What to do about pain now; every answer starts with stopping the exercise."""
    report = PainReport(**body.model_dump(exclude={"exercise_id"}))

    def run() -> dict[str, object]:
        decision = pain.report(
            uow, catalog=catalog, user=viewer.user, pain=report, exercise_id=body.exercise_id, now=clock()
        )
        return pain.to_json(decision, catalog)

    return PainPublic.model_validate(answer_once(uow, viewer, once, response, status=201, run=run))
