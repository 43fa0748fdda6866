"""The desk breaks in the plan's iCalendar file, parsed back with ``icalendar``: one weekly
repeating event per break of the day, on the workdays, over the plan's days, in the sessions'
zone, each with its reminder, and the same UIDs from one export to the next."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from backcoach.catalog import Level, curated
from backcoach.interop.plan_ical import CalendarDeskBreaks, plan_calendar
from backcoach.planning import Profile
from backcoach.planning.desk_breaks import DeskBreaks, desk_breaks

CAT = curated()
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
SATURDAY = date(2026, 12, 5)


def _breaks(per_day: int) -> DeskBreaks:
    person = Profile(
        level=Level.BEGINNER, days=("mon",), minutes=45, goal="posture", start=SATURDAY,
        desk_breaks_per_day=per_day,
    )  # fmt: skip
    found = desk_breaks(person, CAT)
    assert found is not None and found.routine is not None
    return found


def _events(per_day: int, *, first: date = SATURDAY, weeks: int = 4, alarm: int | None = None) -> list:  # type: ignore[type-arg]
    desk = CalendarDeskBreaks(_breaks(per_day), 7, first, first + timedelta(days=7 * weeks - 1))
    ics = plan_calendar(
        [], name_of=lambda i: CAT.exercise(i).name, zone="America/New_York", start=time(18), now=NOW,
        alarm_minutes=alarm, desk=desk,
    )  # fmt: skip
    return list(Calendar.from_ical(ics).walk("VEVENT"))


@pytest.mark.parametrize("per_day", [1, 2, 3, 4])
def test_one_repeating_reminder_per_break(per_day: int) -> None:
    events = _events(per_day)
    assert len(events) == per_day
    assert [str(e["UID"]) for e in events] == [
        f"desk-break-{n}-plan-7@backcoach" for n in range(1, per_day + 1)
    ]
    assert [str(e["UID"]) for e in _events(per_day)] == [str(e["UID"]) for e in events]  # stable
    for event, at in zip(events, _breaks(per_day).times, strict=True):
        start = event["DTSTART"]
        assert start.params["TZID"] == "America/New_York"
        assert start.dt.date() == date(2026, 12, 7) and start.dt.time() == at  # the first Monday
        assert event["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
        until = event["RRULE"]["UNTIL"][0]
        assert until.tzinfo is not None and until.utcoffset() == timedelta(0)  # UTC, as RFC 5545 asks
        assert until.astimezone(start.dt.tzinfo).date() == SATURDAY + timedelta(days=27)
        assert (event["DTEND"].dt - start.dt) <= timedelta(minutes=5)
        [alarm] = event.walk("VALARM")
        assert alarm["TRIGGER"].dt == timedelta(0)


def test_the_reminder_comes_the_chosen_minutes_early_and_the_drills_are_described() -> None:
    [event] = _events(1, alarm=10)
    assert event.walk("VALARM")[0]["TRIGGER"].dt == timedelta(minutes=-10)
    description = str(event["DESCRIPTION"])
    for drill in _breaks(1).routine.drills:  # type: ignore[union-attr]
        assert f"{CAT.exercise(drill.exercise_id).name}: {drill.seconds} s" in description


def test_a_range_without_a_workday_has_no_breaks() -> None:
    assert _events(2, first=SATURDAY, weeks=0) == []
