"""The planning package's public surface: what other layers import must stay importable."""

from __future__ import annotations

import backcoach.planning
import backcoach.planning.builder

PUBLIC = {
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
}
# Names that were importable from the builder before it was split along its seams (issue 10).
BUILDER = {
    "COOLDOWN_BOUNDS",
    "COOLDOWN_SHARE",
    "DELOAD",
    "DRILL_GAP_S",
    "GENTLE_WEEKS",
    "START_SHARE_OF_CAP",
    "UPPER_ARM_STRETCHES",
    "WARMUP_BOUNDS",
    "WARMUP_SHARE",
    "PlanBug",
    "block_allowances",
    "build_plan",
    "effective_level",
    "excluded_reason",
    "planned_sessions",
    "trainee_of",
    "week_problem",
}


def test_the_package_exports_exactly_its_public_names() -> None:
    assert set(backcoach.planning.__all__) == PUBLIC
    assert all(hasattr(backcoach.planning, name) for name in PUBLIC)


def test_the_builder_keeps_every_name_it_exported_before_the_split() -> None:
    assert set(backcoach.planning.builder.__all__) == BUILDER
    assert all(hasattr(backcoach.planning.builder, name) for name in BUILDER)
