"""Pure training science: 1RM, intensity, loading, volume, recovery, progression, deload, warm-up.

Every function takes and returns plain values (numbers, frozen dataclasses, catalogue models); the
only reading done is of this package's own data tables in ``data/``. Numbers are checked against
the published tables collected in training-science.md, and each module names its sources.

    one_rep_max   1RM formulas (Epley, Brzycki, ...), default Brzycki
    intensity     NSCA %1RM <-> reps table; RTS RPE/RIR chart
    loading       achievable loads (dumbbells, plates, stacks), conservative rounding, suggest_load
    units         kg <-> lb
    volume        fractional weekly sets per muscle, roll-up, volume landmarks
    recovery      fatigue model and the 48 h hard floor
    progression   rules behind a registry: linear, double, sum, rpe, nsca-2for2
    deload        planned and signal-triggered deloads
    warmup        ramp sets, warm-up and cool-down blocks
"""

from backcoach.science import progression
from backcoach.science.deload import (
    DeloadDecision,
    DeloadPolicy,
    DeloadPrescription,
    deload_decision,
    effort_reason,
    session_e1rm,
    stall_reason,
)
from backcoach.science.intensity import (
    Intensity,
    e1rm_from_set,
    effort_as_rir,
    percent_1rm,
    percent_for_reps,
    reps_for_percent,
    rir_for_rpe,
    rpe_for_rir,
    rts_curve,
)
from backcoach.science.loading import (
    DumbbellSet,
    FixedIncrement,
    Loadable,
    LoadSuggestion,
    PlateSet,
    preset_loadable,
    round_load,
    suggest_load,
    typical_loadable,
    typical_preset,
)
from backcoach.science.one_rep_max import (
    DEFAULT_FORMULA,
    FORMULAS,
    OneRepMaxEstimate,
    estimate_1rm,
    estimate_all,
)
from backcoach.science.progression import (
    RULES,
    Action,
    ProgressionDecision,
    ProgressionRule,
    SetResult,
    WorkoutRecord,
    make_rule,
)
from backcoach.science.recovery import (
    HARD_FLOOR_HOURS,
    ExerciseLog,
    RecoveryModel,
    can_load_hard,
    hours_until_hard_loading_allowed,
    recovery_by_muscle,
    recovery_percent,
)
from backcoach.science.units import Unit, from_kg, kg_to_lb, lb_to_kg, to_kg
from backcoach.science.volume import (
    ROLE_FRACTION,
    Landmark,
    Landmarks,
    VolumeStatus,
    classify,
    landmark,
    landmarks,
    roll_up,
    weekly_sets,
)
from backcoach.science.warmup import (
    Block,
    BlockItem,
    DrillRole,
    RampSet,
    cooldown_block,
    ramp_for,
    ramp_sets,
    warmup_block,
)

__all__ = [
    "DEFAULT_FORMULA",
    "FORMULAS",
    "HARD_FLOOR_HOURS",
    "ROLE_FRACTION",
    "RULES",
    "Action",
    "Block",
    "BlockItem",
    "DeloadDecision",
    "DeloadPolicy",
    "DeloadPrescription",
    "DrillRole",
    "DumbbellSet",
    "ExerciseLog",
    "FixedIncrement",
    "Intensity",
    "Landmark",
    "Landmarks",
    "LoadSuggestion",
    "Loadable",
    "OneRepMaxEstimate",
    "PlateSet",
    "ProgressionDecision",
    "ProgressionRule",
    "RampSet",
    "RecoveryModel",
    "SetResult",
    "Unit",
    "VolumeStatus",
    "WorkoutRecord",
    "can_load_hard",
    "classify",
    "cooldown_block",
    "deload_decision",
    "e1rm_from_set",
    "effort_as_rir",
    "effort_reason",
    "estimate_1rm",
    "estimate_all",
    "from_kg",
    "hours_until_hard_loading_allowed",
    "kg_to_lb",
    "landmark",
    "landmarks",
    "lb_to_kg",
    "make_rule",
    "percent_1rm",
    "percent_for_reps",
    "preset_loadable",
    "progression",
    "ramp_for",
    "ramp_sets",
    "recovery_by_muscle",
    "recovery_percent",
    "reps_for_percent",
    "rir_for_rpe",
    "roll_up",
    "round_load",
    "rpe_for_rir",
    "rts_curve",
    "session_e1rm",
    "stall_reason",
    "suggest_load",
    "to_kg",
    "typical_loadable",
    "typical_preset",
    "warmup_block",
    "weekly_sets",
]
