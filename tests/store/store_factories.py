"""Small constructors for the store tests: valid values with one thing changed at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from backcoach.planning import Profile
from backcoach.sessions.records import BodyWeight, Feeling, LoggedSet, PainEntry, SetType, Target, Workout

ROW = "bent-over-barbell-row"
PULL_UP = "pull-up"
FACE_PULL = "face-pull"
BERLIN_WINTER = timezone(timedelta(hours=1))
STARTED = datetime(2026, 11, 30, 18, 0, tzinfo=BERLIN_WINTER)
# The fixed "now" of the store tests: everything they log happened before it.
NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)


def logged(n: int = 0, **changes: Any) -> LoggedSet:
    """The ``n``-th set of a session: a working row set, a minute after the previous one."""
    fields: dict[str, Any] = {
        "exercise_id": ROW,
        "performed_at": STARTED + timedelta(minutes=n + 1),
        "reps": 8,
        "load_kg": 60.0,
        "set_type": SetType.WORKING,
        "rir": 2.0,
        "rest_s": 120,
        "target": Target(reps_min=6, reps_max=10, load_kg=60.0, rir=2.0),
    }
    fields.update(changes)
    return LoggedSet(**fields)


def pain(**changes: Any) -> PainEntry:
    fields: dict[str, Any] = {
        "reported_at": STARTED + timedelta(minutes=30),
        "location": "lower_back",
        "severity": 3,
        "exercise_id": ROW,
        "action": "stop_exercise",
    }
    fields.update(changes)
    return PainEntry(**fields)


def workout(**changes: Any) -> Workout:
    """A finished session: a warm-up, two working sets, a drop set, a pull-up to failure, a pain report."""
    fields: dict[str, Any] = {
        "started_at": STARTED,
        "ended_at": STARTED + timedelta(hours=1),
        "sets": (
            logged(0, set_type=SetType.WARMUP, load_kg=30.0, reps=10, rir=None, target=Target()),
            logged(1),
            logged(2, reps=7, rir=1.0),
            logged(3, set_type=SetType.DROP, load_kg=45.0, reps=10, rir=0.0),
            logged(4, exercise_id=PULL_UP, load_kg=None, reps=6, set_type=SetType.FAILURE, rir=0.0),
        ),
        "notes": "grip gave out before the back did",
        "feeling": Feeling.GOOD,
        "pain": (pain(),),
    }
    fields.update(changes)
    return Workout(**fields)


def body_weight(days: int = 0, kg: float = 80.0, unit: str = "kg") -> BodyWeight:
    return BodyWeight(datetime(2026, 11, 1, 7, 0, tzinfo=UTC) + timedelta(days=days), kg, unit)


def profile(**changes: Any) -> Profile:
    fields: dict[str, Any] = {
        "level": "beginner",
        "days": ("mon", "wed", "fri"),
        "minutes": 45,
        "equipment": frozenset({"dumbbells", "bench"}),
        "goal": "strength",
        "weeks": 4,
        "start": date(2026, 11, 30),
    }
    fields.update(changes)
    return Profile(**fields)
