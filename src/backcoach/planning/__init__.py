"""Plan generation (pure): profile -> a multi-week back programme that obeys the safety rules.

profile      who the plan is for
candidates   which exercises they may get, and how the solver sees each
schedule     which days become sessions
solver       the weekly CP-SAT model (hard rules, objective, conflicts)
fill         the second phase: spare minutes toward the adaptive volume range
builder      weeks, doses, loads, warm-ups, deloads, the safety check
explain      the plan's reasons in plain language
"""

from backcoach.planning.builder import PlanBug, build_plan, effective_level, planned_sessions, trainee_of
from backcoach.planning.plan import (
    Block,
    NoPlan,
    Plan,
    PlanItem,
    Session,
    SetSpec,
    SolverReport,
    VolumeRow,
    Week,
)
from backcoach.planning.profile import UBIQUITOUS_EQUIPMENT, Goal, Profile, Screening, Unit, Weekday

__all__ = [
    "UBIQUITOUS_EQUIPMENT",
    "Block",
    "Goal",
    "NoPlan",
    "Plan",
    "PlanBug",
    "PlanItem",
    "Profile",
    "Screening",
    "Session",
    "SetSpec",
    "SolverReport",
    "Unit",
    "VolumeRow",
    "Week",
    "Weekday",
    "build_plan",
    "effective_level",
    "planned_sessions",
    "trainee_of",
]
