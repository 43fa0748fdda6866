"""The guided session's whole state, as plain immutable data that round-trips through JSON.

A web page that reloads (or a CLI that is closed) keeps ``GuidedState.to_json()`` and later
rebuilds the machine with ``GuidedSession.from_state``: the laid-out slots, the position, every
logged set and pain report travel in it, so nothing depends on the plan still being the same.
Datetimes are ISO 8601 with their offset; masses are kilograms.

Phases:

    ready    not started; only Start is accepted
    active   a drill or set (``cursor``) waits for SetDone, Skip or SkipExercise
    rest     a countdown before ``cursor``; Continue or Skip ends it
    pain     pain guidance is shown (``guidance``); Accept/DeclineSubstitute or Continue
    paused   on hold; Resume returns to ``paused_from``
    over     the summary (after pain, the guidance with the summary inside)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from backcoach.errors import InputError
from backcoach.sessions.records import LoggedSet, PainEntry, SetType, Target
from backcoach.sessions.sequence import Slot

STATE_VERSION = 1

Phase = Literal["ready", "active", "rest", "pain", "paused", "over"]
PHASES: tuple[Phase, ...] = ("ready", "active", "rest", "pain", "paused", "over")
RESUMABLE: tuple[Phase, ...] = ("active", "rest", "pain")  # the phases Pause may interrupt


@dataclass(frozen=True)
class Guidance:
    """A pain decision on screen: what the safety core said and what it stopped."""

    action: str
    headline: str
    reasons: tuple[str, ...]
    exercise_id: str | None
    substitute: str | None
    stopped: tuple[int, ...]  # the slots stopped by it that a substitute may take over

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "headline": self.headline,
            "reasons": list(self.reasons),
            "exercise_id": self.exercise_id,
            "substitute": self.substitute,
            "stopped": list(self.stopped),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Guidance:
        return cls(
            action=str(data["action"]),
            headline=str(data["headline"]),
            reasons=tuple(str(r) for r in data["reasons"]),
            exercise_id=data["exercise_id"],
            substitute=data["substitute"],
            stopped=tuple(int(i) for i in data["stopped"]),
        )


@dataclass(frozen=True)
class GuidedState:
    session_date: date
    slots: tuple[Slot, ...]
    phase: Phase = "ready"
    cursor: int | None = None
    paused_from: Phase | None = None
    paused_at: datetime | None = None
    rest_s: int = 0  # the current countdown's length
    rest_began: datetime | None = None
    rest_after: int | None = None  # the slot whose set the rest follows
    rest_taken_s: int | None = None  # the rest just taken, logged with the next set
    guidance: Guidance | None = None
    sets: tuple[LoggedSet, ...] = ()
    pain: tuple[PainEntry, ...] = ()
    stopped: tuple[str, ...] = ()  # exercise ids that pain stopped: never offered or done again
    started_at: datetime | None = None
    ended_at: datetime | None = None
    last_at: datetime | None = None  # the latest event's time: events may not go back in time
    ended_by: str | None = None  # completed, finished or pain
    version: int = field(default=STATE_VERSION)

    @property
    def position(self) -> int:
        """The slot on screen (active) or coming after the rest (rest)."""
        if self.cursor is None or not 0 <= self.cursor < len(self.slots):
            raise InputError(f"state: no slot at position {self.cursor!r}")
        return self.cursor

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "session_date": self.session_date.isoformat(),
            "slots": [s.to_json() for s in self.slots],
            "phase": self.phase,
            "cursor": self.cursor,
            "paused_from": self.paused_from,
            "paused_at": _iso(self.paused_at),
            "rest_s": self.rest_s,
            "rest_began": _iso(self.rest_began),
            "rest_after": self.rest_after,
            "rest_taken_s": self.rest_taken_s,
            "guidance": self.guidance.to_json() if self.guidance is not None else None,
            "sets": [set_to_json(s) for s in self.sets],
            "pain": [_pain_json(p) for p in self.pain],
            "stopped": list(self.stopped),
            "started_at": _iso(self.started_at),
            "ended_at": _iso(self.ended_at),
            "last_at": _iso(self.last_at),
            "ended_by": self.ended_by,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> GuidedState:
        """The state saved by ``to_json``; anything malformed is an InputError, not a crash."""
        try:
            if data["version"] != STATE_VERSION:
                raise InputError(f"state: version {data['version']!r} is not {STATE_VERSION}")
            phase = data["phase"]
            paused_from = data["paused_from"]
            if phase not in PHASES or (paused_from is not None and paused_from not in PHASES):
                raise InputError(f"state: phase {phase!r} is not one of {', '.join(PHASES)}")
            guidance = data["guidance"]
            state = cls(
                session_date=date.fromisoformat(data["session_date"]),
                slots=tuple(Slot.from_json(dict(s)) for s in data["slots"]),
                phase=phase,
                cursor=data["cursor"],
                paused_from=paused_from,
                paused_at=_time(data["paused_at"]),
                rest_s=int(data["rest_s"]),
                rest_began=_time(data["rest_began"]),
                rest_after=data["rest_after"],
                rest_taken_s=data["rest_taken_s"],
                guidance=Guidance.from_json(guidance) if guidance is not None else None,
                sets=tuple(set_from_json(s) for s in data["sets"]),
                pain=tuple(_pain_from(p) for p in data["pain"]),
                stopped=tuple(str(s) for s in data["stopped"]),
                started_at=_time(data["started_at"]),
                ended_at=_time(data["ended_at"]),
                last_at=_time(data["last_at"]),
                ended_by=data["ended_by"],
            )
        except InputError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"state: not a saved guided session ({type(exc).__name__}: {exc})") from exc
        _check_consistent(state)
        return state


def _check_consistent(state: GuidedState) -> None:
    """Refuse a state that no sequence of events could have produced (a damaged save)."""
    problem = None
    count = len(state.slots)
    if state.phase != "ready" and state.started_at is None:
        problem = "a started session needs started_at"
    elif state.phase == "paused" and (
        state.paused_at is None or state.paused_from not in ("active", "rest", "pain")
    ):
        problem = "a paused session needs paused_at and what it paused"
    elif "pain" in (state.phase, state.paused_from) and state.guidance is None:
        problem = "the pain phase needs its guidance"
    elif state.guidance is not None and any(not 0 <= i < count for i in state.guidance.stopped):
        problem = "the guidance names a slot that does not exist"
    else:
        shown = state.paused_from if state.phase == "paused" else state.phase
        if shown in ("active", "rest"):
            if (
                state.cursor is None
                or not 0 <= state.cursor < count
                or state.slots[state.cursor].status != "pending"
            ):
                problem = f"the {shown} phase needs a pending slot at the cursor"
            elif shown == "rest" and (
                state.rest_after is None or not 0 <= state.rest_after < count or state.rest_began is None
            ):
                problem = "a rest needs the slot it follows and when it began"
    if problem is not None:
        raise InputError(f"state: {problem}")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def set_to_json(s: LoggedSet) -> dict[str, Any]:
    """A logged set as plain JSON (the guided state's form; ``set_from_json`` reads it back)."""
    return {
        "exercise_id": s.exercise_id,
        "performed_at": s.performed_at.isoformat(),
        "reps": s.reps,
        "load_kg": s.load_kg,
        "set_type": s.set_type.value,
        "rir": s.rir,
        "rest_s": s.rest_s,
        "target": {
            "reps_min": s.target.reps_min,
            "reps_max": s.target.reps_max,
            "load_kg": s.target.load_kg,
            "rir": s.target.rir,
        },
        "entered_unit": s.entered_unit,
        "hold_s": s.hold_s,
        "note": s.note,
    }


def set_from_json(data: Mapping[str, Any]) -> LoggedSet:
    """The set ``set_to_json`` wrote; KeyError, TypeError or ValueError for anything else."""
    unit = data["entered_unit"]
    if unit not in ("kg", "lb"):
        raise ValueError(f"unit {unit!r}")
    return LoggedSet(
        exercise_id=data["exercise_id"],
        performed_at=datetime.fromisoformat(data["performed_at"]),
        reps=data["reps"],
        load_kg=data["load_kg"],
        set_type=SetType(data["set_type"]),
        rir=data["rir"],
        rest_s=data["rest_s"],
        target=Target(**data["target"]),
        entered_unit=unit,
        hold_s=data["hold_s"],
        note=data.get("note"),  # absent in states and undo tokens written before set notes
    )


def _pain_json(p: PainEntry) -> dict[str, Any]:
    return {
        "reported_at": p.reported_at.isoformat(),
        "location": p.location,
        "severity": p.severity,
        "sharp": p.sharp,
        "radiating": p.radiating,
        "numbness": p.numbness,
        "exercise_id": p.exercise_id,
        "action": p.action,
    }


def _pain_from(data: Mapping[str, Any]) -> PainEntry:
    return PainEntry(**{**data, "reported_at": datetime.fromisoformat(data["reported_at"])})
