"""A writer process for the durability tests: logs sets one transaction at a time.

Run as ``python set_writer.py DATABASE_URL [COUNT]``: it opens a workout (prints ``workout <id>``),
then logs sets one at a time, each in its own transaction, printing ``ack <n>`` after each commit.
Without COUNT it goes on until LIMIT sets, for the kill test to kill it mid-stream. With COUNT (the
concurrent-writers test) it first gets everything slow out of the way, prints ``ready``, waits for a
line on stdin so that all writers start together, and stops after COUNT sets.
``expected_set(n)`` is the n-th set it logs, so a test can check every stored row field by field.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from backcoach.catalog import curated
from backcoach.sessions.records import LoggedSet, SetType, Target
from backcoach.store import add_set, default_user, make_engine, session_scope, start_workout

STARTED = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)
LIMIT = 5000  # far more than the kill test waits for: a writer left alone still ends


def expected_set(n: int) -> LoggedSet:
    """Every field depends on ``n``, so a row mixing two sets' values would show."""
    return LoggedSet(
        exercise_id=("bent-over-barbell-row", "pull-up", "face-pull")[n % 3],
        performed_at=STARTED + timedelta(seconds=n),
        reps=n % 100,
        load_kg=float(n % 1000) + 0.25,
        set_type=(SetType.WARMUP, SetType.WORKING, SetType.DROP)[n % 3],
        rir=float(n % 10),
        rest_s=n % 3600,
        target=Target(reps_min=n % 7, reps_max=n % 7 + 2, load_kg=float(n % 500), rir=float(n % 4)),
        entered_unit=("kg", "lb")[n % 2],
        hold_s=None if n % 2 else n % 60,
    )


def main(url: str, count: int | None = None) -> None:
    engine = make_engine(url)
    if count is not None:
        curated()  # loading the catalogue takes a second; do it before the start line
        print("ready", flush=True)
        sys.stdin.readline()
    with session_scope(engine) as s:
        user_id = default_user(s, now=NOW).id
        workout_id = start_workout(s, user_id=user_id, started_at=STARTED, now=NOW)
    print(f"workout {workout_id}", flush=True)
    for n in range(LIMIT if count is None else count):
        with session_scope(engine) as s:
            add_set(s, workout_id=workout_id, logged=expected_set(n), now=NOW)
        print(f"ack {n}", flush=True)  # only now, after the commit, is the set acknowledged
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
