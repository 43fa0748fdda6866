"""A plan's public JSON (``Plan.to_json``) read back into the planning types.

The store keeps plans as JSON, which ``planning`` writes but does not read; this is the inverse.
Only JSON the store itself wrote is decoded, so a malformed value is a bug and raises plainly.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any, cast

from backcoach.planning.plan import (
    Block,
    BlockKind,
    Plan,
    PlanItem,
    Session,
    SetSpec,
    SetType,
    SolverReport,
    VolumeRow,
    Week,
)
from backcoach.planning.profile import Profile, Weekday

Json = dict[str, Any]


def plan_shell(plan: Plan) -> Json:
    """The plan's JSON with every week's sessions left out (they are stored one row each)."""
    data = plan.to_json()
    data["weeks"] = [{k: v for k, v in week.items() if k != "sessions"} for week in data["weeks"]]
    return data


def plan_from_json(shell: Json, sessions_by_week: dict[int, list[Session]]) -> Plan:
    """Rebuild a plan from its shell and each week's sessions (in order)."""
    return Plan(
        profile=Profile.model_validate(shell["profile"]),
        solver=_solver(shell["solver"]),
        weeks=tuple(_week(w, sessions_by_week.get(int(w["index"]), [])) for w in shell["weeks"]),
        explanations=tuple(str(e) for e in shell["explanations"]),
        volume=tuple(_volume_row(node, row) for node, row in shell["volume"].items()),
    )


def session_from_json(data: Json) -> Session:
    return Session(
        date=date.fromisoformat(data["date"]),
        weekday=Weekday(data["weekday"]),
        estimated_minutes=int(data["estimated_minutes"]),
        blocks=tuple(_block(b) for b in data["blocks"]),
        emphasis=str(data["emphasis"]),
    )


def _solver(data: Json) -> SolverReport:
    return SolverReport(
        status=str(data["status"]), objective=data.get("objective"), wall_ms=data.get("wall_ms")
    )


def _week(data: Json, sessions: list[Session]) -> Week:
    return Week(
        index=int(data["index"]),
        deload=bool(data["deload"]),
        sessions=tuple(sessions),
        variant=str(data["variant"]),
        gentle=bool(data["gentle"]),
        volume={str(k): float(v) for k, v in data["volume"].items()},
    )


def _volume_row(node: str, data: Json) -> VolumeRow:
    low, high = data["mav"]
    return VolumeRow(node, data["sets"], data["mev"], (low, high), data["mrv"], str(data["status"]))


def _block(data: Json) -> Block:
    return Block(kind=cast(BlockKind, data["kind"]), items=tuple(_item(i) for i in data["items"]))


def _item(data: Json) -> PlanItem:
    return _plan_item(
        str(data["exercise_id"]),
        tuple(_set(s) for s in data["sets"]),
        data["superset"],
        str(data["role"]),
        data["note"],
    )


@lru_cache(maxsize=4096)  # shared like _set_spec: deloads and A/B weeks repeat whole items
def _plan_item(
    exercise_id: str, sets: tuple[SetSpec, ...], superset: str | None, role: str, note: str | None
) -> PlanItem:
    return PlanItem(exercise_id, sets, superset, role, note)


def _set(data: Json) -> SetSpec:
    return _set_spec(
        cast(SetType, data["type"]),
        int(data["reps_min"]),
        int(data["reps_max"]),
        data["load_kg"],
        data["rir"],
        int(data["rest_s"]),
        data.get("hold_s"),
    )


# A plan repeats the same few set prescriptions hundreds of times (three working sets alike, the
# same ramp every week), and a frozen dataclass is slow to build: sharing one immutable SetSpec
# per distinct prescription made decoding a twelve-week plan several times faster.
@lru_cache(maxsize=4096)
def _set_spec(
    type_: SetType,
    reps_min: int,
    reps_max: int,
    load_kg: float | None,
    rir: int | None,
    rest_s: int,
    hold_s: int | None,
) -> SetSpec:
    return SetSpec(type_, reps_min, reps_max, load_kg, rir, rest_s, hold_s)
