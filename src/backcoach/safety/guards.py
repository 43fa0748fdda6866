"""Guards: checks that a planned week never asks more of a person than the safety rules allow.

Every check takes plain data (planned sessions, prescriptions, the trainee) and returns a list of
``Violation`` (rule key, message, source); an empty list means the plan is safe. Rules are small
functions behind two registries with stable keys, one per planned item and one per week.
The numbers live in ``data/guards.yaml`` with their sources (see ``limits``):

    screening_clearance      screening said see_professional or emergency: nothing may be planned
    exercise_level           exercise rated above the trainee's level
    beginner_rep_range       beginner working sets outside 8-12 reps (ACSM 2009)
    beginner_sets            beginner above 3 working sets per exercise (ACSM 2009)
    rir_floor                fewer reps in reserve than the level allows (beginners never to failure)
    high_spinal_load_rir     high-spinal-load exercise taken closer than 2 reps to failure
    load_cap                 load above the e1RM fraction or the beginner body-weight starting cap
    back_sessions_per_week   more back sessions in any 7 days than the level's ceiling (the article)
    same_target_recovery     one muscle node a target twice within 48 h (ACSM, Garber 2011)
    consecutive_day_loading  one muscle hard-loaded on consecutive days (ACSM non-consecutive days)

Advanced lifters may do up to five back sessions a week, yet each muscle keeps its 48 h floor:
five sessions in seven days put two on consecutive days, so the plan has to split the emphasis,
upper back (lats, trapezius, rhomboids) on one day and lower back (erector spinae, multifidus,
hinges) on the next. Because recovery is checked per muscle node, such a split passes and five
whole-back sessions fail.

A trainee whose screening outcome is ``start_gently`` is held to beginner limits, whatever their
training level, until they are screened again (PAR-Q+: start slowly; our conservative reading).
Warm-up, cool-down and mobility items are not working sets and are not checked for loading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from backcoach.catalog import Catalog, Category, Exercise, Level, Role, SpinalLoad
from backcoach.errors import InputError
from backcoach.safety.limits import cap_load, guard_table, max_back_sessions, min_recovery_hours, rir_floor
from backcoach.safety.screening import Outcome

# Categories that are preparation or recovery, not loading (catalogue Category).
NOT_LOADING = frozenset({Category.WARMUP, Category.COOLDOWN, Category.MOBILITY})


@dataclass(frozen=True)
class Violation:
    rule_key: str
    message: str
    source: str


@dataclass(frozen=True)
class Trainee:
    """What the guards need to know about the person."""

    level: Level
    body_weight_kg: float | None = None
    e1rm_kg: Mapping[str, float] = field(default_factory=dict)  # by exercise id
    screening: Outcome | None = None  # None: not known here (the shell screens first)

    def __post_init__(self) -> None:
        if self.body_weight_kg is not None and not self.body_weight_kg > 0:
            raise InputError(f"body weight must be above 0 kg, not {self.body_weight_kg}")

    @property
    def effective_level(self) -> Level:
        """The level whose limits apply: beginner while screening says start gently."""
        return Level.BEGINNER if self.screening is Outcome.START_GENTLY else Level(self.level)


@dataclass(frozen=True)
class Prescription:
    """One planned exercise: working sets, a repetition range, a load (None = no external load), RIR."""

    exercise: Exercise
    sets: int
    reps: tuple[int, int]  # (fewest, most) repetitions per working set
    load_kg: float | None
    rir: int  # repetitions in reserve at the end of each working set

    def __post_init__(self) -> None:
        low, high = self.reps
        if self.sets < 1:
            raise InputError(f"{self.exercise.id}: sets must be at least 1, not {self.sets}")
        if low < 1 or low > high:
            raise InputError(f"{self.exercise.id}: repetition range {low}-{high} is not valid")
        if self.load_kg is not None and self.load_kg < 0:
            raise InputError(f"{self.exercise.id}: load must not be negative, not {self.load_kg}")
        if self.rir < 0:
            raise InputError(f"{self.exercise.id}: reps in reserve must not be negative, not {self.rir}")

    @property
    def is_working(self) -> bool:
        return self.exercise.category not in NOT_LOADING


@dataclass(frozen=True)
class PlannedSession:
    """A session on a day (or at a time, for exact hours) and what it prescribes."""

    date: dt.date
    items: tuple[Prescription, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))

    @property
    def start(self) -> dt.datetime:
        if isinstance(self.date, dt.datetime):
            return self.date.replace(tzinfo=None)
        return dt.datetime.combine(self.date, dt.time())

    @property
    def day(self) -> dt.date:
        return self.date.date() if isinstance(self.date, dt.datetime) else self.date

    @property
    def has_back_work(self) -> bool:
        return any(p.is_working and p.exercise.category is Category.BACK for p in self.items)


# ---------------------------------------------------------------------- prescription rules

PrescriptionRule = Callable[[Prescription, Trainee], list[Violation]]

_LEVEL_SOURCE = "ACSM 2009 training status (Ratamess et al.); the catalogue's level rating"
_SCREENING_SOURCE = "PAR-Q+ outcomes (training-science.md §6); NICE CKS red flags (§5); see safety.screening"


def _screening_clearance(p: Prescription, who: Trainee) -> list[Violation]:
    if who.screening is None or who.screening.may_train:
        return []
    if who.screening is Outcome.EMERGENCY:
        message = "Screening found signs that need urgent medical care: no training may be planned."
    else:
        message = "Screening says to see a professional first: plan no training until they clear you."
    return [Violation("screening_clearance", message, _SCREENING_SOURCE)]


def _exercise_level(p: Prescription, who: Trainee) -> list[Violation]:
    level = who.effective_level
    if p.exercise.level.rank <= level.rank:
        return []
    message = f"{p.exercise.name} is rated {p.exercise.level.value}, above the {level.value} level in force."
    return [Violation("exercise_level", message, _LEVEL_SOURCE)]


def _beginner_rep_range(p: Prescription, who: Trainee) -> list[Violation]:
    limit = guard_table().beginner_reps
    dose = p.exercise.dose
    if who.effective_level is not Level.BEGINNER or not p.is_working or (dose and dose.kind != "reps"):
        return []
    low, high = p.reps
    if limit.min <= low and high <= limit.max:
        return []
    message = f"{p.exercise.name}: {low}-{high} reps; beginners stay within {limit.min}-{limit.max} per set."
    return [Violation("beginner_rep_range", message, limit.source)]


def _beginner_sets(p: Prescription, who: Trainee) -> list[Violation]:
    limit = guard_table().beginner_sets
    if who.effective_level is not Level.BEGINNER or not p.is_working or p.sets <= limit.max:
        return []
    message = f"{p.exercise.name}: {p.sets} sets; beginners do at most {limit.max} working sets per exercise."
    return [Violation("beginner_sets", message, limit.source)]


def _rir_floor(p: Prescription, who: Trainee) -> list[Violation]:
    floor = rir_floor(who.effective_level)
    if not p.is_working or p.rir >= floor:
        return []
    message = (
        f"{p.exercise.name}: {p.rir} reps in reserve; at {who.effective_level.value} level "
        f"leave at least {floor} (never train to failure as a beginner)."
    )
    return [Violation("rir_floor", message, guard_table().rir_floor.source)]


def _high_spinal_load_rir(p: Prescription, who: Trainee) -> list[Violation]:
    limit = guard_table().high_spinal_load_rir_floor
    if not p.is_working or p.exercise.spinal_load is not SpinalLoad.HIGH or p.rir >= limit.min:
        return []
    if p.rir < rir_floor(who.effective_level):
        return []  # the level's own floor already reports it
    message = (
        f"{p.exercise.name} loads the lower back heavily; stop at least {limit.min} reps short of "
        f"failure (planned {p.rir})."
    )
    return [Violation("high_spinal_load_rir", message, limit.source)]


def _load_cap(p: Prescription, who: Trainee) -> list[Violation]:
    if p.load_kg is None or not p.is_working:
        return []
    cap = cap_load(
        p.exercise,
        level=who.effective_level,
        body_weight_kg=who.body_weight_kg,
        e1rm_kg=who.e1rm_kg.get(p.exercise.id),
    )
    if cap is None or p.load_kg <= cap.kg:
        return []
    basis = "of your estimated 1RM" if cap.basis == "e1rm" else "starting cap from body weight"
    each = " per hand" if cap.per_hand else ""
    message = f"{p.exercise.name}: {p.load_kg:g} kg{each} is above the {cap.kg:g} kg{each} limit ({basis})."
    return [Violation("load_cap", message, cap.source)]


PRESCRIPTION_RULES: Mapping[str, PrescriptionRule] = {
    "screening_clearance": _screening_clearance,
    "exercise_level": _exercise_level,
    "beginner_rep_range": _beginner_rep_range,
    "beginner_sets": _beginner_sets,
    "rir_floor": _rir_floor,
    "high_spinal_load_rir": _high_spinal_load_rir,
    "load_cap": _load_cap,
}
"""Rules that look at one planned exercise, by stable key."""


def check_prescription(p: Prescription, trainee: Trainee) -> list[Violation]:
    """Every rule broken by one planned exercise; empty when it is safe."""
    return [v for rule in PRESCRIPTION_RULES.values() for v in rule(p, trainee)]


# ---------------------------------------------------------------------- week rules

WeekRule = Callable[[Sequence[PlannedSession], Trainee, Catalog | None], list[Violation]]


def _back_sessions_per_week(
    sessions: Sequence[PlannedSession], who: Trainee, catalog: Catalog | None
) -> list[Violation]:
    table = guard_table().back_sessions_per_week
    ceiling = max_back_sessions(who.effective_level)
    days = sorted(s.day for s in sessions if s.has_back_work)
    out: list[Violation] = []
    reported: list[frozenset[int]] = []
    for first in days:
        end = first + dt.timedelta(days=table.window_days)
        window = frozenset(j for j, d in enumerate(days) if first <= d < end)
        if len(window) <= ceiling or any(window <= seen for seen in reported):
            continue
        reported.append(window)
        message = (
            f"{len(window)} back sessions in the {table.window_days} days from {first.isoformat()}; "
            f"at {who.effective_level.value} level the ceiling is {ceiling}."
        )
        out.append(Violation("back_sessions_per_week", message, table.source))
    return out


def _loaded(session: PlannedSession, *, hard_synergists: bool) -> dict[str, str]:
    """Muscle id -> exercise name for muscles the session loads (targets, optionally strong synergists)."""
    threshold = guard_table().consecutive_days.synergist_weight_from
    out: dict[str, str] = {}
    for p in session.items:
        if not p.is_working:
            continue
        for inv in p.exercise.muscles:
            hard = inv.role is Role.TARGET or (
                hard_synergists and inv.role is Role.SYNERGIST and inv.weight >= threshold
            )
            if hard:
                out.setdefault(inv.muscle, p.exercise.name)
    return out


def _shared(a: Mapping[str, str], b: Mapping[str, str], catalog: Catalog | None) -> list[str]:
    """Muscle nodes loaded in both; with a catalogue a node also meets its parents and parts."""

    def lineage(muscle: str) -> set[str]:
        if catalog is None or muscle not in catalog.muscles:
            return {muscle}
        return {muscle, *(m.id for m in catalog.ancestors(muscle))}

    hits: set[str] = set()
    for x in a:
        for y in b:
            if x in lineage(y) or y in lineage(x):
                hits.add(x if len(lineage(x)) >= len(lineage(y)) else y)  # the more specific node
    return sorted(hits)


Pair = tuple[PlannedSession, PlannedSession]


def _pairs_within(sessions: Sequence[PlannedSession], hours: float) -> list[Pair]:
    ordered = sorted(sessions, key=lambda s: s.start)
    return [(a, b) for a, b in combinations(ordered, 2) if (b.start - a.start) < dt.timedelta(hours=hours)]


def _same_target_recovery(
    sessions: Sequence[PlannedSession], who: Trainee, catalog: Catalog | None
) -> list[Violation]:
    hours = min_recovery_hours()
    source = guard_table().recovery.source
    out: list[Violation] = []
    for a, b in _pairs_within(sessions, hours):
        shared = _shared(_loaded(a, hard_synergists=False), _loaded(b, hard_synergists=False), catalog)
        if shared:
            gap = (b.start - a.start).total_seconds() / 3600
            message = (
                f"{', '.join(shared)} targeted on {a.date.isoformat()} and again on {b.date.isoformat()} "
                f"({gap:g} h apart); leave at least {hours:g} h between sessions for the same muscle."
            )
            out.append(Violation("same_target_recovery", message, source))
    return out


def _consecutive_day_loading(
    sessions: Sequence[PlannedSession], who: Trainee, catalog: Catalog | None
) -> list[Violation]:
    source = guard_table().consecutive_days.source
    out: list[Violation] = []
    for a, b in combinations(sorted(sessions, key=lambda s: s.start), 2):
        if (b.day - a.day).days > 1:
            continue
        targets = set(_shared(_loaded(a, hard_synergists=False), _loaded(b, hard_synergists=False), catalog))
        hard = _shared(_loaded(a, hard_synergists=True), _loaded(b, hard_synergists=True), catalog)
        extra = [m for m in hard if m not in targets]  # target-on-target is same_target_recovery's report
        if extra:
            message = (
                f"{', '.join(extra)} worked hard on {a.day.isoformat()} and again on {b.day.isoformat()}; "
                "give a muscle a day off between hard sessions."
            )
            out.append(Violation("consecutive_day_loading", message, source))
    return out


WEEK_RULES: Mapping[str, WeekRule] = {
    "back_sessions_per_week": _back_sessions_per_week,
    "same_target_recovery": _same_target_recovery,
    "consecutive_day_loading": _consecutive_day_loading,
}
"""Rules that look at the sessions together, by stable key."""

RULE_KEYS: tuple[str, ...] = (*PRESCRIPTION_RULES, *WEEK_RULES)


def check_week(
    sessions: Sequence[PlannedSession], trainee: Trainee, *, catalog: Catalog | None = None
) -> list[Violation]:
    """Every rule the planned sessions break, per item and across sessions; empty when safe.

    ``catalog`` lets the recovery checks see the muscle tree (a parent and its parts count as the
    same muscle); without it only identical muscle ids match. Identical violations are reported once.
    """
    found: list[Violation] = []
    for session in sessions:
        for p in session.items:
            found.extend(check_prescription(p, trainee))
    for rule in WEEK_RULES.values():
        found.extend(rule(sessions, trainee, catalog))
    return list(dict.fromkeys(found))
