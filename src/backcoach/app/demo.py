"""Demo data: a person eight weeks into a twelve-week plan, so every page has something to show.

``build_demo`` is pure and deterministic (a seeded generator; the same ``now`` and seed give the
same data): a screening answered all "no", a stored profile, the plan ``build_plan`` makes for it,
the workouts that followed it (loads rising week on week, two sessions missed, a few sets short of
their target, one mild pain report with the exercise stopped) and weekly body weights. The plan's
training days include ``now``'s weekday, so today has a session to start.

``install_demo`` stores it once: in single-user mode for the local user, otherwise for a 'demo'
account (``DEMO_EMAIL`` / ``DEMO_PASSWORD``). A user who already has a profile, a plan or a workout
is left alone, so running it twice adds nothing the second time.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backcoach.app.adaptation import adapt_after_training
from backcoach.catalog import Catalog, curated
from backcoach.catalog.models import Exercise, Level, LoadType, Role
from backcoach.planning import NoPlan, Plan, Profile, build_plan
from backcoach.planning.plan import PlanItem, SetSpec
from backcoach.planning.profile import Goal, Weekday
from backcoach.safety import PainReport, assess_pain, questions, screen
from backcoach.sessions.records import BodyWeight, Feeling, LoggedSet, PainEntry, SetType, Target, Workout
from backcoach.store import (
    User,
    account_by_email,
    active_plan,
    add_body_weight,
    create_account,
    current_profile,
    default_user,
    log_workout,
    save_plan,
    save_profile,
    save_screening,
    session_scope,
    workouts,
)

DEMO_NAME = "demo"
DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-password"  # a published demo account, never a real one
DEMO_SEED = 6
WEEKS_DONE = 8  # the history covers the plan's first eight weeks
PLAN_WEEKS = 12  # ... of twelve, so the plan page still has weeks to come
MISSED_SESSIONS = 2
PAIN_WEEK = 4  # the mild pain report falls in this week (1-based)
PAIN_SEVERITY = 2  # mild: the exercise stops, the session goes on (safety.pain)
START_BODYWEIGHT_KG = 79.0
BODYWEIGHT_TREND_KG = -0.15  # per week: slowly leaner over the block
EQUIPMENT = frozenset({"barbell", "dumbbells", "bench", "pull-up-bar", "cable-machine", "power-rack"})
# A plausible one-rep max for an intermediate lifter by the equipment an exercise needs, for the
# loads the plan prescribes (the planner derives working loads from these).
E1RM_BY_EQUIPMENT = (("barbell", 75.0), ("cable-machine", 50.0), ("dumbbells", 34.0), ("kettlebell", 28.0))
DEFAULT_E1RM = 45.0
ARMS_FACTOR = 0.5  # curls and press-downs move far less than rows and hinges
LOAD_STEP_KG = 2.5


@dataclass(frozen=True)
class DemoData:
    screening_at: datetime
    screening: dict[str, bool]
    profile: Profile
    plan: Plan
    workouts: tuple[Workout, ...]
    body_weights: tuple[BodyWeight, ...]


def build_demo(catalog: Catalog, *, now: datetime, seed: int = DEMO_SEED) -> DemoData:
    """The demo person's data as of ``now`` (timezone-aware); deterministic for a given now and seed."""
    rng = random.Random(seed)
    today = now.date()
    start = today - timedelta(weeks=WEEKS_DONE)
    days = tuple({Weekday.of(today - timedelta(days=back)) for back in (0, 2, 4)})
    profile = Profile(
        level=Level.INTERMEDIATE,
        days=days,
        minutes=60,
        equipment=EQUIPMENT,
        goal=Goal.STRENGTH,
        weeks=PLAN_WEEKS,
        start=start,
        bodyweight_kg=START_BODYWEIGHT_KG,
        seed=seed,
    )
    plan = _plan(profile, catalog)
    for _ in range(3):  # known maxes can change the exercises chosen: guess for the new ones too
        guesses = {**_e1rm_guesses(plan, catalog, rng), **profile.e1rm_kg}
        if guesses == profile.e1rm_kg:
            break
        profile = Profile.model_validate({**profile.model_dump(), "e1rm_kg": dict(sorted(guesses.items()))})
        plan = _plan(profile, catalog)
    answers = {q.id: False for q in questions()}
    screened_at = _at(start - timedelta(days=1), time(9, 0), now)
    return DemoData(
        screening_at=screened_at,
        screening=answers,
        profile=profile,
        plan=plan,
        workouts=_workouts(plan, catalog, rng, now),
        body_weights=_body_weights(start, rng, now),
    )


