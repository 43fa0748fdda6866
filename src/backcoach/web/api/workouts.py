"""Your training log: workouts (each with its sets and pain reports), and logging sets."""

from __future__ import annotations

from datetime import date, datetime, time

from fastapi import APIRouter

from backcoach.science.units import to_kg
from backcoach.sessions import SetType
from backcoach.web import services
from backcoach.web.deps import CatalogDep, Csrf, DbSession, ViewerDep
from backcoach.web.schemas import LogPublic, SetsCreate, WorkoutPublic

router = APIRouter(tags=["log"])


@router.get("/workouts")
def list_workouts(db: DbSession, viewer: ViewerDep, since: date | None = None) -> list[WorkoutPublic]:
    """Your workouts, oldest first; `since` (YYYY-MM-DD) keeps those from that day on."""
    start = datetime.combine(since, time()).astimezone() if since is not None else None
    return [
        WorkoutPublic.model_validate(services.workout_to_json(workout_id, w))
        for workout_id, w in services.workouts_of(db, viewer.user, since=start)
    ]


@router.get("/workouts/{workout_id}")
def get_workout(workout_id: int, db: DbSession, viewer: ViewerDep) -> WorkoutPublic:
    """One of your workouts (404 for an id that is not yours)."""
    return WorkoutPublic.model_validate(
        services.workout_to_json(workout_id, services.workout_of(db, viewer.user, workout_id))
    )


@router.post("/sets", status_code=201, dependencies=[Csrf])
def log_sets(body: SetsCreate, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> LogPublic:
    """Log sets of one exercise: a new workout (the plan adapts to it), or added to one of yours."""
    now = services.clock()
    entries = [
        services.SetEntry(
            reps=s.reps,
            load_kg=s.load_kg if s.load is None else to_kg(s.load, body.unit),
            rir=s.rir,
            set_type=SetType(s.type),
            hold_s=s.hold_s,
        )
        for s in body.sets
    ]
    given = any(s.load is not None for s in body.sets)
    result = services.log_sets(
        db,
        catalog,
        viewer.user,
        exercise_id=body.exercise_id,
        sets=entries,
        at=body.at or now,
        entered_unit=body.unit if given else "kg",
        now=now,
        workout_id=body.workout_id,
    )
    return LogPublic.model_validate(services.log_to_json(result))
