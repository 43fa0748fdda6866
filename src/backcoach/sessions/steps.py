"""What the guided session asks the shell to show next: one immutable step at a time.

A step is a decision, never an action: the shell (CLI now, web later) renders it and feeds the
person's answer back as an event (``sessions.events``). Every step has a ``kind`` string so a
renderer can dispatch without importing the classes:

    drill       DrillStep         a warm-up or cool-down drill with its dose, steps and cues
    exercise    ExerciseStep      one set: i of n, target reps, suggested load, target RIR
    substitute  SubstituteStep    the first set of a lighter exercise taken after pain
    rest        RestStep          a countdown and what comes after it
    pain        PainGuidanceStep  the safety core's decision after a pain report
    paused      PausedStep        the session is on hold; Resume returns to where it was
    summary     SummaryStep       the end: sets done against planned, pain, the Workout record

Masses are kilograms; the shell converts them for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from backcoach.sessions.records import PainEntry, Workout


@dataclass(frozen=True, kw_only=True)
class DrillStep:
    kind: ClassVar[str] = "drill"

    exercise_id: str
    name: str
    block: str  # warmup or cooldown
    purpose: str | None  # the plan's note: raise, breathing, activation, mobility, stretch
    number: int  # this drill is ``number`` of ``of`` in its block
    of: int
    dose: str  # in words: "60 s", "5–10 breaths", "6–10 reps per side"
    reps_min: int
    reps_max: int
    hold_s: int | None
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    replaces: str | None = None  # set when this drill stands in for one stopped by pain


@dataclass(frozen=True, kw_only=True)
class ExerciseStep:
    kind: ClassVar[str] = "exercise"

    exercise_id: str
    name: str
    block: str  # warmup (ramp sets), back, core, arms
    role: str  # ramp, main, accessory, core, arms
    set_type: str  # warmup (ramp) or working
    set_number: int  # set ``set_number`` of ``sets``
    sets: int
    reps_min: int
    reps_max: int
    hold_s: int | None  # seconds per hold, for holds (reps then count holds)
    per_side: bool
    tempo: str | None
    load_kg: float | None  # the suggested load; None: body weight, or the person chooses
    load_note: str  # why this load (planned, raised, held, lowered, capped, body weight)
    rir: float | None  # target reps in reserve
    superset: str | None  # the superset label ("A"), when this set alternates with another
    superset_position: str | None  # "A1" or "A2"
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    note: str | None  # the plan's note for this exercise
    replaces: str | None = None  # the exercise this one stands in for after pain


@dataclass(frozen=True, kw_only=True)
class SubstituteStep(ExerciseStep):
    """The first set of the lighter exercise the person accepted after pain; later sets of it come
    as ordinary ExerciseSteps whose ``replaces`` names the stopped exercise."""

    kind: ClassVar[str] = "substitute"

    replaces_name: str
    sets_left: int  # sets the substitute takes over, this one included


@dataclass(frozen=True, kw_only=True)
class RestStep:
    kind: ClassVar[str] = "rest"

    seconds: int  # the countdown; the shell sends Continue (or Skip) when it is over
    began_at: datetime  # when this countdown began (the shell's clock does the counting)
    after: str  # the exercise id just done
    next_exercise_id: str
    next_name: str
    next_label: str  # in words: "Set 2 of 3: One-Arm Dumbbell Row"


@dataclass(frozen=True, kw_only=True)
class PausedStep:
    kind: ClassVar[str] = "paused"

    paused_at: datetime
    resumes: str  # in words, what Resume returns to


@dataclass(frozen=True, kw_only=True)
class ExerciseSummary:
    """One planned exercise (ramp sets and drills are counted on the summary, not here)."""

    exercise_id: str
    name: str
    planned: int  # working sets planned
    done: int  # working sets done, the substitute's included
    skipped: int
    stopped: int  # stopped by pain and not taken over by a substitute
    replaced_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class SummaryStep:
    kind: ClassVar[str] = "summary"

    ended_by: str  # completed, finished (the person ended it) or pain
    working_sets_planned: int
    working_sets_done: int
    ramp_sets_done: int
    drills_planned: int
    drills_done: int
    volume_kg: float  # sum of reps × load over working sets with a load (per hand for dumbbells)
    exercises: tuple[ExerciseSummary, ...]
    pain: tuple[PainEntry, ...]
    workout: Workout  # everything done, targets beside actuals, ready for the store

    @property
    def ended_early(self) -> bool:
        return self.ended_by != "completed"


@dataclass(frozen=True, kw_only=True)
class PainGuidanceStep:
    """The safety core's decision (``safety.pain.assess_pain``), in plain words. ``reasons``
    always include the floor reason: stop now, and see a professional if the pain persists."""

    kind: ClassVar[str] = "pain"

    action: str  # stop_exercise, end_session, seek_care, emergency
    headline: str
    reasons: tuple[str, ...]
    exercise_id: str | None  # the exercise that was stopped (None when none was under way)
    exercise_name: str | None
    substitute: str | None  # offered only with stop_exercise and sets left to take over
    substitute_name: str | None
    sets_left: int  # sets the substitute would take over
    session_over: bool
    then: str  # what happens next, in words
    summary: SummaryStep | None = None  # set when the session is over


Step = DrillStep | ExerciseStep | SubstituteStep | RestStep | PainGuidanceStep | PausedStep | SummaryStep
