"""Desk breaks through the use cases, on SQLite and PostgreSQL: the safety gate holds them like any
training, the plan JSON carries them, the profile refuses more than four, and the calendar holds
one repeating reminder per break with stable UIDs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from backcoach.app import desk_breaks, plan, profile, screening
from backcoach.app import pain as pain_uc
from backcoach.app.history_export import export_calendar
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.planning import Plan
from backcoach.safety import PainReport
from backcoach.store import User, default_user
from db_urls import engine, module_engine

__all__ = ["engine", "module_engine"]  # the shared database fixtures

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # a Tuesday morning
CAT = curated()
PROFILE = {
    "level": "beginner",
    "days": ["mon", "thu"],
    "minutes": 45,
    "goal": "hypertrophy",
    "weeks": 2,
    "equipment": ["dumbbells"],
}


def _user(engine: Engine) -> User:
    with UnitOfWork(engine) as db:
        return default_user(db)


def _cleared(engine: Engine, user: User, at: datetime = NOW) -> None:
    screening.take(UnitOfWork(engine), user=user, answers={}, now=at)


def _with_breaks(engine: Engine, user: User, per_day: int = 2) -> None:
    changes = {**PROFILE, "desk_breaks_per_day": per_day}
    profile.save(UnitOfWork(engine), catalog=CAT, user=user, changes=changes, now=NOW)


def test_breaks_wait_for_the_screening_and_stop_for_serious_pain(engine: Engine) -> None:
    user = _user(engine)
    _with_breaks(engine, user)
    unscreened = desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=NOW)
    assert unscreened.hold is not None and unscreened.hold.code.value == "screening_required"
    shown = desk_breaks.to_json(unscreened, catalog=CAT, now=NOW)
    assert shown is not None and shown["routine"] is None and shown["next_at"] is None
    assert shown["hold"]["code"] == "screening_required" and shown["hold"]["message"]

    _cleared(engine, user)
    clear = desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=NOW)
    assert clear.active and clear.hold is None

    later = NOW + timedelta(hours=1)
    nerve = PainReport("lower_back", 5, radiating=True)
    pain_uc.report(UnitOfWork(engine), catalog=CAT, user=user, pain=nerve, exercise_id=None, now=later)
    held = desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=later)
    assert held.hold is not None and held.hold.code.value == "pain_hold" and not held.active
    assert desk_breaks.to_json(held, catalog=CAT, now=later)["routine"] is None  # type: ignore[index]

    _cleared(engine, user, later + timedelta(minutes=1))  # seen and cleared: answered again
    assert desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=later).active


def test_mild_pain_spares_its_muscles_for_a_week(engine: Engine) -> None:
    user = _user(engine)
    _cleared(engine, user)
    _with_breaks(engine, user)
    before = desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=NOW)
    assert before.breaks is not None and before.breaks.routine is not None
    assert "doorway-chest-stretch" in {d.exercise_id for d in before.breaks.routine.drills}
    mild = PainReport("shoulder", 2)
    pain_uc.report(UnitOfWork(engine), catalog=CAT, user=user, pain=mild, exercise_id=None, now=NOW)
    after = desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=NOW)
    assert after.active and after.breaks is not None and after.breaks.routine is not None
    shoulder = {"pectoralis-major", "posterior-deltoid", "teres-major", "infraspinatus"}
    for drill in after.breaks.routine.drills:
        muscles = {i.muscle for i in CAT.exercise(drill.exercise_id).muscles if i.role.value != "stabiliser"}
        assert not muscles & shoulder, drill.exercise_id
    week_on = desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=NOW + timedelta(days=8))
    assert week_on.breaks == before.breaks


def test_the_plan_json_carries_the_breaks(engine: Engine) -> None:
    user = _user(engine)
    _cleared(engine, user)
    _with_breaks(engine, user, per_day=3)
    saved = plan.make(UnitOfWork(engine), catalog=CAT, user=user, now=NOW)
    assert isinstance(saved, plan.Saved)
    view = desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=NOW)
    shown = plan.to_json(saved.plan, saved.scheduled, view, now=NOW)["desk_breaks"]
    assert set(shown) == {"per_day", "days", "times", "next_at", "hold", "missing", "routine"}
    assert shown["per_day"] == 3 and shown["days"] == ["mon", "tue", "wed", "thu", "fri"]
    assert shown["times"] == ["10:20", "13:00", "15:40"] and shown["hold"] is None
    assert shown["next_at"] == "2026-12-01T10:20:00+00:00"
    routine = shown["routine"]
    assert 180 <= routine["total_s"] <= 300
    drill = routine["drills"][0]
    assert set(drill) == {"exercise_id", "name", "kind", "amount", "per_side", "seconds", "dose"}
    assert routine["total_s"] == sum(d["seconds"] for d in routine["drills"]) + routine["changeover_s"] * (
        len(routine["drills"]) - 1
    )
    # Turned off later: the same plan shows none, without making it again.
    profile.save(UnitOfWork(engine), catalog=CAT, user=user, changes={"desk_breaks_per_day": 0}, now=NOW)
    off = desk_breaks.current(UnitOfWork(engine), catalog=CAT, user=user, now=NOW)
    assert plan.to_json(saved.plan, saved.scheduled, off)["desk_breaks"] is None


def test_a_preview_is_held_by_the_screening_it_claims() -> None:
    what_if = profile.merged(
        None,
        {**PROFILE, "desk_breaks_per_day": 1, "screening": "see_professional"},
        catalog=CAT,
        today=NOW.date(),
    )
    shown = desk_breaks.to_json(desk_breaks.preview(what_if, catalog=CAT), catalog=CAT)
    assert shown is not None and shown["hold"]["code"] == "see_professional" and shown["routine"] is None


@pytest.mark.parametrize("bad", [-1, 5])
def test_the_profile_refuses_more_than_four_breaks(engine: Engine, bad: int) -> None:
    user = _user(engine)
    with pytest.raises(profile.ProfileInvalid) as caught:
        profile.save(
            UnitOfWork(engine),
            catalog=CAT,
            user=user,
            changes={**PROFILE, "desk_breaks_per_day": bad},
            now=NOW,
        )
    assert caught.value.problems == {
        "desk_breaks_per_day": "Desk breaks a workday must be at least 0 and at most 4."
    }
    assert profile.show(UnitOfWork(engine), user=user) is None  # nothing stored


def _desk_events(ics: bytes) -> list[object]:
    return [e for e in Calendar.from_ical(ics).walk("VEVENT") if str(e["UID"]).startswith("desk-break-")]


def test_the_calendar_holds_one_weekly_reminder_per_break_with_stable_uids(engine: Engine) -> None:
    user = _user(engine)
    _cleared(engine, user)
    _with_breaks(engine, user, per_day=2)
    saved = plan.make(UnitOfWork(engine), catalog=CAT, user=user, now=NOW)
    assert isinstance(saved, plan.Saved) and isinstance(saved.plan, Plan)

    def export() -> bytes:
        return export_calendar(UnitOfWork(engine), catalog=CAT, user=user, now=NOW, zone="Europe/Berlin")

    first, second = _desk_events(export()), _desk_events(export())
    assert len(first) == 2
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in second]  # type: ignore[index]
    start = saved.plan.profile.start
    for event, hour in zip(first, ("11:00", "15:00"), strict=True):
        dtstart = event["DTSTART"]  # type: ignore[index]
        assert dtstart.params["TZID"] == "Europe/Berlin"
        assert dtstart.dt.strftime("%H:%M") == hour and dtstart.dt.date() >= start
        rule = event["RRULE"]  # type: ignore[index]
        assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
        assert rule["UNTIL"][0].date() == start + timedelta(days=13)  # the plan's two weeks
        alarms = event.walk("VALARM")  # type: ignore[attr-defined]
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY"
        assert "Chin Tuck" in str(event["DESCRIPTION"])  # type: ignore[index]
    # A hold takes the reminders out; the sessions stay.
    nerve = PainReport("lower_back", 5, radiating=True)
    later = NOW + timedelta(minutes=1)  # after the screening: a hold
    pain_uc.report(UnitOfWork(engine), catalog=CAT, user=user, pain=nerve, exercise_id=None, now=later)
    held = export()
    assert _desk_events(held) == [] and Calendar.from_ical(held).walk("VEVENT")
