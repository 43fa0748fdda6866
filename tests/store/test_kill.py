"""No acknowledged write is ever lost: not when a writer is killed, not when writers overlap.

The child logs sets one transaction at a time and acknowledges each after its commit. The test
kills it without warning once it has seen enough acknowledgements, reads every acknowledgement the
child managed to print, and reopens the database: every acknowledged set must be there, whole and
exactly as written; at most one more (committed, not yet acknowledged) may follow; nothing else.
Several writers at once must all succeed, none of their sets lost to a lock.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from set_writer import expected_set
from sqlalchemy import func, select, text

from backcoach.store import ensure_schema, make_engine, session_scope, workout
from backcoach.store.tables import SetRow, WorkoutRow

WRITER = Path(__file__).with_name("set_writer.py")
KILL_AFTER = 50  # acknowledgements seen before the kill
# Not a timing assertion: only a guard so that a stuck child fails the test instead of hanging it.
STUCK_S = 120


def _lines(proc: subprocess.Popen[str]) -> list[str]:
    """Lines of the child's output up to KILL_AFTER acks, then SIGKILL, then whatever was left."""
    assert proc.stdout is not None
    seen: list[str] = []
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while sum(line.startswith("ack ") for line in seen) < KILL_AFTER:
            if not selector.select(timeout=STUCK_S):
                proc.kill()
                pytest.fail(f"the writer printed nothing for {STUCK_S} s")
            line = proc.stdout.readline()
            if not line:
                assert proc.stderr is not None
                pytest.fail(f"the writer stopped early: {proc.stderr.read()}")
            seen.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=STUCK_S)
    assert proc.returncode == -signal.SIGKILL
    return seen + rest.split()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_every_acknowledged_set_survives_a_sigkill_and_none_is_half_written(db_url: str) -> None:
    engine = make_engine(db_url)
    ensure_schema(engine)
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), db_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = _lines(proc)
    workout_id = int(lines[0].removeprefix("workout "))
    acks = [int(line.removeprefix("ack ")) for line in lines[1:] if line.startswith("ack ")]
    assert acks == list(range(len(acks)))
    assert len(acks) >= KILL_AFTER

    try:
        with session_scope(engine) as s:
            stored = workout(s, workout_id=workout_id).sets
            orphans = s.scalar(
                select(func.count())
                .select_from(SetRow)
                .outerjoin(WorkoutRow, SetRow.workout_id == WorkoutRow.id)
                .where(WorkoutRow.id.is_(None))
            )
            if engine.dialect.name == "sqlite":
                assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        engine.dispose()
    assert len(acks) <= len(stored) <= len(acks) + 1  # at most the one in flight, committed unacked
    assert list(stored) == [expected_set(n) for n in range(len(stored))]  # every row whole, in order
    assert orphans == 0


WRITERS, SETS_EACH = 3, 30


def test_writers_at_the_same_time_all_succeed_and_lose_nothing(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        ensure_schema(engine)
        procs = [
            subprocess.Popen(
                [sys.executable, str(WRITER), db_url, str(SETS_EACH)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(WRITERS)
        ]
        for proc in procs:  # wait until every writer is ready, then start them together
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outputs = [proc.communicate(timeout=STUCK_S) for proc in procs]
        results = [(p.returncode, err) for p, (_, err) in zip(procs, outputs, strict=True)]
        assert results == [(0, "")] * WRITERS
        workout_ids = {int(out.split()[1]) for out, _ in outputs}
        with session_scope(engine) as s:
            stored = [workout(s, workout_id=i).sets for i in sorted(workout_ids)]
    finally:
        engine.dispose()  # even when an assertion fails: no connection is left for the collector
    assert len(workout_ids) == WRITERS
    assert all(list(sets) == [expected_set(n) for n in range(SETS_EACH)] for sets in stored)
