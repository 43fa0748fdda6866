"""A plan's JSON reports each session's planned minutes against the minutes the person gave (issue 14)."""

from __future__ import annotations

from datetime import date

from backcoach.app import plan
from backcoach.catalog import Level, curated
from backcoach.planning import Goal, Plan, Profile, Weekday


def test_plan_json_reports_each_sessions_minutes_against_those_given() -> None:
    person = Profile(
        level=Level.BEGINNER,
        days=(Weekday.MON, Weekday.THU),
        minutes=45,
        equipment=frozenset({"dumbbells", "bench"}),
        goal=Goal.STRENGTH,
        start=date(2026, 11, 30),
        weeks=2,
    )
    built = plan.preview(person, catalog=curated())
    assert isinstance(built, Plan)
    shown = plan.to_json(built)["time_use"]
    sessions = [s for w in built.weeks for s in w.sessions]
    assert [(u["date"], u["used_min"]) for u in shown] == [
        (s.date.isoformat(), s.estimated_minutes) for s in sessions
    ]
    assert {u["given_min"] for u in shown} == {45}
    assert all(u["used_min"] <= u["given_min"] for u in shown)
