"""Progression rules: small pure modules behind a registry with stable keys.

    linear      add load after N successes, reset after M failures      (linear.py)
    double      reps up through a range, then load                      (double.py)
    sum         load once the reps of all sets reach a total            (rep_sum.py)
    rpe         next load from the e1RM the last set's RIR implies      (rpe.py)
    nsca-2for2  load after two sessions with 2+ reps over the goal      (two_for_two.py)

Each rule is a frozen dataclass of settings with ``decide(history) -> ProgressionDecision``.
Increments come from data/increments.yaml (ACSM 2009, NSCA; see increments.py).
"""

from backcoach.science.progression.double import DoubleProgression
from backcoach.science.progression.increments import (
    BodyRegion,
    Step,
    body_region,
    deload_percent,
    increment_percent,
    step_down,
    step_up,
)
from backcoach.science.progression.linear import LinearProgression
from backcoach.science.progression.records import Action, ProgressionDecision, SetResult, WorkoutRecord
from backcoach.science.progression.registry import RULES, ProgressionRule, make_rule, rule_class
from backcoach.science.progression.rep_sum import RepSumProgression
from backcoach.science.progression.rpe import RpeProgression
from backcoach.science.progression.steps import LoadSteps
from backcoach.science.progression.two_for_two import TwoForTwo

__all__ = [
    "RULES",
    "Action",
    "BodyRegion",
    "DoubleProgression",
    "LinearProgression",
    "LoadSteps",
    "ProgressionDecision",
    "ProgressionRule",
    "RepSumProgression",
    "RpeProgression",
    "SetResult",
    "Step",
    "TwoForTwo",
    "WorkoutRecord",
    "body_region",
    "deload_percent",
    "increment_percent",
    "make_rule",
    "rule_class",
    "step_down",
    "step_up",
]
