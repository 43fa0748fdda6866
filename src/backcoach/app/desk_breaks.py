"""The person's desk breaks as they stand now: the routine and its times (``planning.desk_breaks``),
under the same safety gate as any training.

While the gate holds the person (no screening yet, a screening that says see a professional, a
pain report that called for care; ``gate.hold_of``), the breaks carry the hold and no drills. Pain
reported lately that did not hold them spares the muscles it named: drills that work them are
left out, for the adaptation's pain window (``analysis.adaptation.PAIN_WINDOW``). Pain in the spine
given only as a region spares nothing more here: every desk drill is at low spinal load.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from backcoach.analysis.adaptation import PAIN_WINDOW, SERIOUS, pain_action
from backcoach.app import gate
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import Catalog
from backcoach.errors import UnknownIdError
from backcoach.planning import Profile, Screening, Weekday
from backcoach.planning.desk_breaks import DeskBreaks, Drill, desk_breaks, desk_rules
from backcoach.safety.pain import locate
from backcoach.store import User, current_profile, pain_reports

# A preview's profile may claim a screening outcome: these hold its breaks as the gate would.
# (A stored profile's screening is the stored one, which the gate reads anyway.)
_PREVIEW_HOLDS = {
    Screening.SEE_PROFESSIONAL: gate.HoldCode.SEE_PROFESSIONAL,
    Screening.EMERGENCY: gate.HoldCode.EMERGENCY,
}


@dataclass(frozen=True)
class DeskBreakView:
    """``breaks`` None: the person asked for none. With a ``hold`` they get no drills."""

    breaks: DeskBreaks | None
    hold: gate.Hold | None

    @property
    def active(self) -> bool:
        return self.breaks is not None and self.hold is None and self.breaks.routine is not None


def spared_muscles(db: Session, *, user_id: int, catalog: Catalog, now: datetime) -> frozenset[str]:
    """Muscles named by pain reported within the pain window that did not hold training."""
    out: set[str] = set()
    for entry in pain_reports(db, user_id=user_id, since=now - PAIN_WINDOW):
        if pain_action(entry, catalog) in SERIOUS:
            continue  # those hold everything (gate.hold_of)
        try:
            out |= locate(entry.location, catalog).spare
        except UnknownIdError:
            continue  # a location the catalogue no longer knows names no muscle to spare
    return frozenset(out)


def _claimed_hold(profile: Profile) -> gate.Hold | None:
    code = _PREVIEW_HOLDS.get(profile.screening)
    return None if code is None else gate.Hold(code)


def view_in(db: Session, *, user_id: int, profile: Profile, catalog: Catalog, now: datetime) -> DeskBreakView:
    """The breaks of ``profile`` (the stored one, or a what-if of the person's) inside an open unit of
    work, held by the gate or by the screening the profile claims."""
    hold = gate.hold_of(db, user_id=user_id) or _claimed_hold(profile)
    if profile.desk_breaks_per_day == 0:
        return DeskBreakView(None, hold)
    spare = frozenset() if hold is not None else spared_muscles(db, user_id=user_id, catalog=catalog, now=now)
    return DeskBreakView(desk_breaks(profile, catalog, spare=spare), hold)


def current(
    uow: UnitOfWork, *, catalog: Catalog, user: User, now: datetime, profile: Profile | None = None
) -> DeskBreakView:
    """The person's desk breaks from their stored profile (none without one), or from ``profile``
    (a plan preview's), under their safety gate either way."""
    with uow as db:
        profile = profile or current_profile(db, user_id=user.id)
        if profile is None:
            return DeskBreakView(None, gate.hold_of(db, user_id=user.id))
        return view_in(db, user_id=user.id, profile=profile, catalog=catalog, now=now)


def preview(profile: Profile, *, catalog: Catalog) -> DeskBreakView:
    """The breaks of a what-if profile with no person behind it: held when its screening says so."""
    return DeskBreakView(desk_breaks(profile, catalog), _claimed_hold(profile))


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _days_text(days: Sequence[Weekday]) -> str:
    numbers = [d.number for d in days]
    names = [calendar.day_name[n] for n in numbers]
    run = len(names) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1))
    return f"{names[0]} to {names[-1]}" if run else _listed(names)


def schedule_text(breaks: DeskBreaks) -> str:
    """ "Monday to Friday at 11:00 and 15:00": when the breaks come, as a person says it."""
    return f"{_days_text(breaks.days)} at {_listed([t.strftime('%H:%M') for t in breaks.times])}"


def workday_text() -> str:
    """ "Monday to Friday, spread between 09:00 and 17:00": where breaks go, before any is chosen."""
    rules = desk_rules()
    start, end = (t.strftime("%H:%M") for t in rules.workday)
    return f"{_days_text(rules.workdays)}, spread between {start} and {end}"


def dose_text(drill: Drill) -> str:
    """ "8 reps", "60 s", "20 s each side"."""
    amount = f"{drill.amount} s" if drill.kind == "seconds" else f"{drill.amount} {drill.kind}"
    return amount + (" each side" if drill.per_side else "")


def to_json(view: DeskBreakView, *, catalog: Catalog, now: datetime | None = None) -> dict[str, Any] | None:
    """The plan JSON's ``desk_breaks``: None when the person asked for none."""
    breaks = view.breaks
    if breaks is None:
        return None
    routine = None if view.hold is not None else breaks.routine
    upcoming = breaks.next_at(now) if now is not None and routine is not None else None
    return {
        "per_day": breaks.per_day,
        "days": [d.value for d in breaks.days],
        "times": [t.strftime("%H:%M") for t in breaks.times],
        "next_at": None if upcoming is None else upcoming.isoformat(),
        "hold": None if view.hold is None else {"code": view.hold.code.value, "message": view.hold.message},
        "missing": None if view.hold is not None else breaks.missing,
        "routine": None
        if routine is None
        else {
            "total_s": routine.total_s,
            "changeover_s": routine.changeover_s,
            "drills": [
                {
                    "exercise_id": d.exercise_id,
                    "name": catalog.exercise(d.exercise_id).name,
                    "kind": d.kind,
                    "amount": d.amount,
                    "per_side": d.per_side,
                    "seconds": d.seconds,
                    "dose": dose_text(d),
                }
                for d in routine.drills
            ],
        },
    }
