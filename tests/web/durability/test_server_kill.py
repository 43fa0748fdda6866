"""No acknowledged write is lost when the server dies: a SIGKILL right after a random acknowledged
write, then a restart on the same database, round after round.

Sixteen connections log sets (``POST /api/v1/sets``) to one workout, each request with its own
``Idempotency-Key``. In each round, the moment the server's answer to the round's k-th set
arrives (k drawn at random), the server gets SIGKILL, with the other connections' requests in
flight: some not read yet, some in their transaction, some committed but not yet answered. The
same ``backcoach serve`` is started again on the same database, and every request left without an
answer is sent again with its key, as a client that lost the answer would: it gets the first
answer back if its write had committed, or it runs now.

In the end, read from the database itself: every acknowledged set is there exactly once and whole
(every field as sent), nothing else is there, positions in the workout run without a gap, every
key has its recorded answer (none claimed without one), and SQLite's integrity check passes.

Size: ``BACKCOACH_KILL_ROUNDS`` and ``BACKCOACH_KILL_WRITES`` (acknowledged writes over all rounds),
15 and 3,000 per database by default; ``make soak`` runs a bigger one. ``BACKCOACH_KILL_SEED``
picks the kill points. The figures are printed (``pytest -s``).
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import random
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from benchmarks.live import Answer, read_response
from served import STUCK_S, Served, past, run_apart
from sqlalchemy import func, select, text

from backcoach.sessions import LoggedSet
from backcoach.store import default_user, make_engine, session_scope, start_workout, workout
from backcoach.store.tables import IdempotencyRow, SetRow, WorkoutRow

CONNECTIONS = 16
ROUNDS = int(os.environ.get("BACKCOACH_KILL_ROUNDS", "15"))
WRITES = int(os.environ.get("BACKCOACH_KILL_WRITES", "3000"))
SEED = int(os.environ.get("BACKCOACH_KILL_SEED", "20261204"))
EXERCISE = "dumbbell-shrug"  # a loaded exercise: each set also updates the strength records
BASE = past(days=30)  # set n was done at BASE + n seconds: its identity in the log


def _set_body(n: int, workout_id: int) -> bytes:
    """The n-th set: every field depends on n, so a row mixing two requests would show."""
    at = BASE + timedelta(seconds=n)
    one = {"reps": 1 + n % 20, "load_kg": 2.5 + n % 80 / 2, "rir": n % 5}
    return json.dumps(
        {"exercise_id": EXERCISE, "workout_id": workout_id, "at": at.isoformat(), "sets": [one]}
    ).encode()


def _expected(n: int) -> tuple[Any, ...]:
    return (
        EXERCISE,
        BASE + timedelta(seconds=n),
        1 + n % 20,
        2.5 + n % 80 / 2,
        float(n % 5),
        "working",
        "kg",
    )


def _fields(logged: LoggedSet) -> tuple[Any, ...]:
    return (
        logged.exercise_id,
        logged.performed_at,
        logged.reps,
        logged.load_kg,
        logged.rir,
        logged.set_type.value,
        logged.entered_unit,
    )


def _number(logged: LoggedSet) -> int:
    return round((logged.performed_at - BASE).total_seconds())


@dataclass
class Ledger:
    """What the clients sent and what they were told."""

    served: Served
    workout_id: int
    session: tuple[str, str]
    sent: int = 0  # sets 0 .. sent-1 were sent
    acknowledged: set[int] = field(default_factory=set)
    first_time: int = 0  # acknowledged by the server they were first sent to
    unanswered: set[int] = field(default_factory=set)
    in_flight_at_kills: int = 0
    committed_unanswered: int = 0  # sent again after a kill: the first answer came back
    restarting_s: float = 0.0  # time spent starting the server again (imports, migrations)
    problems: list[str] = field(default_factory=list)

    def request(self, n: int) -> bytes:
        return self.served.request(
            "POST",
            "/api/v1/sets",
            session=self.session,
            body=_set_body(n, self.workout_id),
            headers={"Idempotency-Key": f"kill-{n}"},
        )

    def take(self, n: int, answer: Answer) -> None:
        """An answer to set n: acknowledged when it is a 201 carrying the set as sent."""
        if answer.status != 201:
            self.problems.append(f"set {n}: HTTP {answer.status} {answer.body[:300]!r}")
            return
        body = json.loads(answer.body)
        got = body["sets"][0]
        told = (body["workout_id"], datetime.fromisoformat(got["performed_at"]), got["reps"], got["load_kg"])
        if (*told, got["rir"]) != (self.workout_id, *_expected(n)[1:5]):
            self.problems.append(f"set {n}: answered {told}")
            return
        self.unanswered.discard(n)
        self.acknowledged.add(n)


async def _round(ledger: Ledger, kill_after: int) -> None:
    """Log sets over CONNECTIONS connections; SIGKILL the server on the kill_after-th answer."""
    served = ledger.served
    acks = 0
    killed = False

    async def connection() -> None:
        nonlocal acks, killed
        reader, writer = await asyncio.open_connection(served.host, served.port)
        try:
            while not killed and not ledger.problems:
                n = ledger.sent
                ledger.sent += 1
                ledger.unanswered.add(n)
                writer.write(ledger.request(n))
                try:
                    answer = await asyncio.wait_for(read_response(reader), STUCK_S)
                except (ConnectionError, asyncio.IncompleteReadError):
                    if killed:
                        return  # no answer: set n stays unanswered, to be sent again
                    raise
                # An answer read after the kill was still sent before it: it counts all the same.
                ledger.take(n, answer)
                if n in ledger.acknowledged:
                    ledger.first_time += 1
                    acks += 1
                if acks >= kill_after and not killed:
                    killed = True
                    ledger.in_flight_at_kills += len(ledger.unanswered)
                    served.kill()
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))


async def _send_again(ledger: Ledger) -> None:
    """Every unanswered set again, with its key, over CONNECTIONS connections."""
    served = ledger.served
    todo = sorted(ledger.unanswered)

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(served.host, served.port)
        try:
            while todo and not ledger.problems:
                n = todo.pop()
                writer.write(ledger.request(n))
                answer = await asyncio.wait_for(read_response(reader), STUCK_S)
                if answer.headers.get("idempotent-replayed") == "true":
                    ledger.committed_unanswered += 1
                ledger.take(n, answer)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(min(CONNECTIONS, len(todo)))))


def _open_workout(served: Served) -> int:
    engine = make_engine(served.database_url)
    try:
        with session_scope(engine) as s:
            user_id = default_user(s).id
            return start_workout(s, user_id=user_id, started_at=BASE - timedelta(minutes=1))
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Stored:
    sets: list[LoggedSet]
    positions: list[int]
    keys: dict[str, int]  # idempotency key -> recorded status
    orphans: int
    integrity: str


def _stored(database_url: str, workout_id: int) -> Stored:
    engine = make_engine(database_url)
    try:
        with session_scope(engine, readonly=True) as s:
            sets = list(workout(s, workout_id=workout_id).sets)
            positions = list(
                s.scalars(
                    select(SetRow.position).where(SetRow.workout_id == workout_id).order_by(SetRow.position)
                )
            )
            keys = dict(s.execute(select(IdempotencyRow.key, IdempotencyRow.status)).all())
            orphans = s.scalar(
                select(func.count())
                .select_from(SetRow)
                .outerjoin(WorkoutRow, SetRow.workout_id == WorkoutRow.id)
                .where(WorkoutRow.id.is_(None))
            )
            sqlite = engine.dialect.name == "sqlite"
            integrity = s.execute(text("PRAGMA integrity_check")).scalar() if sqlite else "ok"
    finally:
        engine.dispose()
    return Stored(sets, positions, keys, int(orphans or 0), str(integrity))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_every_acknowledged_set_survives_sigkills_of_the_server_exactly_once(
    kind: str, served: Served
) -> None:
    rng = random.Random(SEED)
    per_round = math.ceil(WRITES / ROUNDS)
    ledger = Ledger(served, _open_workout(served), served.session())
    started = time.monotonic()
    for _ in range(ROUNDS):
        run_apart(_round(ledger, kill_after=rng.randint(per_round, per_round + per_round // 4)))
        if ledger.problems:
            break
        restarted = time.monotonic()
        served.start()  # the same command on the same database, as after a crash
        ledger.restarting_s += time.monotonic() - restarted
        run_apart(_send_again(ledger))
    took = time.monotonic() - started
    log = served.process.log()
    served.kill()
    stored = _stored(served.database_url, ledger.workout_id)

    numbers = Counter(_number(s) for s in stored.sets)
    print(
        f"\nserver kill ({kind}): {ROUNDS} rounds, {ledger.first_time} sets acknowledged before a kill "
        f"+ {len(ledger.acknowledged) - ledger.first_time} sent again after one "
        f"({ledger.in_flight_at_kills} in flight at the kills, {ledger.committed_unanswered} of them "
        f"committed unanswered); {len(stored.sets)} stored, "
        f"{len(ledger.acknowledged - numbers.keys())} lost; {took:.0f} s, {ledger.restarting_s:.0f} s of it "
        "restarting"
    )
    assert ledger.problems == []
    assert ledger.first_time >= ROUNDS * per_round >= WRITES  # the size promised
    assert ledger.in_flight_at_kills > 0  # the kills did catch requests in flight
    assert sorted(ledger.acknowledged - numbers.keys()) == []  # none acknowledged is lost
    assert [n for n, count in numbers.items() if count > 1] == []  # none stored twice
    assert ledger.unanswered == set()  # every request sent again got its answer...
    assert numbers.keys() == ledger.acknowledged == set(range(ledger.sent))  # ...and nothing else
    assert [n for s in stored.sets if _fields(s) != _expected(n := _number(s))] == []  # all whole
    assert stored.positions == list(range(len(stored.sets)))
    assert stored.keys == {f"kill-{n}": 201 for n in range(ledger.sent)}  # no key without its answer
    assert stored.orphans == 0
    assert stored.integrity == "ok"
    assert "Traceback" not in log, log[-3000:]