# Told (workouts stored so far, of how many) as the history is written; None while still building.
Progress = Callable[[int, int | None], None]


def store_demo(
    session: Session,
    *,
    user_id: int,
    data: DemoData,
    catalog: Catalog,
    now: datetime,
    progress: Progress | None = None,
) -> None:
    """Write the demo data for ``user_id`` (one transaction: the caller's)."""
    outcome = screen(data.screening).outcome
    save_screening(
        session, user_id=user_id, answers=data.screening, outcome=outcome, taken_at=data.screening_at, now=now
    )
    save_profile(session, user_id=user_id, profile=data.profile, catalog=catalog, now=data.screening_at)
    save_plan(session, user_id=user_id, plan=data.plan, catalog=catalog, now=data.screening_at)
    for count, done in enumerate(data.workouts, 1):  # the store keeps the records as it writes the sets
        log_workout(session, user_id=user_id, workout=done, catalog=catalog, now=now)
        if progress is not None:
            progress(count, len(data.workouts))
    for entry in data.body_weights:
        add_body_weight(session, user_id=user_id, entry=entry, now=now)
    adapt_after_training(session, user_id=user_id, catalog=catalog, now=now)


def install_demo(
    engine: Engine,
    *,
    single_user: bool,
    now: datetime,
    catalog: Catalog | None = None,
    progress: Progress | None = None,
) -> bool:
    """Store the demo data once; False when the demo user already has data (nothing is changed).
    ``progress`` hears (0, None) while the plan and history are built, then each workout stored."""
    cat = catalog or curated()
    with session_scope(engine) as session:
        user = _demo_user(session, single_user=single_user, now=now)
        if _has_data(session, user.id):
            return False
        if progress is not None:
            progress(0, None)
        data = build_demo(cat, now=now)
        store_demo(session, user_id=user.id, data=data, catalog=cat, now=now, progress=progress)
    return True


# ---------------------------------------------------------------------- the person


def _demo_user(session: Session, *, single_user: bool, now: datetime) -> User:
    if single_user:
        return default_user(session, now=now)
    account = account_by_email(session, email=DEMO_EMAIL)
    if account is not None:
        return account.user
    from backcoach.app.passwords import hash_password  # argon2 only when an account is made

    return create_account(
        session, name=DEMO_NAME, email=DEMO_EMAIL, password_hash=hash_password(DEMO_PASSWORD), now=now
    )


def _has_data(session: Session, user_id: int) -> bool:
    return (
        current_profile(session, user_id=user_id) is not None
        or active_plan(session, user_id=user_id) is not None
        or bool(workouts(session, user_id=user_id))
    )


def _plan(profile: Profile, catalog: Catalog) -> Plan:
    result = build_plan(profile, catalog)
    if isinstance(result, NoPlan):  # the demo profile is fixed: this is a bug, not an input error
        raise RuntimeError(f"the demo profile has no plan: {'; '.join(result.conflicts)}")
    return result


def _e1rm_guesses(plan: Plan, catalog: Catalog, rng: random.Random) -> dict[str, float]:
    guesses: dict[str, float] = {}
    for item in _items(plan):
        exercise = catalog.exercise(item.exercise_id)
        if item.role == "drill" or exercise.load_type is not LoadType.EXTERNAL:
            continue
        if exercise.id not in guesses:
            base = next((kg for need, kg in E1RM_BY_EQUIPMENT if need in exercise.equipment), DEFAULT_E1RM)
            factor = ARMS_FACTOR if item.role == "arms" else 1.0
            guesses[exercise.id] = _round(base * factor * rng.uniform(0.9, 1.1))
    return dict(sorted(guesses.items()))


def _items(plan: Plan) -> list[PlanItem]:
    return [item for week in plan.weeks for planned in week.sessions for item in planned.items]


# ---------------------------------------------------------------------- what was done


