"""The analysis package's public surface is pinned, so a removal is a deliberate change."""

from __future__ import annotations

import backcoach.analysis


def test_analysis_exports() -> None:
    assert set(backcoach.analysis.__all__) == {
        "DEFAULT_RULE", "Adaptation", "Adherence", "E1rmPoint", "NewRecord", "NodeVolume",
        "PersonalRecords", "Record", "Suggestion", "Trigger", "WeekAdherence", "WeekVolume",
        "adapt_plan", "adherence", "e1rm_history", "hard_loading_allowed", "hours_until_hard",
        "iso_week", "match_workouts", "new_records", "next_session_suggestions", "pain_action",
        "parse_iso_week", "personal_records", "recovery_now", "set_e1rm", "weekly_volume",
        "StrengthBests", "records_beating", "strength_bests", "records_from",
    }  # fmt: skip
    for name in backcoach.analysis.__all__:
        assert hasattr(backcoach.analysis, name)
