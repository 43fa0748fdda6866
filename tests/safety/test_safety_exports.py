"""The safety package's public surface is pinned, so a removal is a deliberate change."""

from __future__ import annotations

import backcoach.safety


def test_safety_exports() -> None:
    assert set(backcoach.safety.__all__) == {
        "PRESCRIPTION_RULES", "RULE_KEYS", "WEEK_RULES", "BodyRegion", "Finding", "LoadCap", "Outcome",
        "PainAction", "PainDecision", "PainReport", "PlannedSession", "Prescription", "Question",
        "QuestionKind", "ScreeningDecision", "Severity", "Site", "Trainee", "Violation", "assess_pain",
        "cap_load", "check_prescription", "check_week", "clearance_expires", "is_relevant", "locate",
        "max_back_sessions", "min_recovery_hours", "parse_answers", "question", "questions", "rir_floor",
        "screen",
    }  # fmt: skip
    for name in backcoach.safety.__all__:
        assert hasattr(backcoach.safety, name)
