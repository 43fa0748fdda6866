"""How closely the logged training followed the plan: sessions done, sessions missed, sets completed.

Matching. A workout that names its plan session (``Workout.planned_date``) follows that session,
whatever day it was done on, so a Tuesday session done on Wednesday still counts. A workout that names
none follows the planned session on the calendar date it started (in its own time zone), if any.
Each planned session is matched at most once (the first workout to claim it, in time order); a
second workout for the same session, or one on a day without a plan, is *unplanned* and counted apart.

Due. Planned sessions dated on or before ``until`` are due; later ones are not judged yet. A due
session with no workout is missed.

Set completion. Over the sessions that were done: for each exercise the hard sets logged, capped at
the working sets planned (extra sets do not make up for a skipped exercise), divided by the working
sets planned. Warm-up ramps and drills are not working sets and are left out. A substituted exercise
(after pain) counts as the planned one only if it carries the same id, so a substitution shows as
incomplete work, which it is.

Shares are None when there is nothing to divide by (no session due, no working set planned).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from backcoach.analysis.volume import iso_week
from backcoach.planning.plan import Session
from backcoach.sessions.records import Workout


@dataclass(frozen=True)
class WeekAdherence:
    week: str  # "YYYY-Www"
    planned: int
    done: int

    @property
    def share(self) -> float | None:
        return self.done / self.planned if self.planned else None


@dataclass(frozen=True)
class Adherence:
    planned: int  # sessions due by ``until``
    done: int
    missed: tuple[date, ...]  # planned dates of the due sessions with no workout
    unplanned: int  # workouts that matched no planned session (due or not)
    weeks: tuple[WeekAdherence, ...] = field(default=())  # every ISO week with a due session
    sets_planned: int = 0  # working sets planned in the sessions done
    sets_done: int = 0  # hard sets logged toward them, capped per exercise

    @property
    def session_share(self) -> float | None:
        return self.done / self.planned if self.planned else None

    @property
    def set_completion(self) -> float | None:
        return self.sets_done / self.sets_planned if self.sets_planned else None

    def week_share(self) -> dict[str, float | None]:
        """The share of planned sessions done, by ISO week."""
        return {w.week: w.share for w in self.weeks}


def match_workouts(
    plan_sessions: Sequence[Session], workouts: Iterable[Workout]
) -> tuple[dict[date, Workout], list[Workout]]:
    """Planned date → the workout that followed it, and the workouts that followed none."""
    planned = {s.date for s in plan_sessions}
    matched: dict[date, Workout] = {}
    unplanned: list[Workout] = []
    for workout in sorted(workouts, key=lambda w: w.started_at):
        key = workout.planned_date if workout.planned_date is not None else workout.started_at.date()
        if key in planned and key not in matched:
            matched[key] = workout
        else:
            unplanned.append(workout)
    return matched, unplanned


def planned_working_sets(session: Session) -> Counter[str]:
    """Working sets per exercise id in a planned session."""
    counts: Counter[str] = Counter()
    for item in session.items:
        counts[item.exercise_id] += len(item.working_sets)
    return +counts


def adherence(plan_sessions: Sequence[Session], workouts: Iterable[Workout], until: date) -> Adherence:
    """Sessions and sets done against the sessions planned up to and including ``until``."""
    due = sorted((s for s in plan_sessions if s.date <= until), key=lambda s: s.date)
    matched, unplanned = match_workouts(plan_sessions, workouts)
    matched = {day: w for day, w in matched.items() if day <= until}
    missed = tuple(s.date for s in due if s.date not in matched)
    weeks: dict[str, list[int]] = {}
    for session in due:
        tally = weeks.setdefault(iso_week(session.date), [0, 0])
        tally[0] += 1
        tally[1] += session.date in matched
    sets_planned = sets_done = 0
    for session in due:
        workout = matched.get(session.date)
        if workout is None:
            continue
        done = Counter(s.exercise_id for s in workout.hard_sets)
        for exercise_id, wanted in planned_working_sets(session).items():
            sets_planned += wanted
            sets_done += min(wanted, done[exercise_id])
    return Adherence(
        planned=len(due),
        done=len(matched),
        missed=missed,
        unplanned=len(unplanned),
        weeks=tuple(WeekAdherence(w, p, d) for w, (p, d) in sorted(weeks.items())),
        sets_planned=sets_planned,
        sets_done=sets_done,
    )