def _workouts(plan: Plan, catalog: Catalog, rng: random.Random, now: datetime) -> tuple[Workout, ...]:
    done_weeks = [week for week in plan.weeks if week.index <= WEEKS_DONE]
    sessions = [(week.index, s) for week in done_weeks for s in week.sessions if s.date < now.date()]
    # Two missed sessions in ordinary (not deload, not first or pain) weeks.
    eligible = [
        i
        for i, (index, _) in enumerate(sessions)
        if 2 <= index < WEEKS_DONE and index != PAIN_WEEK and not plan.weeks[index - 1].deload
    ]
    missed = set(rng.sample(eligible, min(MISSED_SESSIONS, len(eligible))))
    pain_at = next((i for i, (index, _) in enumerate(sessions) if index == PAIN_WEEK), None)
    out: list[Workout] = []
    for i, (week_index, planned) in enumerate(sessions):
        if i in missed:
            continue
        started = _at(planned.date, time(18, rng.randrange(0, 45)), now)
        clock = started
        sets: list[LoggedSet] = []
        pain: list[PainEntry] = []
        for item in planned.items:
            exercise = catalog.exercise(item.exercise_id)
            hard_done = 0
            for spec in item.sets:
                if pain and pain[0].exercise_id == exercise.id:
                    break  # the exercise stopped after the pain report (substitute declined)
                clock += timedelta(seconds=spec.rest_s + rng.randrange(30, 60))
                sets.append(_done(item, spec, exercise, clock, week_index, rng))
                hard_done += spec.type == "working"
                if i == pain_at and not pain and item.role == "main" and hard_done == 2:
                    pain.append(_pain(exercise, clock + timedelta(seconds=20), catalog))
        feeling = Feeling.NEUTRAL if pain else rng.choice((Feeling.GOOD, Feeling.GOOD, Feeling.NEUTRAL))
        note = "Tight on the left side during the main lift; stopped it." if pain else ""
        out.append(
            Workout(
                started_at=started,
                sets=tuple(sets),
                ended_at=clock + timedelta(minutes=6),
                planned_date=planned.date,
                notes=note,
                feeling=feeling,
                pain=tuple(pain),
            )
        )
    return tuple(out)


def _done(
    item: PlanItem, spec: SetSpec, exercise: Exercise, at: datetime, week: int, rng: random.Random
) -> LoggedSet:
    target = Target(spec.reps_min, spec.reps_max, spec.load_kg, spec.rir)
    if item.role == "drill" or spec.type != "working":
        return LoggedSet(
            exercise.id,
            at,
            spec.reps_max,
            spec.load_kg,
            SetType.WARMUP,
            rest_s=None,
            target=target,
            hold_s=spec.hold_s,
        )
    # Mostly in the top half of the range, better as the weeks go by; now and then a set short.
    if rng.random() < 0.06:
        reps = max(1, spec.reps_min - 1)
    else:
        low = spec.reps_min + (spec.reps_max - spec.reps_min) * min(week, 6) // 12
        reps = rng.randint(low, spec.reps_max)
    planned_rir = spec.rir if spec.rir is not None else 2
    rir = float(max(0, min(4, planned_rir + rng.choice((-1, 0, 0, 0, 1)))))
    return LoggedSet(
        exercise.id,
        at,
        reps,
        spec.load_kg,
        SetType.WORKING,
        rir=rir,
        rest_s=spec.rest_s,
        target=target,
        hold_s=spec.hold_s,
    )


def _pain(exercise: Exercise, at: datetime, catalog: Catalog) -> PainEntry:
    muscle = next(i.muscle for i in exercise.muscles if i.role is Role.TARGET)
    decision = assess_pain(
        PainReport(location=muscle, severity=PAIN_SEVERITY), exercise=exercise, catalog=catalog
    )
    return PainEntry(
        reported_at=at,
        location=muscle,
        severity=PAIN_SEVERITY,
        exercise_id=exercise.id,
        action=decision.action.value,
    )


def _body_weights(start: date, rng: random.Random, now: datetime) -> tuple[BodyWeight, ...]:
    out: list[BodyWeight] = []
    for week in range(WEEKS_DONE + 1):
        at = _at(start + timedelta(weeks=week), time(7, 30), now)
        if at > now:
            break
        kg = START_BODYWEIGHT_KG + BODYWEIGHT_TREND_KG * week + rng.gauss(0, 0.25)
        out.append(BodyWeight(at, round(kg, 1)))
    return tuple(out)


def _at(day: date, clock: time, now: datetime) -> datetime:
    """A local time on ``day`` in ``now``'s time zone."""
    return datetime.combine(day, clock, tzinfo=now.tzinfo)


def _round(kg: float) -> float:
    return max(LOAD_STEP_KG, round(kg / LOAD_STEP_KG) * LOAD_STEP_KG)
