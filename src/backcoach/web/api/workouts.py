"""Your training log: workouts (each with its sets and pain reports), and logging sets."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from backcoach.app import edits, log
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.science.units import to_kg
from backcoach.sessions import SetType
from backcoach.web.deps import (
    AskerDep,
    CatalogDep,
    Csrf,
    IdempotencyDep,
    RecordId,
    Turn,
    Uow,
    ViewerDep,
    answer_once,
    clock,
)
from backcoach.web.errors import described
from backcoach.web.schemas import (
    Day,
    DeletedPublic,
    LogPublic,
    RestoredPublic,
    SetsCreate,
    SetUpdate,
    UndoCreate,
    WorkoutPublic,
    WorkoutUpdate,
)

router = APIRouter(tags=["log"])


@router.get("/workouts")
def list_workouts(
    uow: Uow,
    viewer: ViewerDep,
    since: Annotated[Day | None, Query(description="Only workouts from this day on (YYYY-MM-DD).")] = None,
) -> list[WorkoutPublic]:
    """Your workouts, oldest first; `since` (YYYY-MM-DD) keeps those from that day on."""
    start = datetime.combine(since, time()).astimezone() if since is not None else None
    return [
        WorkoutPublic.model_validate(log.done_to_json(done))
        for done in log.workouts_done(uow, user=viewer.user, since=start)
    ]


@router.get("/workouts/{workout_id}")
def get_workout(workout_id: RecordId, uow: Uow, viewer: ViewerDep) -> WorkoutPublic:
    """One of your workouts (404 for an id that is not yours)."""
    found = log.workout_done(uow, user=viewer.user, workout_id=workout_id)
    return WorkoutPublic.model_validate(log.done_to_json(found))


@router.post(
    "/sets",
    status_code=201,
    dependencies=[Csrf],
    responses={404: described("The `workout_id` is not one of your workouts.")},
)
async def log_sets(
    request: Request,
    body: SetsCreate,
    asker: AskerDep,
    once: IdempotencyDep,
    response: Response,
) -> LogPublic:
    """Log sets of one exercise: a new workout (the plan adapts to it), or added to one of yours."""
    # The hottest route: who is asking, the log and its commit run in one worker thread. As a plain
    # ``def`` with ``ViewerDep`` it took three (the viewer, the route, the answer's validation),
    # and each hop cost about as much CPU as one of its queries. It takes its unit of work and the
    # catalogue itself rather than as dependencies (``Turn``): each one FastAPI solves costs CPU.
    catalog: Catalog = request.app.state.catalog
    entries = [
        log.SetEntry(
            reps=s.reps,
            load_kg=s.load_kg if s.load is None else to_kg(s.load, body.unit),
            rir=s.rir,
            set_type=SetType(s.type),
            hold_s=s.hold_s,
            note=s.note,
        )
        for s in body.sets
    ]
    given = any(s.load is not None for s in body.sets)

    def work(uow: UnitOfWork) -> object:
        now = clock()  # once this request has its turn, as when the unit of work was a dependency
        viewer = asker.viewer(uow)

        def run() -> dict[str, object]:
            result = log.log_sets(
                uow,
                catalog=catalog,
                user=viewer.user,
                exercise_id=body.exercise_id,
                sets=entries,
                at=body.at or now,
                entered_unit=body.unit if given else "kg",
                now=now,
                workout_id=body.workout_id,
            )
            return log.logged_to_json(result)

        return answer_once(uow, viewer, once, response, status=201, run=run)

    async with Turn(request) as uow:
        answer = await run_in_threadpool(work, uow)
    return LogPublic.model_validate(answer)


@router.patch("/sets/{set_id}", dependencies=[Csrf])
def edit_set(
    set_id: RecordId,
    body: SetUpdate,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    once: IdempotencyDep,
    response: Response,
) -> WorkoutPublic:
    """Correct a logged set (only the fields given change); answers its workout, records rebuilt."""
    given = body.model_fields_set
    load: float | edits.Keep | None = edits.KEEP
    if body.load is not None and body.unit is not None:
        load = to_kg(body.load, body.unit)
    elif "load_kg" in given:
        load = body.load_kg
    changes = edits.SetChanges(
        reps=body.reps if body.reps is not None else edits.KEEP,
        load_kg=load,
        rir=body.rir if "rir" in given else edits.KEEP,
        set_type=SetType(body.type) if body.type is not None else edits.KEEP,
        hold_s=body.hold_s if "hold_s" in given else edits.KEEP,
        entered_unit=body.unit if body.unit is not None else edits.KEEP,
        note=body.note if "note" in given else edits.KEEP,
    )

    def run() -> dict[str, object]:
        with uow:  # the edit and the answer read in one transaction
            done = edits.edit_set(
                uow, catalog=catalog, user=viewer.user, set_id=set_id, changes=changes, now=clock()
            )
            return log.done_to_json(log.workout_done(uow, user=viewer.user, workout_id=done.workout_id))

    return WorkoutPublic.model_validate(answer_once(uow, viewer, once, response, status=200, run=run))


@router.delete("/sets/{set_id}", dependencies=[Csrf])
def delete_set(
    set_id: RecordId, uow: Uow, viewer: ViewerDep, once: IdempotencyDep, response: Response
) -> DeletedPublic:
    """Delete a logged set; the answer's `undo_token` puts it back (`POST /undo`)."""

    def run() -> dict[str, object]:
        return edits.deleted_to_json(edits.delete_logged_set(uow, user=viewer.user, set_id=set_id))

    return DeletedPublic.model_validate(answer_once(uow, viewer, once, response, status=200, run=run))


@router.patch("/workouts/{workout_id}", dependencies=[Csrf])
def describe_workout(
    workout_id: RecordId,
    body: WorkoutUpdate,
    uow: Uow,
    viewer: ViewerDep,
    once: IdempotencyDep,
    response: Response,
) -> WorkoutPublic:
    """Rate a workout (bad, neutral, good) and note on it."""

    def run() -> dict[str, object]:
        done = log.describe(
            uow, user=viewer.user, workout_id=workout_id, notes=body.notes, feeling=body.feeling
        )
        return log.done_to_json(done)

    return WorkoutPublic.model_validate(answer_once(uow, viewer, once, response, status=200, run=run))


@router.delete("/workouts/{workout_id}", dependencies=[Csrf])
def delete_workout(
    workout_id: RecordId, uow: Uow, viewer: ViewerDep, once: IdempotencyDep, response: Response
) -> DeletedPublic:
    """Delete a workout with its sets and pain reports; the answer's `undo_token` puts it back."""

    def run() -> dict[str, object]:
        return edits.deleted_to_json(
            edits.delete_logged_workout(uow, user=viewer.user, workout_id=workout_id)
        )

    return DeletedPublic.model_validate(answer_once(uow, viewer, once, response, status=200, run=run))


@router.post(
    "/undo",
    status_code=201,
    dependencies=[Csrf],
    responses={404: described("The deleted set's workout is not one of your workouts.")},
)
def undo(
    body: UndoCreate,
    uow: Uow,
    catalog: CatalogDep,
    viewer: ViewerDep,
    once: IdempotencyDep,
    response: Response,
) -> RestoredPublic:
    """Put back what a delete removed, from its `undo_token`."""

    def run() -> dict[str, object]:
        restored = edits.undo_delete(uow, catalog=catalog, user=viewer.user, token=body.token, now=clock())
        return edits.restored_to_json(restored)

    return RestoredPublic.model_validate(answer_once(uow, viewer, once, response, status=201, run=run))
