"""Plan generation (pure): profile -> a multi-week back programme that obeys the safety rules.

profile       who the plan is for
prescription  sets, reps, reps in reserve and rest by goal, level and role (data file)
candidates    which exercises they may get, and how the solver sees each
schedule      which days become sessions
solver        the weekly CP-SAT model (hard rules, objective, conflicts, work limit)
reach         which main back muscles reach their minimum effective volume (assumption cores)
fill          the second phase: spare minutes toward the adaptive volume range
remedies      checked remedies for a muscle below its minimum, or the rule that binds
shortfall     those findings and each session's time use, as plain data
shortfall_text  and in words
time_use      each session's minutes against those given, and why a short one is not longer
variants      variant B: the alternate week, for variety
refusals      why there is no plan, and what would give one
dosing        one exercise's dose in one week: sets, reps in reserve, load, progression, deload
drills        warm-up and cool-down drills and ramp-up sets, trimmed to their time
timing        how long sets, drills and sessions take
weeks         the solved template laid out as dated weeks of sessions
safety_check  the plan as the safety guards see it, and the last check
builder       the orchestration: profile -> plan
explain       the plan's reasons in plain language
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
