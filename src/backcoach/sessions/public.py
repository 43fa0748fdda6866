"""Public, JSON-ready shapes of logged training, shared by the CLI and the HTTP API.

These shapes are a contract (``log --json``, ``history --json``, ``/api/v1/workouts``): extend
them, never rename keys.
"""

from __future__ import annotations

from typing import Any

from backcoach.sessions.records import LoggedSet


def set_json(s: LoggedSet) -> dict[str, Any]:
    return {
        "exercise_id": s.exercise_id,
        "performed_at": s.performed_at.isoformat(),
        "type": s.set_type.value,
        "reps": s.reps,
        "load_kg": s.load_kg,
        "rir": s.rir,
        "rest_s": s.rest_s,
        "hold_s": s.hold_s,
        "entered_unit": s.entered_unit,
        "note": s.note,
        "target": {
            "reps_min": s.target.reps_min,
            "reps_max": s.target.reps_max,
            "load_kg": s.target.load_kg,
            "rir": s.target.rir,
        },
    }
