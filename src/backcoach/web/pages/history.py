"""The training log: every workout with its sets, and one workout in full."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.sessions import LoggedSet, Workout
from backcoach.web import services
from backcoach.web.deps import CatalogDep, DbSession, ViewerDep
from backcoach.web.pages.rendering import render

router = APIRouter(prefix="/history")


@dataclass(frozen=True)
class SetGroup:
    """Consecutive sets of one exercise, type and load: "Pull-up · working · 8, 8, 7 reps"."""

    exercise_id: str
    set_type: str
    load_kg: float | None
    reps: tuple[int, ...]
    rir: tuple[float | None, ...]


def grouped(sets: Iterable[LoggedSet]) -> list[SetGroup]:
    out: list[SetGroup] = []
    for s in sets:
        last = out[-1] if out else None
        if (
            last is not None
            and last.exercise_id == s.exercise_id
            and last.set_type == s.set_type.value
            and last.load_kg == s.load_kg
        ):
            out[-1] = SetGroup(
                last.exercise_id, last.set_type, last.load_kg, (*last.reps, s.reps), (*last.rir, s.rir)
            )
        else:
            out.append(SetGroup(s.exercise_id, s.set_type.value, s.load_kg, (s.reps,), (s.rir,)))
    return out


def _entry(workout_id: int, w: Workout) -> dict[str, object]:
    return {"id": workout_id, "w": w, "groups": grouped(w.sets)}


@router.get("", response_class=HTMLResponse)
def history(request: Request, db: DbSession, catalog: CatalogDep, viewer: ViewerDep) -> HTMLResponse:
    """Your workouts, newest first, with their sets."""
    done = services.workouts_of(db, viewer.user)
    return render(
        request,
        "history.html",
        {
            "entries": [_entry(i, w) for i, w in reversed(done)],
            "catalog": catalog,
            "unit": viewer.user.display_unit,
        },
    )


@router.get("/{workout_id}", response_class=HTMLResponse)
def workout_detail(
    request: Request, workout_id: int, db: DbSession, catalog: CatalogDep, viewer: ViewerDep
) -> HTMLResponse:
    """One of your workouts, set by set, with any pain reported."""
    w = services.workout_of(db, viewer.user, workout_id)
    return render(
        request,
        "workout_detail.html",
        {"entry": _entry(workout_id, w), "catalog": catalog, "unit": viewer.user.display_unit},
    )
