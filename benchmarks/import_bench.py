"""Import throughput: a generated Strong file (dialect C) of 100,000 sets imported end to end
(detect, parse, match, store, records) on SQLite and PostgreSQL, and peak Python memory as the
file grows (tracemalloc: it must stay flat, since the file is streamed, never read whole).

Each throughput is the median of ``RUNS`` imports into a fresh database. Beside the wall-clock
rate (the issue's figure) the SQLite row is also given per second of this process's CPU time,
with the load average: on the shared 2-core machine other work takes most of the wall clock, and
the CPU figure is what one idle core would give.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from backcoach.app.history_import import import_history
from backcoach.app.uow import UnitOfWork
from backcoach.catalog import curated
from backcoach.store import default_user, ensure_schema, make_engine
from benchmarks.result import Row

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DB = "backcoach_bench_import"
HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"
)
NAMES = (
    "Bent Over Row (Barbell)",
    "Pull Up",
    "Seated Row (Cable)",
    "Romanian Deadlift (Barbell)",
    "Face Pull (Cable)",
    "Lat Pulldown (Cable)",
    "Back Extension",
    "Zercher Carry (Barbell)",  # matches nothing: one of the person's own
)
SETS_PER_WORKOUT = 24
TARGET_SETS_S = 50_000.0
RUNS = 3  # imports per figure, the median reported


def write_strong(path: Path, sets: int, *, seed: int = 2026) -> None:
    """A Strong export with ``sets`` sets, four sessions a week, ending a week ago."""
    rng = random.Random(seed)
    workouts = -(-sets // SETS_PER_WORKOUT)
    start = datetime(2026, 11, 27, 18, 0) - timedelta(days=workouts * 7 / 4)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        written = 0
        for w in range(workouts):
            at = (start + timedelta(days=w * 7 / 4)).strftime("%Y-%m-%d %H:%M:%S")
            for k in range(min(SETS_PER_WORKOUT, sets - written)):
                name = NAMES[(k // 3) % len(NAMES)]
                load = round(40 + rng.random() * 60, 1)
                out.write(
                    f'{at},"Back {w % 3}",1h 5m,"{name}",{k % 3 + 1},{load},{rng.randint(5, 12)},0,0,"","",\n'
                )
            written += min(SETS_PER_WORKOUT, sets - written)


def _median_rate(url_of: Callable[[int], str], path: Path, runs: int) -> tuple[float, float, int]:
    """Median sets/s by wall clock and by this process's CPU time over ``runs`` fresh imports."""
    walls, cpus, imported = [], [], 0
    for n in range(runs):
        seconds, cpu, imported = _import(url_of(n), path)
        walls.append(imported / seconds)
        cpus.append(imported / cpu)
    return statistics.median(walls), statistics.median(cpus), imported


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}"


def _import(url: str, path: Path) -> tuple[float, float, int]:
    """One import into a fresh database: its wall-clock seconds, this process's CPU seconds (both
    over the import alone, not the schema's creation) and the sets it imported."""
    engine = make_engine(url)
    ensure_schema(engine)
    catalog = curated()
    try:
        uow = UnitOfWork(engine)
        user = default_user(uow.session)
        uow.commit()
        begin, cpu = time.perf_counter(), time.process_time()
        with path.open("rb") as source:
            report = import_history(
                uow,
                catalog=catalog,
                user=user,
                source=source,
                name=path.name,
                now=datetime.now(UTC),
                tz="UTC",
                unit="kg",
            )
        return time.perf_counter() - begin, time.process_time() - cpu, report.imported
    finally:
        engine.dispose()


def peak_mib(folder: Path, sets: int) -> float:
    path = folder / f"mem-{sets}.csv"
    write_strong(path, sets)
    curated()  # loaded (and cached) before tracing: the catalogue is no part of the file's cost
    tracemalloc.start()
    try:
        _import(f"sqlite:///{folder / f'mem-{sets}.db'}", path)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def run(quick: bool = False, *, postgres: bool = True) -> list[Row]:
    sets = 20_000 if quick else 100_000
    runs = 1 if quick else RUNS
    folder = Path(tempfile.mkdtemp(prefix="backcoach-import-bench-"))
    path = folder / "strong.csv"
    write_strong(path, sets)
    wall, cpu, imported = _median_rate(lambda n: f"sqlite:///{folder / f'bench-{n}.db'}", path, runs)
    load = _load()
    rows = [
        Row(f"import: Strong file, {imported:,} sets, SQLite (sets/s, {load})", wall, TARGET_SETS_S, True),
        Row(f"import: the same, per CPU second of this process (sets/s, {load})", cpu, TARGET_SETS_S, True),
    ]
    large = 40_000 if quick else 100_000
    small, big = peak_mib(folder, 10_000), peak_mib(folder, large)
    rows.append(Row(f"import: peak memory growth, 10,000 -> {large:,} sets (x)", big / small, 1.5))
    if not postgres:
        return rows
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
    except Exception as exc:
        print(f"PostgreSQL not reachable ({type(exc).__name__}); SQLite only")
        return rows

    def fresh(_: int) -> str:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
            c.execute(text(f"CREATE DATABASE {PG_DB}"))
        return PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_DB}"

    try:
        wall, _, imported = _median_rate(fresh, path, runs)
        rows.append(
            Row(
                f"import: Strong file, {imported:,} sets, PostgreSQL (sets/s, {_load()})",
                wall,
                TARGET_SETS_S,
                True,
                recorded=True,  # issue 12 holds SQLite to the target and asks for this figure too
            )
        )
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
        admin.dispose()
    return rows


if __name__ == "__main__":
    for row in run(quick=False):
        print(f"{row.name}: {row.measured:,.2f} (target {row.target:,.2f}) {'ok' if row.ok else 'MISS'}")
