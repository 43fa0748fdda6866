"""Logging throughput and analytics latency on a ten-year, 100,000-set history.

SQLite (a temporary file) always; PostgreSQL at 127.0.0.1:5432 when it answers (a throwaway
database). Target from the training-log issue: every analytics query <= 150 ms, measured as a
person triggers it: read what the query needs from the store, then compute.
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from backcoach.analysis import e1rm_history, iso_week, records_from, recovery_now, weekly_volume
from backcoach.catalog import curated
from backcoach.sessions.records import LoggedSet, SetType, Workout
from backcoach.store import (
    best_sets_by_day,
    default_user,
    ensure_schema,
    log_workout,
    make_engine,
    rep_maxima,
    session_scope,
    workouts,
)
from benchmarks.result import Row

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DB = "backcoach_bench_store"
EXERCISES = (
    "bent-over-barbell-row",
    "pull-up",
    "seated-cable-row",
    "romanian-deadlift",
    "face-pull",
    "bird-dog",
)
SESSIONS = 2080  # ten years at four sessions a week
SETS_PER_SESSION = 48  # 2080 x 48 = 99,840 sets


def history(now: datetime, sessions: int = SESSIONS) -> list[Workout]:
    rng = random.Random(2026)
    start = now - timedelta(days=3650)
    out = []
    for n in range(sessions):
        at = start + timedelta(days=n * 3650 / sessions, hours=18)
        sets = tuple(
            LoggedSet(
                EXERCISES[k % len(EXERCISES)],
                at + timedelta(minutes=k),
                rng.randint(6, 12),
                None if EXERCISES[k % len(EXERCISES)] in ("pull-up", "bird-dog") else 40 + rng.random() * 60,
                SetType.WORKING,
                float(rng.randint(0, 4)),
            )
            for k in range(SETS_PER_SESSION)
        )
        out.append(Workout(started_at=at, sets=sets))
    return out


def _ms(fn: object, runs: int = 7) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _bench(url: str, label: str, sessions: int) -> list[Row]:
    catalog = curated()
    engine = make_engine(url)
    ensure_schema(engine)
    now = datetime.now(UTC)
    done = history(now, sessions)
    started = time.perf_counter()
    with session_scope(engine) as s:
        user_id = default_user(s).id
    for workout in done:  # one transaction per workout, as a person logs them
        with session_scope(engine) as s:
            log_workout(s, user_id=user_id, workout=workout, catalog=catalog, now=now)
    seconds = time.perf_counter() - started
    total_sets = sum(len(w.sets) for w in done)
    workouts_done = len(done)

    exercise = "bent-over-barbell-row"
    in_history = sum(1 for w in done for x in w.sets if x.exercise_id == exercise)
    # The generated history is 100,000 live objects; a server holds none of them, and keeping them
    # would charge every measurement below for the garbage collector walking them.
    del done
    gc.collect()

    def e1rm() -> None:  # what the progress page and `backcoach progress` do
        with session_scope(engine, readonly=True) as s:
            day_bests = best_sets_by_day(s, user_id=user_id, exercise_id=exercise)
            kept = rep_maxima(s, user_id=user_id, exercise_id=exercise)
        records_from(e1rm_history(day_bests, exercise), kept, exercise)

    def volume() -> None:
        week_start = now - timedelta(days=now.weekday())
        with session_scope(engine, readonly=True) as s:
            recent = workouts(s, user_id=user_id, since=week_start - timedelta(days=1))
        weekly_volume(recent, catalog, iso_week(now.date()))

    def recovery() -> None:
        with session_scope(engine, readonly=True) as s:
            recent = workouts(s, user_id=user_id, since=now - timedelta(days=10))
        recovery_now(recent, catalog, now)

    rows = [
        Row(
            f"{label}: log sets, {total_sets} in {workouts_done} workouts (sets/s)",
            total_sets / seconds,
            1000.0,
            True,
        ),
        Row(f"{label}: e1RM history + records of one exercise, {in_history} sets (ms)", _ms(e1rm), 150.0),
        Row(f"{label}: weekly volume (ms)", _ms(volume), 150.0),
        Row(f"{label}: recovery now (ms)", _ms(recovery), 150.0),
    ]
    engine.dispose()
    return rows


def run(quick: bool = False) -> list[Row]:
    sessions = 208 if quick else SESSIONS
    folder = Path(tempfile.mkdtemp(prefix="backcoach-store-bench-"))
    rows = _bench(f"sqlite:///{folder / 'bench.db'}", "SQLite", sessions)
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
            c.execute(text(f"CREATE DATABASE {PG_DB}"))
    except Exception as exc:
        print(f"PostgreSQL not reachable ({type(exc).__name__}); SQLite only")
        return rows
    try:
        rows += _bench(PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_DB}", "PostgreSQL", sessions)
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
        admin.dispose()
    return rows
