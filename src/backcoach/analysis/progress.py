"""Strength over time: estimated 1RM history, rep maxima and the records a session sets.

What counts. Only *hard* sets (working or failure, ``SetType.is_hard``) of the exercise, with at least
one rep and a load above zero. Warm-up and drop sets never count: a warm-up is deliberately easy and a
drop set follows a set to failure, so neither says what the person can lift fresh.

Loads. ``LoggedSet.load_kg`` is already kilograms whatever unit was typed (``entered_unit`` is for
display only), so kg and lb entries mix freely and every number here is in kg. A set logged without a
load (body weight only) is skipped: there is no external load to estimate from. For a weighted
body-weight exercise the logged load is the *added* load (belt or vest), so its history tracks the
added load, which is comparable from week to week while body weight is steady; for assisted, band and
unloaded exercises the logged number is not a lifted load at all, and callers that pass the
exercise's ``load_type`` get no history for them.

Estimating the 1RM. Brzycki, the default formula (``science.one_rep_max.DEFAULT_FORMULA``, chosen
there as the conservative one below 10 reps) read as a share of the 1RM: load / ((37 − n) / 36), which
equals ``estimate_1rm(load, n)`` for a whole n (exactly the load at n = 1). ``n`` is the number of reps
the set *could* have gone to failure: reps + reps in reserve, the convention behind the RTS RPE chart
(RPE = 10 − RIR, %1RM = C(reps + RIR); Zourdos et al. 2016, JSCR 30:267; Helms et al. 2016, SCJ 38:42;
training-science.md §1.3) [R]. Brzycki's share is linear in n, so a half-rep RIR reading needs no
rounding. A set logged without RIR is read as taken to failure (n = reps), which can only
under-estimate. The reps-in-reserve part of n is capped at the formula's reliable range
(``RELIABLE_MAX_REPS`` = 12, one_rep_max §1.1) because RIR far from failure is a rough guess (Hackett et
al. 2017) [V]; reps actually done are never cut, and sets beyond ``MAX_REPS`` (30) are skipped as too
far from a maximum to estimate one. Points whose n lies past 12 are marked ``reliable=False``.

``science.deload.session_e1rm`` reads RIR on the RTS chart instead; the two agree within a few
percent near failure. This module follows Brzycki throughout so that one formula explains every
number on a progress chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

from backcoach.catalog.models import LoadType
from backcoach.science.one_rep_max import MAX_REPS, RELIABLE_MAX_REPS, brzycki_fraction
from backcoach.sessions.records import LoggedSet

# Loads within this many kg are the same load (float noise from lb conversion, 0.1 + 0.2).
SAME_LOAD_KG: Final = 1e-6

# Exercises whose logged number is a lifted load (external, or added to body weight).
LOADED_TYPES: Final = frozenset({LoadType.EXTERNAL, LoadType.WEIGHTED_BODYWEIGHT})


@dataclass(frozen=True)
class E1rmPoint:
    """The best estimated 1RM of one exercise on one day, and the set it came from."""

    date: date
    e1rm_kg: float
    from_set: LoggedSet
    reliable: bool = True  # False when reps + RIR went past the formula's reliable range


@dataclass(frozen=True)
class Record:
    """A rep maximum: the heaviest load lifted for *at least* ``reps`` reps in a hard set.

    A set of 12 at 28 kg proves every count up to 12 at 28 kg, so rep maxima can only fall (or
    stay) as the rep count grows (``at_least``).
    """

    reps: int
    load_kg: float
    achieved_at: datetime


@dataclass(frozen=True)
class PersonalRecords:
    """Every rep maximum of one exercise (fewest reps first) and its best estimated 1RM."""

    exercise_id: str
    rep_maxima: tuple[Record, ...]
    best_e1rm: E1rmPoint | None


@dataclass(frozen=True)
class NewRecord:
    """A record set in a session: a heavier rep maximum, or a higher estimated 1RM."""

    exercise_id: str
    kind: Literal["rep_max", "e1rm"]
    value_kg: float  # the load for a rep maximum, the estimate for an e1RM record
    previous_kg: float
    from_set: LoggedSet


def counts_for_records(s: LoggedSet) -> bool:
    """A hard set with at least one rep and a load above zero."""
    return s.set_type.is_hard and s.reps >= 1 and s.load_kg is not None and s.load_kg > 0


def reps_to_failure(s: LoggedSet) -> float:
    """reps + reps in reserve (0 when not logged), the RIR part capped at the reliable range."""
    reserve = s.effective_rir or 0.0
    return min(s.reps + reserve, max(float(s.reps), float(RELIABLE_MAX_REPS)))


def set_e1rm(s: LoggedSet) -> float | None:
    """The Brzycki 1RM a set implies, or None when the set cannot be read (see the module notes)."""
    if not counts_for_records(s) or s.reps > MAX_REPS:
        return None
    assert s.load_kg is not None
    return s.load_kg / brzycki_fraction(reps_to_failure(s))


def _sets_of(sets: Iterable[LoggedSet], exercise_id: str, load_type: LoadType | None) -> list[LoggedSet]:
    if load_type is not None and load_type not in LOADED_TYPES:
        return []
    chosen = [s for s in sets if s.exercise_id == exercise_id and counts_for_records(s)]
    return sorted(chosen, key=lambda s: s.performed_at)


def e1rm_history(
    sets: Iterable[LoggedSet], exercise_id: str, *, load_type: LoadType | None = None
) -> list[E1rmPoint]:
    """Per calendar day (of each set's own time zone), the best estimated 1RM, oldest day first.

    On a tie the earlier set is kept. ``load_type`` (the exercise's) turns off the history for
    exercises whose logged number is not a lifted load.
    """
    best: dict[date, E1rmPoint] = {}
    for s in _sets_of(sets, exercise_id, load_type):
        value = set_e1rm(s)
        if value is None:
            continue
        held = best.get(s.day)
        if held is None or value > held.e1rm_kg + SAME_LOAD_KG:
            best[s.day] = E1rmPoint(s.day, value, s, reps_to_failure(s) <= RELIABLE_MAX_REPS)
    return [best[day] for day in sorted(best)]


def personal_records(
    sets: Iterable[LoggedSet], exercise_id: str, *, load_type: LoadType | None = None
) -> PersonalRecords:
    """For each rep count the heaviest load lifted (first time it was lifted), and the best e1RM."""
    chosen = _sets_of(sets, exercise_id, load_type)
    maxima: dict[int, Record] = {}
    for s in chosen:
        assert s.load_kg is not None
        held = maxima.get(s.reps)
        if held is None or s.load_kg > held.load_kg + SAME_LOAD_KG:
            maxima[s.reps] = Record(s.reps, s.load_kg, s.performed_at)
    return records_from(e1rm_history(chosen, exercise_id), maxima.values(), exercise_id)


def at_least(exact: Iterable[Record]) -> tuple[Record, ...]:
    """Rep maxima for *at least* each rep count, from the heaviest loads at *exactly* each count.

    For each rep count present, the heaviest load of that count or any higher one (the first time
    it was lifted on a tie), fewest reps first: never rising as the rep count grows. Applying it
    twice changes nothing, so kept records and freshly computed ones pass through alike.
    """
    out: list[Record] = []
    best: Record | None = None
    for r in sorted(exact, key=lambda r: r.reps, reverse=True):
        if (
            best is None
            or r.load_kg > best.load_kg + SAME_LOAD_KG
            or (abs(r.load_kg - best.load_kg) <= SAME_LOAD_KG and r.achieved_at < best.achieved_at)
        ):
            best = r
        out.append(Record(r.reps, best.load_kg, best.achieved_at))
    return tuple(reversed(out))


def records_from(
    history: Iterable[E1rmPoint],
    rep_maxima: Iterable[Record],
    exercise_id: str,
    *,
    load_type: LoadType | None = None,
) -> PersonalRecords:
    """The records of an exercise from its e1RM history and its rep maxima as kept (the store keeps
    them as sets are written); the same as ``personal_records`` on the sets behind them."""
    if load_type is not None and load_type not in LOADED_TYPES:
        return PersonalRecords(exercise_id, (), None)
    top: E1rmPoint | None = None
    for point in history:
        if top is None or point.e1rm_kg > top.e1rm_kg + SAME_LOAD_KG:
            top = point
    maxima = at_least(r for r in rep_maxima if r.load_kg > 0)
    return PersonalRecords(exercise_id, maxima, top)


@dataclass(frozen=True)
class StrengthBests:
    """What a new session of one exercise has to beat: the heaviest load at each rep count, and the
    highest estimated 1RM (None when no set could be estimated). No rep count at all: the exercise
    has never been done with a load, so a first session is a baseline, not a record."""

    exercise_id: str
    heaviest_kg: Mapping[int, float]
    e1rm_kg: float | None


def strength_bests(history: Iterable[LoggedSet], exercise_id: str) -> StrengthBests:
    """The bests of ``exercise_id`` in ``history`` (the store computes the same in SQL)."""
    heaviest: dict[int, float] = {}
    best: float | None = None
    for s in history:
        if s.exercise_id != exercise_id or not counts_for_records(s):
            continue
        heaviest[s.reps] = max(heaviest.get(s.reps, 0.0), _load(s))
        value = set_e1rm(s)
        if value is not None and (best is None or value > best):
            best = value
    return StrengthBests(exercise_id, heaviest, best)


def new_records(history: Sequence[LoggedSet], new_sets: Sequence[LoggedSet]) -> list[NewRecord]:
    """The records ``new_sets`` (one session) set against ``history`` (everything before it).

    A rep maximum is new when the load beats everything previously lifted for that many reps *or
    more* (80 kg × 5 is no record after 85 kg × 8); an e1RM record when the session's best estimate
    beats every earlier one. An exercise's first session is a baseline, not a record, so nothing is
    flagged for an exercise absent from ``history``. One record per rep count and one e1RM record per
    exercise, the best set of the session each time; exercises in first-seen order.
    """
    out: list[NewRecord] = []
    for exercise_id in dict.fromkeys(s.exercise_id for s in new_sets):
        out.extend(records_beating(strength_bests(history, exercise_id), new_sets))
    return out


def records_beating(bests: StrengthBests, new_sets: Sequence[LoggedSet]) -> list[NewRecord]:
    """The records the sets of ``bests.exercise_id`` in ``new_sets`` set against ``bests``."""
    if not bests.heaviest_kg:
        return []
    today = _sets_of(new_sets, bests.exercise_id, None)
    return [*_rep_max_records(bests, today), *_e1rm_record(bests, today)]


def _rep_max_records(bests: StrengthBests, today: list[LoggedSet]) -> list[NewRecord]:
    out: list[NewRecord] = []
    best_today: dict[int, LoggedSet] = {}
    for s in today:
        held = best_today.get(s.reps)
        if held is None or _load(s) > _load(held) + SAME_LOAD_KG:
            best_today[s.reps] = s
    for reps in sorted(best_today):
        s = best_today[reps]
        previous = max((load for r, load in bests.heaviest_kg.items() if r >= reps), default=None)
        if previous is not None and _load(s) > previous + SAME_LOAD_KG:
            out.append(NewRecord(bests.exercise_id, "rep_max", _load(s), previous, s))
    return out


def _e1rm_record(bests: StrengthBests, today: list[LoggedSet]) -> list[NewRecord]:
    previous = bests.e1rm_kg
    scored = [(v, s) for s in today if (v := set_e1rm(s)) is not None]
    if previous is None or not scored:
        return []
    value, best = scored[0]
    for v, s in scored[1:]:
        if v > value + SAME_LOAD_KG:
            value, best = v, s
    if value > previous + SAME_LOAD_KG:
        return [NewRecord(bests.exercise_id, "e1rm", value, previous, best)]
    return []


def _load(s: LoggedSet) -> float:
    assert s.load_kg is not None
    return s.load_kg
