"""Progress and recovery analytics over logged training (pure).

Everything here reads the records of what was done (``sessions.records``) and the plan
(``planning.plan``) and returns plain frozen values; no database, no files, no clock (``now`` is
passed in). Masses are kilograms throughout, whatever unit a set was typed in.

    progress     e1RM history per exercise, rep-max records, the records a session sets
    volume       fractional hard sets per back node per ISO week, against volume landmarks
    recovery     per-node recovery now (least recovered part decides) and the 48 h hard floor
    adherence    sessions and sets done against the plan
    suggestions  next-session load and reps from the progression rules and what was done
    adaptation   coming sessions adapted to missed reps, high effort and pain, with reasons
"""

from backcoach.analysis.adaptation import Adaptation, Trigger, adapt_plan, pain_action
from backcoach.analysis.adherence import Adherence, WeekAdherence, adherence, match_workouts
from backcoach.analysis.progress import (
    E1rmPoint,
    NewRecord,
    PersonalRecords,
    Record,
    StrengthBests,
    e1rm_history,
    new_records,
    personal_records,
    records_beating,
    records_from,
    set_e1rm,
    strength_bests,
)
from backcoach.analysis.recovery import hard_loading_allowed, hours_until_hard, recovery_now
from backcoach.analysis.suggestions import DEFAULT_RULE, Suggestion, next_session_suggestions
from backcoach.analysis.volume import NodeVolume, WeekVolume, iso_week, parse_iso_week, weekly_volume

__all__ = [
    "DEFAULT_RULE",
    "Adaptation",
    "Adherence",
    "E1rmPoint",
    "NewRecord",
    "NodeVolume",
    "PersonalRecords",
    "Record",
    "StrengthBests",
    "Suggestion",
    "Trigger",
    "WeekAdherence",
    "WeekVolume",
    "adapt_plan",
    "adherence",
    "e1rm_history",
    "hard_loading_allowed",
    "hours_until_hard",
    "iso_week",
    "match_workouts",
    "new_records",
    "next_session_suggestions",
    "pain_action",
    "parse_iso_week",
    "personal_records",
    "records_beating",
    "records_from",
    "recovery_now",
    "set_e1rm",
    "strength_bests",
    "weekly_volume",
]
