"""The programme a person follows, as plain immutable data with its public JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from backcoach.planning.profile import Profile, Weekday
from backcoach.planning.shortfall import Shortfall, TimeUse

SetType = Literal["warmup", "working"]
BlockKind = Literal["warmup", "back", "core", "arms", "cooldown"]


@dataclass(frozen=True)
class SetSpec:
    type: SetType
    reps_min: int
    reps_max: int
    load_kg: float | None
    rir: int | None
    rest_s: int
    hold_s: int | None = None  # for holds and timed work: seconds per set (reps then count holds)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "reps_min": self.reps_min,
            "reps_max": self.reps_max,
            "load_kg": self.load_kg,
            "rir": self.rir,
            "rest_s": self.rest_s,
        }
        if self.hold_s is not None:
            out["hold_s"] = self.hold_s
        return out


@dataclass(frozen=True)
class PlanItem:
    exercise_id: str
    sets: tuple[SetSpec, ...]
    superset: str | None = None
    role: str = "accessory"  # main, accessory, core, arms, drill
    note: str | None = None

    @property
    def working_sets(self) -> tuple[SetSpec, ...]:
        return tuple(s for s in self.sets if s.type == "working")

    def to_json(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "superset": self.superset,
            "role": self.role,
            "sets": [s.to_json() for s in self.sets],
            "note": self.note,
        }


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    items: tuple[PlanItem, ...]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "items": [i.to_json() for i in self.items]}


@dataclass(frozen=True)
class Session:
    date: date
    weekday: Weekday
    estimated_minutes: int
    blocks: tuple[Block, ...]
    emphasis: str  # upper, lower or full (which part of the back takes the targets)

    def block(self, kind: BlockKind) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)

    @property
    def items(self) -> tuple[PlanItem, ...]:
        return tuple(i for b in self.blocks for i in b.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "weekday": self.weekday.value,
            "estimated_minutes": self.estimated_minutes,
            "emphasis": self.emphasis,
            "blocks": [b.to_json() for b in self.blocks],
        }


@dataclass(frozen=True)
class Week:
    index: int
    deload: bool
    sessions: tuple[Session, ...]
    variant: str = "A"
    gentle: bool = False
    volume: dict[str, float] = field(default_factory=dict)  # back node → fractional working sets

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "deload": self.deload,
            "variant": self.variant,
            "gentle": self.gentle,
            "volume": self.volume,
            "sessions": [s.to_json() for s in self.sessions],
        }


@dataclass(frozen=True)
class SolverReport:
    """How the week was found. ``status``: OPTIMAL (proven best); WITHIN_GAP (the search stopped at
    its work limit with a week within ``solver.GAP_LIMIT`` of the proven bound); FEASIBLE (stopped
    there further from it: every hard rule holds, but a cheaper week may exist); INFEASIBLE (the
    rules conflict); REFUSED (the screening says to seek care first); UNKNOWN (no week within the
    work limit)."""

    status: str
    objective: float | None = None
    wall_ms: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status}
        if self.objective is not None:
            out["objective"] = self.objective
        if self.wall_ms is not None:
            out["wall_ms"] = round(self.wall_ms, 1)
        return out


@dataclass(frozen=True)
class VolumeRow:
    node: str
    sets: float
    mev: float
    mav: tuple[float, float]
    mrv: float
    status: str

    def to_json(self) -> dict[str, Any]:
        return {
            "sets": self.sets,
            "mev": self.mev,
            "mav": list(self.mav),
            "mrv": self.mrv,
            "status": self.status,
        }


@dataclass(frozen=True)
class Plan:
    profile: Profile
    solver: SolverReport
    weeks: tuple[Week, ...]
    explanations: tuple[str, ...]
    volume: tuple[VolumeRow, ...] = ()
    # Issue 14: main back muscles below their minimum, with checked remedies or the binding rule,
    # and each session's minutes against those given. Made with the plan, not stored (the
    # explanations carry them in words), so they do not count in comparing plans.
    shortfalls: tuple[Shortfall, ...] = field(default=(), compare=False)
    time_use: tuple[TimeUse, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "solver": self.solver.to_json(),
            "profile": self.profile.model_dump(mode="json"),
            "volume": {row.node: row.to_json() for row in self.volume},
            "weeks": [w.to_json() for w in self.weeks],
            "explanations": list(self.explanations),
        }


@dataclass(frozen=True)
class NoPlan:
    """No plan could be given: the screening refused one, or the constraints conflict."""

    solver: SolverReport
    conflicts: tuple[str, ...]
    suggestions: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "solver": self.solver.to_json(),
            "conflicts": list(self.conflicts),
            "suggestions": list(self.suggestions),
        }
