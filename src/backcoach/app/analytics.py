"""What the log says: e1RM progress and rep records, weekly volume against the landmarks, and
recovery now. Each reads only the window its answer depends on; every door shows these numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from backcoach.analysis import (
    E1rmPoint,
    e1rm_history,
    iso_week,
    parse_iso_week,
    records_from,
    recovery_now,
    weekly_volume,
)
from backcoach.analysis.progress import PersonalRecords
from backcoach.app.bounds import check_week
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog, Exercise, Level
from backcoach.science.recovery import DEFAULT_MODEL
from backcoach.store import User, best_sets_by_day, current_profile, rep_maxima, workouts

# Sets older than ten half-lives no longer move the recovery model (0.5^10 < 0.1 %, below the
# 0.1 % the answer is rounded to): the recovery model's 24 h half-life (science.recovery).
RECOVERY_WINDOW = timedelta(hours=10 * DEFAULT_MODEL.half_life_h)
# A week's sets are read from a day before its Monday: a set's local day may differ from its UTC day.
TIME_ZONE_SLACK = timedelta(days=1)
DEFAULT_LEVEL = Level.INTERMEDIATE  # landmarks for a person with no profile yet


@dataclass(frozen=True)
class Progress:
    exercise: Exercise
    points: tuple[E1rmPoint, ...]
    records: PersonalRecords

    def to_json(self) -> dict[str, Any]:
        """The public shape (``progress --json``, ``/api/v1/progress/{id}``)."""
        best = self.records.best_e1rm
        return {
            "exercise_id": self.exercise.id,
            "name": self.exercise.name,
            "e1rm": [{"date": p.date.isoformat(), "e1rm_kg": round(p.e1rm_kg, 2)} for p in self.points],
            "records": [
                {"reps": r.reps, "load_kg": r.load_kg, "achieved_at": r.achieved_at.isoformat()}
                for r in self.records.rep_maxima
            ],
            "best_e1rm_kg": None if best is None else round(best.e1rm_kg, 2),
        }


def progress(uow: UnitOfWork, *, catalog: Catalog, user: User, exercise_id: str) -> Progress:
    """e1RM per day (each day's best set, ranked in SQL), rep records and the best e1RM."""
    exercise = catalog.exercise(exercise_id)
    with uow as db:
        day_bests = best_sets_by_day(db, user_id=user.id, exercise_id=exercise.id)
        kept = rep_maxima(db, user_id=user.id, exercise_id=exercise.id)
    points = e1rm_history(day_bests, exercise.id, load_type=exercise.load_type)
    best = records_from(points, kept, exercise.id, load_type=exercise.load_type)
    return Progress(exercise, tuple(points), best)


def volume(
    uow: UnitOfWork, *, catalog: Catalog, user: User, week: str | None, now: datetime
) -> dict[str, Any]:
    """Hard sets per back muscle in an ISO week against its landmarks (``volume --json``)."""
    wanted = check_week(week, "week") if week is not None else iso_week(now.date())
    monday, _ = parse_iso_week(wanted)
    since = datetime.combine(monday, time(), tzinfo=UTC) - TIME_ZONE_SLACK
    until = since + timedelta(days=7) + 2 * TIME_ZONE_SLACK
    with uow as db:
        done = [w for w in workouts(db, user_id=user.id, since=since) if w.started_at < until]
        profile = current_profile(db, user_id=user.id)
    level = profile.level if profile is not None else DEFAULT_LEVEL
    result = weekly_volume(done, catalog, wanted, level=level)
    return {
        "week": result.week,
        "muscles": {
            node: {
                "sets": v.sets,
                "mev": v.mev,
                "mav": list(v.mav) if v.mav else None,
                "mrv": v.mrv,
                "status": v.status.value if v.status else None,
            }
            for node, v in result.muscles.items()
        },
    }


def recovery(uow: UnitOfWork, *, catalog: Catalog, user: User, now: datetime) -> dict[str, float]:
    """Each back muscle's recovery now, 0-100 % (``recovery --json``)."""
    with uow as db:
        done = workouts(db, user_id=user.id, since=now - RECOVERY_WINDOW)
    percent = recovery_now(done, catalog, now)
    return {node: round(p, 1) for node, p in percent.items() if catalog.muscles[node].region.value != "other"}
