"""What a person does during a guided session, as events the shell feeds to the state machine.

Every event carries its own timezone-aware ``at``: the machine never reads a clock, so the same
events always give the same steps (and tests need no fake clock). Values are checked when an
event is built, with the limits of ``sessions.records`` (a typo is refused with an InputError
naming the field); whether an event makes sense *now* is the machine's question.

    Start              begin the session (the first event, and only the first)
    SetDone            the current set or drill is done, with the actual numbers
    Skip               skip the current set or drill; during a rest, end the rest now
    SkipExercise       skip the rest of the current exercise (during a rest: the one coming next)
    Continue           move on: the rest is over, or the pain guidance has been read
    PainReported       it hurts: the safety core decides what happens (allowed at any point)
    AcceptSubstitute   take the lighter exercise the pain guidance offered
    DeclineSubstitute  leave the exercise out and move on
    Pause / Resume     hold the position and come back to it
    Finish             end the session now; the summary records what was done
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from backcoach.errors import InputError
from backcoach.safety.pain import PainReport
from backcoach.sessions.records import MAX_LOAD_KG, MAX_REPS, MAX_REST_S, MAX_RIR, MAX_SET_NOTE


def _aware(at: datetime) -> None:
    if not isinstance(at, datetime):
        raise InputError(f"at: {at!r} must be a date and time")
    if at.tzinfo is None or at.utcoffset() is None:
        raise InputError(f"at: '{at.isoformat()}' needs a time zone")


@dataclass(frozen=True)
class _Event:
    at: datetime

    def __post_init__(self) -> None:
        _aware(self.at)


@dataclass(frozen=True)
class Start(_Event):
    pass


@dataclass(frozen=True)
class SetDone(_Event):
    """The actual numbers. ``load_kg`` None means the load the step suggested (none for
    body-weight work); ``rir`` None means the person did not say (the target is assumed)."""

    reps: int
    load_kg: float | None = None
    rir: float | None = None
    hold_s: int | None = None
    note: str | None = None  # the person's own words on this set

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.note is not None and len(self.note) > MAX_SET_NOTE:
            raise InputError(f"note: {len(self.note)} characters is more than {MAX_SET_NOTE}")
        if isinstance(self.reps, bool) or not isinstance(self.reps, int) or not 0 <= self.reps <= MAX_REPS:
            raise InputError(f"reps: {self.reps!r} must be a whole number from 0 to {MAX_REPS}")
        if self.load_kg is not None and (
            isinstance(self.load_kg, bool)
            or not isinstance(self.load_kg, int | float)
            or not 0 <= self.load_kg <= MAX_LOAD_KG
        ):
            raise InputError(f"load: {self.load_kg!r} kg must be from 0 to {MAX_LOAD_KG:g} kg")
        if self.rir is not None and (
            isinstance(self.rir, bool)
            or not isinstance(self.rir, int | float)
            or not 0 <= self.rir <= MAX_RIR
        ):
            raise InputError(f"rir: {self.rir!r} must be from 0 to {MAX_RIR:g}")
        if self.hold_s is not None and (
            isinstance(self.hold_s, bool)
            or not isinstance(self.hold_s, int)
            or not 0 <= self.hold_s <= MAX_REST_S
        ):
            raise InputError(f"hold: {self.hold_s!r} s must be a whole number from 0 to {MAX_REST_S} s")


@dataclass(frozen=True)
class Skip(_Event):
    pass


@dataclass(frozen=True)
class SkipExercise(_Event):
    pass


@dataclass(frozen=True)
class Continue(_Event):
    pass


@dataclass(frozen=True)
class PainReported(_Event):
    """Where and how much it hurts, as ``safety.pain.PainReport`` takes it (location: a body
    region such as ``lower_back``, or a muscle id), plus the cauda equina signs."""

    location: str
    severity: int
    sharp: bool = False
    radiating: bool = False
    numbness: bool = False
    saddle_numbness: bool = False
    bladder_or_bowel_change: bool = False
    leg_weakness: bool = False
    both_legs: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        self.report()  # validates severity and location now, with the safety core's own messages

    def report(self) -> PainReport:
        return PainReport(
            location=self.location,
            severity=self.severity,
            sharp=self.sharp,
            radiating=self.radiating,
            numbness=self.numbness,
            saddle_numbness=self.saddle_numbness,
            bladder_or_bowel_change=self.bladder_or_bowel_change,
            leg_weakness=self.leg_weakness,
            both_legs=self.both_legs,
        )


@dataclass(frozen=True)
class AcceptSubstitute(_Event):
    pass


@dataclass(frozen=True)
class DeclineSubstitute(_Event):
    pass


@dataclass(frozen=True)
class Pause(_Event):
    pass


@dataclass(frozen=True)
class Resume(_Event):
    pass


@dataclass(frozen=True)
class Finish(_Event):
    pass


Event = (
    Start
    | SetDone
    | Skip
    | SkipExercise
    | Continue
    | PainReported
    | AcceptSubstitute
    | DeclineSubstitute
    | Pause
    | Resume
    | Finish
)
