"""The saved plan as iCalendar (RFC 5545), built with the ``icalendar`` library.

Each planned session is one event whose UID is the planned session's id in the store
(``session-<id>-plan-<plan id>@backcoach``), so exporting again, after the plan adapted a session,
gives the same UIDs and a calendar updates its events instead of adding copies; ``SEQUENCE`` is
raised when a session was adapted. Events start at a chosen local time in a named zone
(``DTSTART;TZID=...``, with the zone's ``VTIMEZONE`` added as §3.2.19 requires) and last the
session's estimated minutes. The description lists the session's content: exercise x sets x
reps @ load, reps in reserve. An optional ``VALARM`` reminds the given minutes before.

The desk-break routine (``planning.desk_breaks``), when the person has one, adds one event per
break of the day, repeating weekly on its workdays (``RRULE:FREQ=WEEKLY;BYDAY=...;UNTIL=...``, UNTIL
in UTC as §3.3.10 requires with a zoned start) over the plan's weeks, in the same zone as the
sessions. Its UID names the break's place in the day and the plan
(``desk-break-<n>-plan-<plan id>@backcoach``), so a new export updates those events too. The
drills and their seconds are its description, and it always carries a ``VALARM``: a desk break is
a reminder or nothing (at its start, or the chosen minutes before).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vRecur

from backcoach.planning.desk_breaks import DeskBreaks
from backcoach.planning.plan import PlanItem
from backcoach.planning.plan import Session as PlannedSession

PRODID = "-//backcoach//training plan//EN"


@dataclass(frozen=True)
class CalendarSession:
    id: int
    plan_id: int
    session: PlannedSession
    adapted: bool = False


def item_line(item: PlanItem, name_of: Callable[[str], str]) -> str:
    working = item.working_sets or item.sets
    first = working[0]
    reps = f"{first.reps_min}" if first.reps_min == first.reps_max else f"{first.reps_min}-{first.reps_max}"
    if first.hold_s:
        reps = f"{reps} x {first.hold_s} s"
    load = f" @ {first.load_kg:g} kg" if first.load_kg else ""
    rir = f", {first.rir} in reserve" if first.rir is not None else ""
    return f"{name_of(item.exercise_id)}: {len(working)} x {reps}{load}{rir}"


def plan_calendar(
    sessions: Iterable[CalendarSession],
    *,
    name_of: Callable[[str], str],
    zone: str,
    start: time,
    now: datetime,
    alarm_minutes: int | None = None,
    desk: CalendarDeskBreaks | None = None,
) -> bytes:
    """The calendar as bytes (CRLF lines, folded at 75 octets by the library)."""
    tz = ZoneInfo(zone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "backcoach training plan")
    for cs in sessions:
        s = cs.session
        begin = datetime.combine(s.date, start, tzinfo=tz)
        event = Event()
        event.add("uid", f"session-{cs.id}-plan-{cs.plan_id}@backcoach")
        event.add("dtstamp", now.astimezone(ZoneInfo("UTC")))
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=max(s.estimated_minutes, 1)))
        event.add("summary", f"Back training ({s.emphasis})")
        lines = [item_line(i, name_of) for block in s.blocks for i in block.items]
        event.add("description", "\n".join(lines))
        event.add("categories", ["Training"])
        event.add("sequence", 1 if cs.adapted else 0)
        if alarm_minutes is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", "Back training soon")
            alarm.add("trigger", timedelta(minutes=-alarm_minutes))
            event.add_component(alarm)
        cal.add_component(event)
    if desk is not None:
        for event in desk_break_events(desk, name_of=name_of, tz=tz, now=now, alarm_minutes=alarm_minutes):
            cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


@dataclass(frozen=True)
class CalendarDeskBreaks:
    """The desk breaks to put in the calendar, from ``first`` to ``last`` (the plan's days)."""

    breaks: DeskBreaks
    plan_id: int
    first: date
    last: date


# RFC 5545 §3.3.10's two-letter weekday names, Monday first (``date.weekday()``).
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def desk_break_events(
    desk: CalendarDeskBreaks,
    *,
    name_of: Callable[[str], str],
    tz: ZoneInfo,
    now: datetime,
    alarm_minutes: int | None = None,
) -> list[Event]:
    """One weekly repeating event per break of the day; none without a routine or a workday."""
    routine = desk.breaks.routine
    workdays = {d.number for d in desk.breaks.days}
    first = next(
        (
            desk.first + timedelta(days=n)
            for n in range(7)
            if (desk.first + timedelta(days=n)).weekday() in workdays
        ),
        None,
    )
    if routine is None or first is None or first > desk.last:
        return []
    until = datetime.combine(desk.last, time(23, 59, 59), tzinfo=tz).astimezone(ZoneInfo("UTC"))
    lines = [f"{name_of(d.exercise_id)}: {d.seconds} s" for d in routine.drills]
    minutes = max(math.ceil(routine.total_s / 60), 1)
    events = []
    for n, at in enumerate(desk.breaks.times, start=1):
        begin = datetime.combine(first, at, tzinfo=tz)
        event = Event()
        event.add("uid", f"desk-break-{n}-plan-{desk.plan_id}@backcoach")
        event.add("dtstamp", now.astimezone(ZoneInfo("UTC")))
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=minutes))
        event.add(
            "rrule",
            vRecur(freq="WEEKLY", byday=[BYDAY[d] for d in sorted(workdays)], until=until),
        )
        event.add("summary", "Desk break")
        event.add("description", "\n".join(["Stand up and move for a few minutes:", *lines]))
        event.add("categories", ["Desk break"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Time for a desk break")
        alarm.add("trigger", timedelta(minutes=-(alarm_minutes or 0)))
        event.add_component(alarm)
        events.append(event)
    return events
