"""Safety core (pure): screening before training, what to do about pain, and guards on plans.

Every decision carries human-readable reasons that name their source. Nothing here does I/O
beyond reading the package's own data files (``safety/data/*.yaml``).

    screening  PAR-Q+ questions and back red flags -> cleared | start_gently | see_professional | emergency
    pain       a pain report -> stop_exercise | end_session | seek_care | emergency (never "continue")
    limits     the numeric ceilings and floors, with their sources
    guards     checks of planned sessions against those limits -> list of Violation
"""

from backcoach.safety.guards import (
    PRESCRIPTION_RULES,
    RULE_KEYS,
    WEEK_RULES,
    PlannedSession,
    Prescription,
    Trainee,
    Violation,
    check_prescription,
    check_week,
)
from backcoach.safety.limits import LoadCap, cap_load, max_back_sessions, min_recovery_hours, rir_floor
from backcoach.safety.pain import (
    BodyRegion,
    PainAction,
    PainDecision,
    PainReport,
    Site,
    assess_pain,
    locate,
)
from backcoach.safety.screening import (
    Finding,
    Outcome,
    Question,
    QuestionKind,
    ScreeningDecision,
    Severity,
    clearance_expires,
    is_relevant,
    parse_answers,
    question,
    questions,
    screen,
)

__all__ = [
    "PRESCRIPTION_RULES",
    "RULE_KEYS",
    "WEEK_RULES",
    "BodyRegion",
    "Finding",
    "LoadCap",
    "Outcome",
    "PainAction",
    "PainDecision",
    "PainReport",
    "PlannedSession",
    "Prescription",
    "Question",
    "QuestionKind",
    "ScreeningDecision",
    "Severity",
    "Site",
    "Trainee",
    "Violation",
    "assess_pain",
    "cap_load",
    "check_prescription",
    "check_week",
    "clearance_expires",
    "is_relevant",
    "locate",
    "max_back_sessions",
    "min_recovery_hours",
    "parse_answers",
    "question",
    "questions",
    "rir_floor",
    "screen",
]
