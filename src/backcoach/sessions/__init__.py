"""Guided sessions (pure, sans-I/O) and the records of what was done.

records       what was done: logged sets, workouts, pain entries (the store's contract)
events        what the person does: Start, SetDone, Skip, PainReported, Pause, Finish, ...
steps         what to show next: drill, exercise set, rest, pain guidance, summary, ...
guided        the state machine: GuidedSession(session, catalog=, context=).start/send
context       who is training (level, unit, body weight, e1RMs, equipment)
autoregulate  the next set's suggested load from the last set's reps and reps in reserve
sequence      a planned session laid out as slots, supersets alternating
state         the machine's state as JSON-ready data (a page reload resumes from it)
render        state -> step
"""

from backcoach.sessions.autoregulate import LoadAdvice, SetTarget, next_load
from backcoach.sessions.context import GuidedContext
from backcoach.sessions.events import (
    AcceptSubstitute,
    Continue,
    DeclineSubstitute,
    Event,
    Finish,
    PainReported,
    Pause,
    Resume,
    SetDone,
    Skip,
    SkipExercise,
    Start,
)
from backcoach.sessions.guided import GuidedSession
from backcoach.sessions.records import (
    BodyWeight,
    Feeling,
    LoggedSet,
    PainEntry,
    SetType,
    Target,
    Workout,
)
from backcoach.sessions.sequence import Slot, sequence
from backcoach.sessions.state import GuidedState
from backcoach.sessions.steps import (
    DrillStep,
    ExerciseStep,
    ExerciseSummary,
    PainGuidanceStep,
    PausedStep,
    RestStep,
    Step,
    SubstituteStep,
    SummaryStep,
)

__all__ = [
    "AcceptSubstitute",
    "BodyWeight",
    "Continue",
    "DeclineSubstitute",
    "DrillStep",
    "Event",
    "ExerciseStep",
    "ExerciseSummary",
    "Feeling",
    "Finish",
    "GuidedContext",
    "GuidedSession",
    "GuidedState",
    "LoadAdvice",
    "LoggedSet",
    "PainEntry",
    "PainGuidanceStep",
    "PainReported",
    "Pause",
    "PausedStep",
    "RestStep",
    "Resume",
    "SetDone",
    "SetTarget",
    "SetType",
    "Skip",
    "SkipExercise",
    "Slot",
    "Start",
    "Step",
    "SubstituteStep",
    "SummaryStep",
    "Target",
    "Workout",
    "next_load",
    "sequence",
]
