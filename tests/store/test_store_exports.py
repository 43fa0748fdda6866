"""The store's public surface is pinned, so a removal is a deliberate change."""

from __future__ import annotations

import backcoach.store


def test_store_exports() -> None:
    assert set(backcoach.store.__all__) == {
        "LOCAL_USER", "Account", "GuidedRecord", "PersonalRecord", "ProfileVersion", "ScheduledSession",
        "ScreeningResult", "User", "account_by_email", "active_guided", "active_plan", "add_body_weight",
        "add_pain", "add_set", "append_sets", "add_user", "body_weights", "create_account", "finish_guided",
        "guided_by_id", "save_guided", "set_password_hash", "user_email",
        "current_profile", "current_revision", "database_url", "default_user", "downgrade",
        "ensure_schema", "finish_workout", "get_user", "head_revision", "latest_screening", "log_workout",
        "make_engine", "pain_reports", "planned_session_on", "profile_history", "records",
        "replace_planned_session", "save_plan", "save_profile", "save_screening", "scheduled_sessions",
        "session_scope", "set_display_unit", "sets_for_exercise", "start_workout", "upgrade",
        "upsert_record", "user_named", "workout", "workouts", "strength_bests", "best_sets_by_day",
        "rep_maxima", "plan_adaptations", "has_active_plan", "last_set_ids",
        "delete_set", "delete_workout", "rebuild_records", "replace_set", "restore_set", "set_ids",
        "set_owner", "stored_set", "describe_workout", "last_sets",
    }  # fmt: skip
    for name in backcoach.store.__all__:
        assert hasattr(backcoach.store, name)
