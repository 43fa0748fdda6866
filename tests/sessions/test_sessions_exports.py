"""The public surface of ``backcoach.sessions`` is pinned, so a removal is a deliberate change."""

from __future__ import annotations

from datetime import date

import backcoach.sessions
from backcoach.catalog import Level
from backcoach.planning import Profile
from backcoach.sessions import GuidedContext


def test_sessions_exports() -> None:
    assert set(backcoach.sessions.__all__) == {
        "AcceptSubstitute", "BodyWeight", "Continue", "DeclineSubstitute", "DrillStep", "Event",
        "ExerciseStep", "ExerciseSummary", "Feeling", "Finish", "GuidedContext", "GuidedSession",
        "GuidedState", "LoadAdvice", "LoggedSet", "PainEntry", "PainGuidanceStep", "PainReported",
        "Pause", "PausedStep", "RestStep", "Resume", "SetDone", "SetTarget", "SetType", "Skip",
        "SkipExercise", "Slot", "Start", "Step", "SubstituteStep", "SummaryStep", "Target", "Workout",
        "next_load", "sequence",
    }  # fmt: skip
    for name in backcoach.sessions.__all__:
        assert hasattr(backcoach.sessions, name)


def test_every_step_has_a_kind_for_renderers() -> None:
    kinds = {
        backcoach.sessions.DrillStep.kind,
        backcoach.sessions.ExerciseStep.kind,
        backcoach.sessions.SubstituteStep.kind,
        backcoach.sessions.RestStep.kind,
        backcoach.sessions.PainGuidanceStep.kind,
        backcoach.sessions.PausedStep.kind,
        backcoach.sessions.SummaryStep.kind,
    }
    assert kinds == {"drill", "exercise", "substitute", "rest", "pain", "paused", "summary"}


def test_context_from_profile_uses_the_level_whose_limits_the_plan_used() -> None:
    profile = Profile(
        level="intermediate",
        days=("mon",),
        minutes=45,
        goal="strength",
        start=date(2026, 11, 30),
        bodyweight_kg=70,
        screening="start_gently",
        unit="lb",
        e1rm_kg={"one-arm-dumbbell-row": 30.0},
    )
    ctx = GuidedContext.from_profile(profile)
    assert ctx.level is Level.BEGINNER
    assert (ctx.unit, ctx.body_weight_kg, dict(ctx.e1rm_kg)) == ("lb", 70, {"one-arm-dumbbell-row": 30.0})
    assert ctx.equipment is not None and "mat" in ctx.equipment
